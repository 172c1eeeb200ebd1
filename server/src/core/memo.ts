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
