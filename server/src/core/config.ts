import { RULE_CATEGORIES, type RuleId, type Severity } from './model';

/**
 * Lint configuration: per-rule severity (or off) and options. Defaults come from each rule's
 * metadata; a preset (`extends`), the config file and the editor's settings are merged over them,
 * later sources winning.
 *
 *     { "extends": "recommended",
 *       "rules": { "heading-style": "off", "duplicate-paragraph": ["warning", { "threshold": 0.9 }] },
 *       "ignores": ["drafts/**"] }
 */
export type RuleLevel = Severity | 'off';
export type RuleSetting = RuleLevel | readonly [RuleLevel, Readonly<Record<string, unknown>>];

export interface LintConfig {
  /** A built-in preset the rules are merged over (see presets.ts). */
  readonly extends?: string;
  readonly rules?: Readonly<Partial<Record<RuleId, RuleSetting>>>;
  /** gitignore-style patterns, relative to the config file's folder, of files not to lint. */
  readonly ignores?: readonly string[];
}

/** The built-in presets `extends` may name. */
export const PRESET_NAMES = ['recommended', 'strict'] as const;

export interface ConfigError {
  readonly key: string;
  readonly message: string;
}

const LEVELS = new Set(['error', 'warning', 'info', 'hint', 'off']);

/** Checks a parsed JSON value; returns the errors found with the key they are at. */
export function validateConfig(value: unknown): ConfigError[] {
  const errors: ConfigError[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ key: '', message: 'must be an object' }];
  for (const key of Object.keys(value)) {
    if (key !== 'extends' && key !== 'rules' && key !== 'ignores' && key !== '$schema') errors.push({ key, message: 'unknown key (expected extends, rules, ignores)' });
  }
  const { extends: preset, ignores } = value as { extends?: unknown; ignores?: unknown };
  if (preset !== undefined && !(PRESET_NAMES as readonly unknown[]).includes(preset)) errors.push({ key: 'extends', message: `must be one of ${PRESET_NAMES.join(', ')}` });
  if (ignores !== undefined && (!Array.isArray(ignores) || ignores.some((g) => typeof g !== 'string'))) errors.push({ key: 'ignores', message: 'must be an array of glob strings' });
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

/** A config that switches the given rules off (merged over another, it leaves the rest as they are). */
export function rulesOff(ids: Iterable<RuleId>): LintConfig {
  return { rules: Object.fromEntries([...ids].map((id) => [id, 'off'])) };
}

export function ruleOptions(config: LintConfig | undefined, id: RuleId): Readonly<Record<string, unknown>> {
  const s = config?.rules?.[id];
  return Array.isArray(s) ? (s[1] as Record<string, unknown>) : {};
}

/**
 * Later configs override earlier ones rule by rule. A later setting that gives only a level keeps
 * the options an earlier one gave (`"warning"` over `["error", {threshold: 0.9}]` keeps the
 * threshold); one that gives options replaces them.
 */
export function mergeConfigs(...configs: (LintConfig | undefined)[]): LintConfig {
  const rules: Partial<Record<RuleId, RuleSetting>> = {};
  for (const c of configs) {
    for (const [id, setting] of Object.entries(c?.rules ?? {}) as [RuleId, RuleSetting][]) {
      const before = rules[id];
      rules[id] = typeof setting === 'string' && Array.isArray(before) && setting !== 'off' ? [setting, before[1]] : setting;
    }
  }
  return { rules };
}
