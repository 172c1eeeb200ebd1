import { describe, expect, it } from 'vitest';
import { formatNumber, writeNumbers } from '../../server/src/node/docxNumbering';

/** numbering.xml with the given abstract definitions and lists. */
const numbering = (abstracts: string, nums: string) => `<?xml version="1.0"?><w:numbering xmlns:w="x">${abstracts}${nums}</w:numbering>`;
const lvl = (ilvl: number, fmt: string, text: string, extra = '') =>
  `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/>${extra}</w:lvl>`;
const CN_LEVELS = `<w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '%1、')}${lvl(1, 'chineseCounting', '（%2）')}${lvl(2, 'decimal', '%3.')}</w:abstractNum>`;
const num = (id: number, abstract: number, overrides = '') => `<w:num w:numId="${id}"><w:abstractNumId w:val="${abstract}"/>${overrides}</w:num>`;
/** A paragraph numbered at `ilvl` of list `numId` (or not numbered), with `text`. */
const p = (text: string, numId?: number, ilvl?: number, props = '') =>
  `<w:p><w:pPr>${props}${numId === undefined ? '' : `<w:numPr>${ilvl === undefined ? '' : `<w:ilvl w:val="${ilvl}"/>`}<w:numId w:val="${numId}"/></w:numPr>`}</w:pPr>${text ? `<w:r><w:t>${text}</w:t></w:r>` : ''}</w:p>`;
const doc = (...ps: string[]) => `<w:document xmlns:w="x"><w:body>${ps.join('')}</w:body></w:document>`;
/** The paragraphs' text as Word shows it, numbers included. */
const shown = (xml: string) => [...xml.matchAll(/<w:p>(.*?)<\/w:p>/g)].map((m) => [...m[1].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));

describe('Word automatic numbering written into the text', () => {
  it('counts each level as Word does, a higher level restarting the deeper ones', () => {
    const out = writeNumbers(doc(p('主要工作', 1, 0), p('加强学习', 1, 1), p('深入学习', 1, 2), p('开展主题教育', 1, 2), p('加强调研', 1, 1), p('全年开展调研20次。'), p('存在问题', 1, 0), p('学习不够深入', 1, 1)), numbering(CN_LEVELS, num(1, 0)));
    expect(shown(out)).toEqual(['一、主要工作', '（一）加强学习', '1.深入学习', '2.开展主题教育', '（二）加强调研', '全年开展调研20次。', '二、存在问题', '（一）学习不够深入']);
  });

  it('writes a space after a number that would run into the text (第一章 发展基础), none after a mark', () => {
    const abstract = `<w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '第%1章')}${lvl(1, 'chineseCounting', '第%2节')}${lvl(2, 'chineseCounting', '%3、')}</w:abstractNum>`;
    const out = writeNumbers(doc(p('发展基础', 1, 0), p('主要成就', 1, 1), p('创新能力', 1, 2), p('总体要求', 1, 0)), numbering(abstract, num(1, 0)));
    expect(shown(out)).toEqual(['第一章 发展基础', '第一节 主要成就', '一、创新能力', '第二章 总体要求']);
  });

  it('goes on across the lists of one definition; a start override restarts where it is first used', () => {
    const nums = num(1, 0) + num(2, 0) + num(3, 0, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>');
    const out = writeNumbers(doc(p('甲', 1, 0), p('乙', 2, 0), p('丙', 3, 0), p('丁', 3, 0)), numbering(CN_LEVELS, nums));
    expect(shown(out)).toEqual(['一、甲', '二、乙', '一、丙', '二、丁']);
  });

  it('reads numbering given by a paragraph style, through basedOn and a level naming the style', () => {
    const abstract = `<w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '%1、', '<w:pStyle w:val="H1"/>')}${lvl(1, 'chineseCounting', '（%2）', '<w:pStyle w:val="H2"/>')}</w:abstractNum>`;
    const styles = `<w:styles><w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="H2"><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="H1x"><w:basedOn w:val="H1"/></w:style></w:styles>`;
    const out = writeNumbers(doc(p('总体要求', undefined, undefined, '<w:pStyle w:val="H1"/>'), p('指导思想', undefined, undefined, '<w:pStyle w:val="H2"/>'), p('主要任务', undefined, undefined, '<w:pStyle w:val="H1x"/>')), numbering(abstract, num(1, 0)), styles);
    expect(shown(out)).toEqual(['一、总体要求', '（一）指导思想', '二、主要任务']);
  });

  it('leaves out what Word shows no number for: numId 0, bullets, and empty paragraphs (counted all the same)', () => {
    const abstracts = CN_LEVELS + `<w:abstractNum w:abstractNumId="1">${lvl(0, 'bullet', '●')}</w:abstractNum>`;
    const styles = `<w:styles><w:style w:type="paragraph" w:styleId="L"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>`;
    const out = writeNumbers(doc(p('要点', 2, 0), p('', 1, 0), p('第二项', 1, 0), p('不编号', 0, 0, '<w:pStyle w:val="L"/>')), numbering(abstracts, num(1, 0) + num(2, 1)), styles);
    expect(shown(out)).toEqual(['要点', '', '二、第二项', '不编号']);
  });

  it('writes legal numbering in decimal, and puts the run after a tracked change of the properties', () => {
    const abstract = `<w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '%1、')}${lvl(1, 'decimal', '%1.%2', '<w:isLgl/>')}</w:abstractNum>`;
    const changed = '<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr><w:pPrChange w:id="1"><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:pPrChange></w:pPr><w:r><w:t>细则</w:t></w:r></w:p>';
    const out = writeNumbers(doc(p('总则', 1, 0), changed), numbering(abstract, num(1, 0)));
    expect(shown(out)).toEqual(['一、总则', '1.1 细则']);
    expect(out).toContain('</w:pPrChange></w:pPr><w:r><w:t xml:space="preserve">1.1 </w:t></w:r>');
  });

  it('returns the document itself when nothing is numbered', () => {
    const d = doc(p('第一段。'), p('第二段。'));
    expect(writeNumbers(d, numbering(CN_LEVELS, num(1, 0)))).toBe(d);
  });

  it('formats the counters Chinese documents use', () => {
    expect([1, 10, 12].map((n) => formatNumber(n, 'chineseCounting'))).toEqual(['一', '十', '十二']);
    expect([1, 3].map((n) => formatNumber(n, 'ideographTraditional'))).toEqual(['甲', '丙']);
    expect(formatNumber(2, 'decimalEnclosedCircle')).toBe('②');
    expect(formatNumber(12, 'decimalFullWidth')).toBe('１２');
    expect([4, 9].map((n) => formatNumber(n, 'upperRoman'))).toEqual(['IV', 'IX']);
    expect(formatNumber(28, 'lowerLetter')).toBe('bb');
  });
});
