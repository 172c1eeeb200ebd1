import { describe, expect, it } from 'vitest';
import { fallbackSegmenter } from '../../server/src/core';
import { AnalysisCache, DEFAULT_SETTINGS, type DocumentLike } from '../../server/src/lsp/service';
import { seed } from '../helpers';

const open = (uri: string, text: string, version = 1): DocumentLike => ({ uri, languageId: 'workreport', version, getText: () => text });

/** The analysis of a cache that had the segmenter from the start. */
function withSegmenterFromStart(uri: string, text: string) {
  const fresh = new AnalysisCache(DEFAULT_SETTINGS);
  fresh.setSegmenter(fallbackSegmenter);
  return fresh.get(open(uri, text))!;
}

describe('the analysis cache when the segmenter arrives', () => {
  // Slips for repeated-word, one of them switched off by a comment; seed 002's copies and figures for the rest.
  const text =
    seed('002').replace('的', '的的') +
    '\n\n<!-- report-lint-disable-next-line repeated-word -->\n会议听取了了工作报告，亲见、亲见各方的的意见。\n\n全年共办理提案的的件数比去年增加。\n';

  it('adds what the waiting rules find and keeps the other findings: an analysis with the segmenter from the start', () => {
    const cache = new AnalysisCache(DEFAULT_SETTINGS);
    const doc = open('file:///r/a.txt', text);
    const before = cache.get(doc)!;
    expect(before.pending).toEqual(['repeated-word']);
    cache.setSegmenter(fallbackSegmenter);
    const after = cache.get(doc)!;

    const whole = withSegmenterFromStart('file:///r/a.txt', text);
    expect(after.findings).toEqual(whole.findings);
    expect(after.pending).toEqual([]);
    expect(after.disabled).toBe(whole.disabled);
    expect(after.findings.filter((f) => f.rule === 'repeated-word').length).toBeGreaterThanOrEqual(2);
    // The other rules did not run again: their findings are the very objects of before.
    const kept = new Set(before.findings);
    expect(after.findings.filter((f) => f.rule !== 'repeated-word').every((f) => kept.has(f))).toBe(true);
    expect(cache.get(doc)).toBe(after);
  });
});

describe('the first edit after the segmenter arrives', () => {
  // Half-width marks and slips in the first paragraphs, the edit in the last one.
  const text = '今年,我们听取了了工作报告。\n\n明年,我们将的的继续努力:推进改革。\n\n' + seed('002') + '\n\n最后,感谢各位委员!\n';

  it('carries the findings before it over, repeated-word\'s too, and equals an analysis with the segmenter from the start', () => {
    const cache = new AnalysisCache(DEFAULT_SETTINGS);
    const uri = 'file:///r/a.txt';
    cache.get(open(uri, text));
    cache.setSegmenter(fallbackSegmenter);
    const loaded = cache.get(open(uri, text))!;
    const at = text.indexOf('最后') + 1;
    const edited = text.slice(0, at) + '的' + text.slice(at);
    const next = cache.get(open(uri, edited, 2))!;

    expect(next.findings).toEqual(withSegmenterFromStart(uri, edited).findings);
    const before = (rule: string) => next.findings.filter((f) => f.rule === rule && f.span.end < text.indexOf('最后'));
    const kept = new Set(loaded.findings);
    // The marks of the first two paragraphs (punctuation-width) and the slips (repeated-word):
    // the very objects of the analysis before the edit, not found again.
    expect(before('punctuation-width').length).toBeGreaterThanOrEqual(2);
    expect(before('repeated-word').length).toBeGreaterThanOrEqual(2);
    expect(before('punctuation-width').every((f) => kept.has(f))).toBe(true);
    expect(before('repeated-word').every((f) => kept.has(f))).toBe(true);
  });
});
