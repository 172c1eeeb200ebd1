import type { Finding, FindingDraft, Fix, ReportDoc, RuleId, Severity } from './model';
import type { DupHit } from './dup/detect';
import type { LineIndex } from './text/lineIndex';
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
  const out = new Collector(doc.text.length, ctx.fixes !== false);
  for (const rule of rules) {
    const level = ruleLevel(config, rule.meta.id, rule.meta.defaultSeverity);
    if (level === 'off') continue;
    if (rule.meta.needsSegmenter && !ctx.segmenter) {
      out.pending.push(rule.meta.id);
      continue;
    }
    out.run(rule, level, (report) => rule.check(doc, report, ruleOptions(config, rule.meta.id), ctx));
  }
  return out.result();
}

/**
 * The cross-file rules' findings on copies found in other documents, from the hits alone: the
 * CLI's main thread, which holds only the text of each file, adds them to what the file's worker
 * found (`runRules` without a corpus). `hits` gives each rule the hits for its options.
 */
export function runCrossFileRules(text: string, lines: LineIndex, rules: readonly Rule[], hits: (rule: RuleId) => readonly DupHit[], config: LintConfig | undefined): EngineResult {
  const out = new Collector(text.length, true);
  for (const rule of rules) {
    if (!rule.reportCrossFile) continue;
    const level = ruleLevel(config, rule.meta.id, rule.meta.defaultSeverity);
    if (level === 'off') continue;
    const found = hits(rule.meta.id);
    if (found.length > 0) out.run(rule, level, (report) => rule.reportCrossFile!(text, found, report, ruleOptions(config, rule.meta.id), lines));
  }
  return out.result();
}

/** Findings as rules report them, made whole (severity, category) and checked. */
class Collector {
  readonly findings: Finding[] = [];
  readonly failures: RuleFailure[] = [];
  readonly pending: RuleId[] = [];
  // Findings of one series share one fix (renumber them all): its edits are checked once, not per finding.
  private readonly checked = new Map<Fix, boolean>();

  constructor(
    private readonly length: number,
    /** Findings keep their fixes (RuleContext.fixes); a fix is checked either way. */
    private readonly fixes: boolean,
  ) {}

  run(rule: Rule, level: Severity, check: (report: (draft: FindingDraft) => void) => void): void {
    const { id, category } = rule.meta;
    const { findings, length, fixes } = this;
    // A repeat of a finding (same span, same message) is dropped. Looked up by number: the first
    // draft at each start; further ones at that start by a string key. (A string key per finding
    // was most of the cost here: ~1.2 us each, 3,800 findings per version of a 1 MB report.)
    const firstAt = new Map<number, FindingDraft>();
    const more = new Set<string>();
    const repeated = (draft: FindingDraft): boolean => {
      const { start, end } = draft.span;
      const key = draft.message.key;
      const first = firstAt.get(start);
      if (first === undefined) {
        firstAt.set(start, draft);
        return false;
      }
      if (first.span.end === end && first.message.key === key) return true;
      const other = `${start}:${end}:${key}`;
      if (more.has(other)) return true;
      more.add(other);
      return false;
    };
    const report = (draft: FindingDraft): void => {
      const { start, end } = draft.span;
      if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= length)) return;
      if (draft.fix && !this.validFix(draft.fix)) return;
      if (repeated(draft)) return;
      // One shape for every finding (a spread of the draft made one per combination of its fields).
      findings.push({ rule: id, category, severity: draft.severity ?? level, span: draft.span, message: draft.message, related: draft.related ?? [], fix: fixes ? draft.fix : undefined, detail: draft.detail });
    };
    try {
      check(report);
    } catch (e) {
      this.failures.push({ rule: id, error: e instanceof Error ? e.message : String(e) });
    }
  }

  result(): EngineResult {
    this.findings.sort(byPosition);
    return { findings: this.findings, failures: this.failures, pending: this.pending };
  }

  private validFix(fix: Fix): boolean {
    let ok = this.checked.get(fix);
    if (ok === undefined) this.checked.set(fix, (ok = fix.edits.every((e) => e.span.start >= 0 && e.span.start <= e.span.end && e.span.end <= this.length)));
    return ok;
  }
}

export function byPosition(a: Finding, b: Finding): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || a.rule.localeCompare(b.rule);
}
