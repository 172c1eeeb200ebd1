import { describe, expect, it } from 'vitest';
import { analyzeDoc, analyzePending, fallbackSegmenter, parseReport, withPending, type Segmenter } from '../../server/src/core';
import { seed } from '../helpers';

/**
 * The CLI lints while nodejieba loads in a thread of its own: the rules that need the segmenter
 * run later (analyzePending), and what they find is added (withPending), in a worker's results or
 * in the one-thread run. The result must be the one analysis with the segmenter gives.
 */
describe('rules that wait for the segmenter, run later and added to the file result', () => {
  // A seed with slips repeated-word reports, one of them switched off by a comment.
  const text =
    seed('000').replace('积极', '积极积极').replace('的', '的的') +
    '\n\n<!-- report-lint-disable-next-line repeated-word -->\n会议听取了了工作报告，亲见、亲见各方的的意见。\n\n全年共办理提案的的件数比去年增加。\n';

  const inTwoSteps = (segmenter: Segmenter) => {
    const doc = parseReport(text);
    const first = analyzeDoc(doc, { uri: 'a.txt', fixes: false });
    // As a worker sends and the main thread gets it: through JSON.
    const prepared = { index: 0, entry: undefined as never, requests: [], meta: { encoding: 'utf-8', markdown: false }, findings: JSON.parse(JSON.stringify(first.findings)), failures: first.failures, pending: first.pending, disabled: first.disabled };
    const later = analyzePending(doc, first.lines, first.pending, { uri: 'a.txt', segmenter, fixes: false });
    return { first, merged: withPending(prepared, { ...later, findings: JSON.parse(JSON.stringify(later.findings)) }) };
  };

  it('gives the findings, pending rules and disabled count of one analysis', () => {
    const whole = analyzeDoc(parseReport(text), { uri: 'a.txt', segmenter: fallbackSegmenter, fixes: false });
    const { first, merged } = inTwoSteps(fallbackSegmenter);
    expect(first.pending).toEqual(['repeated-word']);
    expect(whole.findings.filter((f) => f.rule === 'repeated-word').length).toBeGreaterThanOrEqual(3);
    expect(whole.disabled).toBeGreaterThan(0);
    expect(merged.findings).toEqual(JSON.parse(JSON.stringify(whole.findings)));
    expect(merged.pending).toEqual(whole.pending);
    expect(merged.disabled).toBe(whole.disabled);
    expect(merged.failures).toEqual([]);
  });

  it('reports a segmenter that fails as the rule failing, once', () => {
    const broken: Segmenter = {
      dictionary: true,
      cut: () => {
        throw new Error('the word segmentation thread did not answer');
      },
    };
    const whole = analyzeDoc(parseReport(text), { uri: 'a.txt', segmenter: broken, fixes: false });
    const { merged } = inTwoSteps(broken);
    expect(whole.failures).toEqual([{ rule: 'repeated-word', error: 'the word segmentation thread did not answer' }]);
    expect(merged.failures).toEqual(whole.failures);
    expect(merged.findings).toEqual(JSON.parse(JSON.stringify(whole.findings)));
  });
});

describe("the segmenter channel's loaded flag", () => {
  it('says unloaded until the host marks it, and a wait for it ends at the mark or at its timeout', async () => {
    const { awaitSegmenter, markSegmenterLoaded, newChannel, segmenterLoaded } = await import('../../server/src/node/segmenterChannel');
    const { asker, host } = newChannel();
    asker.port.close();
    expect(segmenterLoaded(asker.buffer)).toBe(false);
    const t = performance.now();
    expect(awaitSegmenter(asker.buffer, 30)).toBe(false);
    expect(performance.now() - t).toBeGreaterThanOrEqual(25);
    markSegmenterLoaded([host.buffer]);
    expect(segmenterLoaded(asker.buffer)).toBe(true);
    expect(awaitSegmenter(asker.buffer, 30_000)).toBe(true);
  });
});
