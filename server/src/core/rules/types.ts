import type { Category, FindingDraft, Paragraph, ReportDoc, RuleId, Severity } from '../model';
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
  /**
   * The rule needs word segmentation; without a segmenter it waits (see engine.ts). Only such a
   * rule reads `RuleContext.segmenter`: the others' findings carry over when one loads.
   */
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
   * Rules that judge each paragraph on its own text: what `check` reports, for `paragraphs` only.
   * A finding of such a rule lies in one paragraph (its fix and related spans too), and what it
   * finds there depends on that paragraph's text alone, besides the options and the segmenter —
   * not on where the paragraph stands nor on the text around it. In the editor the engine runs it
   * on the paragraphs an edit touched and carries the others' findings over (engine.ts).
   */
  checkParagraphs?(doc: ReportDoc, paragraphs: readonly Paragraph[], report: (finding: FindingDraft) => void, options: Readonly<Record<string, unknown>>, ctx: RuleContext): void;
  /**
   * A paragraph rule's other checks, those that read more than one paragraph: `check` runs them
   * after `checkParagraphs`, and so does the engine in the editor, on every version.
   */
  checkDocument?(doc: ReportDoc, report: (finding: FindingDraft) => void, options: Readonly<Record<string, unknown>>, ctx: RuleContext): void;
  /**
   * Cross-file rules: what `check` reports of the copies found in other documents, from those
   * hits and the text alone (the CLI's main thread finds them and holds no parse of the file).
   */
  reportCrossFile?(text: string, hits: readonly DupHit[], report: (finding: FindingDraft) => void, options: Readonly<Record<string, unknown>>, lines: LineIndex): void;
}

/**
 * A rule that judges each paragraph on its own text (Rule.checkParagraphs), with other checks over
 * the document or not (Rule.checkDocument): `check` runs it on them all, then the others.
 */
export function paragraphRule(meta: RuleMeta, checkParagraphs: NonNullable<Rule['checkParagraphs']>, checkDocument?: Rule['checkDocument']): Rule {
  return {
    meta,
    check: (doc, report, options, ctx) => {
      checkParagraphs(doc, doc.paragraphs, report, options, ctx);
      checkDocument?.(doc, report, options, ctx);
    },
    checkParagraphs,
    checkDocument,
  };
}
