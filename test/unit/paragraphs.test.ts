import { describe, expect, it } from 'vitest';
import { MAX_SENTENCE, paragraphsContaining, sentenceAt, splitParagraphs, splitSentences } from '../../server/src/core/parse/paragraphs';
import { seed } from '../helpers';

const texts = (t: string) => splitParagraphs(t).map((p) => p.text);

describe('paragraphs', () => {
  it('takes each line as a paragraph when blank lines separate them', () => {
    expect(texts('一、总体情况\n\n我们认真履职。\n\n二、存在问题\n')).toEqual(['一、总体情况', '我们认真履职。', '二、存在问题']);
  });

  it('takes each line as a paragraph in the one-line-per-paragraph layout', () => {
    expect(texts('各位委员：\n现在，我代表常务委员会报告工作。\n一年来，我们认真履职。')).toEqual(['各位委员：', '现在，我代表常务委员会报告工作。', '一年来，我们认真履职。']);
  });

  it('joins the lines of a hard-wrapped block into one paragraph', () => {
    const text = '一、主要工作\n\n全年组织机关干部集中学习二十\n四次，开展专题研讨六次，撰写心\n得体会四十余篇。\n\n二、存在问题\n\n学习的系统性还不够强，调研成果\n的转化还不够充分，需要改进提高。\n';
    const ps = splitParagraphs(text);
    expect(ps.map((p) => p.text.replace(/\n/g, '/'))).toEqual(['一、主要工作', '全年组织机关干部集中学习二十/四次，开展专题研讨六次，撰写心/得体会四十余篇。', '二、存在问题', '学习的系统性还不够强，调研成果/的转化还不够充分，需要改进提高。']);
  });

  it('takes no table row or list item for a hard wrap, and in hard-wrapped text starts a paragraph at each', () => {
    // Rows and items end without a full stop, line after line: one paragraph per line still.
    const table = '| 指标 | 2023年 | 2024年 |\n| --- | --- | --- |\n| 房地产开发投资 | 518.5 | 486.3 |\n';
    expect(texts('市住房和城乡建设局2024年工作总结\n（2025年1月8日）\n\n' + table + '\n1. 筹集保障性租赁住房8000套\n2. 完成城镇老旧小区改造120个\n')).toEqual([
      '市住房和城乡建设局2024年工作总结',
      '（2025年1月8日）',
      '| 指标 | 2023年 | 2024年 |',
      '| --- | --- | --- |',
      '| 房地产开发投资 | 518.5 | 486.3 |',
      '1. 筹集保障性租赁住房8000套',
      '2. 完成城镇老旧小区改造120个',
    ]);
    // Hard-wrapped prose with a table and a list in it: the prose is joined, the rows and items are not.
    const wrapped = '全年组织机关干部集中学习二十\n四次，开展专题研讨六次，撰写心\n得体会四十余篇。\n\n学习的系统性还不够强，调研成果\n的转化还不够充分，需要改进提高。\n\n';
    expect(texts(wrapped + table + '\n1. 筹集保障性租赁住房8000套，年内\n全部开工\n2. 完成改造120个\n').map((t) => t.replace(/\n/g, '/'))).toEqual([
      '全年组织机关干部集中学习二十/四次，开展专题研讨六次，撰写心/得体会四十余篇。',
      '学习的系统性还不够强，调研成果/的转化还不够充分，需要改进提高。',
      '| 指标 | 2023年 | 2024年 |',
      '| --- | --- | --- |',
      '| 房地产开发投资 | 518.5 | 486.3 |',
      '1. 筹集保障性租赁住房8000套，年内/全部开工',
      '2. 完成改造120个',
    ]);
  });

  it('keeps a page-break split as two paragraphs (the layout rules join them)', () => {
    expect(texts('在新的\n\n一年里，市政协工作的总体要求是：坚持团结和民主两大主题。')).toHaveLength(2);
  });

  it('trims a BOM, full-width indentation and CRLF, with offsets into the original text', () => {
    const text = '\ufeff标题\r\n\u3000\u3000正文第一句。第二句！\r\n';
    const ps = splitParagraphs(text);
    expect(ps.map((p) => p.text)).toEqual(['标题', '正文第一句。第二句！']);
    for (const p of ps) expect(text.slice(p.span.start, p.span.end)).toBe(p.text);
  });

  it('takes YAML metadata opening a markdown note as no text, and only such a block', () => {
    const body = '# 一、总体情况\n\n今年完成了任务。\n';
    const yaml = '---\ntitle: 2019年政协工作报告\ndate: 2020-01-15\ntags: [政协, 工作报告]\naliases:\n  - 年度报告\ndescription: |\n  全年工作的回顾，供常委会审议。\n# 一条注释\n\n---\n\n';
    expect(texts(yaml + body)).toEqual(['# 一、总体情况', '今年完成了任务。']);
    // Closed by "...", with CRLF and a BOM; a Chinese key.
    expect(texts('\ufeff---\r\n标题: 年度报告\r\n...\r\n' + body)).toEqual(['# 一、总体情况', '今年完成了任务。']);
    // Not metadata: a line of report text inside, no closing line within 100 lines, or not at the start.
    expect(texts('---\n今年完成了任务。\n---\n' + body)[0]).toBe('---');
    expect(texts('---\n' + 'key: value\n'.repeat(101) + '---\n' + body)[0]).toBe('---');
    expect(texts('前言\n\n---\ntitle: x\n---\n')).toEqual(['前言', '---', 'title: x', '---']);
  });

  it('gives no paragraph for empty or blank text', () => {
    expect(splitParagraphs('')).toEqual([]);
    expect(splitParagraphs(' \n\u3000\r\n\t')).toEqual([]);
  });
});

describe('sentences', () => {
  const split = (t: string) => splitSentences(t, 0, t.length).map((s) => t.slice(s.start, s.end));

  it('ends a sentence after its mark and any closing quote or bracket', () => {
    expect(split('他说：“要抓落实。”我们照办了！还有吗？没有')).toEqual(['他说：“要抓落实。”', '我们照办了！', '还有吗？', '没有']);
  });

  it('keeps semicolons and commas inside a sentence', () => {
    expect(split('委员强，则政协强；委员履职到了位，政协才会有地位。')).toHaveLength(1);
  });

  it('ends a sentence without end marks at its next clause mark past the longest, or anywhere past twice it', () => {
    const clauses = '全年共办理提案636件，其中办结600件；'.repeat(600);
    const spans = splitSentences(clauses, 0, clauses.length);
    expect(spans.length).toBeGreaterThan(1);
    expect(spans.map((x) => clauses.slice(x.start, x.end)).join('')).toBe(clauses);
    for (const x of spans.slice(0, -1)) {
      expect(x.end - x.start).toBeGreaterThan(MAX_SENTENCE);
      expect(x.end - x.start).toBeLessThan(MAX_SENTENCE + 30);
      expect('，；').toContain(clauses[x.end - 1]);
    }
    // No mark at all: cut at twice the longest, never inside a surrogate pair.
    const bare = '𠮷'.repeat(3 * MAX_SENTENCE);
    const cut = splitSentences(bare, 0, bare.length);
    expect(cut.map((x) => bare.slice(x.start, x.end)).join('')).toBe(bare);
    for (const x of cut) expect(x.start % 2).toBe(0);
    expect(cut[0].end - cut[0].start).toBeLessThanOrEqual(2 * MAX_SENTENCE + 1);
    // A long real sentence, 60 clauses, 300 characters, is left whole.
    expect(split('各位委员，'.repeat(60) + '完。')).toHaveLength(1);
  });

  it('tells a closing ** of a bold lead-in from the opening ** of the next', () => {
    expect(split('**抓好理论学习。**全年学习12次。**加强宣传引导。**编发简报20期。')).toEqual(['**抓好理论学习。**', '全年学习12次。', '**加强宣传引导。**', '编发简报20期。']);
  });
});

describe('the sentence at an offset', () => {
  it('is the one a scan of the paragraph finds, at every offset of the seeds and between spaced sentences', () => {
    const text = ['000', '001', '002', '003', '004'].map((id) => seed(id as '000')).join('\n') + '\n第一句。  第二句！“第三句。”\u3000第四句';
    let asked = 0;
    let between = 0;
    for (const p of splitParagraphs(text)) {
      for (let at = p.span.start - 1; at <= p.span.end; at++) {
        const scanned = p.sentences.find((s) => at >= s.start && at < s.end);
        expect(sentenceAt(p, at)).toBe(scanned);
        asked++;
        if (scanned === undefined && at >= p.span.start && at < p.span.end) between++;
      }
    }
    expect(asked).toBeGreaterThan(30_000);
    expect(between).toBeGreaterThan(0);
  });
});

describe('the paragraphs that hold a word', () => {
  const asked = (text: string, word: string) => {
    const doc = { text, paragraphs: splitParagraphs(text) };
    return { found: paragraphsContaining(doc, word).map((p) => p.index), each: doc.paragraphs.filter((p) => p.text.includes(word)).map((p) => p.index) };
  };

  it('are those whose own text holds it, in every seed, once each however often they hold it', () => {
    let listed = 0;
    for (const id of ['000', '001', '002', '003', '004'] as const) {
      for (const word of ['工作', '周年', '成立', '。', '，全', '年\n']) {
        const { found, each } = asked(seed(id), word);
        expect(found).toEqual(each);
        listed += found.length;
      }
    }
    expect(listed).toBeGreaterThan(250);
  });

  it('leave out a word between paragraphs or across a paragraph’s end', () => {
    // In a comment line (no paragraph, as a blank line), and 周 ending one paragraph with 年
    // opening the next.
    const text = '建国七十周年\n<!-- 周年 -->\n第二段，周\n年初开局。\n周年在尾';
    const { found, each } = asked(text, '周年');
    expect(found).toEqual(each);
    expect(found).toEqual([0, 3]);
    // 周 closes paragraph 1 and its line: 周 and the line break are in the text, not in one paragraph.
    expect(asked(text, '周\n')).toEqual({ found: [], each: [] });
    expect(asked('', '周年').found).toEqual([]);
  });
});
