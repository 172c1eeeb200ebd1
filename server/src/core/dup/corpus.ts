import type { ReportDoc } from '../model';
import { LineIndex } from '../text/lineIndex';
import { comparableParagraphs, type DupOptions, type NormText } from './normalize';
import { FingerprintIndex, findRuns, mergeRuns, type Run } from './match';
import type { Fingerprints } from './fingerprint';
import type { CrossFileSource, DocLike, DupHit } from './detect';
import { classify, GAP, spanOf, type Candidate } from './classify';

/**
 * An index of other documents for cross-file duplicates: the CLI fills it with every file it is
 * given, the language server with the open documents and the workspace's reports. It is updated
 * per document (`set`, `delete`), never rebuilt.
 *
 * Two documents that share most of their text are revisions of one report (this year's draft and
 * its earlier version); carry-over between them is not reported paragraph by paragraph.
 */
interface Entry {
  readonly uri: string;
  readonly doc: DocLike;
  readonly order: number;
  readonly lines: LineIndex;
  readonly paragraphs: readonly NormText[];
  readonly keys: readonly number[];
  readonly fps: readonly Fingerprints[];
  readonly total: number;
  /** The parse the entry was made from (absent when it came prepared from a worker). */
  readonly source?: ReportDoc;
}

/** Across files: k-grams of 10, windows of 12 (common runs of 21 characters are seen); sparser. */
const CROSS = { k: 10, w: 12, maxPostings: 40 };
/**
 * Share of the longer document found in the other from which the two are revisions of one report
 * (a short summary that carries over one long paragraph is not a revision of last year's report).
 */
const REVISION_SHARE = 0.5;

export interface CorpusOptions {
  /** Shortest passage reported across files; shared stock sentences are shorter. */
  readonly minCrossFileLength: number;
  readonly minParagraphLength: number;
}

export const DEFAULT_CORPUS_OPTIONS: CorpusOptions = { minCrossFileLength: 50, minParagraphLength: 20 };

/**
 * What the corpus keeps of a document, computed from its parse: plain data, so that a worker
 * thread can compute it and the thread that owns the corpus add it (`setPrepared`).
 */
export interface PreparedEntry {
  readonly text: string;
  readonly paragraphs: readonly NormText[];
  readonly paragraphSpans: readonly { start: number; end: number }[];
  readonly fps: readonly Fingerprints[];
}

export class DuplicateCorpus implements CrossFileSource {
  private readonly entries = new Map<string, Entry>();
  /** Source keys are dense integers: an array is the fastest map from key to paragraph. */
  private readonly byKey: ({ entry: Entry; para: number } | undefined)[] = [];
  private readonly index = new FingerprintIndex(CROSS.k, CROSS.w, CROSS.maxPostings);
  private nextKey = 0;
  private nextOrder = 0;
  /** Changes with every update; analyses cached against an older corpus are stale. */
  generation = 0;

  constructor(
    readonly options: CorpusOptions = DEFAULT_CORPUS_OPTIONS,
    /**
     * Which other documents count: all of them (the editor, where either copy may be the later
     * one), or only those added before (the CLI, where the later file carries the finding).
     */
    private readonly onlyEarlier = false,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  has(uri: string): boolean {
    return this.entries.has(uri);
  }

  /** The line index of an indexed document (the CLI's worker results reuse it). */
  linesOf(uri: string): LineIndex | undefined {
    return this.entries.get(uri)?.lines;
  }

  uris(): string[] {
    return [...this.entries.keys()];
  }

  set(uri: string, doc: ReportDoc): void {
    this.setPrepared(uri, this.prepare(doc), doc);
  }

  /** The corpus data of a document; pure, so it may run in another thread. */
  prepare(doc: ReportDoc): PreparedEntry {
    const paragraphs = comparableParagraphs(doc, this.options.minParagraphLength);
    return {
      text: doc.text,
      paragraphs,
      paragraphSpans: paragraphs.map((p) => doc.paragraphs[p.paragraph].span),
      fps: paragraphs.map((p) => this.index.fingerprints(p)),
    };
  }

  setPrepared(uri: string, prepared: PreparedEntry, source?: ReportDoc): void {
    const old = this.entries.get(uri);
    this.remove(uri);
    const { paragraphs, paragraphSpans, fps } = prepared;
    // Classification reads the spans of the compared paragraphs only (by paragraph index).
    const spans: { span: { start: number; end: number } }[] = [];
    paragraphs.forEach((p, i) => (spans[p.paragraph] = { span: paragraphSpans[i] }));
    const keys: number[] = [];
    const entry: Entry = {
      uri,
      doc: { text: prepared.text, paragraphs: spans },
      order: old?.order ?? this.nextOrder++,
      lines: new LineIndex(prepared.text),
      paragraphs,
      keys,
      fps,
      total: paragraphs.reduce((n, p) => n + p.text.length, 0),
      source,
    };
    paragraphs.forEach((_, i) => {
      const key = this.nextKey++;
      keys.push(key);
      this.byKey[key] = { entry, para: i };
      this.index.add(key, fps[i]);
    });
    this.entries.set(uri, entry);
    this.generation++;
  }

  delete(uri: string): void {
    if (this.remove(uri)) this.generation++;
  }

  private remove(uri: string): boolean {
    const e = this.entries.get(uri);
    if (!e) return false;
    e.keys.forEach((key, i) => {
      this.index.remove(key, e.fps[i]);
      this.byKey[key] = undefined;
    });
    this.entries.delete(uri);
    return true;
  }

  /**
   * Cross-file copies in `doc` (indexed or not as `uri`), skipping the paragraphs in `skip`. The
   * entry of `uri` never counts as another document, even when it is an older version of `doc`
   * (the editor indexes a changed document only when another one needs it).
   */
  detect(doc: ReportDoc, uri: string | undefined, options: DupOptions, skip: ReadonlySet<number>): DupHit[] {
    const self = uri !== undefined ? this.entries.get(uri) : undefined;
    if (this.entries.size - (self ? 1 : 0) === 0) return [];
    if (self && self.source === doc) return this.detectIn(self.doc, self, self.paragraphs, self.fps, options, skip);
    const paragraphs = comparableParagraphs(doc, this.options.minParagraphLength);
    return this.detectIn(doc, self, paragraphs, paragraphs.map((p) => this.index.fingerprints(p)), options, skip);
  }

  /** Cross-file copies in the indexed document `uri` (the CLI's main thread, which has no parse of it). */
  detectIndexed(uri: string, options: DupOptions, skip: ReadonlySet<number>): DupHit[] {
    const self = this.entries.get(uri);
    return self ? this.detectIn(self.doc, self, self.paragraphs, self.fps, options, skip) : [];
  }

  private detectIn(doc: DocLike, self: Entry | undefined, paragraphs: readonly NormText[], fps: readonly Fingerprints[], options: DupOptions, skip: ReadonlySet<number>): DupHit[] {
    const limit = this.onlyEarlier ? (self?.order ?? -1) : Infinity;
    const accept = (key: number) => {
      const other = this.byKey[key]?.entry;
      return other !== undefined && other !== self && other.order < limit;
    };
    const perParagraph: { b: NormText; runs: Map<number, Run[]> }[] = [];
    const shared = new Map<Entry, number>();
    paragraphs.forEach((b, i) => {
      if (skip.has(b.paragraph)) return;
      const runs = findRuns(b, fps[i], this.index, (k) => this.sourceOf(k), accept);
      if (runs.size === 0) return;
      perParagraph.push({ b, runs });
      for (const [key, list] of runs) {
        const entry = this.byKey[key]!.entry;
        shared.set(entry, (shared.get(entry) ?? 0) + list.reduce((n, r) => n + r.bEnd - r.bStart, 0));
      }
    });
    const total = paragraphs.reduce((n, p) => n + p.text.length, 0);
    const revisions = new Set([...shared].filter(([e, n]) => n >= REVISION_SHARE * Math.max(total, e.total)).map(([e]) => e));
    const hits: DupHit[] = [];
    for (const { b, runs } of perParagraph) {
      const candidates: Candidate[] = [];
      for (const [key, list] of runs) {
        const { entry, para } = this.byKey[key]!;
        if (revisions.has(entry)) continue;
        candidates.push({ a: entry.paragraphs[para], groups: mergeRuns(list, GAP), uri: entry.uri });
      }
      if (candidates.length === 0) continue;
      hits.push(
        ...classify(doc, b, candidates, options, Math.max(options.minPassageLength, this.options.minCrossFileLength), (a, u, s, e) => {
          const entry = this.entries.get(u!)!;
          const span = spanOf(a, s, e);
          return { span, range: entry.lines.rangeOf(span), paragraphSpan: entry.doc.paragraphs[a.paragraph].span };
        }),
      );
    }
    return hits;
  }

  private sourceOf(key: number): NormText | undefined {
    const s = this.byKey[key];
    return s && s.entry.paragraphs[s.para];
  }
}
