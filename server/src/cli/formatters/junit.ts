import { render } from '../../core';
import { locationLabel, placesOf, type FileResult, type FormatContext } from './types';

/**
 * JUnit XML, for CI systems that show test reports: one test suite per file, one failing test
 * case per finding (`rule` at line:column), one passing case for a clean file, an error case for
 * an unreadable one. In pieces: the totals first (counted from the findings), then a file's suite
 * at a time.
 */
export function* junitChunks(results: readonly FileResult[], ctx: FormatContext): Generator<string> {
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const r of results) {
    const found = r.analysis?.findings.length ?? 0;
    tests += Math.max(1, found);
    failures += found;
    if (!r.analysis) errors++;
  }
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="report-lint" tests="${tests}" failures="${failures}" errors="${errors}">\n`;
  for (const r of results) {
    const cases: string[] = [];
    if (!r.analysis) {
      cases.push(`    <testcase name="read" classname="${xml(r.file)}"><error message="${xml(r.error ?? 'unreadable')}"/></testcase>`);
    } else if (r.analysis.findings.length === 0) {
      cases.push(`    <testcase name="report-lint" classname="${xml(r.file)}"/>`);
    } else {
      for (const f of r.analysis.findings) {
        const p = r.analysis.lines.positionAt(f.span.start);
        const where = locationLabel(r, p);
        const message = render(f.message, ctx.locale, placesOf(r));
        cases.push(`    <testcase name="${xml(`${f.rule} ${where}`)}" classname="${xml(r.file)}"><failure message="${xml(message)}" type="${f.severity}">${xml(`${where} ${f.severity} ${message} (${f.rule})`)}</failure></testcase>`);
      }
    }
    const failed = r.analysis?.findings.length ?? 0;
    yield `  <testsuite name="${xml(r.file)}" tests="${cases.length}" failures="${failed}" errors="${r.analysis ? 0 : 1}">\n${cases.join('\n')}\n  </testsuite>\n`;
  }
  yield '</testsuites>\n';
}

function xml(s: string): string {
  // Characters XML 1.0 cannot carry at all are dropped.
  return s.replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}
