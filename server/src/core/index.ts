/**
 * The analysis core: `analyze(text)` is the API boundary every front end calls. Pure: no editor,
 * no file system, no process.
 */
import type { Finding, ReportDoc } from './model';
import { parseReport, type ParseOptions } from './parse/outline';
import { runRules, type RuleFailure } from './engine';
import { RULES } from './rules';
import type { LintConfig } from './config';
import { LineIndex } from './text/lineIndex';

export interface AnalyzeOptions extends ParseOptions {
  readonly config?: LintConfig;
}

export interface Analysis {
  readonly doc: ReportDoc;
  readonly findings: readonly Finding[];
  readonly failures: readonly RuleFailure[];
  readonly lines: LineIndex;
}

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const doc = parseReport(text, options);
  const { findings, failures } = runRules(doc, RULES, options.config);
  return { doc, findings, failures, lines: new LineIndex(text) };
}

export * from './model';
export { parseReport } from './parse/outline';
export { LineIndex, type Position, type Range } from './text/lineIndex';
export { outlineNodes, renderOutlineText, type OutlineNode } from './features/outline';
export { folds, type Fold } from './features/folding';
export { selectionChain } from './features/selection';
export { hanRatio } from './text/chars';
export { render, toLocale, type Locale } from './messages';
export { RULES } from './rules';
export type { Rule, RuleMeta } from './rules';
export { validateConfig, mergeConfigs, type LintConfig, type ConfigError } from './config';
export type { RuleFailure } from './engine';
