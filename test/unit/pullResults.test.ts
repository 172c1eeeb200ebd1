import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PullResults, sameJson } from '../../server/src/lsp/pullResults';
import { AnalysisCache, DEFAULT_SETTINGS } from '../../server/src/lsp/service';
import { toDiagnostics } from '../../server/src/lsp/convert';

describe('sameJson', () => {
  it('compares as JSON would write the values', () => {
    expect(sameJson({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    // An undefined property is not written.
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(sameJson([1, 2], [1, 2, 3])).toBe(false);
    expect(sameJson([1, [2]], [1, [3]])).toBe(false);
    expect(sameJson({ 0: 1 }, [1])).toBe(false);
    expect(sameJson([1], { 0: 1 })).toBe(false);
    expect(sameJson(null, {})).toBe(false);
    expect(sameJson('1', 1)).toBe(false);
  });
});

describe('PullResults', () => {
  const uri = 'file:///reports/draft.txt';
  const cache = new AnalysisCache(DEFAULT_SETTINGS);
  const diagnosticsOf = (doc: TextDocument) => toDiagnostics(cache.get(doc), uri, 'en');
  // A draft that skips 二、: a heading-sequence error on the line of 三、 (line 4).
  const v1 = TextDocument.create(uri, 'workreport', 1, '一、总体情况\n\n今年我们认真履职，成效明显。\n\n三、下步打算\n\n继续加强学习。\n');

  it('answers unchanged when an edit moved no diagnostic, and in full when it moved one', () => {
    const pulls = new PullResults();
    const first = pulls.report(uri, undefined, diagnosticsOf(v1));
    expect(first.kind === 'full' && first.items.map((d) => [d.code, d.range.start])).toEqual([['heading-sequence', { line: 4, character: 0 }]]);
    // A character typed in the sentence of line 2: the error stays where it was.
    const inside = { line: 2, character: 4 };
    const v2 = TextDocument.update(v1, [{ range: { start: inside, end: inside }, text: '的' }], 2);
    const second = pulls.report(uri, first.resultId, diagnosticsOf(v2));
    expect(second).toEqual({ kind: 'unchanged', resultId: first.resultId });
    // A line break typed before it moves the error a line down.
    const blank = { line: 1, character: 0 };
    const v3 = TextDocument.update(v2, [{ range: { start: blank, end: blank }, text: '\n' }], 3);
    const third = pulls.report(uri, second.resultId, diagnosticsOf(v3));
    expect(third.kind === 'full' && third.items.map((d) => [d.code, d.range.start])).toEqual([['heading-sequence', { line: 5, character: 0 }]]);
    expect(third.resultId).not.toBe(first.resultId);
  });

  it('answers in full when the client holds another report than the last one sent', () => {
    const pulls = new PullResults();
    const items = diagnosticsOf(v1);
    const first = pulls.report(uri, undefined, items);
    // The client never took the first report (it was cancelled), or it dropped it (the document
    // went out of sight): same diagnostics, but it must be sent them.
    expect(pulls.report(uri, undefined, items).kind).toBe('full');
    expect(pulls.report(uri, first.resultId, items).kind).toBe('full');
    // Another server run's id never matches.
    const other = new PullResults().report(uri, undefined, items);
    expect(pulls.report(uri, other.resultId, items).kind).toBe('full');
    const last = pulls.report(uri, undefined, items);
    expect(pulls.report(uri, last.resultId, items).kind).toBe('unchanged');
  });

  it('answers in full after the document was closed', () => {
    const pulls = new PullResults();
    const items = diagnosticsOf(v1);
    const first = pulls.report(uri, undefined, items);
    pulls.forget(uri);
    expect(pulls.report(uri, first.resultId, items).kind).toBe('full');
  });

  it('answers in full when only a message changed (another locale)', () => {
    const pulls = new PullResults();
    const first = pulls.report(uri, undefined, diagnosticsOf(v1));
    const zh = toDiagnostics(cache.get(v1), uri, 'zh-cn');
    expect(pulls.report(uri, first.resultId, zh).kind).toBe('full');
  });
});
