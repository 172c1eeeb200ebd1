import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Range } from 'vscode-languageserver/node';
import {
  analyze,
  applyEdits,
  fallbackSegmenter,
  figureHover,
  findingsHover,
  folds,
  mergeFixes,
  outlineAsText,
  outlineNodes,
  renderStatistics,
  sectionHover,
  selectionChain,
  statistics,
  type Heading,
  type OutlineNode,
  type ReportDoc,
  type Span,
} from '../../server/src/core';
import { toCodeActions, toDiagnostics, toRenumberEdits } from '../../server/src/lsp/convert';
import { countChars } from '../../server/src/core/text/chars';
import { seed, SEED_FILES } from '../helpers';

/**
 * Properties of the analysis over arbitrary text: random mixes of the seeds' lines with markers,
 * digits, brackets, quotes, surrogate pairs (and lone halves), odd line breaks and spaces, and
 * markdown syntax.
 * The number of generated cases is printed, so that the test run shows what it covered.
 */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 500);

const seedLines = (Object.keys(SEED_FILES) as (keyof typeof SEED_FILES)[]).flatMap((id) => seed(id).split(/\r?\n/).filter((l) => l.trim().length > 0));
const MARKERS = ['一、', '二、', '四、', '十一、', '（一）', '（三）', '(二)', '1.', '2．', '3、', '（1）', '(2)', '①', '# ', '## ', '**', '一是', '二是', '第一，', '第三，', '2019年工作回顾', '2020年工作安排', '首先，', '其次，'];
const PIECES = ['（', '）', '（（（', '）））', '“', '”', '《', '》', '：', '。', '，', '；', '、', ',', '.', ':', ';', '!', '?', '%', '％', '万元', '亿元', '个百分点', '增长', '下降', '共', '其中', '以下三个方面：', '年', '周年', '成立于1949年', '的的', '雨村雨村', '研究研究'];
/** Markdown as notes and reports hold it: YAML metadata, tables, links, images, code, footnotes. */
const MARKUP = ['---\n', 'title: 年度报告\n', '...\n', '| 项目 | 100% |', '|---|', '[附件](a/一(修订).docx)', '![图](b.jpg)', '`代码,(x)`', '[^1]: ', ' ##', '`'];
const ODD = ['\r\n', '\r', '\n', '\n\n', '\u3000', '\u3000\u3000', '\t', ' ', '\ufeff', '\u00a0', '𠮷', '😀', '\ud800', '\udc00', '\u0000', '<!-- report-lint-disable -->', '<!-- report-lint-enable -->'];

const number = fc.oneof(
  fc.integer({ min: 0, max: 100000 }).map(String),
  fc.float({ min: 0, max: 1000, noNaN: true }).map((x) => x.toFixed(1)),
  fc.integer({ min: 1990, max: 2030 }).map((y) => `${y}年`),
  fc.constantFrom('一', '二', '三', '十', '二十', '百', '千', '万', '５４７', '０'),
);
const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...seedLines) },
  { weight: 2, arbitrary: fc.constantFrom(...MARKERS) },
  { weight: 2, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 2, arbitrary: number },
  { weight: 3, arbitrary: fc.constantFrom(...ODD) },
  { weight: 1, arbitrary: fc.constantFrom(...MARKUP) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
);
/** Documents of up to ~60 pieces; lines of the seeds keep them report-like. */
const documents = fc.array(piece, { maxLength: 60 }).map((xs) => xs.join(''));

const inside = (s: Span, text: string) => Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start <= s.end && s.end <= text.length;
const within = (inner: Span, outer: Span) => outer.start <= inner.start && inner.end <= outer.end;

function checkSections(nodes: readonly Heading[], parent: Span, text: string): void {
  let last = parent.start;
  for (const h of nodes) {
    expect(inside(h.section, text)).toBe(true);
    expect(within(h.span, h.section)).toBe(true);
    expect(h.section.start).toBe(h.span.start);
    expect(within(h.section, parent)).toBe(true);
    expect(h.section.start).toBeGreaterThanOrEqual(last); // in order, no overlap between siblings
    last = h.section.end;
    checkSections(h.children, h.section, text);
  }
}

function checkDoc(doc: ReportDoc): void {
  const { text } = doc;
  let prev = 0;
  for (const p of doc.paragraphs) {
    expect(inside(p.span, text)).toBe(true);
    expect(p.span.start).toBeGreaterThanOrEqual(prev);
    prev = p.span.end;
    for (const s of p.sentences) expect(within(s, p.span)).toBe(true);
  }
  for (const h of doc.headings) expect(inside(h.span, text)).toBe(true);
  checkSections(doc.outline, { start: 0, end: text.length }, text);
  // The top-level sections follow each other up to the end of the text; what lies between two
  // (sections end at their last non-blank character) is white space only. The front matter is one
  // of them, in its place (after a heading too: "# " then a title line), covering its own lines
  // only: body text may follow it before the next heading.
  const top = doc.outline;
  const blank = (from: number, to: number) => /^\s*$/.test(text.slice(from, to));
  for (let i = 1; i < top.length; i++) if (top[i - 1].kind !== 'front-matter') expect(blank(top[i - 1].section.end, top[i].section.start)).toBe(true);
  if (top.length > 0 && top[top.length - 1].kind !== 'front-matter') expect(blank(top[top.length - 1].section.end, text.length)).toBe(true);
  // Likewise the children of a heading cover its section after the heading itself.
  for (const h of doc.headings) if (h.children.length > 0) expect(blank(h.children[h.children.length - 1].section.end, h.section.end)).toBe(true);
  // Every heading is in the tree once, and the tree lists them in document order.
  const order: Heading[] = [];
  const walk = (ns: readonly Heading[]) => ns.forEach((h) => (order.push(h), walk(h.children)));
  walk(doc.outline);
  expect(order).toEqual(doc.headings);
}

describe('properties over generated text (fast-check)', () => {
  let cases = 0;

  it('parsing and every rule never throw; every span lies inside the text; sections nest and cover the document in order', () => {
    fc.assert(
      fc.property(documents, (text) => {
        cases++;
        const a = analyze(text, { segmenter: fallbackSegmenter });
        expect(a.failures).toEqual([]);
        checkDoc(a.doc);
        // Each outline node's 字数 (summed from its children and the text between them) is its section's.
        const nodes = (ns: readonly OutlineNode[]): OutlineNode[] => ns.flatMap((n) => [n, ...nodes(n.children)]);
        for (const n of nodes(outlineNodes(a.doc))) expect(n.chars).toBe(countChars(text, n.span.start, n.span.end));
        for (const f of a.findings) {
          expect(inside(f.span, text)).toBe(true);
          for (const r of f.related) if (r.uri === undefined) expect(inside(r.span, text)).toBe(true);
          for (const e of f.fix?.edits ?? []) expect(inside(e.span, text)).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
    console.log(`properties: ${cases} generated documents analysed`);
  });

  it('the editor features answer at any place of any text: hovers, selection, folds, outline, statistics, actions, diagnostics, renumbering', () => {
    let places = 0;
    const inRange = (r: Range, lines: number) => r.start.line >= 0 && r.start.line <= r.end.line && r.end.line < lines && r.start.character >= 0 && r.end.character >= 0;
    fc.assert(
      fc.property(documents, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }), (text, at) => {
        const a = analyze(text, { segmenter: fallbackSegmenter });
        const lines = a.lines.lineCount;
        for (const offset of at.map((x) => Math.round(x * text.length))) {
          places++;
          for (const locale of ['zh-cn', 'en'] as const) {
            sectionHover(a.doc, a.findings, a.lines, offset, fallbackSegmenter, locale);
            findingsHover(a.doc, a.findings, a.lines, offset, locale);
            figureHover(a.doc, a.lines, offset, locale);
          }
          // Each step of the selection holds the one before it.
          const chain = selectionChain(a.doc, offset);
          chain.forEach((s, i) => {
            expect(inside(s, text)).toBe(true);
            if (i > 0) expect(within(chain[i - 1], s)).toBe(true);
          });
          for (const action of toCodeActions(a, 'file:///r.txt', 'zh-cn', offset, Math.min(text.length, offset + 20), undefined, true)) {
            for (const e of action.edit?.changes?.['file:///r.txt'] ?? []) expect(inRange(e.range, lines)).toBe(true);
          }
        }
        for (const f of folds(a.doc)) expect(inside(f.span, text)).toBe(true);
        for (const d of toDiagnostics(a, 'file:///r.txt', 'en')) expect(inRange(d.range, lines)).toBe(true);
        for (const e of toRenumberEdits(a)) expect(inRange(e.range, lines)).toBe(true);
        renderStatistics(statistics(a.doc, a.findings), 'r.txt', 'zh-cn');
        outlineAsText(a.doc);
      }),
      { numRuns: RUNS },
    );
    console.log(`properties: the editor features asked at ${places} places of ${RUNS} generated documents`);
  });

  it('places front matter that follows a heading among the top-level sections (found by the property above)', () => {
    const text = '# \r\n中国人民政治协商会议 衡阳市委员会常务委员会工作报告';
    const doc = analyze(text).doc;
    expect(doc.outline.map((h) => h.kind)).toEqual(['markdown', 'front-matter']);
    checkDoc(doc);
  });

  it('a fix changes only the text of its own edits', () => {
    let fixes = 0;
    fc.assert(
      fc.property(documents, (text) => {
        for (const f of analyze(text, { segmenter: fallbackSegmenter }).findings) {
          if (!f.fix) continue;
          fixes++;
          const edits = [...f.fix.edits].sort((x, y) => x.span.start - y.span.start);
          const out = applyEdits(text, edits);
          const first = edits[0].span.start;
          const last = edits[edits.length - 1];
          expect(out.slice(0, first)).toBe(text.slice(0, first));
          expect(out.slice(out.length - (text.length - last.span.end))).toBe(text.slice(last.span.end));
          // Between two edits of one fix, the text stays as it was.
          let at = 0;
          for (let i = 0; i < edits.length; i++) {
            const e = edits[i];
            at += (i === 0 ? e.span.start : e.span.start - edits[i - 1].span.end) + e.newText.length;
            if (i + 1 < edits.length) expect(out.slice(at, at + edits[i + 1].span.start - e.span.end)).toBe(text.slice(e.span.end, edits[i + 1].span.start));
          }
        }
      }),
      { numRuns: RUNS },
    );
    console.log(`properties: ${fixes} fixes applied one by one`);
  });

  it('applying all safe fixes twice equals applying them once (fix-all converges, never oscillates)', () => {
    // Fix-all as --fix runs it: rounds of merged safe fixes until none is left (an edit dropped for
    // overlapping another is offered again next round).
    const fixAll = (text: string) => {
      for (let round = 0; round < 10; round++) {
        const edits = mergeFixes(analyze(text, { segmenter: fallbackSegmenter }).findings);
        if (edits.length === 0) return { text, rounds: round };
        text = applyEdits(text, edits);
      }
      return { text, rounds: Infinity };
    };
    let changed = 0;
    let moreRounds = 0;
    fc.assert(
      fc.property(documents, (text) => {
        const once = fixAll(text);
        expect(once.rounds).toBeLessThan(10);
        if (once.text !== text) changed++;
        if (once.rounds > 1) moreRounds++;
        const twice = fixAll(once.text);
        expect(twice.text).toBe(once.text);
        expect(twice.rounds).toBe(0);
      }),
      { numRuns: RUNS },
    );
    console.log(`properties: fix-all changed ${changed} of ${RUNS} generated documents (${moreRounds} needed more than one round)`);
  });
});
