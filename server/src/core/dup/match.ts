import type { NormText } from './normalize';
import { winnow, type Fingerprints } from './fingerprint';
import { TextMemo } from '../memo';

/**
 * Common runs between a paragraph and earlier (or other) paragraphs, found from shared
 * fingerprints and extended to maximal exact matches, then merged across small edits so that a
 * half-updated copy (a figure or a word changed) counts as one copy.
 */

/** An exact common run: `a[aStart, aEnd)` equals `b[bStart, bEnd)` (normalised text). */
export interface Run {
  readonly aStart: number;
  readonly aEnd: number;
  readonly bStart: number;
  readonly bEnd: number;
}

/** Runs merged across small edits; `matched` counts the characters of the exact runs in it. */
export interface RunGroup extends Run {
  readonly matched: number;
}

const MEMOS = new Map<string, TextMemo<Fingerprints>>();

/** The end of a posting list; also what a lookup gives for a hash not filed, or boilerplate. */
export const NONE = -1;
/** A slot of the hash table never used (a used slot whose postings all went keeps its hash). */
const EMPTY = -2;
/** A posting in the pool: its key, then these. */
const POSITION = 1;
const NEXT = 2;
const POSTING = 3;

/**
 * Postings of fingerprints: for each hash, the source keys and positions where it stands, in the
 * order they were added. Everything lives in typed arrays — an open-addressing table of hashes,
 * and the postings as linked lists in a pool — so filing a fingerprint allocates nothing on the
 * heap. (A map of hash to array made an array per distinct hash: ~0.6 MB of garbage per 30 KB
 * report for the index of one document, and for the corpus of a folder a few hundred thousand
 * arrays that every collection of the main thread had to scan.)
 *
 * Walking the postings of a hash:
 *
 *     for (let p = index.lookup(hash); p !== NONE; p = index.next(p)) use(index.keyAt(p), index.positionAt(p));
 */
export class FingerprintIndex {
  /** Slots: the hash (as a signed integer), its first and last posting, its number of postings. */
  private hashes!: Int32Array;
  private heads!: Int32Array;
  private tails!: Int32Array;
  private counts!: Int32Array;
  private mask!: number;
  /** Slots that hold a hash (with postings or not any more). */
  private used = 0;
  /**
   * The pool of postings, three integers each: source key, position, next posting of the same
   * hash. A posting is known by the offset of its first integer. One array, not three: walking a
   * hash's postings reads all three of each, and from one array that is one cache line, not three
   * (matching the bench folder in process: 984 -> 884 ms, medians of three interleaved pairs).
   */
  private pool: Int32Array;
  /** Integers of the pool ever used; postings removed are chained from `free` for reuse. */
  private top = 0;
  private free = NONE;
  /** Fingerprints by normalised text: shared by every index of the same k and w (see TextMemo). */
  private readonly memo: TextMemo<Fingerprints>;
  /**
   * Counts changes of what is boilerplate: a hash's postings crossing `maxPostings`, either way, or
   * for a batch of changes (`batch`), any hash that ends it on the other side. (The editor's corpus
   * keeps a document's matches while only its own entry changed, and this did not.)
   */
  crossings = 0;
  /** In a batch: the hashes that crossed, and whether each was boilerplate before. */
  private crossed: Map<number, boolean> | undefined;

  constructor(
    readonly k: number,
    readonly w: number,
    /** A fingerprint standing in more places than this is boilerplate and seeds nothing. */
    readonly maxPostings: number,
    /** Postings expected (the arrays grow beyond it as needed). */
    expected = 256,
  ) {
    const key = `${k},${w}`;
    let memo = MEMOS.get(key);
    if (!memo) MEMOS.set(key, (memo = new TextMemo((text) => winnow(text, k, w), { sharedKeys: true })));
    this.memo = memo;
    this.newTable(2 * expected);
    this.pool = new Int32Array(POSTING * Math.max(16, expected));
  }

  fingerprints(n: NormText): Fingerprints {
    return this.memo.get(n.text);
  }

  add(key: number, fps: Fingerprints): void {
    for (let i = 0; i < fps.hashes.length; i++) {
      const h = fps.hashes[i] | 0;
      let s = this.slotOf(h);
      if (s < 0) s = this.claim(~s, h);
      const p = this.posting(key, fps.positions[i]);
      if (this.counts[s] === 0) this.heads[s] = p;
      else this.pool[this.tails[s] + NEXT] = p;
      this.tails[s] = p;
      if (++this.counts[s] === this.maxPostings + 1) this.crossing(h, false);
    }
  }

  /**
   * Runs `changes` (removals and additions) as one: `crossings` moves only if some hash is
   * boilerplate afterwards and was not before, or the other way. Replacing a document by its next
   * version takes its postings out and puts them back; a hash at the edge crosses twice and ends
   * where it was.
   */
  batch(changes: () => void): void {
    const crossed = (this.crossed = new Map());
    try {
      changes();
    } finally {
      this.crossed = undefined;
      for (const [h, was] of crossed) {
        const s = this.slotOf(h);
        if ((s >= 0 && this.counts[s] > this.maxPostings) !== was) {
          this.crossings++;
          break;
        }
      }
    }
  }

  private crossing(h: number, was: boolean): void {
    if (!this.crossed) this.crossings++;
    else if (!this.crossed.has(h)) this.crossed.set(h, was);
  }

  /** Removes every posting of `key` under the hashes of `fps`. */
  remove(key: number, fps: Fingerprints): void {
    for (let i = 0; i < fps.hashes.length; i++) {
      const h = fps.hashes[i] | 0;
      const s = this.slotOf(h);
      if (s < 0 || this.counts[s] === 0) continue;
      let before = NONE;
      const pool = this.pool;
      for (let p = this.heads[s]; p !== NONE; ) {
        const next = pool[p + NEXT];
        if (pool[p] === key) {
          if (before === NONE) this.heads[s] = next;
          else pool[before + NEXT] = next;
          if (this.tails[s] === p) this.tails[s] = before;
          if (--this.counts[s] === this.maxPostings) this.crossing(h, true);
          pool[p + NEXT] = this.free;
          this.free = p;
        } else before = p;
        p = next;
      }
    }
  }

  /**
   * The first posting of a fingerprint, unless it is boilerplate: more than `maxPostings` of them,
   * or, given `accept`, more than that many accepted ones (an index of a whole document asked for
   * one paragraph counts only the paragraphs before it, as an index built up to it would).
   */
  lookup(hash: number, accept?: (key: number) => boolean): number {
    const s = this.slotOf(hash | 0);
    if (s < 0) return NONE;
    const head = this.heads[s];
    if (this.counts[s] <= this.maxPostings) return head;
    if (!accept) return NONE;
    let n = 0;
    for (let p = head; p !== NONE; p = this.pool[p + NEXT]) if (accept(this.pool[p]) && ++n > this.maxPostings) return NONE;
    return head;
  }

  /** Postings of a fingerprint, boilerplate or not. */
  countOf(hash: number): number {
    const s = this.slotOf(hash | 0);
    return s < 0 ? 0 : this.counts[s];
  }

  /** The first posting of a fingerprint, boilerplate or not. */
  postingsOf(hash: number): number {
    const s = this.slotOf(hash | 0);
    return s < 0 ? NONE : this.heads[s];
  }

  /** The posting after `p` under the same hash, or NONE. */
  next(p: number): number {
    return this.pool[p + NEXT];
  }

  /** The source key of posting `p`. */
  keyAt(p: number): number {
    return this.pool[p];
  }

  /** The position of posting `p` in its source. */
  positionAt(p: number): number {
    return this.pool[p + POSITION];
  }

  /** The slot of hash `h`, or, when it is not filed, the complement of the empty slot where it would go. */
  private slotOf(h: number): number {
    const { hashes, heads, mask } = this;
    // The hashes are mixed (see fingerprint.ts): their low bits spread well.
    for (let s = h & mask; ; s = (s + 1) & mask) {
      if (heads[s] === EMPTY) return ~s;
      if (hashes[s] === h) return s;
    }
  }

  private claim(s: number, h: number): number {
    if (2 * (this.used + 1) > this.hashes.length) {
      this.rehash();
      s = ~this.slotOf(h);
    }
    this.used++;
    this.hashes[s] = h;
    this.heads[s] = NONE;
    this.counts[s] = 0;
    return s;
  }

  /** Slots in the table. */
  get capacity(): number {
    return this.hashes.length;
  }

  /**
   * A new table for the hashes that still have postings, at least three slots for each: it doubles
   * while the index grows, and keeps its size while an editor's index churns (every edit files the
   * new fingerprints of a paragraph and removes the old ones, whose slots stay taken until now);
   * at least a sixth of the table fills before the next rehash.
   */
  private rehash(): void {
    const { hashes, heads, tails, counts } = this;
    let live = 0;
    for (let old = 0; old < hashes.length; old++) if (counts[old] > 0) live++;
    this.newTable(3 * (live + 1));
    for (let old = 0; old < hashes.length; old++) {
      if (counts[old] === 0) continue;
      const s = ~this.slotOf(hashes[old]);
      this.hashes[s] = hashes[old];
      this.heads[s] = heads[old];
      this.tails[s] = tails[old];
      this.counts[s] = counts[old];
      this.used++;
    }
  }

  /** An empty table of at least `atLeast` slots (a power of two, 16 or more). */
  private newTable(atLeast: number): void {
    let slots = 16;
    while (slots < atLeast) slots *= 2;
    this.mask = slots - 1;
    this.hashes = new Int32Array(slots);
    this.heads = new Int32Array(slots).fill(EMPTY);
    this.tails = new Int32Array(slots);
    this.counts = new Int32Array(slots);
    this.used = 0;
  }

  /** A posting from the free chain or the pool. */
  private posting(key: number, position: number): number {
    let p = this.free;
    if (p !== NONE) this.free = this.pool[p + NEXT];
    else {
      if (this.top === this.pool.length) this.growPool();
      p = this.top;
      this.top += POSTING;
    }
    const pool = this.pool;
    pool[p] = key;
    pool[p + POSITION] = position;
    pool[p + NEXT] = NONE;
    return p;
  }

  private growPool(): void {
    const pool = new Int32Array(2 * this.pool.length);
    pool.set(this.pool);
    this.pool = pool;
  }
}

/**
 * Maximal exact runs between `b` and the indexed sources accepted by `accept`, grouped by source
 * key. Seeds on a diagonal already covered by a run are skipped, so a long copy costs its length.
 */
export function findRuns(
  b: NormText,
  fps: Fingerprints,
  index: FingerprintIndex,
  source: (key: number) => NormText | undefined,
  accept: (key: number) => boolean,
  /** Whether boilerplate is judged by the accepted postings only (see FingerprintIndex.lookup). */
  countAccepted = false,
  /**
   * No key from this one on is accepted. A hash's postings stand in the order they were added, so
   * when keys were added in increasing order, as every caller does, walking stops at the first such
   * key instead of visiting the rest only to refuse them.
   */
  keyLimit = Infinity,
): Map<number, Run[]> {
  const out = new Map<number, Run[]>();
  const k = index.k;
  const bt = b.text;
  for (let f = 0; f < fps.hashes.length; f++) {
    const pb = fps.positions[f];
    for (let p = index.lookup(fps.hashes[f], countAccepted ? accept : undefined); p !== NONE; p = index.next(p)) {
      const key = index.keyAt(p);
      if (key >= keyLimit) break;
      if (!accept(key)) continue;
      const pa = index.positionAt(p);
      const runs = out.get(key);
      if (runs !== undefined && onRun(runs, pa - pb, pb)) continue;
      const a = source(key);
      if (!a) continue;
      const run = extendSeed(a.text, bt, pa, pb, k);
      if (run === undefined) continue;
      if (runs === undefined) out.set(key, [run]);
      else runs.push(run);
    }
  }
  return out;
}

/**
 * The maximal exact run through the k-grams at `pa` of `at` and `pb` of `bt`, which share a hash;
 * undefined when they differ (a hash collision).
 */
function extendSeed(at: string, bt: string, pa: number, pb: number, k: number): Run | undefined {
  for (let j = 0; j < k; j++) if (at.charCodeAt(pa + j) !== bt.charCodeAt(pb + j)) return undefined;
  let s = 0;
  while (pa - s > 0 && pb - s > 0 && at.charCodeAt(pa - s - 1) === bt.charCodeAt(pb - s - 1)) s++;
  let e = k;
  while (pa + e < at.length && pb + e < bt.length && at.charCodeAt(pa + e) === bt.charCodeAt(pb + e)) e++;
  return { aStart: pa - s, aEnd: pa + e, bStart: pb - s, bEnd: pb + e };
}

/** One paragraph's fingerprints by hash: where each stands, in the order of `fps`. */
export function positionsByHash(fps: Fingerprints): Map<number, number[]> {
  const at = new Map<number, number[]>();
  for (let i = 0; i < fps.hashes.length; i++) {
    const h = fps.hashes[i] | 0;
    const list = at.get(h);
    if (list) list.push(fps.positions[i]);
    else at.set(h, [fps.positions[i]]);
  }
  return at;
}

/**
 * The runs `findRuns` finds between `b` and one source `a` (`aAt`: a's fingerprints by hash), the
 * shared fingerprints that `seeds` refuses (boilerplate) left out, without an index. A maximal run
 * is the same whichever of its seeds is met first, so the set does not depend on the order.
 */
export function runsBetween(b: NormText, fps: Fingerprints, a: NormText, aAt: ReadonlyMap<number, readonly number[]>, k: number, seeds: (hash: number) => boolean): Run[] {
  const runs: Run[] = [];
  for (let f = 0; f < fps.hashes.length; f++) {
    const h = fps.hashes[f] | 0;
    const list = aAt.get(h);
    if (list === undefined || !seeds(h)) continue;
    const pb = fps.positions[f];
    for (const pa of list) {
      if (onRun(runs, pa - pb, pb)) continue;
      const run = extendSeed(a.text, b.text, pa, pb, k);
      if (run) runs.push(run);
    }
  }
  return runs;
}

/** Whether position `pb` of b lies on a run found already on the diagonal `shift` (a − b). */
function onRun(runs: readonly Run[], shift: number, pb: number): boolean {
  for (let i = 0; i < runs.length; i++) {
    const r = runs[i];
    if (r.aStart - r.bStart === shift && pb >= r.bStart && pb < r.bEnd) return true;
  }
  return false;
}

/** Merges runs that follow each other on both sides with gaps of at most `gap` characters. */
export function mergeRuns(runs: readonly Run[], gap: number): RunGroup[] {
  const sorted = [...runs].sort((x, y) => x.bStart - y.bStart || x.aStart - y.aStart);
  const groups: RunGroup[] = [];
  let cur: { aStart: number; aEnd: number; bStart: number; bEnd: number; matched: number } | undefined;
  for (const r of sorted) {
    if (cur) {
      const db = r.bStart - cur.bEnd;
      const da = r.aStart - cur.aEnd;
      if (db >= -gap && db <= gap && da >= -gap && da <= gap && r.bEnd > cur.bEnd && r.aEnd > cur.aEnd) {
        cur.matched += Math.min(r.bEnd - r.bStart, r.bEnd - cur.bEnd);
        cur.aEnd = r.aEnd;
        cur.bEnd = r.bEnd;
        continue;
      }
      if (r.bEnd <= cur.bEnd && r.aStart >= cur.aStart && r.aEnd <= cur.aEnd) continue; // inside the group
      groups.push(cur);
    }
    cur = { aStart: r.aStart, aEnd: r.aEnd, bStart: r.bStart, bEnd: r.bEnd, matched: r.bEnd - r.bStart };
  }
  if (cur) groups.push(cur);
  return groups;
}

/** Share of the characters of `b[start, end)` that stand inside quotation marks. */
export function quotedShare(b: NormText, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) n += b.quoted[i];
  return end > start ? n / (end - start) : 0;
}

/** Characters of `b[start, end)` that are not part of a stock formula. */
export function ownLength(b: NormText, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) n += 1 - b.stock[i];
  return n;
}
