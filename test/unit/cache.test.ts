import { describe, expect, it } from 'vitest';
import { fallbackSegmenter } from '../../server/src/core';
import { AnalysisCache, DEFAULT_SETTINGS, type DocumentLike } from '../../server/src/lsp/service';
import { seed } from '../helpers';

const open = (uri: string, text: string, version = 1): DocumentLike => ({ uri, languageId: 'workreport', version, getText: () => text });

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

    const fresh = new AnalysisCache(DEFAULT_SETTINGS);
    fresh.setSegmenter(fallbackSegmenter);
    const whole = fresh.get(open('file:///r/a.txt', text))!;
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
