import type { Family } from '../model';
import { parseArabic, parseChineseOrdinal, parseCircled } from '../text/numerals';

/**
 * Ordinal markers at the start of a heading, as written in real reports, well-formed or not:
 * `一、` `三，` `四．` `（一）` `(二)` `（三）、` `1.` `1．` `1、` `（1）` `①`.
 *
 * Each pattern is anchored, has bounded repetition and is applied to a short prefix, so matching
 * is constant-time per paragraph.
 */
export interface MarkerMatch {
  readonly family: Family;
  readonly ordinal: number;
  /** Length of the marker including its trailing mark and spaces. */
  readonly length: number;
  readonly marker: string;
  readonly form: string;
  /** The marker was written with a mark that is wrong for its family (三，  四．  一 ). */
  readonly irregular: boolean;
}

const CN = /^([一二三四五六七八九十]{1,3})(、|[，,．.]|[ \u3000]+(?=[\u4e00-\u9fff“]))/;
const CN_PAREN = /^([（(])([一二三四五六七八九十]{1,3})([）)])([、，,．.])?/;
/** （1） and (1); also 1) and 1）, with the right bracket only, a list's informal marker (irregular). */
const AR_PAREN = /^([（(]?)([0-9０-９]{1,2})([）)])([、，,．.])?/;
/** Not 1.5万 or 2.3%, but 1.2025年重点任务清单: four digits and 年 after the mark are a year, no decimals. */
const AR = /^([0-9０-９]{1,2})([.．、，,])(?=[0-9０-９]{4}年|[^0-9０-９%％]|$)/;
const CIRCLED = /^([\u2460-\u2473])([、，,．.])?/;
/**
 * 第一篇 / 第三章 / 第二节 and the title, after spaces, a colon or nothing (第一章总则). Not 第一篇章
 * (a set phrase: 谱写第一篇章). Whether the line is a heading at all (short, no sentence) is the
 * caller's to judge.
 */
const CHAPTER = /^第([一二三四五六七八九十]{1,3})(篇|章|节)(?!章)([ \u3000]+|[：:、．.])?/;
/** The chapter families and the word each is written with (第一篇, 第一章, 第一节). */
export const CHAPTER_WORD = { pian: '篇', zhang: '章', jie: '节' } as const;
/** The family of each chapter word: CHAPTER_WORD the other way round. */
const CHAPTER_FAMILY = new Map<string, Family>(Object.entries(CHAPTER_WORD).map(([family, word]) => [word, family as Family]));

/** 一是… but not 是否, 是非, 是的, nor the saying 一是一、二是二 (the numeral again after 是). */
const ENUM = /^([一二三四五六七八九十]{1,2})是(?![否非的])(?!\1[、，,。])/;

/**
 * 第一，… 第二，…: the same enumeration in ordinal words, with a comma or a colon after it (not
 * 第一、二季度, a range, nor 第一次). Its form is 第.
 */
const ENUM_ORDINAL = /^第([一二三四五六七八九十]{1,2})[，,：:]/;

/** The prefix is `text` from the heading's first character (after `#` and `**`). */
export function matchMarker(text: string): MarkerMatch | undefined {
  // Every marker opens on one of a few characters: most paragraphs are ruled out by their first.
  if (!mayOpenMarker(text.charCodeAt(0))) return undefined;
  const head = text.slice(0, 12);
  let m: RegExpExecArray | null;
  if ((m = CHAPTER.exec(head))) {
    const ordinal = parseChineseOrdinal(m[1]);
    if (ordinal === undefined || ordinal === 0 || m[0].length === head.length) return undefined;
    const form = m[3] === undefined ? '' : m[3].trim() === '' ? ' ' : m[3];
    return { family: CHAPTER_FAMILY.get(m[2])!, ordinal, length: m[0].length, marker: m[0], form, irregular: false };
  }
  if ((m = CN.exec(head))) {
    const ordinal = parseChineseOrdinal(m[1]);
    if (ordinal === undefined) return undefined;
    const mark = m[2].trim() === '' ? ' ' : m[2];
    return { family: 'cn', ordinal, length: m[0].length, marker: m[0], form: mark, irregular: mark !== '、' };
  }
  if ((m = CN_PAREN.exec(head)) || (m = AR_PAREN.exec(head))) {
    const cn = /[一二三四五六七八九十]/.test(m[2]);
    const ordinal = cn ? parseChineseOrdinal(m[2]) : parseArabic(m[2]);
    if (ordinal === undefined || ordinal === 0) return undefined;
    const form = m[1] + m[3] + (m[4] ?? '');
    const irregular = !(form === '（）' || form === '()');
    return { family: cn ? 'cn-paren' : 'ar-paren', ordinal, length: m[0].length, marker: m[0], form, irregular };
  }
  if ((m = AR.exec(head))) {
    const ordinal = parseArabic(m[1]);
    if (ordinal === undefined || ordinal === 0) return undefined;
    const next = head.charCodeAt(m[0].length);
    // 1.5万 or 2.3% are numbers, not markers; a marker is followed by text.
    if (Number.isNaN(next)) return undefined;
    return { family: 'ar', ordinal, length: m[0].length, marker: m[0], form: m[2], irregular: m[2] === '，' || m[2] === ',' };
  }
  if ((m = CIRCLED.exec(head))) {
    const ordinal = parseCircled(m[1]);
    if (ordinal === undefined) return undefined;
    return { family: 'circled', ordinal, length: m[0].length, marker: m[0], form: m[2] ?? '', irregular: m[2] !== undefined };
  }
  if ((m = ENUM.exec(head))) {
    const ordinal = parseChineseOrdinal(m[1]);
    if (ordinal === undefined) return undefined;
    return { family: 'enum', ordinal, length: m[0].length, marker: m[0], form: '', irregular: false };
  }
  if ((m = ENUM_ORDINAL.exec(head))) {
    const ordinal = parseChineseOrdinal(m[1]);
    if (ordinal === undefined || ordinal === 0) return undefined;
    return { family: 'enum', ordinal, length: m[0].length, marker: m[0], form: '第', irregular: false };
  }
  return undefined;
}

/** 第, 一…十, a bracket, a digit (ASCII or full-width) or a circled number: what a marker opens on. */
function mayOpenMarker(c: number): boolean {
  return (
    c === 0x7b2c /* 第 */ ||
    c === 0xff08 /* （ */ ||
    c === 0x28 /* ( */ ||
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0xff10 && c <= 0xff19) ||
    (c >= 0x2460 && c <= 0x2473) ||
    CN_NUMERAL.has(c)
  );
}

const CN_NUMERAL = new Set([...'一二三四五六七八九十'].map((c) => c.charCodeAt(0)));

/** The families in the order of GB/T 9704: 一、 → （一） → 1. → （1） → ①. */
export const FAMILY_ORDER: readonly Family[] = ['cn', 'cn-paren', 'ar', 'ar-paren', 'circled'];

/** 第一篇, 第一章, 第一节: the chapters of plans, above GB/T 9704's levels and outside its order. */
export function isChapterFamily(family: Family): family is keyof typeof CHAPTER_WORD {
  return family in CHAPTER_WORD;
}

/** Outline ranks: smaller is higher. Numbered families follow GB/T 9704; unnumbered kinds fit around them. */
export const RANK = {
  part: 10,
  markdownBase: 11,
  pian: 13,
  zhang: 14,
  jie: 15,
  news: 18,
  cn: 20,
  'cn-paren': 30,
  ar: 40,
  'ar-paren': 50,
  circled: 60,
  leadIn: 80,
  enum: 80,
} as const;

/**
 * Whether a marker opens a markdown ordered-list item: `1.` and a space or a tab after it (`next`,
 * the code after the marker), in a line that is no `#` heading. A renderer shows it as a list and
 * numbers the items itself.
 */
export function opensMarkdownList(family: Family, form: string, next: number): boolean {
  return family === 'ar' && form === '.' && (next === 0x20 || next === 0x09);
}

/** An attribute block closing a markdown heading (`## 一、主要工作 {#work}`: Pandoc, markdown-it-attrs). */
const ATTRIBUTES = /\{[#.][^{}\n]{0,100}\}$/;

/**
 * A markdown heading's title without what closes it: an attribute block, then a closing sequence
 * (`## 一、总体情况 ##`), each after a space.
 */
export function withoutClosingHashes(title: string): string {
  const attributes = ATTRIBUTES.exec(title);
  if (attributes && attributes.index > 0 && (title.charCodeAt(attributes.index - 1) === 32 || title.charCodeAt(attributes.index - 1) === 9)) title = title.slice(0, attributes.index).trimEnd();
  let e = title.length;
  while (e > 0 && title.charCodeAt(e - 1) === 35 /* # */) e--;
  if (e === title.length || e === 0 || (title.charCodeAt(e - 1) !== 32 && title.charCodeAt(e - 1) !== 9)) return title;
  return title.slice(0, e).trimEnd();
}
