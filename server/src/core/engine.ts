import type { Finding, FindingDraft, Fix, ReportDoc, RuleId } from './model';
import type { Rule, RuleContext } from './rules/types';
import { ruleLevel, ruleOptions, type LintConfig } from './config';

export interface RuleFailure {
  readonly rule: RuleId;
  readonly error: string;
}

export interface EngineResult {
  readonly findings: Finding[];
  readonly failures: RuleFailure[];
  /** Enabled rules that need the segmenter and did not run because none was given. */
  readonly pending: RuleId[];
}

/**
 * Runs the enabled rules over one parsed document. Rules only report; here findings get their
 * severity and category, spans are validated (a finding outside the text is dropped), repeats are
 * dropped, and the rest is sorted by position. A rule that throws is recorded once in `failures`
 * and the others still run.
 */
export function runRules(doc: ReportDoc, rules: readonly Rule[], config: LintConfig | undefined, ctx: RuleContext): EngineResult {
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  const pending: RuleId[] = [];
  const seen = new Set<string>();
  const length = doc.text.length;
  // Findings of one series share one fix (renumber them all): its edits are checked once, not per finding.
  const checked = new Map<Fix, boolean>();
  const validFix = (fix: Fix): boolean => {
    let ok = checked.get(fix);
    if (ok === undefined) checked.set(fix, (ok = fix.edits.every((e) => e.span.start >= 0 && e.span.start <= e.span.end && e.span.end <= length)));
    return ok;
  };
  for (const rule of rules) {
    const { id, category, defaultSeverity } = rule.meta;
    const level = ruleLevel(config, id, defaultSeverity);
    if (level === 'off') continue;
    if (rule.meta.needsSegmenter && !ctx.segmenter) {
      pending.push(id);
      continue;
    }
    const report = (draft: FindingDraft): void => {
      const { start, end } = draft.span;
      if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= length)) return;
      if (draft.fix && !validFix(draft.fix)) return;
      const key = `${id}:${start}:${end}:${draft.message.key}`;
      if (seen.has(key)) return;
      seen.add(key);
      findings.push({ ...draft, rule: id, category, severity: draft.severity ?? level, related: draft.related ?? [] });
    };
    try {
      rule.check(doc, report, ruleOptions(config, id), ctx);
    } catch (e) {
      failures.push({ rule: id, error: e instanceof Error ? e.message : String(e) });
    }
  }
  findings.sort(byPosition);
  return { findings, failures, pending };
}

export function byPosition(a: Finding, b: Finding): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || a.rule.localeCompare(b.rule);
}
