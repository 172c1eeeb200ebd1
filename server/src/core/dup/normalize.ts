import type { ReportDoc, Span } from '../model';
import { isDroppedCode } from '../text/chars';
import { perDocument, perDocumentKeyed, TextMemo, versionBefore } from '../memo';
import { unchangedAround } from '../parse/unchanged';
import { carver, scratchArrays } from '../scratch';

/**
 * Paragraph text normalised for comparison: punctuation and white space dropped, full-width
 * letters and digits folded to ASCII, Latin lower-cased. `map[i]` is the original offset of
 * normalised character i, so a match found here maps back to an exact span of the text.
 *
 *     "我们共收到提案６３６件，经审查立案547件。" → "我们共收到提案636件经审查立案547件"
 */
export interface NormText extends NormCore {
  /** Index of the paragraph in the document. */
  readonly paragraph: number;
  /** Offset of the paragraph's first character: `base + map[i]` is a document offset. */
  readonly base: number;
}

/** The normalised text of a paragraph, independent of where the paragraph stands (shared by copies and versions). */
export interface NormCore {
  readonly text: string;
  /** Offset in the paragraph of normalised character i. */
  readonly map: Int32Array;
  /** 1 where the character stands inside quotation marks (“…” 「…」 "…"). */
  readonly quoted: Uint8Array;
  /** 1 where the character belongs to a stock formula every report uses (see STOCK_PHRASES). */
  readonly stock: Uint8Array;
}

/**
 * Formulas of the genre that reports share by design; a repeat made only of them is no copy.
 * Normalised (no punctuation). A passage must be long enough without them.
 */
export const STOCK_PHRASES: readonly string[] = [
  '习近平新时代中国特色社会主义思想',
  '习近平总书记关于加强和改进人民政协工作的重要思想',
  '习近平总书记重要讲话精神',
  '坚持和发展中国特色社会主义',
  '中国特色社会主义',
  '增强四个意识坚定四个自信做到两个维护',
  '四个意识',
  '四个自信',
  '两个维护',
  '党的十九大精神',
  '党的二十大精神',
  '中共二十大精神',
  '中共十九大精神',
  '全面建成小康社会',
  '团结和民主两大主题',
  '团结民主两大主题',
  '中华民族伟大复兴中国梦',
  '以人民为中心',
  '专门协商机构',
  '协商民主重要渠道',
  '不忘初心牢记使命',
  '高质量发展',
  '中国共产党领导的多党合作和政治协商制度',
  '坚持以习近平新时代中国特色社会主义思想为指导',
];

/** The stock phrases by their first character's code, with their place in STOCK_PHRASES. */
const STOCK_BY_FIRST = new Map<number, { phrase: string; id: number }[]>();
STOCK_PHRASES.forEach((phrase, id) => {
  const code = phrase.charCodeAt(0);
  STOCK_BY_FIRST.set(code, [...(STOCK_BY_FIRST.get(code) ?? []), { phrase, id }]);
});

/** 1 for the first characters of stock phrases, by code. */
const STOCK_FIRST = new Uint8Array(0x10000);
for (const code of STOCK_BY_FIRST.keys()) STOCK_FIRST[code] = 1;

/**
 * 1 where a stock phrase stands. One pass over the text (24 searches of every paragraph before);
 * as a search of each phrase would, an occurrence overlapping an earlier one of the same phrase
 * does not count.
 */
function stockMask(s: string): Uint8Array {
  const mask = bytes(s.length);
  let next: Int32Array | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (STOCK_FIRST[c] === 0) continue;
    for (const { phrase, id } of STOCK_BY_FIRST.get(c)!) {
      if (!s.startsWith(phrase, i)) continue;
      next ??= new Int32Array(STOCK_PHRASES.length);
      if (i < next[id]) continue;
      next[id] = i + phrase.length;
      mask.fill(1, i, i + phrase.length);
    }
  }
  return mask;
}

function fold(c: number): number {
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10 + 48;
  if (c >= 0xff21 && c <= 0xff3a) return c - 0xff21 + 97;
  if (c >= 0xff41 && c <= 0xff5a) return c - 0xff41 + 97;
  if (c >= 65 && c <= 90) return c + 32;
  return c;
}

/** Working arrays of `normalize` (see scratchArrays). */
const scratch = scratchArrays({ codes: Uint16Array, map: Int32Array, quoted: Uint8Array });
/** Its results: a paragraph's arrays are views into blocks shared with the next paragraphs' (see carver). */
const int32s = carver(Int32Array);
const bytes = carver(Uint8Array);

/**
 * Normalises a paragraph's text, leaving out the masked spans (headings inside the paragraph;
 * offsets in the paragraph, in order).
 */
export function normalize(text: string, masks: readonly { start: number; end: number }[] = []): NormCore {
  const end = text.length;
  const { codes, map, quoted } = scratch(end);
  let n = 0;
  let depth = 0;
  let straight = false;
  /** 1 inside quotation marks. */
  let quote = 0;
  let surrogates = false;
  const masked = masks.length > 0;
  let m = 0;
  for (let i = 0; i < end; i++) {
    if (masked) while (m < masks.length && masks[m].end <= i) m++;
    const hidden = masked && m < masks.length && masks[m].start <= i;
    const c = text.charCodeAt(i);
    // Most of a report: a Han character is no quotation mark, is not dropped and folds to itself.
    if (c >= 0x4e00 && c <= 0x9fff) {
      if (hidden) continue;
      codes[n] = c;
      map[n] = i;
      quoted[n] = quote;
      n++;
      continue;
    }
    if (c === 0x201c || c === 0x300c || c === 0x300e || c === 0x2018) depth++;
    else if (c === 0x201d || c === 0x300d || c === 0x300f || c === 0x2019) depth = depth > 0 ? depth - 1 : 0;
    else if (c === 34) straight = !straight;
    quote = depth > 0 || straight ? 1 : 0;
    if (hidden) continue;
    if (isDroppedCode(c)) continue;
    if ((c & 0xf800) === 0xd800) surrogates = true;
    codes[n] = fold(c);
    map[n] = i;
    quoted[n] = quote;
    n++;
  }
  const norm = fromCodes(codes.subarray(0, n), surrogates);
  const ownMap = int32s(n);
  ownMap.set(map.subarray(0, n));
  const ownQuoted = bytes(n);
  ownQuoted.set(quoted.subarray(0, n));
  return { text: norm, map: ownMap, quoted: ownQuoted, stock: stockMask(norm) };
}

/**
 * Normalised paragraphs by their text, then by their masks (`start-end,…` in the paragraph): an
 * edit normalises the paragraph it touched.
 */
const normalized = new TextMemo(() => new Map<string, NormCore>(), { sharedKeys: true });

/** Paragraph `index` normalised (its `text` starts at `start` in the document), without the masked spans. */
export function normalizeParagraph(paragraph: { readonly index: number; readonly text: string; readonly span: { readonly start: number } }, masks: readonly { start: number; end: number }[] = []): NormText {
  const { start } = paragraph.span;
  // Most paragraphs have no mask: no arrays or key strings made for them (this runs for every
  // paragraph of every version the editor analyses).
  const own = masks.length === 0 ? masks : masks.map((m) => ({ start: Math.max(0, m.start - start), end: Math.min(paragraph.text.length, m.end - start) }));
  const byMasks = normalized.get(paragraph.text);
  const key = own.length === 0 ? '' : own.map((m) => `${m.start}-${m.end}`).join(',');
  let core = byMasks.get(key);
  if (!core) byMasks.set(key, (core = normalize(paragraph.text, own)));
  return { text: core.text, map: core.map, quoted: core.quoted, stock: core.stock, paragraph: paragraph.index, base: start };
}

/** Decodes UTF-16 code units in the machine's order: three times String.fromCharCode's speed. */
const UTF16 = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? new TextDecoder('utf-16le') : undefined;

/**
 * The string of `codes`. By the decoder, unless the codes hold surrogates (it would turn a lone
 * one into U+FFFD). String.fromCharCode with very many arguments overflows the stack: in chunks.
 */
function fromCodes(codes: Uint16Array, surrogates: boolean): string {
  if (UTF16 && !surrogates) return UTF16.decode(codes);
  let s = '';
  for (let i = 0; i < codes.length; i += 8192) s += String.fromCharCode.apply(null, codes.subarray(i, i + 8192) as unknown as number[]);
  return s;
}

/** Salutations and the opening formula every report repeats (各位委员：, …请予审议): never duplicates. */
const SALUTATION = /^(?:各位|尊敬的|同志们)[^，。,.]{0,14}$/;
/** The longest text SALUTATION matches: it is tried on shorter paragraphs only. */
const SALUTATION_MAX = 17;
const OPENING = /请予审议/;
const OPENING_MAX = 80;

export interface DupOptions {
  /** Paragraphs shorter than this (normalised characters) are not compared. */
  readonly minParagraphLength: number;
  /** Shortest repeated run reported as a duplicate passage. */
  readonly minPassageLength: number;
  /** Similarity from which a whole paragraph counts as a copy, 0–1. */
  readonly threshold: number;
}

export const DEFAULT_DUP_OPTIONS: DupOptions = { minParagraphLength: 20, minPassageLength: 30, threshold: 0.85 };

/**
 * The comparable text of each body paragraph: front matter, heading-only paragraphs and set
 * formulas are left out, and headings inside a paragraph (run-in headings, lead-ins) are masked.
 * Computed once per document (the corpus and the local check share it); given the version the
 * document was edited from (the editor's: `versionBefore`), that version's entries are taken where the paragraphs
 * and their headings are the same: before the edit as they are, after it moved.
 */
const comparable = perDocumentKeyed<number, NormText[]>();

const NO_MASKS: { start: number; end: number }[] = [];

/** Whether one of the masks is the whole paragraph (a heading on its own line). */
function coversParagraph(masks: readonly { start: number; end: number }[], span: { readonly start: number; readonly end: number }): boolean {
  for (const m of masks) if (m.start <= span.start && m.end >= span.end) return true;
  return false;
}

export function comparableParagraphs(doc: ReportDoc, minLength: number): NormText[] {
  return comparable(doc, minLength, () => {
    const previous = versionBefore(doc);
    const last = previous && comparable.peek(previous, minLength);
    return computeComparable(doc, minLength, previous && last ? { doc: previous, list: last } : undefined);
  });
}

/**
 * The longest paragraph compared, in characters: 23 times the longest of the seeds, the dev set
 * and the fixtures (863). Over 1.4 MB of one line, a keystroke in the editor took 126 s.
 */
export const MAX_COMPARABLE = 20_000;

function computeComparable(doc: ReportDoc, minLength: number, kept?: { readonly doc: ReportDoc; readonly list: readonly NormText[] }): NormText[] {
  const fm = frontMatterOf(doc);
  const masks = masksOf(doc);
  const ps = doc.paragraphs;
  const n = ps.length;
  // The paragraphs whose entries the last version's give: the same text, the same headings in
  // them, at the same place before the edit and moved by its length after it.
  const delta = kept ? doc.text.length - kept.doc.text.length : 0;
  let front = 0;
  let back = 0;
  if (kept && sameSpan(frontMatterOf(kept.doc), fm)) {
    const oldMasks = masksOf(kept.doc);
    const old = kept.doc.paragraphs;
    // A paragraph's headings moved with it (by nothing before the edit, by `delta` after it).
    ({ front, back } = unchangedAround(old, ps, delta, (j, i) => sameMasks(oldMasks.get(j), masks.get(i), ps[i].span.start - old[j].span.start)));
  }
  const out: NormText[] = [];
  const list = kept?.list ?? [];
  let k = 0;
  for (; k < list.length && list[k].paragraph < front; k++) out.push(list[k]);
  for (let i = front; i < n - back; i++) {
    const p = ps[i];
    if (fm && p.span.start >= fm.start && p.span.end <= fm.end) continue;
    if ((p.text.length <= SALUTATION_MAX && SALUTATION.test(p.text)) || (p.text.length <= OPENING_MAX && OPENING.test(p.text))) continue;
    // Most paragraphs have no heading inside: no array made for them.
    const mask = masks.get(p.index) ?? NO_MASKS;
    if (mask.length > 0 && coversParagraph(mask, p.span)) continue;
    // A paragraph longer than any a report has is a text without paragraph breaks: not compared
    // (its copies would be within itself, which no paragraph is compared for). Its repeated
    // fingerprints made each of the editor's versions walk thousands of postings per fingerprint.
    if (p.text.length > MAX_COMPARABLE) continue;
    const t = normalizeParagraph(p, mask.length > 1 ? mask.slice().sort((a, b) => a.start - b.start) : mask);
    if (t.text.length >= minLength) out.push(t);
  }
  if (back > 0) {
    const old = kept!.doc.paragraphs;
    const indexShift = n - old.length;
    for (; k < list.length && list[k].paragraph < old.length - back; k++);
    for (; k < list.length; k++) {
      const e = list[k];
      out.push({ text: e.text, map: e.map, quoted: e.quoted, stock: e.stock, paragraph: e.paragraph + indexShift, base: e.base + delta });
    }
  }
  return out;
}

/** The front matter's span, if the document has one. */
function frontMatterOf(doc: ReportDoc): Span | undefined {
  for (const h of doc.headings) if (h.kind === 'front-matter') return h.span;
  return undefined;
}

function sameSpan(a: Span | undefined, b: Span | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.start === b.start && a.end === b.end);
}

/**
 * The spans of the headings inside each paragraph (the front matter's aside), in the order the
 * headings stand. Once per version: the next one compares its own with them.
 */
const masksOf = perDocument((doc: ReportDoc): ReadonlyMap<number, readonly Span[]> => {
  const masks = new Map<number, Span[]>();
  for (const h of doc.headings) {
    if (h.kind === 'front-matter') continue;
    const list = masks.get(h.paragraph);
    if (list) list.push(h.span);
    else masks.set(h.paragraph, [h.span]);
  }
  return masks;
});

/** Whether two paragraphs' masks are the same, the second's moved by `delta`. */
function sameMasks(a: readonly Span[] | undefined, b: readonly Span[] | undefined, delta: number): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].start + delta !== b[i].start || a[i].end + delta !== b[i].end) return false;
  return true;
}
