import type { ReportDoc } from '../model';
import { LineIndex } from '../text/lineIndex';
import { lineIndexOf } from '../parse/outline';
import { comparableParagraphs, type DupOptions, type NormText } from './normalize';
import { FingerprintIndex, findRuns, mergeRuns, type Run } from './match';
import type { Fingerprints } from './fingerprint';
import type { CrossFileSource, DocLike, DupHit } from './detect';
import { classify, GAP, movedHit, spanOf, type Candidate } from './classify';

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
  /** The first source key given out when the entry was added (its own first, if it has paragraphs). */
  readonly firstKey: number;
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
 * What the corpus keeps of a document, computed from its parse, packed for another thread: a
 * worker computes it and the thread that owns the corpus adds it (`setPrepared`). The comparable
 * paragraphs stand one after the other in a few flat arrays, so that crossing threads copies a
 * dozen blocks per file rather than seven objects per paragraph (~700 objects per 30 KB report
 * before, for about the same bytes), and the receiving heap holds a dozen objects per file until
 * matching.
 */
export interface PreparedEntry {
  readonly text: string;
  /**
   * The paragraphs' normalised texts. Strings of their own: slices of one string would be cheaper
   * to send, but matching reads them character by character, slower through a slice.
   */
  readonly norms: readonly string[];
  /** Per paragraph: its index in the document, its span (start, end), where its characters start in `map`. */
  readonly paragraphs: Int32Array;
  /** Per normalised character (as in NormText): offset in its paragraph, quoted, stock. */
  readonly map: Int32Array;
  readonly quoted: Uint8Array;
  readonly stock: Uint8Array;
  /** Fingerprints of all paragraphs; those of paragraph i are [fpStarts[i], fpStarts[i + 1]). */
  readonly hashes: Uint32Array;
  readonly positions: Int32Array;
  readonly fpStarts: Int32Array;
}

/** Integers per paragraph in `PreparedEntry.paragraphs`. */
const PARA = 4;

/**
 * What `detect` found for one document's last version (per options), for the next version to take
 * over: valid while the other documents in the corpus and what is boilerplate stay as they were
 * (the document's own entry never counts: the editor puts its latest version there whenever
 * another document is analysed). The runs of a paragraph against the corpus depend on its
 * normalised text alone; its hits on its normalisation (the same `map` array for the same
 * paragraph text and masks) and on which documents count as revisions, and move with the
 * paragraph.
 */
interface Carried {
  /** The corpus's generation and the index's boilerplate crossings when it was found. */
  readonly generation: number;
  readonly crossings: number;
  readonly runs: Map<string, Map<number, Run[]>>;
  readonly hits: Map<Int32Array, { readonly base: number; readonly paragraph: number; readonly revisions: string; readonly hits: readonly DupHit[] }>;
  /** How many of the version's paragraphs have each runs map, and the characters they share with each other document in all. */
  readonly counts: Map<Map<number, Run[]>, number>;
  readonly shared: Map<Entry, number>;
}

/** Documents whose last detection is kept (open reports typed in; the oldest goes first). */
const CARRIED_DOCUMENTS = 8;
/** Changes of the corpus remembered (which document each generation changed). */
const CHANGES = 64;

export class DuplicateCorpus implements CrossFileSource {
  private readonly entries = new Map<string, Entry>();
  /**
   * Source keys are dense integers: arrays are the fastest maps from key to paragraph and entry.
   * The runs' extension reaches a source's text in one load from `paragraphOf` (through a record
   * per key, the entry's list and the paragraph it took three, each likely a miss of the cache when
   * a posting leads to another file).
   */
  private readonly paragraphOf: (NormText | undefined)[] = [];
  private readonly entryOf: (Entry | undefined)[] = [];
  /**
   * The order of the entry of each source key (-1 once removed): asked for every posting a lookup
   * walks, this small array of integers stays in cache where the entries do not.
   */
  private readonly orderOf: number[] = [];
  private readonly index = new FingerprintIndex(CROSS.k, CROSS.w, CROSS.maxPostings);
  private nextKey = 0;
  private nextOrder = 0;
  /**
   * Source keys were given out in the order of the entries (no entry was set again, keeping its
   * order under new keys): every key of an earlier entry is then smaller than a later one's.
   */
  private keysInOrder = true;
  /** Changes with every update; analyses cached against an older corpus are stale. */
  generation = 0;
  /** By document and options: the last detection, for the editor's next version (see Carried). */
  private readonly carried = new Map<string, Carried>();
  /** Characters of the documents' texts in all (the language server sizes its heap cap by it). */
  chars = 0;
  /** The document each of the last CHANGES generations changed, at `generation % CHANGES`. */
  private readonly changedBy: string[] = [];

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
    const paragraphs = comparableParagraphs(doc, this.options.minParagraphLength);
    this.add(uri, doc, paragraphs, paragraphs.map((p) => this.index.fingerprints(p)), doc);
  }

  /** The corpus data of a document; pure, so it may run in another thread. */
  prepare(doc: ReportDoc): PreparedEntry {
    const paragraphs = comparableParagraphs(doc, this.options.minParagraphLength);
    const fps = paragraphs.map((p) => this.index.fingerprints(p));
    const chars = paragraphs.reduce((n, p) => n + p.text.length, 0);
    const prints = fps.reduce((n, f) => n + f.hashes.length, 0);
    const packed = {
      text: doc.text,
      norms: paragraphs.map((p) => p.text),
      paragraphs: new Int32Array(PARA * paragraphs.length),
      map: new Int32Array(chars),
      quoted: new Uint8Array(chars),
      stock: new Uint8Array(chars),
      hashes: new Uint32Array(prints),
      positions: new Int32Array(prints),
      fpStarts: new Int32Array(paragraphs.length + 1),
    };
    let at = 0;
    let fp = 0;
    paragraphs.forEach((p, i) => {
      const { span } = doc.paragraphs[p.paragraph];
      const row = PARA * i;
      packed.paragraphs[row] = p.paragraph;
      packed.paragraphs[row + 1] = span.start;
      packed.paragraphs[row + 2] = span.end;
      packed.paragraphs[row + 3] = at;
      packed.map.set(p.map, at);
      packed.quoted.set(p.quoted, at);
      packed.stock.set(p.stock, at);
      at += p.text.length;
      packed.hashes.set(fps[i].hashes, fp);
      packed.positions.set(fps[i].positions, fp);
      fp += fps[i].hashes.length;
      packed.fpStarts[i + 1] = fp;
    });
    return packed;
  }

  /** Adds a document from its prepared data; its paragraphs are views into the packed arrays. */
  setPrepared(uri: string, prepared: PreparedEntry): void {
    const { norms, map, quoted, stock, hashes, positions, fpStarts } = prepared;
    const count = prepared.paragraphs.length / PARA;
    const paragraphs: NormText[] = [];
    const spans: { span: { start: number; end: number } }[] = [];
    const fps: Fingerprints[] = [];
    for (let i = 0; i < count; i++) {
      const at = PARA * i;
      const paragraph = prepared.paragraphs[at];
      const start = prepared.paragraphs[at + 1];
      const end = prepared.paragraphs[at + 2];
      const from = prepared.paragraphs[at + 3];
      const to = from + norms[i].length;
      paragraphs.push({ text: norms[i], map: map.subarray(from, to), quoted: quoted.subarray(from, to), stock: stock.subarray(from, to), paragraph, base: start });
      // Classification reads the spans of the compared paragraphs only (by paragraph index).
      spans[paragraph] = { span: { start, end } };
      fps.push({ hashes: hashes.subarray(fpStarts[i], fpStarts[i + 1]), positions: positions.subarray(fpStarts[i], fpStarts[i + 1]) });
    }
    this.add(uri, { text: prepared.text, paragraphs: spans }, paragraphs, fps);
  }

  private add(uri: string, doc: DocLike, paragraphs: readonly NormText[], fps: readonly Fingerprints[], source?: ReportDoc): void {
    // A new version of a document replaces the old one's postings: boilerplate counted as one change
    // (for the editor's carried detections; the CLI's corpus carries none).
    if (this.onlyEarlier) this.replace(uri, doc, paragraphs, fps, source);
    else this.index.batch(() => this.replace(uri, doc, paragraphs, fps, source));
    this.chars += doc.text.length;
    this.changed(uri);
  }

  private replace(uri: string, doc: DocLike, paragraphs: readonly NormText[], fps: readonly Fingerprints[], source?: ReportDoc): void {
    const old = this.entries.get(uri);
    if (old) this.keysInOrder = false;
    this.remove(uri);
    const keys: number[] = [];
    const entry: Entry = {
      uri,
      doc,
      order: old?.order ?? this.nextOrder++,
      // A parsed document's own (its parse made one); the CLI's main thread has only the text.
      lines: source ? lineIndexOf(source) : new LineIndex(doc.text),
      paragraphs,
      keys,
      firstKey: this.nextKey,
      fps,
      total: paragraphs.reduce((n, p) => n + p.text.length, 0),
      source,
    };
    paragraphs.forEach((_, i) => {
      const key = this.nextKey++;
      keys.push(key);
      this.paragraphOf[key] = paragraphs[i];
      this.entryOf[key] = entry;
      this.orderOf[key] = entry.order;
      this.index.add(key, fps[i]);
    });
    this.entries.set(uri, entry);
  }

  delete(uri: string): void {
    if (this.remove(uri)) this.changed(uri);
    for (const key of this.carried.keys()) if (key.startsWith(uri + '\n')) this.carried.delete(key);
  }

  private changed(uri: string): void {
    this.generation++;
    this.changedBy[this.generation % CHANGES] = uri;
  }

  /** Whether what `uri`'s last detection found still holds: since then only its own entry changed, and no boilerplate. */
  private holds(c: Carried, uri: string): boolean {
    if (c.crossings !== this.index.crossings || this.generation - c.generation > CHANGES) return false;
    for (let g = c.generation + 1; g <= this.generation; g++) if (this.changedBy[g % CHANGES] !== uri) return false;
    return true;
  }

  private remove(uri: string): boolean {
    const e = this.entries.get(uri);
    if (!e) return false;
    e.keys.forEach((key, i) => {
      this.index.remove(key, e.fps[i]);
      this.paragraphOf[key] = undefined;
      this.entryOf[key] = undefined;
      this.orderOf[key] = -1;
    });
    this.entries.delete(uri);
    this.chars -= e.doc.text.length;
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
    // A document's versions (the editor's) take over what the previous one found (see Carried).
    const carry = uri !== undefined && !this.onlyEarlier ? { uri, key: `${uri}\n${JSON.stringify(options)}` } : undefined;
    if (self && self.source === doc) return this.detectIn(self.doc, self, self.paragraphs, self.fps, options, skip, carry);
    const paragraphs = comparableParagraphs(doc, this.options.minParagraphLength);
    return this.detectIn(doc, self, paragraphs, paragraphs.map((p) => this.index.fingerprints(p)), options, skip, carry);
  }

  /** Cross-file copies in the indexed document `uri` (the CLI's main thread, which has no parse of it). */
  detectIndexed(uri: string, options: DupOptions, skip: ReadonlySet<number>): DupHit[] {
    const self = this.entries.get(uri);
    return self ? this.detectIn(self.doc, self, self.paragraphs, self.fps, options, skip) : [];
  }

  private detectIn(doc: DocLike, self: Entry | undefined, paragraphs: readonly NormText[], fps: readonly Fingerprints[], options: DupOptions, skip: ReadonlySet<number>, carry?: { readonly uri: string; readonly key: string }): DupHit[] {
    const limit = this.onlyEarlier ? (self?.order ?? -1) : Infinity;
    // Orders are unique among the entries: another entry's order differs from self's.
    const own = self?.order ?? -1;
    const orderOf = this.orderOf;
    const accept = (key: number) => {
      const order = orderOf[key];
      return order >= 0 && order !== own && order < limit;
    };
    // Only earlier entries count, and their keys are all smaller than this one's: a hash's postings,
    // in the order they were filed, are walked only up to the first of this entry's (half of them,
    // on average, in a folder: the postings of later files are the other half).
    const keyLimit = this.onlyEarlier && self && this.keysInOrder ? self.firstKey : Infinity;
    const last = carry !== undefined ? this.carried.get(carry.key) : undefined;
    const before = last && this.holds(last, carry!.uri) ? last : undefined;
    // The editor's: how many of the version's paragraphs have each runs map (see Carried).
    const counts = carry !== undefined ? new Map<Map<number, Run[]>, number>() : undefined;
    // The characters shared with each other document. The editor's: the last version's sums,
    // corrected below by the paragraphs that came or went (most versions: one each), else summed
    // over every paragraph. Without carry-over (the CLI) every paragraph's runs are new and count
    // once: summed as they come, with no map per paragraph.
    const shared = counts && before ? new Map(before.shared) : new Map<Entry, number>();
    const perParagraph: { b: NormText; runs: Map<number, Run[]> }[] = [];
    // The editor's: a version's runs by paragraph text, for the next version (the CLI's corpus carries none).
    const runsOf = carry !== undefined ? new Map<string, Map<number, Run[]>>() : undefined;
    paragraphs.forEach((b, i) => {
      if (skip.has(b.paragraph)) return;
      let runs = before?.runs.get(b.text) ?? runsOf?.get(b.text);
      runs ??= findRuns(b, fps[i], this.index, (k) => this.paragraphOf[k], accept, false, keyLimit);
      runsOf?.set(b.text, runs);
      if (runs.size === 0) return;
      perParagraph.push({ b, runs });
      if (counts) counts.set(runs, (counts.get(runs) ?? 0) + 1);
      else this.sumShares(runs, shared);
    });
    const add = (runs: Map<number, Run[]>, times: number): void => {
      for (const [entry, n] of this.sharedBy(runs)) {
        const sum = (shared.get(entry) ?? 0) + times * n;
        if (sum === 0) shared.delete(entry);
        else shared.set(entry, sum);
      }
    };
    if (counts && before) {
      for (const [runs, n] of before.counts) if (counts.get(runs) !== n) add(runs, (counts.get(runs) ?? 0) - n);
      for (const [runs, n] of counts) if (!before.counts.has(runs)) add(runs, n);
    } else if (counts) for (const [runs, n] of counts) add(runs, n);
    const now: Carried | undefined = runsOf && counts ? { generation: this.generation, crossings: this.index.crossings, runs: runsOf, hits: new Map(), counts, shared } : undefined;
    const total = paragraphs.reduce((n, p) => n + p.text.length, 0);
    const revisions = new Set([...shared].filter(([e, n]) => n >= REVISION_SHARE * Math.max(total, e.total)).map(([e]) => e));
    const revisionKey = now ? [...revisions].map((e) => e.order).sort((x, y) => x - y).join(',') : '';
    const hits: DupHit[] = [];
    for (const { b, runs } of perParagraph) {
      const kept = before?.hits.get(b.map) ?? now?.hits.get(b.map);
      if (kept && kept.revisions === revisionKey) {
        now!.hits.set(b.map, kept);
        hits.push(...moved(kept, b));
        continue;
      }
      const candidates: Candidate[] = [];
      for (const [key, list] of runs) {
        const entry = this.entryOf[key]!;
        if (revisions.has(entry)) continue;
        candidates.push({ a: this.paragraphOf[key]!, groups: mergeRuns(list, GAP), uri: entry.uri });
      }
      const found =
        candidates.length === 0
          ? []
          : classify(doc, b, candidates, options, Math.max(options.minPassageLength, this.options.minCrossFileLength), (a, u, s, e) => {
              const entry = this.entries.get(u!)!;
              const span = spanOf(a, s, e);
              return { span, range: entry.lines.rangeOf(span), paragraphSpan: entry.doc.paragraphs[a.paragraph].span };
            });
      now?.hits.set(b.map, { base: b.base, paragraph: b.paragraph, revisions: revisionKey, hits: found });
      hits.push(...found);
    }
    if (carry !== undefined) {
      this.carried.delete(carry.key);
      this.carried.set(carry.key, now!);
      if (this.carried.size > CARRIED_DOCUMENTS) this.carried.delete(this.carried.keys().next().value!);
    }
    return hits;
  }

  /** Characters of a paragraph's runs per other document; kept with the runs, which versions carry over. */
  private readonly shares = new WeakMap<Map<number, Run[]>, Map<Entry, number>>();

  private sharedBy(runs: Map<number, Run[]>): Map<Entry, number> {
    let by = this.shares.get(runs);
    if (!by) {
      this.sumShares(runs, (by = new Map()));
      this.shares.set(runs, by);
    }
    return by;
  }

  /** Adds the characters of `runs` to `shared`, per other document. */
  private sumShares(runs: Map<number, Run[]>, shared: Map<Entry, number>): void {
    for (const [key, list] of runs) {
      let n = 0;
      for (let r = 0; r < list.length; r++) n += list[r].bEnd - list[r].bStart;
      const entry = this.entryOf[key]!;
      shared.set(entry, (shared.get(entry) ?? 0) + n);
    }
  }
}

/** A paragraph's hits found at another place (the same text, moved by an edit before it). */
function moved(kept: { readonly base: number; readonly paragraph: number; readonly hits: readonly DupHit[] }, b: NormText): readonly DupHit[] {
  const by = b.base - kept.base;
  if (by === 0 && kept.paragraph === b.paragraph) return kept.hits;
  return kept.hits.map((h) => movedHit(h, b.paragraph, { start: h.span.start + by, end: h.span.end + by }, h.sources));
}
