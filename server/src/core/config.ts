import { RULE_CATEGORIES, type RuleId, type Severity } from './model';

/**
 * Lint configuration: per-rule severity (or off) and options. Defaults come from each rule's
 * metadata; settings and config files are merged over them, later sources winning.
 *
 *     { "rules": { "heading-style": "off", "heading-sequence": ["warning", {}] } }
 */
export type RuleLevel = Severity | 'off';
export type RuleSetting = RuleLevel | readonly [RuleLevel, Readonly<Record<string, unknown>>];

export interface LintConfig {
  readonly rules?: Readonly<Partial<Record<RuleId, RuleSetting>>>;
}

export interface ConfigError {
  readonly key: string;
  readonly message: string;
}

const LEVELS = new Set(['error', 'warning', 'info', 'hint', 'off']);

/** Checks a parsed JSON value; returns the errors found with the key they are at. */
export function validateConfig(value: unknown): ConfigError[] {
  const errors: ConfigError[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ key: '', message: 'must be an object' }];
  const rules = (value as { rules?: unknown }).rules;
  if (rules === undefined) return errors;
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) return [{ key: 'rules', message: 'must be an object' }];
  for (const [id, setting] of Object.entries(rules)) {
    const key = `rules.${id}`;
    if (!(id in RULE_CATEGORIES)) errors.push({ key, message: 'unknown rule id' });
    const level = Array.isArray(setting) ? setting[0] : setting;
    if (typeof level !== 'string' || !LEVELS.has(level)) errors.push({ key, message: 'must be one of error, warning, info, hint, off' });
    if (Array.isArray(setting) && (setting.length !== 2 || typeof setting[1] !== 'object' || setting[1] === null)) {
      errors.push({ key, message: 'must be [level, {options}]' });
    }
  }
  return errors;
}

export function ruleLevel(config: LintConfig | undefined, id: RuleId, fallback: Severity): RuleLevel {
  const s = config?.rules?.[id];
  if (s === undefined) return fallback;
  return typeof s === 'string' ? s : s[0];
}

export function ruleOptions(config: LintConfig | undefined, id: RuleId): Readonly<Record<string, unknown>> {
  const s = config?.rules?.[id];
  return Array.isArray(s) ? (s[1] as Record<string, unknown>) : {};
}

/** Later configs override earlier ones rule by rule. */
export function mergeConfigs(...configs: (LintConfig | undefined)[]): LintConfig {
  const rules: Partial<Record<RuleId, RuleSetting>> = {};
  for (const c of configs) if (c?.rules) Object.assign(rules, c.rules);
  return { rules };
}
