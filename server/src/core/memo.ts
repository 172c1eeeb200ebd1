import type { ReportDoc } from './model';

/**
 * "Parse once, share": something derived from a parsed document, computed on first use and kept
 * as long as the document is (a WeakMap, so a discarded version frees it). Rules, features and
 * other derivations that need the same thing ask the same function.
 *
 *     export const strayBlocks = perDocument((doc) => computeStray(doc));
 */
export function perDocument<T>(compute: (doc: ReportDoc) => T): (doc: ReportDoc) => T {
  const cache = new WeakMap<ReportDoc, T>();
  return (doc) => {
    if (cache.has(doc)) return cache.get(doc)!;
    const value = compute(doc);
    cache.set(doc, value);
    return value;
  };
}

/**
 * The same, for derivations that also depend on options: the key identifies them (compared by
 * value, so a string or a number), `compute` runs on a miss.
 */
export function perDocumentKeyed<K extends string | number, T>(): (doc: ReportDoc, key: K, compute: () => T) => T {
  const cache = new WeakMap<ReportDoc, Map<K, T>>();
  return (doc, key, compute) => {
    let perDoc = cache.get(doc);
    if (!perDoc) cache.set(doc, (perDoc = new Map()));
    if (perDoc.has(key)) return perDoc.get(key)!;
    const value = compute();
    perDoc.set(key, value);
    return value;
  };
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
  private static readonly instances = new Set<TextMemo<unknown>>();

  /** Forgets everything memoised by text (benchmarks measure the work of a text never seen). */
  static clearAll(): void {
    for (const m of TextMemo.instances) (m.young = new Map()), (m.old = new Map()), (m.weight = 0);
    youngTexts = new Map();
    oldTexts = new Map();
    textWeight = 0;
  }

  private young = new Map<string, T>();
  private old = new Map<string, T>();
  private weight = 0;
  private readonly budget: number;
  private readonly copyKeys: boolean;

  constructor(
    private readonly compute: (text: string) => T,
    options: { readonly budget?: number; readonly sharedKeys?: boolean } = {},
  ) {
    this.budget = options.budget ?? 1 << 21;
    this.copyKeys = !options.sharedKeys;
    TextMemo.instances.add(this as TextMemo<unknown>);
  }

  get(text: string): T {
    let value = this.peek(text);
    if (value === undefined) this.set(text, (value = this.compute(text)));
    return value;
  }

  /** The value kept for `text`, if any (for callers that compute many values at once). */
  peek(text: string): T | undefined {
    const value = this.young.get(text);
    if (value !== undefined) return value;
    const older = this.old.get(text);
    if (older !== undefined) this.set(text, older);
    return older;
  }

  set(text: string, value: T): void {
    this.young.set(this.copyKeys && text.length > 12 ? ownCopy(text) : text, value);
    this.weight += text.length + 16;
    if (this.weight > this.budget) {
      this.old = this.young;
      this.young = new Map();
      this.weight = 0;
    }
  }
}

/** One string per paragraph text (two generations, as TextMemo). */
let youngTexts = new Map<string, string>();
let oldTexts = new Map<string, string>();
let textWeight = 0;

/**
 * The shared copy of a paragraph's text: every version of a document, and every memo keyed by
 * paragraph text, holds the same string, which owns its characters (not a slice of a document).
 */
export function internText(text: string): string {
  let own = youngTexts.get(text);
  if (own !== undefined) return own;
  own = oldTexts.get(text) ?? (text.length > 12 ? ownCopy(text) : text);
  youngTexts.set(own, own);
  textWeight += text.length + 16;
  if (textWeight > 1 << 22) {
    oldTexts = youngTexts;
    youngTexts = new Map();
    textWeight = 0;
  }
  return own;
}

/**
 * A string that does not share storage with a larger one. Slicing a concatenation flattens it
 * into new storage of its own length, so the result holds `s.length + 1` characters, not the
 * document `s` was sliced from.
 */
function ownCopy(s: string): string {
  return (s + ' ').slice(0, -1);
}
