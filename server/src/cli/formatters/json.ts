import { render, type Finding, type LineIndex } from '../../core';
import type { FileResult, FormatContext } from './types';

/** The lint contract's JSON: one entry per file, diagnostics in LSP positions (0-based, UTF-16). */
export function formatJson(results: readonly FileResult[], ctx: FormatContext): string {
  const out = results.map((r) => {
    if (!r.analysis) return { file: r.file, diagnostics: [], error: r.error ?? 'unreadable' };
    const { lines } = r.analysis;
    return { file: r.file, diagnostics: r.analysis.findings.map((f) => diagnosticJson(f, r.file, lines, ctx)) };
  });
  // One file entry per line: readable, and a folder's output stays a fraction of pretty-printed size.
  return out.length === 0 ? '[]\n' : '[\n' + out.map((e) => JSON.stringify(e)).join(',\n') + '\n]\n';
}

export function diagnosticJson(f: Finding, file: string, lines: LineIndex, ctx: FormatContext) {
  return {
    rule: f.rule,
    category: f.category,
    severity: f.severity,
    message: render(f.message, ctx.locale),
    range: lines.rangeOf(f.span),
    related: f.related.map((r) => ({ file: r.uri ?? file, range: r.uri !== undefined && r.range ? r.range : lines.rangeOf(r.span), message: render(r.message, ctx.locale) })),
  };
}
