import { render, type Finding, type LineIndex, type Places } from '../../core';
import { placesOf, type FileResult, type FormatContext } from './types';

/**
 * The lint contract's JSON: one entry per file, diagnostics in LSP positions (0-based, UTF-16).
 * In pieces, one file entry each: the CLI writes them as they are made, so that a folder's report
 * (35 MB of JSON for 1,000 reports) never stands in memory whole.
 */
export function* jsonChunks(results: readonly FileResult[], ctx: FormatContext): Generator<string> {
  if (results.length === 0) {
    yield '[]\n';
    return;
  }
  // One file entry per line: readable, and a folder's output stays a fraction of pretty-printed size.
  for (const [i, r] of results.entries()) {
    const entry = r.analysis
      ? { file: r.file, diagnostics: r.analysis.findings.map((f) => diagnosticJson(f, r.file, r.analysis!.lines, ctx, placesOf(r))) }
      : { file: r.file, diagnostics: [], error: r.error ?? 'unreadable' };
    yield (i === 0 ? '[\n' : ',\n') + JSON.stringify(entry);
  }
  yield '\n]\n';
}

export function diagnosticJson(f: Finding, file: string, lines: LineIndex, ctx: FormatContext, places?: Places) {
  return {
    rule: f.rule,
    category: f.category,
    severity: f.severity,
    message: render(f.message, ctx.locale, places),
    range: lines.rangeOf(f.span),
    related: f.related.map((r) => ({ file: r.uri ?? file, range: r.uri !== undefined && r.range ? r.range : lines.rangeOf(r.span), message: render(r.message, ctx.locale, places) })),
  };
}
