/**
 * The analysis core: `analyze(text)` is the API boundary every front end calls. Pure: no editor,
 * no file system, no process.
 */
import type { Finding, ReportDoc, RuleId } from './model';
import { lineIndexOf, parseReport, type ParseOptions } from './parse/outline';
import { runCrossFileRules, runRules, sortByPosition, type RuleFailure } from './engine';
import { RULES, type Rule } from './rules';
import type { LintConfig } from './config';
import type { CrossFileSource, DupHit } from './dup/detect';
import type { Lineage } from './dup/local';
import type { Segmenter } from './segment';
import { LineIndex } from './text/lineIndex';
import { applyDirectives } from './directives';
import { whileEditedFrom } from './memo';

export interface AnalyzeOptions extends ParseOptions {
  readonly config?: LintConfig;
  /** Other documents, for cross-file duplicates. */
  readonly corpus?: CrossFileSource;
  /** This document's key in the corpus. */
  readonly uri?: string;
  /** Without one, the rules that need word segmentation wait (`pending`). */
  readonly segmenter?: Segmenter;
  /**
   * The editor's: the document is a version of a document being edited, `previous` the version
   * it was edited from. Work on the paragraphs the edit did not touch is carried over.
   */
  readonly lineage?: Lineage;
  /** False: nothing will read the findings' fixes (see RuleContext.fixes). */
  readonly fixes?: boolean;
}

export interface Analysis {
  readonly doc: ReportDoc;
  readonly findings: readonly Finding[];
  readonly failures: readonly RuleFailure[];
  /** Rules that still wait for the segmenter (the server analyses the document again once it is loaded). */
  readonly pending: readonly RuleId[];
  readonly lines: LineIndex;
  /** Findings switched off by `<!-- report-lint-disable … -->` comments. */
  readonly disabled: number;
}

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  return analyzeDoc(parseReport(text, options), options);
}

/** The rules over an already parsed document (the CLI parses every file first to fill the corpus). */
export function analyzeDoc(doc: ReportDoc, options: AnalyzeOptions = {}): Analysis {
  const lines = lineIndexOf(doc);
  // Derivations the rules compute meanwhile may take over the previous version's (the figures).
  return whileEditedFrom(doc, options.lineage?.previous, () => ({ doc, lines, ...runWithDirectives(doc, lines, RULES, options) }));
}

/** `rules` over `doc`, their findings with the document's disable comments applied. */
function runWithDirectives(doc: ReportDoc, lines: LineIndex, rules: readonly Rule[], options: AnalyzeOptions): Omit<Analysis, 'doc' | 'lines'> {
  const result = runRules(doc, rules, options.config, { lines, corpus: options.corpus, uri: options.uri, segmenter: options.segmenter, lineage: options.lineage, fixes: options.fixes });
  const { findings, disabled } = applyDirectives(doc.text, lines, result.findings);
  return { ...result, findings, disabled };
}

/**
 * The rules an analysis without a segmenter left `pending`, run now with one: their findings (with
 * the document's disable comments applied) to be added to that analysis's. The CLI's workers go on
 * linting while nodejieba loads in its own thread, and run these once it has.
 */
export function analyzePending(doc: ReportDoc, lines: LineIndex, pending: readonly RuleId[], options: AnalyzeOptions & { readonly segmenter: Segmenter }): Omit<Analysis, 'doc' | 'lines'> {
  return runWithDirectives(doc, lines, RULES.filter((r) => pending.includes(r.meta.id)), options);
}

const RULE_ORDER = new Map(RULES.map((r, i) => [r.meta.id, i]));

/** What an analysis (or a CLI worker's result for a file) says besides the document. */
interface Said {
  readonly findings: readonly Finding[];
  readonly failures: readonly RuleFailure[];
  readonly pending: readonly RuleId[];
  readonly disabled: number;
}

/**
 * An analysis made without a segmenter, with what `analyzePending` then found added: what one
 * analysis with the segmenter would have said. Findings by position (ties, which only one rule's
 * findings can make, in the order it reported them), failures in the order of the rules.
 */
export function withPending<T extends Said>(a: T, more: Said): T {
  return {
    ...a,
    findings: more.findings.length > 0 ? sortByPosition([...a.findings, ...more.findings]) : a.findings,
    failures: more.failures.length > 0 ? [...a.failures, ...more.failures].sort((x, y) => RULE_ORDER.get(x.rule)! - RULE_ORDER.get(y.rule)!) : a.failures,
    pending: more.pending,
    disabled: a.disabled + more.disabled,
  };
}

/**
 * The cross-file rules' findings on copies found in other documents (`hits` per rule), without a
 * parse of the file: the CLI's main thread adds them to what the file's worker found.
 */
export function crossFileFindings(text: string, lines: LineIndex, hits: (rule: RuleId) => readonly DupHit[], config: LintConfig | undefined): Omit<Analysis, 'doc' | 'lines'> {
  const result = runCrossFileRules(text, lines, RULES, hits, config);
  const { findings, disabled } = applyDirectives(text, lines, result.findings);
  return { ...result, findings, disabled };
}

export * from './model';
export { lineIndexOf, parseReport } from './parse/outline';
export { LineIndex, type Position, type Range } from './text/lineIndex';
export { isSection, outlineNodes, renderOutlineText, type OutlineNode } from './features/outline';
export { displayName } from './rules/dupShared';
export { DEFAULT_DUP_OPTIONS, type DupOptions } from './dup/normalize';
export { DEFAULT_CROSS_FILE_SEVERITY } from './rules/dupShared';
export { folds, type Fold } from './features/folding';
export { selectionChain } from './features/selection';
export { figureHover, findingsHover } from './features/hover';
export { charsIn, outlineAsText, renderStatistics, statistics, type ReportStatistics } from './features/stats';
export { headingAt, renderSummary, sectionHover, summarize, type SectionSummary } from './features/summary';
export { applyEdits, mergeFixes } from './features/fixes';
export { diffChars } from './text/diff';
export { hanRatio } from './text/chars';
export { render, type Places, toLocale, type Locale } from './messages';
export { RULES } from './rules';
export type { Rule, RuleMeta } from './rules';
export { validateConfig, mergeConfigs, type LintConfig, type ConfigError, type RuleSetting, type RuleLevel } from './config';
export type { RuleFailure } from './engine';
export { DuplicateCorpus, DEFAULT_CORPUS_OPTIONS, type CorpusOptions, type PreparedEntry } from './dup/corpus';
export { localDuplicates, locallyCopied, type CrossFileSource, type DupHit } from './dup/detect';
export type { Lineage } from './dup/local';
export { dupOptions } from './rules/dupShared';
export { optionProblem, RULE_OPTIONS, ruleLevel, ruleOptions, rulesOff } from './config';
export { byPosition, sortByPosition } from './engine';
export { fallbackSegmenter, type Segmenter } from './segment';
export { preset, resolveConfig } from './presets';
export { PRESET_NAMES } from './config';
export { applyDirectives, unknownDirectiveRules, type DirectiveResult } from './directives';
export { TextMemo } from './memo';
