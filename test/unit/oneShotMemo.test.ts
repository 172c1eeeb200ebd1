import { describe, expect, it } from 'vitest';
import { TextMemo } from '../../server/src/core/memo';
import { parseReport } from '../../server/src/core/parse/outline';
import { sentencesOf, splitSentences } from '../../server/src/core/parse/paragraphs';
import { seed } from '../helpers';

// As the CLI and its workers run: memos off for the rest of this file (vitest gives each test file
// its own modules, so no other file sees it).
TextMemo.turnOff();

describe('memos in one-shot runs (TextMemo.turnOff)', () => {
  it('compute every time, unless kept within a one-shot budget', () => {
    let computed = 0;
    const off = new TextMemo((t) => (computed++, t.length));
    off.get('一段文字');
    off.get('一段文字');
    expect(computed).toBe(2);

    computed = 0;
    const kept = new TextMemo((t) => (computed++, t.length), { oneShotBudget: 100 });
    expect(kept.get('一段文字')).toBe(4);
    expect(kept.get('一段文字')).toBe(4);
    expect(computed).toBe(1);
  });

  it('hold no more than their one-shot budget: older texts are computed again', () => {
    let computed = 0;
    const kept = new TextMemo((t) => (computed++, t.length), { oneShotBudget: 100 });
    kept.get('第一段');
    // Two turn-overs of the generations (each text weighs its length and 16).
    for (let i = 0; i < 8; i++) kept.get(`另一段文字${i}`.padEnd(20, '。'));
    computed = 0;
    kept.get('第一段');
    expect(computed).toBe(1);
  });

  it('split a paragraph into sentences once for the parse, the figures and count-mismatch', () => {
    const doc = parseReport(seed('001'));
    const p = doc.paragraphs.find((q) => q.sentences.length > 2)!;
    // The parse asked first: later askers get the same spans, not a new split.
    const spans = sentencesOf(p.text);
    expect(sentencesOf(p.text)).toBe(spans);
    expect(spans).toEqual(splitSentences(p.text, 0, p.text.length));
    expect(spans.map((s) => ({ start: p.span.start + s.start, end: p.span.start + s.end }))).toEqual(p.sentences);
  });
});
