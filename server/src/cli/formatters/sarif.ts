import { pathToFileURL } from 'node:url';
import { isAbsolute, resolve } from 'node:path';
import { RULES, render, type Finding, type LineIndex, type Severity } from '../../core';
import { fingerprint } from '../../node/project';
import type { FileResult, FormatContext } from './types';

/**
 * SARIF 2.1.0 (OASIS), the format code-scanning services and IDE viewers read: one run, the 17
 * rules with their help text in the driver, one result per finding with its region (1-based
 * lines, columns in UTF-16 code units as `columnKind` says), related locations for copies and
 * conflicts, a partial fingerprint that survives edits elsewhere, and the artifacts. Paths are
 * relative to %SRCROOT% (the working directory) where they can be.
 */
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** Stands in the log's skeleton where the results go (see sarifChunks). */
const RESULTS = '\u0000results\u0000';

/**
 * The log in pieces: its frame (the driver and its rules, the artifacts, the invocation)
 * pretty-printed, with the results between its parts one per line, a file's results a piece. A
 * folder's log (~100,000 results, most with fixes) was one pretty-printed string: 313 MB for
 * 1,000 reports, ~2.1 GB of memory to make.
 */
export function* sarifChunks(results: readonly FileResult[], ctx: FormatContext): Generator<string> {
  const cwd = ctx.cwd ?? process.cwd();
  const uriOf = (file: string) => {
    const abs = isAbsolute(file) ? file : resolve(cwd, file);
    const rel = abs.startsWith(resolve(cwd) + '/') ? abs.slice(resolve(cwd).length + 1) : undefined;
    return rel !== undefined ? { uri: rel.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' } : { uri: pathToFileURL(abs).toString() };
  };
  const ruleIndex = new Map(RULES.map((r, i) => [r.meta.id as string, i]));
  // A text file's encoding by its IANA name: the fixes' character offsets count in its decoded text.
  const artifacts = results.map((r) => ({
    location: uriOf(r.file),
    ...(r.docx ? { mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' } : { mimeType: 'text/plain', ...(r.encoding ? { encoding: r.encoding.toUpperCase() } : {}) }),
  }));
  const region = (lines: LineIndex, span: { start: number; end: number }, text: string) => {
    const range = lines.rangeOf(span);
    return {
      startLine: range.start.line + 1,
      startColumn: range.start.character + 1,
      endLine: range.end.line + 1,
      endColumn: range.end.character + 1,
      snippet: { text: text.slice(span.start, Math.min(span.end, span.start + 200)) },
    };
  };
  const notifications = results.flatMap((r, artifactIndex) =>
    r.analysis ? [] : [{ level: 'error', message: { text: r.error ?? 'unreadable' }, locations: [{ physicalLocation: { artifactLocation: { ...uriOf(r.file), index: artifactIndex } } }] }],
  );
  // No fixes for a Word file: their offsets are in the text of its paragraphs, and a viewer that
  // applied them to the .docx (a zip) would break it; --fix leaves Word files alone too.
  const result = (f: Finding, file: string, index: number, lines: LineIndex, docx: boolean | undefined) => ({
    ruleId: f.rule,
    ruleIndex: ruleIndex.get(f.rule),
    level: LEVEL[f.severity],
    message: { text: render(f.message, ctx.locale, docx ? 'paragraphs' : 'lines') },
    locations: [{ physicalLocation: { artifactLocation: { ...uriOf(file), index }, region: region(lines, f.span, lines.text) } }],
    relatedLocations: f.related.map((rel, id) => ({
      id,
      message: { text: render(rel.message, ctx.locale, docx ? 'paragraphs' : 'lines') },
      physicalLocation: rel.uri
        ? { artifactLocation: uriOf(rel.uri.startsWith('file:') ? new URL(rel.uri).pathname : rel.uri), ...(rel.range ? { region: { startLine: rel.range.start.line + 1, startColumn: rel.range.start.character + 1, endLine: rel.range.end.line + 1, endColumn: rel.range.end.character + 1 } } : {}) }
        : { artifactLocation: { ...uriOf(file), index }, region: region(lines, rel.span, lines.text) },
    })),
    partialFingerprints: { 'reportLint/text/v1': fingerprint(lines, f) },
    properties: { category: f.category },
    ...(f.fix && !docx ? { fixes: [{ description: { text: render(f.fix.title, ctx.locale) }, artifactChanges: [{ artifactLocation: { ...uriOf(file), index }, replacements: f.fix.edits.map((e) => ({ deletedRegion: { charOffset: e.span.start, charLength: e.span.end - e.span.start }, insertedContent: { text: e.newText } })) }] }] } : {}),
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'report-lint',
            version: ctx.version,
            semanticVersion: ctx.version,
            rules: RULES.map((r) => ({
              id: r.meta.id,
              name: r.meta.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: ctx.locale === 'zh-cn' ? r.meta.docs.zh : r.meta.docs.en },
              fullDescription: { text: `${r.meta.docs.en} / ${r.meta.docs.zh}` },
              help: { text: `${r.meta.docs.en}\n${r.meta.docs.zh}`, markdown: `**${r.meta.id}** (${r.meta.category})\n\n${r.meta.docs.en}\n\n${r.meta.docs.zh}` },
              defaultConfiguration: { level: LEVEL[r.meta.defaultSeverity] },
              properties: { category: r.meta.category, fixable: r.meta.fixable },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(resolve(cwd)).toString() + '/' } },
        artifacts,
        columnKind: 'utf16CodeUnits',
        results: RESULTS,
        invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
      },
    ],
  };
  const frame = JSON.stringify(log, null, 2) + '\n';
  const at = frame.indexOf(JSON.stringify(RESULTS));
  const indent = ' '.repeat(at - frame.lastIndexOf('\n', at) - 1 - '"results": '.length);
  yield frame.slice(0, at) + '[';
  // A file's results make one piece.
  let first = true;
  for (const [i, r] of results.entries()) {
    if (!r.analysis || r.analysis.findings.length === 0) continue;
    let piece = '';
    for (const f of r.analysis.findings) {
      piece += (first ? '\n' : ',\n') + indent + '  ' + JSON.stringify(result(f, r.file, i, r.analysis.lines, r.docx));
      first = false;
    }
    yield piece;
  }
  yield (first ? '' : '\n' + indent) + ']' + frame.slice(at + JSON.stringify(RESULTS).length);
}
