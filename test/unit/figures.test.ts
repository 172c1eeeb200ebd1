import { describe, expect, it } from 'vitest';
import { parseReport } from '../../server/src/core';
import fc from 'fast-check';
import { extractFigures, subjectKeysOf, type Figure } from '../../server/src/core/parse/figures';
import { seed } from '../helpers';

const figuresOf = (text: string) => extractFigures(parseReport(text));
const pick = (fs: Figure[], written: string, text: string) => fs.find((f) => text.slice(f.span.start, f.span.end) === written)!;

describe('figure extraction', () => {
  it('reads value, unit and the clause it belongs to in sentences of seed 000', () => {
    const text = '各位委员：\n\n提案工作创新发展。去年，我们共收到提案636件，经审查立案547件。\n';
    const fs = figuresOf(text);
    expect(fs.map((f) => [f.value, f.unit, f.before])).toEqual([
      [636, '件', '收到提案'],
      [547, '件', '经审查立案'],
    ]);
  });

  it('keeps approximations as intervals: 2300多条, 20余次, 近2000万元, 120余条', () => {
    const text = '共收到各类社情民意信息2300多条，开展集中学习20余次，捐款捐物近2000万元，批评监督意见120余条。';
    const fs = figuresOf(text);
    const many = pick(fs, '2300多条', text);
    expect([many.approx, many.low, many.high < 2400, many.high >= 2399]).toEqual([true, 2300, true, true]);
    const some = pick(fs, '20余次', text);
    expect([some.low, some.high < 30]).toEqual([20, true]);
    const near = pick(fs, '近2000万元', text);
    expect([near.unit, near.high, near.low < 2e7]).toEqual(['元', 2e7, true]);
  });

  it('normalises money and reads decimals, percentages and thousands separators', () => {
    const text = '总投资额达907.62亿元，补助23万元，办复率97.9%，接待1,200人次。';
    const fs = figuresOf(text);
    expect(fs.map((f) => [f.value, f.unit, f.decimals])).toEqual([
      [90762000000, '元', 2],
      [230000, '元', 0],
      [97.9, '%', 1],
      [1200, '人次', 0],
    ]);
  });

  it('takes no set phrase, code name, year, date or ordinal for a figure', () => {
    const text = '贯彻十九届三中全会精神，树牢“四个意识”，落实省政协“1453”履职总要求，围绕“211555”产业布局，2019年1月7日召开第3次会议，实施“3311”工程，引进500强企业。';
    expect(figuresOf(text)).toEqual([]);
  });

  it('gives each figure its period: the sentence year, 去年 and 今年, or the part', () => {
    const text = seed('000');
    const fs = figuresOf(text);
    expect(pick(fs, '636件', text).year).toBe(2018); // 去年 in a report dated 2019年1月7日
    expect(pick(fs, '310人次', text).year).toBe(2018); // in 2018年工作回顾
    const plan = figuresOf('中国人民政治协商会议某市委员会工作报告\n\n（2019年1月7日）\n\n各位委员：\n\n2019年工作安排\n\n在去年开展8场协商活动的基础上，今年开展10场。\n');
    expect(plan.map((f) => f.year)).toEqual([2018, 2019]);
  });

  it('finds no figure conflict, part-whole, rate, count or date error in the seeds', async () => {
    const { analyze } = await import('../../server/src/core');
    for (const id of ['000', '001', '002', '003', '004'] as const) {
      expect(analyze(seed(id)).findings.filter((f) => f.category === 'figure').map((f) => f.rule), id).toEqual([]);
    }
  });
});

describe('the sentence of a figure', () => {
  it('is the one holding its start (the paragraph when none does), in the seeds and in one long line of them', () => {
    const seeds = ['000', '001', '002', '003', '004'].map((id) => seed(id as '000'));
    let checked = 0;
    // Sentences that open with a figure: it belongs to the sentence it opens, not the one before.
    const opening = '全年收到提案。636件提案已办结。近20次调研形成报告12篇。';
    for (const text of [seeds.join('\n'), seeds.join('').replace(/\s+/g, ''), opening]) {
      const doc = parseReport(text);
      for (const f of extractFigures(doc)) {
        const p = doc.paragraphs[f.paragraph];
        expect(f.sentence).toEqual(p.sentences.find((s) => f.span.start >= s.start && f.span.start < s.end) ?? p.span);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });
});

describe('subject keys (what figure-conflict files figures under)', () => {
  // The keys as strings, as they were first written: tag and characters.
  const asStrings = (before: string, after: string) => {
    const put: string[] = [];
    const take: string[] = [];
    if (before) put.push(`B${before.at(-1)}`), take.push(`B${before.at(-1)}`);
    if (after.length >= 2) put.push(`A${after.slice(0, 2)}`), take.push(`A${after.slice(0, 2)}`, `C${after.slice(0, 2)}`);
    for (let i = 0; i + 1 < before.length; i++) put.push(`C${before.slice(i, i + 2)}`), take.push(`A${before.slice(i, i + 2)}`);
    return { put, take };
  };
  const meets = (take: readonly unknown[], put: readonly unknown[]) => take.some((k) => put.includes(k));

  it('bring two figures together exactly when the string keys would (fast-check)', () => {
    // What clauses hold: Han characters (both blocks, 〇), ASCII digits and letters; a few of each,
    // with characters that share their low bits, so that a careless code would collide.
    const ch = fc.constantFrom('收', '到', '提', '案', '件', '\u3400', '\u4dbf', '\u4e00', '\u9fff', '〇', '0', '9', 'A', 'z', 'a', '\u5207', '\u4e07');
    const clause = fc.array(ch, { maxLength: 6 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(clause, clause, clause, clause, (b1, a1, b2, a2) => {
        const [n1, n2] = [subjectKeysOf(b1, a1), subjectKeysOf(b2, a2)];
        const [s1, s2] = [asStrings(b1, a1), asStrings(b2, a2)];
        expect(meets(n1.take, n2.put)).toBe(meets(s1.take, s2.put));
        expect(meets(n2.take, n1.put)).toBe(meets(s2.take, s1.put));
        // Small integers for the engine: within 31 bits, signed.
        for (const k of [...n1.put, ...n1.take]) expect(Number.isInteger(k) && k >= -(2 ** 30) && k < 2 ** 30).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('hover on a figure', () => {
  it('lists the other mentions of the same quantity and whether they agree', async () => {
    const { figureHover, LineIndex } = await import('../../server/src/core');
    const text = '中国人民政治协商会议某市委员会常务委员会工作报告\n\n（2019年1月7日）\n\n各位委员：\n\n2018年工作回顾\n\n一年来，全年共收到委员提案663件。\n\n提案工作创新发展。去年，我们共收到提案636件，经审查立案547件。\n\n2019年工作安排\n\n全年力争收到提案700件。\n';
    const doc = parseReport(text);
    const value = figureHover(doc, new LineIndex(text), text.indexOf('636件') + 1, 'en')!;
    expect(value.split('\n')).toEqual(['**636件** · 收到提案 (2018)', '- line 9: 663件 (2018) — disagrees', '- line 15: 700件 (2019) — another year']);
    expect(figureHover(doc, new LineIndex(text), text.indexOf('547件'), 'zh-cn')).toContain('文中没有同一数据的其他出处');
  });
});

describe('figures in tables', () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => `指标${i}\t${100 + (i % 900)}起\t${200 + (i % 700)}起`);
  const yearsOf = (text: string, markdown = false) => {
    const doc = parseReport(text, { markdown });
    return extractFigures(doc).map((f) => `${text.slice(f.span.start, f.span.end)}:${f.year ?? '-'}:${f.before}`);
  };

  it('take the year of their column and the label of their row, pasted as text or in markdown', () => {
    const txt = ['一、表', '', '指标\t2024年\t2025年', ...rows(2), '', '二、文', '', '全年共立刑事案件1268起。'].join('\n');
    expect(yearsOf(txt)).toEqual(['100起:2024:指标0', '200起:2025:指标0', '101起:2024:指标1', '201起:2025:指标1', '1268起:-:立刑事案件']);
    const md = ['一、表', '', '| 指标 | 2024年 | 2025年 |', '| --- | --- | --- |', ...rows(2).map((r) => `| ${r.replace(/\t/g, ' | ')} |`)].join('\n');
    expect(yearsOf(md, true)).toEqual(['100起:2024:指标0', '200起:2025:指标0', '101起:2024:指标1', '201起:2025:指标1']);
    // A line that is no row ends the table: the next one's header names no year.
    const two = [md, '注：下表为季度数据。', '| 指标 | 本期 | 上期 |', '| 乙 | 3起 | 4起 |'].join('\n');
    expect(yearsOf(two, true).slice(-2)).toEqual(['3起:-:乙', '4起:-:乙']);
  });

  it('read a table of 5,000 rows and a line of 30,000 cells in one pass each, and a new table starts without the old header', () => {
    // Rows pasted with blank lines between them: each a paragraph of its own.
    const big = ['指标\t2024年\t2025年', ...rows(5_000), '正文一段。', '指标\t本期\t上期', ...rows(1)].join('\n\n');
    const years = yearsOf(big);
    expect(years[0]).toBe('100起:2024:指标0');
    expect(years[9_999]).toBe(`${200 + (4_999 % 700)}起:2025:指标4999`);
    // The second table's header names no year: its cells have none.
    expect(years.slice(-2)).toEqual(['100起:-:指标0', '200起:-:指标0']);
    const line = '2024\t2025\n' + Array.from({ length: 30_000 }, (_, i) => `${100 + (i % 900)}起`).join('\t');
    expect(yearsOf(line).length).toBe(30_000);
  });
});
