import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyze, analyzeDoc, fallbackSegmenter, LineIndex, parseReport, RULES, type Finding, type Rule, type RuleId } from '../../server/src/core';
import { byPosition, runRules, sortByPosition } from '../../server/src/core/engine';
import { seed, SEED_FILES } from '../helpers';

const doc = parseReport('一、甲\n\n正文。\n\n三、乙\n\n正文。');
const ctx = { lines: new LineIndex(doc.text) };
const meta = (id: Rule['meta']['id']): Rule['meta'] => ({ id, category: 'structure', defaultSeverity: 'warning', fixable: false, docs: { zh: '', en: '' } });

describe('engine', () => {
  it('reports a rule that throws once and still runs the others', () => {
    const broken: Rule = { meta: meta('heading-style'), check: () => { throw new Error('boom'); } };
    const { findings, failures } = runRules(doc, [broken, ...RULES.filter((r) => r.meta.id === 'heading-sequence')], undefined, ctx);
    expect(failures).toEqual([{ rule: 'heading-style', error: 'boom' }]);
    expect(findings.map((f) => f.rule)).toEqual(['heading-sequence']);
  });

  it('drops findings outside the text and repeats, and sorts by position', () => {
    const noisy: Rule = {
      meta: meta('heading-hierarchy'),
      check: (_d, report) => {
        report({ span: { start: 5, end: 6 }, message: { key: 'b' } });
        report({ span: { start: 0, end: 1 }, message: { key: 'a' } });
        report({ span: { start: 0, end: 1 }, message: { key: 'a' } });
        report({ span: { start: -1, end: 1 }, message: { key: 'bad' } });
        report({ span: { start: 3, end: 9999 }, message: { key: 'bad' } });
        report({ span: { start: 4, end: 2 }, message: { key: 'bad' } });
        // A fix that would edit outside the text drops its finding: of one edit, or of several.
        const edit = (start: number, end: number) => ({ span: { start, end }, newText: '' });
        report({ span: { start: 1, end: 2 }, message: { key: 'bad' }, fix: { title: { key: 'f' }, edits: [edit(1, 9999)], safe: true } });
        report({ span: { start: 2, end: 3 }, message: { key: 'bad' }, fix: { title: { key: 'f' }, edits: [edit(2, 3), edit(-1, 0)], safe: true } });
        report({ span: { start: 3, end: 4 }, message: { key: 'c' }, fix: { title: { key: 'f' }, edits: [edit(3, 4), edit(5, 6)], safe: true } });
        report({ span: { start: 4, end: 5 }, message: { key: 'bad' }, fix: { title: { key: 'f' }, edits: [edit(4, 5), edit(5, 6), edit(6, 9999)], safe: true } });
        report({ span: { start: 6, end: 7 }, message: { key: 'bad' }, fix: { title: { key: 'f' }, edits: [edit(5, 4)], safe: true } });
        report({ span: { start: 5, end: 5 }, message: { key: 'd' }, fix: { title: { key: 'f' }, edits: [edit(4, 5), edit(5, 6), edit(6, 7)], safe: true } });
      },
    };
    const { findings } = runRules(doc, [noisy], undefined, ctx);
    expect(findings.map((f) => f.message.key)).toEqual(['a', 'c', 'd', 'b']);
    expect(findings[0]).toMatchObject({ rule: 'heading-hierarchy', category: 'structure', severity: 'warning', related: [] });
  });

  it('sorts findings as a stable sort by position does, in runs or not (500 random lists)', () => {
    // Few starts, ends and rules: ties of every kind, and spans of other lengths. Lists made of runs in order (as the rules
    // report) or in any order; each finding a distinct object, so that the order of ties shows.
    const finding = fc.record({ start: fc.constantFrom(0, 1, 2, 5, 8, 13, 40, 41, 100), length: fc.constantFrom(0, 1, 2, 3, 7, 30), rule: fc.constantFrom<RuleId>('stray-text', 'punctuation-width', 'duplicate-paragraph', 'duplicate-passage') });
    const runs = fc.array(fc.array(finding, { maxLength: 12 }).map((fs) => [...fs].sort((x, y) => x.start - y.start)), { maxLength: 8 });
    const lists = fc.oneof(runs.map((rs) => rs.flat()), fc.array(finding, { maxLength: 60 }));
    fc.assert(
      fc.property(lists, (list) => {
        const findings = list.map((f, i) => ({ rule: f.rule, category: 'layout', severity: 'warning', span: { start: f.start, end: f.start + f.length }, message: { key: String(i) }, related: [] }) as Finding);
        const expected = [...findings].sort(byPosition);
        sortByPosition(findings);
        expect(findings.map((f) => f.message.key)).toEqual(expected.map((f) => f.message.key));
      }),
      { numRuns: 500 },
    );
  });

  it('drops a repeat only when span and message are the same, however many findings share a start (200 random runs)', () => {
    // Few starts, ends and messages: findings often share a start, and repeats are common. Reported
    // in the order of the text (as most rules report), or in any order, or in order and then not.
    const draft = fc.record({ start: fc.integer({ min: 0, max: 3 }), length: fc.integer({ min: 0, max: 2 }), key: fc.constantFrom('a', 'b', 'c') });
    const drafts = fc.tuple(fc.array(draft, { maxLength: 40 }), fc.constantFrom('any', 'sorted', 'sorted, then any')).map(([ds, order]) => {
      const sorted = [...ds].sort((x, y) => x.start - y.start);
      return order === 'any' ? ds : order === 'sorted' ? sorted : [...sorted, ...ds];
    });
    fc.assert(
      fc.property(drafts, (drafts) => {
        const rule: Rule = { meta: meta('heading-hierarchy'), check: (_d, report) => drafts.forEach((d) => report({ span: { start: d.start, end: d.start + d.length }, message: { key: d.key } })) };
        const firsts = new Map(drafts.map((d, i) => [`${d.start} ${d.length} ${d.key}`, i]).reverse());
        const expected = drafts.filter((d, i) => firsts.get(`${d.start} ${d.length} ${d.key}`) === i);
        expected.sort((x, y) => x.start - y.start || x.length - y.length);
        const got = runRules(doc, [rule], undefined, ctx).findings.map((f) => ({ start: f.span.start, length: f.span.end - f.span.start, key: f.message.key }));
        expect(got).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the same finding from two rules, and carries the draft over whole', () => {
    const fix = { title: { key: 'f' }, edits: [{ span: { start: 0, end: 1 }, text: 'x' }], safe: false };
    const same = (id: Rule['meta']['id']): Rule => ({ meta: meta(id), check: (_d, report) => report({ span: { start: 0, end: 1 }, message: { key: 'a' }, severity: 'info', fix, detail: { share: 0.5 } }) });
    const { findings } = runRules(doc, [same('heading-hierarchy'), same('heading-style')], undefined, ctx);
    expect(findings.map((f) => f.rule)).toEqual(['heading-hierarchy', 'heading-style']);
    expect(findings[0]).toMatchObject({ severity: 'info', fix, detail: { share: 0.5 }, related: [] });
  });

  it('applies the configured severity and turns rules off', () => {
    expect(runRules(doc, RULES, { rules: { 'heading-sequence': 'info' } }, ctx).findings.map((f) => f.severity)).toEqual(['info']);
    expect(runRules(doc, RULES, { rules: { 'heading-sequence': 'off' } }, ctx).findings).toEqual([]);
  });

  it('holds back the rules that need the segmenter until one is given', () => {
    const text = '我们在在基层开展调研，形成了一批成果。';
    const d = parseReport(text);
    const without = runRules(d, RULES, undefined, { lines: new LineIndex(text) });
    expect(without.pending).toEqual(['repeated-word']);
    expect(without.findings).toEqual([]);
    const withSeg = runRules(d, RULES, undefined, { lines: new LineIndex(text), segmenter: fallbackSegmenter });
    expect(withSeg.pending).toEqual([]);
    expect(withSeg.findings.map((f) => f.rule)).toEqual(['repeated-word']);
  });

  it('gives every registered rule a distinct id of the contract and both languages of docs', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) expect(r.meta.docs.zh && r.meta.docs.en, r.meta.id).toBeTruthy();
  });
});

describe('findings without fixes (fixes: false, for the CLI workers)', () => {
  const withoutFix = (findings: readonly Finding[]) => findings.map((f) => ({ ...f, fix: undefined }));
  it.each(Object.keys(SEED_FILES) as (keyof typeof SEED_FILES)[])('are the same findings on seed %s, and punctuation-width leaves its edits out', (id) => {
    const doc = parseReport(seed(id));
    const full = analyzeDoc(doc).findings;
    const bare = analyzeDoc(doc, { fixes: false }).findings;
    expect(withoutFix(bare)).toEqual(withoutFix(full));
    const pw = (fs: readonly Finding[]) => fs.filter((f) => f.rule === 'punctuation-width');
    expect(pw(full).length).toBeGreaterThan(0);
    expect(pw(full).every((f) => f.fix !== undefined && f.fix.edits.length === (f.message.args?.count as number))).toBe(true);
    expect(pw(bare).every((f) => f.fix === undefined)).toBe(true);
  });
});

describe('stray-latin', () => {
  it('flags each English function word it knows between Chinese words, and none in capitals', () => {
    const words = ['and', 'or', 'the', 'of', 'to', 'in', 'on', 'for', 'with', 'by', 'at', 'from', 'is', 'are', 'was', 'were', 'be', 'but'];
    const flagged = (text: string) =>
      analyze(text)
        .findings.filter((f) => f.rule === 'stray-latin')
        .map((f) => text.slice(f.span.start, f.span.end));
    // One paragraph per word: a paragraph holding only that word's letters.
    for (const w of words) expect(flagged(`推动政协工作精神 ${w} 省委工作会议精神落实。`), w).toEqual([w]);
    expect(flagged('推动政协工作精神 AND 省委工作会议精神落实。')).toEqual([]);
  });
});

describe('stray-text in the body', () => {
  it('flags a photo caption and a page continuation mark between body paragraphs, and leaves look-alikes', () => {
    const text = '一、总体情况\n\n我们认真履行职能，取得了新的成效。\n\n会议现场。本报记者王五摄\n\n我们将继续努力，再创佳绩。（下转第二版）\n\n二、存在问题\n\n我们组织拍摄了专题片，在第二版刊发。';
    const found = analyze(text).findings.filter((f) => f.rule === 'stray-text');
    expect(found.map((f) => [f.message.args?.kind, text.slice(f.span.start, f.span.end)])).toEqual([
      ['stray-text.kind.caption', '会议现场。本报记者王五摄'],
      ['stray-text.kind.page-mark', '（下转第二版）'],
    ]);
  });
});

describe('figure-sum', () => {
  it('takes a figure as a total only when 共 stands in its own clause', () => {
    const sums = (text: string) => analyze(text).findings.filter((f) => f.rule === 'figure-sum').map((f) => f.message.args?.total);
    expect(sums('全年收到提案共100件，分别来自委员80件和党派30件。')).toEqual(['100件']);
    // 共 belongs to the first clause: 100件 is no total.
    expect(sums('全年共召开常委会议6次，收到提案100件，分别来自委员80件和党派30件。')).toEqual([]);
    // 合计 and 总计 as two characters of the clause; every clause mark, full- and half-width, ends one.
    expect(sums('收到提案合计100件，分别来自委员80件和党派30件。')).toEqual(['100件']);
    expect(sums('提案总计100件，分别来自委员80件和党派30件。')).toEqual(['100件']);
    expect(sums('合；计收到提案100件，分别来自委员80件和党派30件。')).toEqual([]);
    for (const mark of ['，', ',', '；', ';', '：', ':']) expect(sums(`共召开会议6次${mark}收到提案100件，分别来自委员80件和党派30件。`)).toEqual([]);
  });
});
