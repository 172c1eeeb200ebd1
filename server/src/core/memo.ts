import type { ReportDoc } from './model';
import { unchangedAround } from './parse/unchanged';

/**
 * "Parse once, share": something derived from a parsed document, computed on first use and kept
 * as long as the document is (on the document, see `docSlot`: a discarded version frees it).
 * Rules, features and other derivations that need the same thing ask the same function.
 *
 *     export const strayBlocks = perDocument((doc) => computeStray(doc));
 */
export function perDocument<T>(compute: (doc: ReportDoc) => T): ((doc: ReportDoc) => T) & { peek(doc: ReportDoc): T | undefined } {
  const slot = docSlot<{ readonly value: T }>();
  const get = (doc: ReportDoc): T => {
    const kept = slot.get(doc);
    if (kept) return kept.value;
    const value = compute(doc);
    slot.set(doc, { value });
    return value;
  };
  // What was computed for a document, without computing it (a version's for the next, in the editor).
  return Object.assign(get, { peek: (doc: ReportDoc): T | undefined => slot.get(doc)?.value });
}

/**
 * A place on each document for something derived from it, kept as long as the document is. Not a
 * WeakMap keyed by documents: V8's scavenges treat the values of a WeakMap whose table is in the
 * old generation as live, whether their key is or not, and the editor makes a version per
 * keystroke. Every version's derivations since the last scavenge were copied by it: a quarter of
 * what a keystroke allocates survived each scavenge (2.5–3 % without), and scavenges of the
 * 100 KB report's versions paused 6–15 ms instead of ~1 ms.
 */
export interface DocSlot<T> {
  get(doc: ReportDoc): T | undefined;
  set(doc: ReportDoc, value: T): void;
}

/** The documents' derivations: an array on each document, one index per slot. */
const DERIVED = Symbol('derived from the document');
let slots = 0;

export function docSlot<T>(): DocSlot<T> {
  const slot = slots++;
  return {
    get: (doc) => (doc as { [DERIVED]?: unknown[] })[DERIVED]?.[slot] as T | undefined,
    set: (doc, value) => {
      let derived = (doc as { [DERIVED]?: unknown[] })[DERIVED];
      // Not enumerable: a document compares, clones and prints as its parse alone.
      if (!derived) Object.defineProperty(doc, DERIVED, { value: (derived = new Array(slots)) });
      derived[slot] = value;
    },
  };
}

/** The version being analysed and the one it was edited from, while its analysis runs (see `whileEditedFrom`). */
let editing: { readonly doc: ReportDoc; readonly previous: ReportDoc; kept?: { readonly front: number; readonly back: number } } | undefined;

/**
 * Runs `work` (an analysis, which is synchronous) knowing that `doc` was edited from `previous`
 * (the editor's lineage), for derivations computed meanwhile that take over what they computed for
 * the version before (`versionBefore`). Nothing is kept after it: no version holds another alive.
 * (A WeakRef was tried: V8 keeps a WeakRef's target alive to the end of the current job, so a loop
 * of versions in one job — a test, a benchmark — kept all of them: 3.3 MB more per edit of the
 * 1 MB report.)
 */
export function whileEditedFrom<T>(doc: ReportDoc, previous: ReportDoc | undefined, work: () => T): T {
  // Nested for the same pair (the duplicates within an analysis): the same record, and what it found.
  if (!previous || previous === doc || (editing?.doc === doc && editing.previous === previous)) return work();
  const outer = editing;
  editing = { doc, previous };
  try {
    return work();
  } finally {
    editing = outer;
  }
}

/** The version `doc` was edited from, while `doc`'s analysis runs (see `whileEditedFrom`). */
export function versionBefore(doc: ReportDoc): ReportDoc | undefined {
  return editing !== undefined && editing.doc === doc ? editing.previous : undefined;
}

/**
 * How many paragraphs at either end of `doc` have the texts of `previous`'s (`unchangedAround` by
 * text alone). While `doc`'s analysis runs, found once for every derivation and paragraph rule
 * that takes values over (each walked both lists itself: ten walks a keystroke).
 */
export function textsKeptAround(previous: ReportDoc, doc: ReportDoc): { readonly front: number; readonly back: number } {
  if (editing !== undefined && editing.doc === doc && editing.previous === previous) return (editing.kept ??= unchangedAround(previous.paragraphs, doc.paragraphs));
  return unchangedAround(previous.paragraphs, doc.paragraphs);
}

/**
 * The same, for derivations that also depend on options: the key identifies them (compared by
 * value, so a string or a number), `compute` runs on a miss.
 */
export function perDocumentKeyed<K extends string | number, T>(): ((doc: ReportDoc, key: K, compute: () => T) => T) & { peek(doc: ReportDoc, key: K): T | undefined } {
  const cache = docSlot<Map<K, T>>();
  const get = (doc: ReportDoc, key: K, compute: () => T): T => {
    let perDoc = cache.get(doc);
    if (!perDoc) cache.set(doc, (perDoc = new Map()));
    if (perDoc.has(key)) return perDoc.get(key)!;
    const value = compute();
    perDoc.set(key, value);
    return value;
  };
  // What was computed for a document, without computing it (a version's for the next, in the editor).
  return Object.assign(get, { peek: (doc: ReportDoc, key: K): T | undefined => cache.get(doc)?.get(key) });
}

/**
 * Work keyed by a piece of text — a paragraph, a sentence, a normalised paragraph — kept across
 * documents and versions. A keystroke changes one paragraph; every other paragraph of the new
 * version finds its results here, so an edit redoes one paragraph's work, not the document's.
 *
 * Two generations bound the memory: entries live in `young` until it holds `budget` characters
 * of keys, then it becomes `old` and the older generation is dropped. What the current version
 * uses is moved from `old` to `young` on the way, so it survives the turn-over.
 *
 * Keys are copied, since a key sliced from a document would keep the whole document alive;
 * memos keyed by strings that own their characters and are shared from version to version skip
 * the copy (`sharedKeys: true`): a paragraph's `text` (the parser gives every paragraph one shared
 * string per text, `internText`) or a normalised text. Looking those up compares pointers.
 *
 *     const sentencesOf = new TextMemo((t) => splitSentences(t, 0, t.length), { sharedKeys: true });
 */
export class TextMemo<T> {
  /** Forgets everything memoised by text (benchmarks measure the work of a text never seen). */
  static clearAll(): void {
    clearedAt++;
  }

  /**
   * Memoises nothing from now on, in this thread, but in memos given a `oneShotBudget`. For
   * one-shot runs (the CLI): they see most texts once, so the memos would only hold memory — about
   * 100 MB per worker thread over a folder of reports — and save no time.
   */
  static turnOff(): void {
    clearedAt++;
    memoising = false;
  }

  private young = new Map<string, T>();
  private old = new Map<string, T>();
  private weight = 0;
  private cleared = clearedAt;
  private readonly budget: number;
  private readonly oneShotBudget: number | undefined;
  /** The key kept for a text and its value. */
  private readonly keyOf: (text: string, value: T) => string;

  constructor(
    private readonly compute: (text: string) => T,
    options: {
      readonly budget?: number;
      readonly sharedKeys?: boolean;
      readonly valueIsKey?: boolean;
      /**
       * Kept in one-shot runs too (`turnOff`), within this budget: for work that one analysis asks
       * for several times per text (a paragraph's sentences: the parse, the figures and
       * count-mismatch each ask). Texts are then slices of their documents, so a generation's keys
       * keep the few documents they came from alive as well.
       */
      readonly oneShotBudget?: number;
    } = {},
  ) {
    this.budget = options.budget ?? 1 << 21;
    this.oneShotBudget = options.oneShotBudget;
    this.keyOf = options.valueIsKey ? (_, value) => value as string : options.sharedKeys ? (text) => text : (text) => (text.length > 12 ? ownCopy(text) : text);
  }

  get(text: string): T {
    if (this.kept === undefined) return this.compute(text);
    let value = this.peek(text);
    if (value === undefined) this.set(text, (value = this.compute(text)));
    return value;
  }

  /**
   * The values of `texts`; those not kept are computed together by `computeMissing`, given each
   * such text once (in the order they first appear) and answering in the same order. For work
   * that costs per call, not per text: questions to the word segmentation thread.
   */
  getMany(texts: readonly string[], computeMissing: (missing: readonly string[]) => readonly T[]): T[] {
    const known = texts.map((t) => this.peek(t));
    const missing = [...new Set(texts.filter((_, i) => known[i] === undefined))];
    if (missing.length === 0) return known as T[];
    const computed = computeMissing(missing);
    const fresh = new Map<string, T>();
    missing.forEach((t, i) => {
      fresh.set(t, computed[i]);
      this.set(t, computed[i]);
    });
    return texts.map((t, i) => known[i] ?? fresh.get(t)!);
  }

  /** The value kept for `text`, if any (moved to the young generation). */
  private peek(text: string): T | undefined {
    if (this.kept === undefined) return undefined;
    if (this.cleared !== clearedAt) this.turnOver(true);
    const value = this.young.get(text);
    if (value !== undefined) return value;
    const older = this.old.get(text);
    if (older !== undefined) this.set(text, older);
    return older;
  }

  set(text: string, value: T): void {
    const budget = this.kept;
    if (budget === undefined) return;
    this.young.set(this.keyOf(text, value), value);
    this.weight += text.length + 16;
    if (this.weight > budget) this.turnOver(false);
  }

  /** The characters of keys a generation holds now; undefined when this memo keeps nothing. */
  private get kept(): number | undefined {
    return memoising ? this.budget : this.oneShotBudget;
  }

  private turnOver(clear: boolean): void {
    this.old = clear ? new Map() : this.young;
    this.young = new Map();
    this.weight = 0;
    this.cleared = clearedAt;
  }
}

/**
 * A memo's value for each paragraph of a document, by paragraph index. A version edited from
 * another (the editor's, see `versionBefore`) takes the values of the paragraphs the edit left
 * alone at either end, which have the same texts, from that version's array, and asks the memo
 * for the others only: rules that read every paragraph looked up ~520 texts per memo per
 * keystroke on the 100 KB report (~0.15 us each, ~0.4 ms in all). The values depend on the
 * paragraph's text alone, in its own offsets, wherever it now stands.
 */
export function perParagraph<T>(memo: TextMemo<T>): (doc: ReportDoc) => readonly T[] {
  const values = perDocument((doc: ReportDoc): readonly T[] => {
    const ps = doc.paragraphs;
    // Of its final length at once: grown by push, the array was copied a few times per version.
    const out = new Array<T>(ps.length);
    const previous = versionBefore(doc);
    const old = previous && values.peek(previous);
    const { front, back } = old ? textsKeptAround(previous, doc) : { front: 0, back: 0 };
    for (let i = 0; i < front; i++) out[i] = old![i];
    for (let i = front; i < ps.length - back; i++) out[i] = memo.get(ps[i].text);
    for (let i = ps.length - back, j = old ? old.length - back : 0; i < ps.length; i++, j++) out[i] = old![j];
    return out;
  });
  return values;
}

/** Counts `TextMemo.clearAll` calls; a memo that has seen fewer forgets what it holds. */
let clearedAt = 0;
let memoising = true;

/** One string per paragraph text, which is its own key (see TextMemo). */
const texts = new TextMemo<string>((text) => (text.length > 12 ? ownCopy(text) : text), { budget: 1 << 22, valueIsKey: true });

/**
 * The shared copy of a paragraph's text: every version of a document, and every memo keyed by
 * paragraph text, holds the same string, which owns its characters (not a slice of a document).
 */
export function internText(text: string): string {
  return memoising ? texts.get(text) : text;
}

/**
 * A string that does not share storage with a larger one. Slicing a concatenation flattens it
 * into new storage of its own length, so the result holds `s.length + 1` characters, not the
 * document `s` was sliced from.
 */
export function ownCopy(s: string): string {
  return (s + ' ').slice(0, -1);
}
