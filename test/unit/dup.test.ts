import { describe, expect, it } from 'vitest';
import { DuplicateCorpus, parseReport } from '../../server/src/core';
import { winnow } from '../../server/src/core/dup/fingerprint';
import { FingerprintIndex, findRuns, NONE, positionsByHash, runsBetween, type Run } from '../../server/src/core/dup/match';
import type { Fingerprints } from '../../server/src/core/dup/fingerprint';
import fc from 'fast-check';
import { comparableParagraphs, DEFAULT_DUP_OPTIONS, MAX_COMPARABLE, normalize } from '../../server/src/core/dup/normalize';
import { detectDuplicates } from '../../server/src/core/dup/detect';
import { classify } from '../../server/src/core/dup/classify';
import { diffChars, editDistance } from '../../server/src/core/text/diff';
import { seed } from '../helpers';

/** A deterministic pseudo-random Han string. */
function han(n: number, seedValue: number): string {
  let x = seedValue;
  let s = '';
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    s += String.fromCharCode(0x4e00 + (x % 3000));
  }
  return s;
}

describe('winnowing', () => {
  it('gives any common run of k + w - 1 characters a common fingerprint', () => {
    const k = 8;
    const w = 6;
    for (let trial = 0; trial < 50; trial++) {
      const common = han(k + w - 1, trial + 1);
      const a = han(40, trial + 100) + common + han(30, trial + 200);
      const b = han(25, trial + 300) + common + han(45, trial + 400);
      const fa = new Set(winnow(a, k, w).hashes);
      expect(winnow(b, k, w).hashes.some((h) => fa.has(h)), `trial ${trial}`).toBe(true);
    }
  });

  it('keeps the rightmost minimum of every window, once per change: the textbook definition (fast-check)', () => {
    // Repeated k-grams give equal hashes: a three-letter alphabet and short k make ties common.
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('甲', '乙', '丙'), maxLength: 60 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 8 }), (s, k, w) => {
        const count = s.length - k + 1;
        const hash = (i: number) => winnow(s.slice(i, i + k), k, w).hashes[0];
        const hashes = Array.from({ length: Math.max(0, count) }, (_, i) => hash(i));
        const expected: number[] = [];
        for (let end = Math.min(w, count) - 1; count > 0 && end < count; end++) {
          let min = Math.max(0, end - w + 1);
          for (let j = min + 1; j <= end; j++) if (hashes[j] <= hashes[min]) min = j;
          if (expected[expected.length - 1] !== min) expected.push(min);
        }
        const got = winnow(s, k, w);
        expect([...got.positions]).toEqual(expected);
        expect([...got.hashes]).toEqual(expected.map((i) => hashes[i]));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps about 2/(w+1) of the positions', () => {
    const s = han(10000, 7);
    const n = winnow(s, 8, 6).hashes.length;
    expect(n / s.length).toBeGreaterThan(0.2);
    expect(n / s.length).toBeLessThan(0.4);
  });
});

describe('fingerprint index', () => {
  /** The postings of a hash as [key, position, …] pairs, or undefined when there are none. */
  const postings = (index: FingerprintIndex, first: number) => {
    const out: number[] = [];
    for (let p = first; p !== NONE; p = index.next(p)) out.push(index.keyAt(p), index.positionAt(p));
    return out.length ? out : undefined;
  };

  it('counts the times a hash becomes boilerplate or stops being it', () => {
    const index = new FingerprintIndex(10, 12, 3);
    const one = (h: number) => ({ hashes: Uint32Array.of(h), positions: Int32Array.of(0) });
    for (let key = 0; key < 3; key++) index.add(key, one(42));
    index.add(9, one(7));
    expect(index.crossings).toBe(0);
    index.add(3, one(42));
    expect(index.lookup(42)).toBe(NONE);
    expect(index.crossings).toBe(1);
    index.add(4, one(42));
    expect(index.crossings).toBe(1);
    index.remove(4, one(42));
    index.remove(3, one(42));
    expect(index.lookup(42)).not.toBe(NONE);
    expect(index.crossings).toBe(2);
    // A batch counts where hashes end: a document's postings replaced by its next version's, at
    // the edge, cross twice and count nothing; a batch that leaves a hash boilerplate counts once.
    index.add(3, one(42));
    expect(index.crossings).toBe(3);
    index.batch(() => {
      index.remove(3, one(42));
      index.add(3, one(42));
    });
    expect(index.crossings).toBe(3);
    index.batch(() => {
      index.remove(3, one(42));
      index.add(5, { hashes: Uint32Array.of(42, 43), positions: Int32Array.of(0, 9) });
      index.add(6, one(42));
    });
    expect(index.lookup(42)).toBe(NONE);
    expect(index.crossings).toBe(3);
    index.batch(() => index.remove(6, one(42)));
    expect(index.crossings).toBe(3);
    index.batch(() => index.remove(5, one(42)));
    expect(index.lookup(42)).not.toBe(NONE);
    expect(index.crossings).toBe(4);
  });

  it('files and finds hashes of all 32 bits, and forgets them on removal', () => {
    const index = new FingerprintIndex(10, 12, 40);
    const high = { hashes: Uint32Array.of(0xfffffff0, 0x80000000, 7), positions: Int32Array.of(0, 5, 9) };
    index.add(1, high);
    index.add(2, { hashes: Uint32Array.of(0x80000000), positions: Int32Array.of(3) });
    expect(postings(index, index.lookup(0xfffffff0))).toEqual([1, 0]);
    expect(postings(index, index.lookup(0x80000000))).toEqual([1, 5, 2, 3]);
    expect(postings(index, index.postingsOf(7))).toEqual([1, 9]);
    index.remove(1, high);
    expect(index.lookup(0xfffffff0)).toBe(NONE);
    expect(postings(index, index.lookup(0x80000000))).toEqual([2, 3]);
  });

  it('keeps its table bounded by the live hashes while fingerprints come and go (an editor index)', () => {
    const index = new FingerprintIndex(8, 6, 24);
    const paragraph = (n: number) => ({ hashes: Uint32Array.from({ length: 50 }, (_, i) => Math.imul(n * 50 + i + 1, 0x9e3779b1) >>> 0), positions: Int32Array.from({ length: 50 }, (_, i) => i) });
    for (let n = 0; n < 100; n++) index.add(n, paragraph(n));
    const grown = index.capacity;
    // 20,000 edits, each replacing one paragraph's fingerprints with new ones: 1 M hashes seen.
    for (let n = 100; n < 20_100; n++) {
      index.remove(n - 100, paragraph(n - 100));
      index.add(n, paragraph(n));
    }
    expect(index.capacity).toBeLessThanOrEqual(2 * grown);
    expect(postings(index, index.lookup(paragraph(20_099).hashes[7]))).toEqual([20_099, 7]);
    expect(index.lookup(paragraph(0).hashes[7])).toBe(NONE);
  });

  it('behaves as a map of hash to postings in the order they came, through growth, removals and reuse', () => {
    // A model of the index (a map of arrays) beside the index, over random adds and removals of
    // keys with repeated hashes, a few of them frequent (boilerplate and not); the index starts
    // small, so its table and pool grow.
    const HASHES = 24;
    const hashOf = (h: number) => (h * 0x9e3779b1) >>> 0;
    fc.assert(
      fc.property(
        fc.array(fc.record({ remove: fc.boolean(), key: fc.integer({ min: 0, max: 30 }), hashes: fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: HASHES - 1 })).map(hashOf), { maxLength: 12 }) }), { maxLength: 60 }),
        (ops) => {
          const maxPostings = 5;
          const index = new FingerprintIndex(8, 6, maxPostings, 1);
          const model = new Map<number, number[]>();
          const filed = new Map<number, Fingerprints[]>();
          for (const op of ops) {
            if (op.remove) {
              for (const fps of filed.get(op.key) ?? []) index.remove(op.key, fps);
              filed.delete(op.key);
              for (const [h, list] of model) {
                const pairs: number[] = [];
                for (let i = 0; i < list.length; i += 2) if (list[i] !== op.key) pairs.push(list[i], list[i + 1]);
                if (pairs.length) model.set(h, pairs);
                else model.delete(h);
              }
            } else {
              const fps = { hashes: Uint32Array.from(op.hashes), positions: Int32Array.from(op.hashes, (_, i) => i) };
              index.add(op.key, fps);
              filed.set(op.key, [...(filed.get(op.key) ?? []), fps]);
              fps.hashes.forEach((h, i) => model.set(h | 0, [...(model.get(h | 0) ?? []), op.key, i]));
            }
          }
          for (let h = 0; h < HASHES; h++) {
            const hash = hashOf(h);
            const want = model.get(hash | 0);
            expect(postings(index, index.postingsOf(hash))).toEqual(want);
            expect(postings(index, index.lookup(hash))).toEqual(want && want.length <= 2 * maxPostings ? want : undefined);
            // Boilerplate judged by the accepted postings only: those of even keys.
            const even = want && want.filter((_, i) => i % 2 === 0 && want[i] % 2 === 0).length;
            expect(postings(index, index.lookup(hash, (key) => key % 2 === 0))).toEqual(want && even! <= maxPostings ? want : undefined);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('runs between two paragraphs without an index (runsBetween)', () => {
  it('are the runs findRuns finds for that source, the same fingerprints refused as boilerplate', () => {
    // Texts strung from a few phrases (so that they share runs, some crossing phrase ends), an
    // index holding the source and other paragraphs with some of the same phrases: some of the
    // shared fingerprints stand in more places than the bound.
    const PHRASES = ['围绕中心服务大局', '深入开展调查研究', '积极建言献策', '凝聚共识', '推动高质量发展', '的'];
    const text = fc.array(fc.integer({ min: 0, max: PHRASES.length - 1 }), { minLength: 2, maxLength: 12 }).map((ps) => ps.map((i) => PHRASES[i]).join(''));
    const norm = (t: string, paragraph: number) => ({ ...normalize(t), paragraph, base: 0 });
    let compared = 0;
    fc.assert(
      fc.property(text, text, fc.array(text, { maxLength: 6 }), fc.integer({ min: 1, max: 4 }), (a, b, others, maxPostings) => {
        const index = new FingerprintIndex(8, 6, maxPostings);
        const sources = [a, ...others].map((t, i) => norm(t, i));
        sources.forEach((n, i) => index.add(i, index.fingerprints(n)));
        const nb = norm(b, sources.length);
        const fps = index.fingerprints(nb);
        const viaIndex = findRuns(nb, fps, index, (key) => sources[key], () => true, true).get(0) ?? [];
        const aFps = index.fingerprints(sources[0]);
        const direct = runsBetween(nb, fps, sources[0], positionsByHash(aFps), 8, (h) => index.lookup(h, () => true) !== NONE);
        const order = (runs: readonly Run[]) => [...runs].sort((x, y) => x.bStart - y.bStart || x.aStart - y.aStart);
        expect(order(direct)).toEqual(order(viaIndex));
        compared += viaIndex.length;
      }),
      { numRuns: 300 },
    );
    expect(compared).toBeGreaterThan(100);
  });
});

describe('classify', () => {
  it('names the three most similar of many near-copies as sources, most similar first, ties to the earlier', () => {
    // Near-copies of one paragraph with 0–14 changes, some of them alike (ties); the
    // sources classify names are those of a full measurement sorted by similarity (stable).
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.array(fc.integer({ min: 0, max: 14 }), { minLength: 1, maxLength: 12 }), (seedValue, changes) => {
        const original = han(120, seedValue);
        const b = { ...normalize(original), paragraph: 0, base: 0 };
        const candidates = changes.map((n, i) => {
          let text = original;
          for (let j = 0; j < n; j++) {
            const at = (seedValue * (j + 7)) % text.length;
            // Every third change an insertion (distance 1), the others replacements (distance 2).
            text = text.slice(0, at) + han(1, seedValue + j * 31 + n) + text.slice(j % 3 === 0 ? at : at + 1);
          }
          const a = { ...normalize(text), paragraph: i + 1, base: 0 };
          return { a, groups: [{ aStart: 0, aEnd: a.text.length, bStart: 0, bEnd: b.text.length, matched: a.text.length }], uri: `f${i}.txt` };
        });
        const doc = { text: original, paragraphs: [{ span: { start: 0, end: original.length } }] };
        const hits = classify(doc, b, candidates, DEFAULT_DUP_OPTIONS, 30, () => ({ span: { start: 0, end: 1 } }));
        const measured = candidates
          .map((c) => {
            const total = c.a.text.length + b.text.length;
            const d = editDistance(c.a.text, b.text, Math.ceil(total * (1 - DEFAULT_DUP_OPTIONS.threshold)));
            return { uri: c.uri, sim: d === undefined ? -1 : (total - d) / total };
          })
          .filter((m) => m.sim >= 0)
          .sort((x, y) => y.sim - x.sim)
          .slice(0, 3);
        if (measured.length === 0) return expect(hits.every((h) => h.kind === 'passage')).toBe(true);
        expect(hits).toHaveLength(1);
        expect(hits[0].similarity).toBe(measured[0].sim);
        expect(hits[0].sources.map((s) => s.uri)).toEqual(measured.map((m) => m.uri));
      }),
      { numRuns: 200 },
    );
  });
});

describe('normalisation', () => {
  it('drops punctuation and spaces, folds widths, and maps back to the original offsets', () => {
    const text = '共收到提案６３６件， 经审查立案547件。ＡＰＰ';
    const n = normalize(text);
    expect(n.text).toBe('共收到提案636件经审查立案547件app');
    expect(text[n.map[n.text.indexOf('经')]]).toBe('经');
    expect(n.map[n.text.length - 1]).toBe(text.length - 1);
  });

  it('marks quoted text and stock formulas', () => {
    const text = '按照“忠实履职”的要求，学习习近平新时代中国特色社会主义思想。';
    const n = normalize(text);
    expect(n.quoted[n.text.indexOf('忠')]).toBe(1);
    expect(n.quoted[n.text.indexOf('要')]).toBe(0);
    expect(n.stock[n.text.indexOf('习近平')]).toBe(1);
    expect(n.stock[0]).toBe(0);
  });

  it('leaves out the masked spans (headings inside a paragraph), whose quotation marks still count', () => {
    const text = '一是加强委员履职。二是深化ABC协商，按照要求。';
    const masks = [
      { start: 0, end: 2 },
      { start: text.indexOf('二是'), end: text.indexOf('二是') + 2 },
    ];
    const n = normalize(text, masks);
    expect(n.text).toBe('加强委员履职深化abc协商按照要求');
    [...n.text].forEach((c, i) => expect(text[n.map[i]].toLowerCase()).toBe(c));
    // An opening mark inside the heading: what follows it stands quoted until the closing one.
    const quoted = normalize('“一是加强”的要求', [{ start: 0, end: 3 }]);
    expect(quoted.text).toBe('加强的要求');
    expect([...quoted.quoted]).toEqual([1, 1, 0, 0, 0]);
  });

  it('keeps surrogates as they are, paired or lone, and each paragraph its own arrays', () => {
    const text = '数据\ud842\udfb7平台\ud800建成，共12个';
    const n = normalize(text);
    expect(n.text).toBe('数据\ud842\udfb7平台\ud800建成共12个');
    // Many paragraphs normalised in a row share blocks of memory: none may see another's values.
    const all = Array.from({ length: 400 }, (_, i) => normalize(`第${i}段“引用${i}”，习近平新时代中国特色社会主义思想${'甲'.repeat(i % 37)}。`));
    all.forEach((m, i) => {
      const again = normalize(`第${i}段“引用${i}”，习近平新时代中国特色社会主义思想${'甲'.repeat(i % 37)}。`);
      expect([...m.map]).toEqual([...again.map]);
      expect([...m.quoted]).toEqual([...again.quoted]);
      expect([...m.stock]).toEqual([...again.stock]);
      expect(m.stock.includes(1) && m.quoted.includes(1)).toBe(true);
    });
    const prints = all.map((m) => winnow(m.text, 8, 6));
    all.forEach((m, i) => expect([...prints[i].hashes]).toEqual([...winnow(m.text, 8, 6).hashes]));
  });

  it('leaves out the front matter, heading-only paragraphs and salutations', () => {
    const doc = parseReport(seed('000'));
    const lines = comparableParagraphs(doc, 20).map((n) => doc.paragraphs[n.paragraph].text.slice(0, 8));
    expect(lines).not.toContain('中国人民政治协商');
    expect(lines).not.toContain('2018年工作回顾');
    expect(lines).not.toContain('一、切实强化思想');
    expect(lines).not.toContain('各位委员、各位同志');
    expect(lines[0]).toBe('刚刚过去的一年，');
  });
});

describe('detection in one document', () => {
  it('finds the 政协云 passage of seed 000 and maps it to the exact span', () => {
    const text = seed('000');
    const hits = detectDuplicates(parseReport(text), DEFAULT_DUP_OPTIONS);
    expect(hits).toHaveLength(1);
    const [hit] = hits;
    expect(hit.kind).toBe('passage');
    expect(text.slice(hit.span.start, hit.span.start + 12)).toBe('通过广泛宣传、集中培训、');
    expect(text.slice(hit.span.end - 12, hit.span.end)).toBe('质量和履职水平的大提升。');
    expect(text.slice(hit.sources[0].span.start, hit.sources[0].span.start + 11)).toBe('通过广泛宣传、集中培训');
  });

  it('finds the two repeated closing paragraphs of seed 002 as exact copies', () => {
    const hits = detectDuplicates(parseReport(seed('002')), DEFAULT_DUP_OPTIONS).filter((h) => h.kind === 'paragraph');
    expect(hits.map((h) => Math.round(h.similarity * 100))).toEqual([100, 100]);
  });
});

describe('corpus of other documents', () => {
  // Last year's report: the shared paragraph is a small part of it, as in real reports.
  const filler = [
    '坚持把创办委员工作室作为发挥委员主体作用的重要抓手，市本级的委员工作室已达51个，收集群众意见建议1200多条。',
    '按照一年一委派的要求，向市检察院、市公安局等7个单位派驻了52名民主监督员，提出民主监督建议书26份。',
    '全年接待外省兄弟市州政协来衡考察交流活动39批200多人次，交流了经验，增进了感情，宣传推介了本市。',
    '修订完善机关管理制度22项，形成了以制度管人、按制度办事的制度体系，机关干部精神面貌焕然一新。',
  ].join('\n\n');
  const a = `一、工作回顾\n\n围绕全市经济社会发展的重大问题，我们组织政协委员、专家学者深入开展专题调研，形成重大建议案9份、调研报告52份，得到了市委市政府的高度重视。\n\n${filler}\n`;
  const b = '一、今年工作\n\n加强与市工商联和非公经济人士的交流，积极引导他们有序参与政治生活，不断扩大团结面，增强包容性，促进民族团结。\n\n围绕全市经济社会发展的重大问题，我们组织政协委员、专家学者深入开展专题调研，形成重大建议案9份、调研报告52份，得到了市委市政府的高度重视。\n\n推动协商民主向基层延伸，开展界别协商和对口协商，发挥委员作用，服务全市发展大局，取得新成效。\n';

  it('reports a paragraph that stands in another document, with its position there', () => {
    const corpus = new DuplicateCorpus();
    corpus.set('a.txt', parseReport(a));
    const doc = parseReport(b);
    corpus.set('b.txt', doc);
    const hits = corpus.detect(doc, 'b.txt', DEFAULT_DUP_OPTIONS, new Set());
    expect(hits.map((h) => [h.kind, h.crossFile, h.sources[0].uri, h.sources[0].range?.start.line])).toEqual([['paragraph', true, 'a.txt', 2]]);
  });

  it('counts the characters of the documents it holds, through replacements and deletions', () => {
    const corpus = new DuplicateCorpus();
    corpus.set('a.txt', parseReport(a));
    corpus.set('b.txt', parseReport(b));
    expect(corpus.chars).toBe(a.length + b.length);
    corpus.set('a.txt', parseReport(b));
    expect(corpus.chars).toBe(2 * b.length);
    corpus.delete('b.txt');
    corpus.delete('c.txt');
    expect(corpus.chars).toBe(b.length);
    corpus.delete('a.txt');
    expect(corpus.chars).toBe(0);
  });

  it('follows updates: a replaced or deleted document no longer matches', () => {
    const corpus = new DuplicateCorpus();
    corpus.set('a.txt', parseReport(a));
    const doc = parseReport(b);
    const g = corpus.generation;
    corpus.set('a.txt', parseReport('一、空\n\n完全不同的一段文字，讲的是另外一件事情，与前文没有任何关系，篇幅也足够长。\n'));
    expect(corpus.generation).toBeGreaterThan(g);
    expect(corpus.detect(doc, 'b.txt', DEFAULT_DUP_OPTIONS, new Set())).toEqual([]);
    corpus.set('a.txt', parseReport(a));
    expect(corpus.detect(doc, 'b.txt', DEFAULT_DUP_OPTIONS, new Set())).toHaveLength(1);
    corpus.delete('a.txt');
    expect(corpus.detect(doc, 'b.txt', DEFAULT_DUP_OPTIONS, new Set())).toEqual([]);
  });

  it('does not compare revisions of one report paragraph by paragraph', () => {
    const corpus = new DuplicateCorpus();
    corpus.set('draft1.txt', parseReport(seed('000')));
    const revised = parseReport(seed('000').replace('参训学员达310人次', '参训学员达320人次'));
    expect(corpus.detect(revised, 'draft2.txt', DEFAULT_DUP_OPTIONS, new Set())).toEqual([]);
  });

  it("does not compare revisions of one report in the CLI's corpus either (earlier files only)", () => {
    const corpus = new DuplicateCorpus(undefined, true);
    const revised = seed('000').replace('参训学员达310人次', '参训学员达320人次');
    corpus.set('draft1.txt', parseReport(seed('000')));
    corpus.set('draft2.txt', parseReport(revised));
    // A third file that takes one paragraph of the draft is no revision of it: the copy is reported.
    const one = seed('000').split('\n').find((l) => l.length > 80)!;
    corpus.set('other.txt', parseReport(`一、其他\n\n${one}\n`));
    expect(corpus.detectIndexed('draft2.txt', DEFAULT_DUP_OPTIONS, new Set())).toEqual([]);
    expect(corpus.detectIndexed('other.txt', DEFAULT_DUP_OPTIONS, new Set()).length).toBeGreaterThan(0);
  });

  it("never takes a document's own indexed version for another document, however far the new one has moved", () => {
    const corpus = new DuplicateCorpus();
    corpus.set('a.txt', parseReport(a));
    corpus.set('b.txt', parseReport(b));
    // The same file rewritten: two of its paragraphs kept, four new ones, so not a revision of it.
    const fresh = [
      '全年共收到提案五百余件，经审查立案四百余件，已全部办复，办复率达到百分之百，委员满意率明显提高。',
      '组织委员围绕乡村振兴开展视察活动，深入田间地头了解实情，形成视察报告送有关部门参阅办理。',
      '加强委员履职管理，建立履职档案，开展年度考核，对履职突出的委员予以通报表扬，激励担当作为。',
      '深化机关作风建设，精简会议文件，改进调查研究，切实为基层减负，让干部把更多精力用在抓落实上。',
    ].join('\n\n');
    const rewritten = parseReport(b.split('\n\n').slice(0, 3).join('\n\n') + '\n\n' + fresh + '\n');
    const hits = corpus.detect(rewritten, 'b.txt', DEFAULT_DUP_OPTIONS, new Set());
    expect(hits.map((h) => h.sources.map((s) => s.uri))).toEqual([['a.txt']]);
  });

  it('lets the CLI compare a file with earlier files only', () => {
    const corpus = new DuplicateCorpus(undefined, true);
    const da = parseReport(a);
    const db = parseReport(b);
    corpus.set('a.txt', da);
    corpus.set('b.txt', db);
    expect(corpus.detect(db, 'b.txt', DEFAULT_DUP_OPTIONS, new Set())).toHaveLength(1);
    expect(corpus.detect(da, 'a.txt', DEFAULT_DUP_OPTIONS, new Set())).toEqual([]);
  });

  it('still counts an earlier file as earlier once it is set again (new source keys, its old order)', () => {
    const corpus = new DuplicateCorpus(undefined, true);
    const db = parseReport(b);
    corpus.set('a.txt', parseReport(a));
    corpus.set('b.txt', db);
    corpus.set('a.txt', parseReport(a));
    expect(corpus.detect(db, 'b.txt', DEFAULT_DUP_OPTIONS, new Set()).map((h) => h.sources[0].uri)).toEqual(['a.txt']);
  });
});

describe('diff', () => {
  it('rebuilds both texts from the operations and agrees with the edit distance', () => {
    const pairs = [
      ['形成重大建议案9份、调研报告52份', '形成重大建议案10份、调研报告55份'],
      ['', '新增'],
      ['删除', ''],
      ['相同', '相同'],
      [han(300, 3), han(300, 3).replace(/^.{5}/, '改动')],
    ];
    for (const [a, b] of pairs) {
      const ops = diffChars(a, b)!;
      expect(ops.filter((o) => o.kind !== 'added').map((o) => o.text).join('')).toBe(a);
      expect(ops.filter((o) => o.kind !== 'removed').map((o) => o.text).join('')).toBe(b);
      const edits = ops.filter((o) => o.kind !== 'same').reduce((n, o) => n + o.text.length, 0);
      expect(editDistance(a, b, 1000)).toBe(edits);
    }
  });

  it('measures the edit distance exactly, call after call on its reused array, within its budget or not at all (fast-check)', () => {
    // Insertions and deletions only: n + m - 2 * LCS, by the textbook table.
    const slow = (a: string, b: string) => {
      let row = new Array<number>(b.length + 1).fill(0);
      for (let i = 1; i <= a.length; i++) {
        const next = [0];
        for (let j = 1; j <= b.length; j++) next[j] = a[i - 1] === b[j - 1] ? row[j - 1] + 1 : Math.max(row[j], next[j - 1]);
        row = next;
      }
      return a.length + b.length - 2 * row[b.length];
    };
    const text = fc.string({ unit: fc.constantFrom('甲', '乙', '丙', '1'), maxLength: 40 });
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text, fc.nat(60)), { minLength: 1, maxLength: 8 }), (calls) => {
        for (const [a, b, max] of calls) {
          const d = slow(a, b);
          expect(editDistance(a, b, max)).toBe(d <= max ? d : undefined);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives up beyond its budget instead of taking quadratic time', () => {
    expect(diffChars(han(2000, 1), han(2000, 2), 50)).toBeUndefined();
    expect(editDistance(han(2000, 1), han(2000, 2), 50)).toBeUndefined();
  });
});

describe('a paragraph longer than any report has', () => {
  it('is not compared, and the copies between the other paragraphs are still found', () => {
    const copy = '全年共收到委员提案636件，经审查立案547件，办复率达到百分之百，委员满意率进一步提高。';
    const huge = '2019年是中华人民共和国成立70周年，'.repeat(Math.ceil((MAX_COMPARABLE + 1000) / 20));
    const doc = parseReport(['某市政协工作报告', copy, huge, copy].join('\n\n'));
    expect(doc.paragraphs.some((p) => p.text.length > MAX_COMPARABLE)).toBe(true);
    const compared = comparableParagraphs(doc, DEFAULT_DUP_OPTIONS.minParagraphLength).map((n) => n.paragraph);
    expect(compared.map((i) => doc.paragraphs[i].text)).toEqual([copy, copy]);
    expect(detectDuplicates(doc, DEFAULT_DUP_OPTIONS).map((h) => [h.kind, h.paragraph])).toEqual([['paragraph', 3]]);
  });
});
