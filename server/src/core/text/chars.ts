/**
 * Character classes of Chinese report text. All tests are single-character and allocation-free
 * so that the parser's scans stay linear.
 */

/**
 * Classes of UTF-16 codes, one bit each, in a table: the parser and the normaliser test every
 * character, and a lookup costs less than a chain of range tests or a Set. Codes past the table
 * (NaN from charCodeAt past the end of a string) belong to no class.
 */
const SENTENCE_END_BIT = 1;
const CLOSER_BIT = 2;
const SPACE_BIT = 4;
const PUNCTUATION_BIT = 8;
const DROPPED_BIT = 16;
const CLAUSE_MARK_BIT = 32;
const CLASS_OF_CODE = new Uint8Array(0x10000);

/** Inclusive code ranges: white space as it appears in pasted reports (ASCII, NBSP, full-width space, BOM). */
const SPACE_RANGES: readonly (readonly [number, number])[] = [[9, 9], [11, 12], [32, 32], [0xa0, 0xa0], [0x2000, 0x200b], [0x3000, 0x3000], [0xfeff, 0xfeff]];
/** Punctuation, full- and half-width. */
const PUNCTUATION_RANGES: readonly (readonly [number, number])[] = [
  [0x21, 0x2f],
  [0x3a, 0x40],
  [0x5b, 0x60],
  [0x7b, 0x7e],
  [0xb7, 0xb7],
  [0x2010, 0x206f], // dashes, quotes, ellipsis
  [0x3000, 0x303f], // CJK symbols and punctuation
  [0x30fb, 0x30fb],
  [0xff01, 0xff0f], // ！＂＃…／
  [0xff1a, 0xff20], // ：；＜＝＞？＠
  [0xff3b, 0xff40],
  [0xff5b, 0xff65],
];
for (const [lo, hi] of SPACE_RANGES) for (let c = lo; c <= hi; c++) CLASS_OF_CODE[c] |= SPACE_BIT | DROPPED_BIT;
for (const [lo, hi] of PUNCTUATION_RANGES) for (let c = lo; c <= hi; c++) CLASS_OF_CODE[c] |= PUNCTUATION_BIT | DROPPED_BIT;
for (let c = 0; c <= 32; c++) CLASS_OF_CODE[c] |= DROPPED_BIT;

/** CJK unified ideographs (basic block and extension A) and 〇. */
export function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || c === 0x3007;
}

/** White space as it appears in pasted reports: ASCII, NBSP, full-width space, BOM. */
export function isSpace(c: number): boolean {
  return (CLASS_OF_CODE[c] & SPACE_BIT) !== 0;
}

/** Sentence-final punctuation, full- and half-width. */
export const SENTENCE_END = new Set(['。', '！', '？', '!', '?']);

/** Characters that may close a sentence after its final mark: quotes, brackets, markdown emphasis. */
export const CLOSERS = new Set(['”', '’', '」', '』', '）', ')', '】', '》', '"', "'", '*', '_']);

// The same two sets by character code, for loops over every character: `text[i]` makes a string
// per character outside Latin-1 (~2 MB of garbage per 100 KB of Chinese text), `charCodeAt` none,
// and a table lookup costs less than a Set's.
for (const c of SENTENCE_END) CLASS_OF_CODE[c.charCodeAt(0)] |= SENTENCE_END_BIT;
for (const c of CLOSERS) CLASS_OF_CODE[c.charCodeAt(0)] |= CLOSER_BIT;
for (const c of '，；：,;:') CLASS_OF_CODE[c.charCodeAt(0)] |= CLAUSE_MARK_BIT;

/** `c` (a UTF-16 code, NaN past the end of a string) is in SENTENCE_END. */
export function isSentenceEndCode(c: number): boolean {
  return (CLASS_OF_CODE[c] & SENTENCE_END_BIT) !== 0;
}

/** `c` (a UTF-16 code, NaN past the end of a string) is in CLOSERS. */
export function isCloserCode(c: number): boolean {
  return (CLASS_OF_CODE[c] & CLOSER_BIT) !== 0;
}

/** ， ； ： and their ASCII forms: where a clause ends inside a sentence. */
export function isClauseMarkCode(c: number): boolean {
  return (CLASS_OF_CODE[c] & CLAUSE_MARK_BIT) !== 0;
}

/** Punctuation (full- and half-width) that does not count toward 字数. */
export function isPunctuation(c: number): boolean {
  return (CLASS_OF_CODE[c] & PUNCTUATION_BIT) !== 0;
}

/** What normalisation for comparison drops: controls, white space and punctuation. */
export function isDroppedCode(c: number): boolean {
  return (CLASS_OF_CODE[c] & DROPPED_BIT) !== 0;
}

/**
 * 字数 as Chinese editors count it: every character that is neither punctuation nor white space
 * (a surrogate pair counts once).
 */
export function countChars(text: string, start = 0, end = text.length): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) continue; // low half of a pair, or a lone one: counted with its high half or not at all
    if (c <= 32 || isSpace(c) || c === 10 || c === 13 || isPunctuation(c)) continue;
    n++;
  }
  return n;
}

/** Share of Han characters among the non-space characters of the first `limit` characters. */
export function hanRatio(text: string, limit = 20000): number {
  let han = 0;
  let all = 0;
  const end = Math.min(text.length, limit);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || isSpace(c)) continue;
    all++;
    if (isHan(c)) han++;
  }
  return all === 0 ? 0 : han / all;
}

/** The last character of `text[start, end)` before closing quotes, brackets and emphasis. */
export function lastMark(text: string, start = 0, end = text.length): string {
  let i = end - 1;
  while (i > start && CLOSERS.has(text[i])) i--;
  return text[i] ?? '';
}

/**
 * Whether `text[start, end)` ends its sentence: a final mark, or a colon, semicolon, ellipsis or
 * dash that hands over to what follows. A paragraph that does not was cut (or is a title).
 */
export function endsSentence(text: string, start = 0, end = text.length): boolean {
  const c = lastMark(text, start, end);
  return SENTENCE_END.has(c) || c === '：' || c === ':' || c === '；' || c === ';' || c === '…' || c === '—';
}
