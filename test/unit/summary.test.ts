import { describe, expect, it } from 'vitest';
import { parseReport, type Segmenter } from '../../server/src/core';
import { renderSummary, summarize } from '../../server/src/core/features/summary';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import { sentencesOf } from '../../server/src/core/parse/paragraphs';
import { seed } from '../helpers';

/** A dictionary segmenter that cuts into pairs of characters and counts what it is asked. */
function counting(batch: boolean) {
  const asked = { cut: 0, cutAll: 0, texts: 0 };
  const pairs = (t: string) => t.match(/[\s\S]{1,2}/g) ?? [];
  const segmenter: Segmenter = {
    dictionary: true,
    cut: (t) => (asked.cut++, asked.texts++, pairs(t)),
    ...(batch ? { cutAll: (ts: readonly string[]) => (asked.cutAll++, (asked.texts += ts.length), ts.map(pairs)) } : {}),
  };
  return { segmenter, asked };
}

describe('section summaries and the segmenter', () => {
  it('segment a report in one question, and a new version only in the paragraphs it changed', () => {
    const text = seed('000');
    const doc = parseReport(text);
    const section = doc.headings.find((h) => h.kind === 'numbered' && h.level >= 2)!;
    const { segmenter, asked } = counting(true);
    const summary = summarize(doc, section, [], segmenter);
    // Every sentence once (seed 000 repeats a paragraph: its text is segmented once).
    const distinct = new Map(doc.paragraphs.map((p) => [p.text, p.sentences.length]));
    const sentences = [...distinct.values()].reduce((n, k) => n + k, 0);
    expect(distinct.size).toBeLessThan(doc.paragraphs.length);
    expect(asked).toEqual({ cut: 0, cutAll: 1, texts: sentences });
    expect(summary.keywords.length).toBeGreaterThan(0);
    // The same summary as a segmenter asked sentence by sentence gives.
    const one = counting(false);
    expect(summarize(parseReport(text), section, [], one.segmenter)).toEqual(summary);

    // One paragraph changed: only its sentences are segmented again.
    const changed = doc.paragraphs.find((p) => p.text.length > 60 && p.span.start > section.span.end)!;
    const edited = text.slice(0, changed.span.end) + '全年新增委员提案十件。' + text.slice(changed.span.end);
    const doc2 = parseReport(edited);
    summarize(doc2, doc2.headings.find((h) => h.span.start === section.span.start)!, [], segmenter);
    expect(asked.cutAll).toBe(2);
    expect(asked.texts - sentences).toBe(sentencesOf(changed.text + '全年新增委员提案十件。').length);
  });
});

describe('key figures in the hover', () => {
  it('name a figure by its whole clause when the compared phrase was cut from it, else with an ellipsis', () => {
    const text = [
      '第一章 发展基础',
      '',
      '全社会研发经费投入占地区生产总值比重达到2.4%，高新技术企业达到826家。全市统筹各级各类财政资金持续加大对重点产业链招商引资项目的扶持力度投入资金12亿元。',
    ].join('\n');
    const doc = parseReport(text);
    const section = doc.headings.find((h) => h.title === '发展基础')!;
    const hover = renderSummary(doc, summarize(doc, section, [], counting(true).segmenter), new LineIndex(text), 'zh-cn');
    const figures = hover.split('\n').find((l) => l.includes('关键数字'))!;
    expect(figures).toContain('全社会研发经费投入占地区生产总值比重达到 2.4%');
    // A short phrase is shown as compared: without the 达到 that says nothing of what is counted.
    expect(figures).toContain('高新技术企业 826家');
    expect(figures).toContain('…资项目的扶持力度投入资金 12亿元');
  });
});

describe('keywords in the hover', () => {
  it('leave out units and the words that give a change', () => {
    const words = ['医疗保险', '参保', '基金', '收入', '支出', '结余', '亿元', '万人', '增长', '同比', '下降', '比上年'];
    const cut = (t: string) => t.match(new RegExp(`${words.join('|')}|[\\s\\S]`, 'g')) ?? [];
    const segmenter: Segmenter = { dictionary: true, cut };
    const text = [
      '一、基本情况',
      '',
      '全市基本医疗保险参保人数达到486.3万人，比上年增长1.2万人。全年基金收入168.6亿元，同比增长5.2%；基金支出152.3亿元，同比增长6.8%；当期基金结余16.3亿元，比上年下降2.1亿元。',
      '',
      '二、主要工作',
      '',
      '参保扩面持续推进，医疗保险待遇落实到位。',
    ].join('\n');
    const doc = parseReport(text);
    const summary = summarize(doc, doc.headings.find((h) => h.title === '基本情况')!, [], segmenter);
    expect(summary.keywords).toEqual(expect.arrayContaining(['基金', '参保', '收入', '支出', '结余']));
    for (const unit of ['亿元', '万人', '增长', '同比', '下降', '比上年']) expect(summary.keywords).not.toContain(unit);
  });

  it('leave out every unit figures are counted in, with 万 or 亿 before it', () => {
    const words = ['农村公路', '公里', '货运量', '亿吨', '客运量', '亿人次', '吞吐量', '万标箱', '公路'];
    const cut = (t: string) => t.match(new RegExp(`${words.join('|')}|[\\s\\S]`, 'g')) ?? [];
    const segmenter: Segmenter = { dictionary: true, cut };
    const text = '一、运输服务\n\n新建改造农村公路856公里，农村公路总里程1.26万公里。公路货运量1.86亿吨，公路客运量0.29亿人次，集装箱吞吐量56.8万标箱，吞吐量增长5%。\n';
    const doc = parseReport(text);
    const summary = summarize(doc, doc.headings.find((h) => h.title === '运输服务')!, [], segmenter);
    expect(summary.keywords).toEqual(expect.arrayContaining(['农村公路', '货运量', '客运量', '吞吐量']));
    for (const unit of ['公里', '亿吨', '亿人次', '万标箱']) expect(summary.keywords).not.toContain(unit);
  });
});

describe('keywords in the hover', () => {
  /** A segmenter that knows a few words, longest first; any other character is a word of its own. */
  const knowing = (words: readonly string[]): Segmenter => ({
    dictionary: true,
    cut: (t) => {
      const out: string[] = [];
      for (let i = 0; i < t.length; ) {
        const w = words.find((x) => t.startsWith(x, i)) ?? t[i];
        out.push(w);
        i += w.length;
      }
      return out;
    },
  });

  it('list no word that stands inside another keyword, whichever ranks first', () => {
    const text = [
      '一、人口',
      '',
      '人口流动加快，人口结构优化，年末常住人口增加。粮食总产量创新高，总产量稳定，产量提高。',
      '',
      '二、其他',
      '',
      '推进改革开放。',
    ].join('\n');
    const doc = parseReport(text);
    const section = doc.headings.find((h) => h.title === '人口')!;
    const { keywords } = summarize(doc, section, [], knowing(['常住人口', '人口', '总产量', '产量', '粮食', '流动', '结构']));
    // 人口 ranks above 常住人口 (three times against once): 常住人口 takes its place.
    expect(keywords).toContain('常住人口');
    expect(keywords).not.toContain('人口');
    // 总产量 ranks above 产量 (twice against once): 产量 is left out.
    expect(keywords).toContain('总产量');
    expect(keywords).not.toContain('产量');
    expect(keywords).toContain('粮食');
  });
});
