import type { Category, FindingDraft, ReportDoc, RuleId, Severity } from '../model';

export interface RuleMeta {
  readonly id: RuleId;
  readonly category: Category;
  readonly defaultSeverity: Severity;
  readonly fixable: boolean;
  readonly docs: { readonly zh: string; readonly en: string };
}

/** A rule reads the model and reports; the engine decides severity, validity and order. */
export interface Rule {
  readonly meta: RuleMeta;
  check(doc: ReportDoc, report: (finding: FindingDraft) => void, options: Readonly<Record<string, unknown>>): void;
}
