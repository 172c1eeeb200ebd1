import { mergeConfigs, type LintConfig, type RuleSetting } from './config';
import type { RuleId } from './model';
import { RULES } from './rules';

/**
 * The built-in presets a config file can extend.
 *
 * - `recommended`: every rule at its default severity — what runs without any config.
 * - `strict`: for the last check before printing: every warning becomes an error, and the
 *   duplicate rules look for shorter and looser copies.
 */
export function preset(name: string): LintConfig {
  const defaults = Object.fromEntries(RULES.map((r) => [r.meta.id, r.meta.defaultSeverity])) as Record<RuleId, RuleSetting>;
  if (name === 'recommended') return { rules: defaults };
  if (name === 'strict') {
    const rules = Object.fromEntries(RULES.map((r) => [r.meta.id, r.meta.defaultSeverity === 'warning' ? 'error' : r.meta.defaultSeverity])) as Record<RuleId, RuleSetting>;
    rules['duplicate-paragraph'] = ['error', { threshold: 0.8, minParagraphLength: 15 }];
    rules['duplicate-passage'] = ['error', { minPassageLength: 20 }];
    return { rules };
  }
  throw new Error(`unknown preset ${name}`);
}

/** A config with its `extends` expanded: the preset's rules, then the config's own. */
export function resolveConfig(config: LintConfig | undefined): LintConfig {
  if (!config) return {};
  const merged = mergeConfigs(config.extends ? preset(config.extends) : undefined, config);
  return { rules: merged.rules, ignores: config.ignores };
}
