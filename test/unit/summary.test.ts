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

/** A dictionary segmenter that knows `words` and cuts the rest into characters. */
function knowing(words: readonly string[]): Segmenter {
  const pattern = new RegExp(`${words.join('|')}|[\\s\\S]`, 'g');
  return { dictionary: true, cut: (t) => t.match(pattern) ?? [] };
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

describe('the sentence a hover quotes', () => {
  it('is what the text says, not the title of one of its subsections', () => {
    const text = [
      '某市医疗保障局2024年工作总结',
      '',
      '二、主要工作',
      '',
      '（一）待遇保障水平稳步提升。职工医保住院费用政策范围内报销比例达到85.2%，城乡居民医保达到70.6%。',
      '',
      '（二）医保基金监管高压态势持续。全年检查定点医药机构3260家，处理违规机构862家，追回医保基金1.26亿元。',
      '',
      '（三）集中带量采购落地见效。落地执行国家和省级集采药品386种，节约医保资金6.8亿元。',
      '',
      '（四）医保服务持续优化。全市建成医保服务站1260个，办理异地就医直接结算32.6万人次。',
    ].join('\n');
    const doc = parseReport(text);
    const section = doc.headings.find((h) => h.title.includes('主要工作'))!;
    expect(doc.headings.filter((h) => h.parent === section)).toHaveLength(4);
    // A segmenter that knows the titles' words, as a dictionary does: alone they would be quoted.
    const words = ['医保', '基金', '监管', '服务', '优化', '待遇', '保障', '水平', '提升', '集中', '采购', '落地', '见效', '高压', '态势', '持续', '稳步', '带量'];
    const quoted = summarize(doc, section, [], knowing(words)).sentences.map((s) => text.slice(s.start, s.end));
    expect(quoted.length).toBeGreaterThan(0);
    for (const q of quoted) expect(q).not.toMatch(/^（[一二三四]）/);
    expect(quoted.every((q) => /[0-9]/.test(q))).toBe(true);
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
    const segmenter = knowing(words);
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

  it('leave out words of degree in front of what is done', () => {
    const segmenter = knowing(['基本', '医疗保险', '参保', '稳步', '持续', '提升', '扩面', '推进', '待遇', '保障']);
    const text = '一、医疗保障\n\n全市基本医疗保险参保扩面持续推进，基本医疗保险待遇保障水平稳步提升，基本医疗保险参保率稳步提升。\n';
    const doc = parseReport(text);
    const summary = summarize(doc, doc.headings.find((h) => h.title === '医疗保障')!, [], segmenter);
    expect(summary.keywords).toEqual(expect.arrayContaining(['医疗保险', '参保', '提升']));
    for (const word of ['基本', '稳步', '持续']) expect(summary.keywords).not.toContain(word);
  });

  it('leave out every unit figures are counted in, with 万 or 亿 before it', () => {
    const words = ['农村公路', '公里', '货运量', '亿吨', '客运量', '亿人次', '吞吐量', '万标箱', '公路'];
    const segmenter = knowing(words);
    const text = '一、运输服务\n\n新建改造农村公路856公里，农村公路总里程1.26万公里。公路货运量1.86亿吨，公路客运量0.29亿人次，集装箱吞吐量56.8万标箱，吞吐量增长5%。\n';
    const doc = parseReport(text);
    const summary = summarize(doc, doc.headings.find((h) => h.title === '运输服务')!, [], segmenter);
    expect(summary.keywords).toEqual(expect.arrayContaining(['农村公路', '货运量', '客运量', '吞吐量']));
    for (const unit of ['公里', '亿吨', '亿人次', '万标箱']) expect(summary.keywords).not.toContain(unit);
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
