import { join } from 'node:path';
// From the module itself, not the core's index: the segmenter's thread loads this file and
// needs nothing else of the core (the whole of it cost that thread ~185 modules to load).
import { fallbackSegmenter, type Segmenter } from '../core/segment';

/**
 * nodejieba behind the core's Segmenter interface. Loading its dictionary takes a second or more,
 * so it happens once, on first use. If the native module is missing the fallback is used and the
 * reason is kept for the caller to report.
 */
let loaded: Segmenter | undefined;
export let loadError: string | undefined;

export function loadSegmenter(): Segmenter {
  if (loaded) return loaded;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const jieba = require('nodejieba') as { load(dicts?: { idfDict?: string; stopWordDict?: string }): void; cut(text: string): string[] };
    // Only `cut` is used: the keyword extractor's dictionaries are one-line stand-ins (server/dict/README.md).
    jieba.load({ idfDict: join(__dirname, '../../dict/idf.utf8'), stopWordDict: join(__dirname, '../../dict/stop_words.utf8') });
    const cut = (text: string) => (text.length === 0 ? [] : jieba.cut(text));
    loaded = { cut, cutAll: (texts) => texts.map(cut), dictionary: true };
  } catch (e) {
    loadError = e instanceof Error ? e.message : String(e);
    loaded = fallbackSegmenter;
  }
  return loaded;
}

/** A segmenter that loads nodejieba the first time it is used (the CLI: only if a rule needs it). */
export const lazySegmenter: Segmenter = {
  cut: (text) => loadSegmenter().cut(text),
  cutAll: (texts) => texts.map((t) => loadSegmenter().cut(t)),
  get dictionary() {
    return loadSegmenter().dictionary;
  },
};
