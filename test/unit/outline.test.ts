import { describe, expect, it } from 'vitest';
import { parseReport, type Heading, type ReportDoc } from '../../server/src/core';
import { detectFrontMatter } from '../../server/src/core/parse/frontMatter';
import { splitParagraphs } from '../../server/src/core/parse/paragraphs';
import { seed } from '../helpers';

const tree = (doc: ReportDoc): string[] => {
  const out: string[] = [];
  const walk = (h: Heading, d: number) => {
    out.push(`${'  '.repeat(d)}${h.kind}:${h.numbering?.marker.trim() ?? ''}${h.title}`);
    h.children.forEach((c) => walk(c, d + 1));
  };
  doc.outline.forEach((h) => walk(h, 0));
  return out;
};

describe('front matter', () => {
  it('finds title, subtitle, speaker, date and salutation in seed 000', () => {
    const roles = detectFrontMatter(splitParagraphs(seed('000'))).map((f) => f.role);
    expect(roles).toEqual(['title', 'subtitle', 'speaker', 'date', 'speaker', 'salutation']);
  });

  it('starts at the title, leaving the classified notices before it outside (seed 002)', () => {
    const text = seed('002');
    const doc = parseReport(text);
    const fm = doc.outline[0];
    expect(fm.kind).toBe('front-matter');
    expect(text.slice(fm.span.start, fm.span.start + 10)).toBe('中国人民政治协商会议');
    expect(text.slice(fm.span.end - 9, fm.span.end)).toBe('各位委员、同志们:');
  });

  it('is never looked for after a numbered heading (found by the property test, fast-check seed -410965877)', () => {
    const text = '#### (五)加强自身建设,构筑履职新基石\r\n中国人民政治协商会议 衡阳市委员会常务委员会工作报告';
    const doc = parseReport(text);
    expect(doc.frontMatter).toEqual([]);
    expect(doc.headings.map((h) => h.kind)).toEqual(['numbered']);
    expect(doc.outline[0].section.end).toBe(text.length);
  });

  it('shows the front matter as one node with no children', () => {
    for (const id of ['000', '001', '002', '003', '004'] as const) {
      const fm = parseReport(seed(id)).outline[0];
      expect(fm.kind, id).toBe('front-matter');
      expect(fm.children).toEqual([]);
    }
  });
});

describe('outline', () => {
  it('nests 一、 to 五、 under 2018年工作回顾 and 一、 to 四、 under 2019年工作安排 (seed 000)', () => {
    const doc = parseReport(seed('000'));
    const parts = doc.outline.filter((h) => h.kind === 'part');
    expect(parts.map((p) => p.title)).toEqual(['2018年工作回顾', '2019年工作安排']);
    expect(parts[0].children.map((h) => h.numbering?.ordinal)).toEqual([1, 2, 3, 4, 5]);
    expect(parts[1].children.map((h) => h.numbering?.ordinal)).toEqual([1, 2, 3, 4]);
    expect(parts[0].children[0].children.map((h) => h.title)).toEqual(['切实加强思想政治建设', '始终坚持和依靠市委的正确领导', '全面加强政协系统的党的建设']);
  });

  it('makes （一） the first numbered level of a part that has no 一、 (seed 003)', () => {
    const doc = parseReport(seed('003'));
    const parts = doc.outline.filter((h) => h.kind === 'part');
    expect(parts).toHaveLength(2);
    for (const p of parts) {
      const numbered = p.children.filter((h) => h.kind === 'numbered');
      expect(numbered.map((h) => h.numbering!.marker)).toEqual(['(一)', '(二)', '(三)', '(四)', '(五)']);
      expect(numbered.every((h) => h.level === 2)).toBe(true);
    }
  });

  it('finds several lead-ins in one paragraph (seed 003: 加强党的领导。…强化理论武装。…)', () => {
    const doc = parseReport(seed('003'));
    const first = doc.outline.find((h) => h.kind === 'part')!.children[0];
    expect(first.children.map((h) => h.title)).toEqual(['加强党的领导', '强化理论武装', '注重宣传引导', '营造合作氛围']);
    expect(new Set(first.children.map((h) => h.paragraph)).size).toBe(1);
  });

  it('nests markdown headings by their markers and bold lead-ins below them (seed 004)', () => {
    const lines = tree(parseReport(seed('004'), { markdown: true }));
    expect(lines[1]).toBe('numbered:一、2019年工作回顾');
    expect(lines[2]).toBe('  numbered:(一)始终坚持党的领导,致力把牢正确的政治方向');
    expect(lines[3]).toBe('    lead-in:把思想理论武装摆在首位');
  });

  it('takes short unpunctuated lines as news-style headings but not site names (seed 001)', () => {
    const doc = parseReport(seed('001'));
    expect(doc.outline.filter((h) => h.kind === 'news').map((h) => h.title)).toEqual(['在深学笃行中坚定政治方向', '在实干为要中展现政协风采', '在传承赓续中增进合作共识', '在严管厚爱中激发内生动力']);
  });

  it('does not take the continuation of a page-break split for a lead-in', () => {
    const doc = parseReport('一、工作回顾\n\n我们认真做好智库专家的联络服务工作，其中“两\n\n院”院士26人。我们按照要求做好联络服务，发挥了专家作用。\n');
    expect(doc.headings.filter((h) => h.kind === 'lead-in')).toEqual([]);
  });

  it('lists 一是…二是… items, at paragraph start and inside a paragraph', () => {
    const doc = parseReport('二、工作安排\n\n一是突出政治引领，强化理论武装。深入学习。二是突出履职实效，助力发展。围绕中心工作开展协商。\n');
    expect(doc.headings.filter((h) => h.kind === 'enum').map((h) => `${h.numbering!.ordinal}:${h.title}`)).toEqual(['1:突出政治引领', '2:突出履职实效']);
  });

  it('spans each section to the next heading of the same or a higher rank', () => {
    const text = '一、甲\n\n（一）乙\n\n正文一。\n\n（二）丙\n\n正文二。\n\n二、丁\n\n正文三。';
    const doc = parseReport(text);
    const [first, second] = doc.outline;
    expect(text.slice(first.section.start, first.section.end)).toBe('一、甲\n\n（一）乙\n\n正文一。\n\n（二）丙\n\n正文二。');
    expect(text.slice(first.children[0].section.start, first.children[0].section.end)).toBe('（一）乙\n\n正文一。');
    expect(second.section.end).toBe(text.length);
  });

  it('nests a mis-marked heading among the siblings it stands between', () => {
    const doc = parseReport('一、甲\n\n正文。\n\n二、乙\n\n正文。\n\n（三）丙\n\n正文。\n\n四、丁\n\n正文。');
    expect(doc.outline.map((h) => h.numbering!.marker)).toEqual(['一、', '二、', '（三）', '四、']);
    expect(doc.outline[2].misplacedAmong).toBe('cn');
  });

  it('never throws and keeps every span inside the text on odd input', () => {
    const inputs = ['', '\n\n\n', '（（（（（（（（（（', '一、', '**', '#', '# ', '。。。。', '\ud800\udc00\ud800', '\r\r\r一、\r二、', '一是', 'x'.repeat(5000)];
    for (const t of inputs) {
      const doc = parseReport(t);
      for (const h of doc.headings) {
        expect(h.span.start >= 0 && h.span.end <= t.length && h.span.start <= h.span.end).toBe(true);
        expect(h.section.start <= h.span.start && h.section.end >= h.span.end && h.section.end <= t.length).toBe(true);
      }
    }
  });
});
