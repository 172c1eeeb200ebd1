/**
 * Word segmentation, as the rules see it. The real segmenter (nodejieba) is loaded outside the
 * core and lazily — its dictionary takes a second or more to load — and is never on the path to
 * the first outline or diagnostics: rules that need it declare `needsSegmenter` and wait.
 */
export interface Segmenter {
  /** Tokens whose concatenation is exactly `text`. */
  cut(text: string): string[];
  /** `cut` of many texts at once: one round trip where segmentation lives in another thread. */
  cutAll?(texts: readonly string[]): string[][];
  /** False for the dictionary-free fallback: rules then report only their surest cases. */
  readonly dictionary: boolean;
}

/** Without a dictionary: every character is a token. */
export const fallbackSegmenter: Segmenter = {
  cut: (text) => Array.from(text),
  dictionary: false,
};
