import type { Category, FindingDraft, ReportDoc, RuleId, Severity } from '../model';
import type { CrossFileSource, DupHit } from '../dup/detect';
import type { Lineage } from '../dup/local';
import type { Segmenter } from '../segment';
import type { LineIndex } from '../text/lineIndex';

export interface RuleMeta {
  readonly id: RuleId;
  readonly category: Category;
  readonly defaultSeverity: Severity;
  readonly fixable: boolean;
  readonly docs: { readonly zh: string; readonly en: string };
  /** The rule needs word segmentation; without a segmenter it waits (see engine.ts). */
  readonly needsSegmenter?: boolean;
  /** The rule also compares the document with other documents (`RuleContext.corpus`). */
  readonly crossFile?: boolean;
}

/** What a rule may read besides the document. */
export interface RuleContext {
  readonly lines: LineIndex;
  /** Other documents, for cross-file checks. */
  readonly corpus?: CrossFileSource;
  /** This document's key in the corpus (its URI or path). */
  readonly uri?: string;
  readonly segmenter?: Segmenter;
  /** Set by the editor: this document is a new version of `previous`, whose work may be reused. */
  readonly lineage?: Lineage;
  /**
   * False when nothing will read the findings' fixes (the CLI's workers, for a report that shows
   * none): the engine keeps none, and a rule whose fixes are costly to make may skip making them.
   */
  readonly fixes?: boolean;
}

/** A rule reads the model and reports; the engine decides severity, validity and order. */
export interface Rule {
  readonly meta: RuleMeta;
  check(doc: ReportDoc, report: (finding: FindingDraft) => void, options: Readonly<Record<string, unknown>>, ctx: RuleContext): void;
  /**
   * Cross-file rules: what `check` reports of the copies found in other documents, from those
   * hits and the text alone (the CLI's main thread finds them and holds no parse of the file).
   */
  reportCrossFile?(text: string, hits: readonly DupHit[], report: (finding: FindingDraft) => void, options: Readonly<Record<string, unknown>>, lines: LineIndex): void;
}
