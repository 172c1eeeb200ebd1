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

/** What an option takes: a number or a whole number in a range, or a severity. */
export interface OptionSpec {
  readonly kind: 'number' | 'integer' | 'severity';
  readonly min?: number;
  readonly max?: number;
}

const CROSS_FILE_SEVERITY: OptionSpec = { kind: 'severity' };

/**
 * The options each rule takes (the duplicate rules read theirs through `dupOptions`; the schema
 * and the README say the same). A rule not named here takes none.
 */
export const RULE_OPTIONS: Readonly<Partial<Record<RuleId, Readonly<Record<string, OptionSpec>>>>> = {
  'duplicate-paragraph': {
    threshold: { kind: 'number', min: 0.5, max: 1 },
    minParagraphLength: { kind: 'integer', min: 5, max: 10000 },
    crossFileSeverity: CROSS_FILE_SEVERITY,
  },
  'duplicate-passage': { minPassageLength: { kind: 'integer', min: 10, max: 10000 }, crossFileSeverity: CROSS_FILE_SEVERITY },
};

/** What is wrong with an option's value, or undefined when it is right. */
export function optionProblem(spec: OptionSpec, value: unknown): string | undefined {
  if (spec.kind === 'severity') return value === 'error' || value === 'warning' || value === 'info' || value === 'hint' ? undefined : 'must be one of error, warning, info, hint';
  const ok = typeof value === 'number' && (spec.kind === 'number' ? Number.isFinite(value) : Number.isInteger(value)) && value >= spec.min! && value <= spec.max!;
  return ok ? undefined : `must be a ${spec.kind === 'integer' ? 'whole number' : 'number'} from ${spec.min} to ${spec.max}`;
}

function optionsProblems(id: string, options: object): string[] {
  const specs = RULE_OPTIONS[id as RuleId] ?? {};
  const known = Object.keys(specs);
  return Object.entries(options).flatMap(([name, value]) => {
    const spec = specs[name];
    if (!spec) return [known.length ? `unknown option ${name} (options: ${known.join(', ')})` : `unknown option ${name} (the rule takes none)`];
    const problem = optionProblem(spec, value);
    return problem ? [`${name} ${problem}`] : [];
  });
}

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
    if (Array.isArray(setting) && (setting.length !== 2 || typeof setting[1] !== 'object' || setting[1] === null || Array.isArray(setting[1]))) {
      errors.push({ key, message: 'must be [level, {options}]' });
    } else if (Array.isArray(setting) && id in RULE_CATEGORIES) {
      for (const message of optionsProblems(id, setting[1] as object)) errors.push({ key, message });
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
