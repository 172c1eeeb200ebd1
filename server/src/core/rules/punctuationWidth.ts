import type { Edit, FindingDraft } from '../model';
import { paragraphRule } from './types';
import { isHan } from '../text/chars';
import { TextMemo } from '../memo';

/**
 * punctuation-width — half-width , : ; ( ) ? ! in Chinese text (GB/T 15834 uses the full-width
 * marks). One finding per paragraph with the count, so that a document pasted with every comma
 * half-width stays readable; the fix converts them all, and fix-all does the document. Left alone:
 * marks between digits or Latin letters (1,000  9:30  3:2  http://  e.g.), and brackets around
 * text with no Chinese in or next to them.
 */
const FULL: Record<string, string> = { ',': '，', ':': '：', ';': '；', '?': '？', '!': '！', '(': '（', ')': '）' };

export const punctuationWidth = paragraphRule(
  {
    id: 'punctuation-width',
    category: 'typography',
    defaultSeverity: 'warning',
    fixable: true,
    docs: {
      zh: '中文文本中应使用全角标点，不用半角的 , : ; ( ) ? !',
      en: 'Chinese text takes full-width punctuation, not half-width , : ; ( ) ? !',
    },
  },
  (_doc, paragraphs, report, _options, ctx) => {
    const fixes = ctx.fixes !== false;
    for (const p of paragraphs) {
      const marks = paragraphMarks.get(p.text);
      if (marks.length > 0) report(findingAt(p.text, marks, p.span.start, fixes));
    }
  },
);

/** The paragraph's finding: its marks from the first to the last, each converted by the fix. */
function findingAt(t: string, marks: readonly number[], base: number, fixes: boolean): FindingDraft {
  const count = marks.length;
  const span = { start: base + marks[0], end: base + marks[count - 1] + 1 };
  const message = { key: 'punctuation-width.message', args: { count } } as const;
  if (!fixes) return { span, message };
  const edits = marks.map((i): Edit => ({ span: { start: base + i, end: base + i + 1 }, newText: FULL[t[i]] }));
  return { span, message, fix: { title: { key: 'punctuation-width.fix', args: { count } }, edits, safe: true } };
}

/** The marks to convert in a paragraph, by its text: an edit re-examines one paragraph. */
const paragraphMarks = new TextMemo(halfWidthMarks, { sharedKeys: true });

/** Chinese text or Chinese punctuation (as the class [\u3000-\u303f\uff01-\uff0f\uff1a-\uff20“”‘’《》]). */
const isChineseContext = (x: number) =>
  isHan(x) || (x >= 0x3000 && x <= 0x303f) || (x >= 0xff01 && x <= 0xff0f) || (x >= 0xff1a && x <= 0xff20) || x === 0x201c || x === 0x201d || x === 0x2018 || x === 0x2019;
const isLatinOrDigit = (x: number) => ((x | 32) >= 97 && (x | 32) <= 122) || (x >= 48 && x <= 57);
/** , : ; ? ! ( ) — tested by code, this runs on every character of the text. */
const isHalfWidthMark = (x: number) => x === 44 || x === 58 || x === 59 || x === 63 || x === 33 || x === 40 || x === 41;
const OPEN = 40;
const CLOSE = 41;

/**
 * Where the half-width marks of `t` that are to be converted stand, in text order. One pass over
 * the text finds the marks; the rest looks at them alone. By character code throughout: on
 * Chinese text, `t[i]` makes a string per character (the seeds carry ~300 such marks per report).
 */
export function halfWidthMarks(t: string): number[] {
  let found: number[] | undefined;
  let brackets = false;
  for (let i = 0; i < t.length; i++) {
    const x = t.charCodeAt(i);
    if (!isHalfWidthMark(x)) continue;
    (found ??= []).push(i);
    brackets ||= x === OPEN || x === CLOSE;
  }
  if (found === undefined) return NONE;
  found = outsideMarkup(t, found);
  const converted = brackets ? bracketsToConvert(t, found) : undefined;
  const marks: number[] = [];
  for (const i of found) {
    const x = t.charCodeAt(i);
    if (x === OPEN || x === CLOSE) {
      if (converted?.has(i) && !(x === CLOSE && listMarkerAt(t, i))) marks.push(i);
      continue;
    }
    const p = prevVisible(t, i);
    const prev = p >= 0 ? t.charCodeAt(p) : -1;
    const n = nextVisible(t, i);
    const next = n < t.length ? t.charCodeAt(n) : -1;
    if (isLatinOrDigit(prev) && isLatinOrDigit(next)) continue; // 1,000  9:30  3:2  e.g.
    if (x === 58 && t.startsWith('//', i + 1)) continue; // http://
    const afterConverted = (prev === OPEN || prev === CLOSE) && converted?.has(p) === true;
    if (isChineseContext(prev) || afterConverted || (isChineseContext(next) && !isLatinOrDigit(prev))) marks.push(i);
  }
  return marks;
}

const NONE: number[] = [];

/**
 * Whether the `)` at `i` closes an ordered-list marker at the start of a line (`1) 学习不够深入`):
 * markdown's syntax, and a list's form that heading-style judges. Converted, the list is gone.
 */
function listMarkerAt(t: string, i: number): boolean {
  const next = t.charCodeAt(i + 1);
  if (i + 1 < t.length && next !== 32 && next !== 9) return false;
  let j = i - 1;
  while (j >= 0 && i - j <= 9 && t.charCodeAt(j) >= 48 && t.charCodeAt(j) <= 57) j--;
  if (j === i - 1 || i - j > 9) return false;
  while (j >= 0 && (t.charCodeAt(j) === 32 || t.charCodeAt(j) === 9)) j--;
  return j < 0 || t.charCodeAt(j) === 10;
}

/**
 * The marks that are not markdown syntax: a link's or an image's destination `](…)` (its
 * brackets and what is in them: converted, the link breaks), inline code `…` and the colon of a
 * footnote's definition `[^1]:` are left out.
 */
function outsideMarkup(t: string, found: number[]): number[] {
  const hasLink = t.includes('](');
  const hasCode = t.includes('`');
  // A footnote's or a link reference's definition: `[^1]: 含专题协商会议两次。`
  const definition = t.charCodeAt(0) === 91 /* [ */ ? t.indexOf(']:') : -1;
  if (!hasLink && !hasCode && definition < 0) return found;
  const ranges: [number, number][] = [];
  if (definition > 0 && definition <= 100 && !t.slice(1, definition).includes(']')) ranges.push([0, definition + 1]);
  for (let from = 0; hasCode; ) {
    const open = t.indexOf('`', from);
    const close = open < 0 ? -1 : t.indexOf('`', open + 1);
    if (close < 0) break;
    ranges.push([open, close]);
    from = close + 1;
  }
  for (let from = 0; hasLink; ) {
    const open = t.indexOf('](', from);
    if (open < 0) break;
    // To the bracket that closes it: a destination can hold brackets of its own (一(修订).docx).
    let close = -1;
    for (let j = open + 2, depth = 1; j < t.length && close < 0; j++) {
      const x = t.charCodeAt(j);
      if (x === OPEN) depth++;
      else if (x === CLOSE && --depth === 0) close = j;
    }
    if (close < 0) break;
    ranges.push([open + 1, close]);
    from = close + 1;
  }
  if (ranges.length === 0) return found;
  // Both in text order, walked together: linear in the marks and the ranges.
  ranges.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  let r = 0;
  let reach = -1;
  for (const i of found) {
    while (r < ranges.length && ranges[r][0] <= i) reach = Math.max(reach, ranges[r++][1]);
    if (i > reach) out.push(i);
  }
  return out;
}

/**
 * The brackets among the marks `found` that are converted: around Chinese text, or touching a
 * Chinese character outside — 2(a)。 stays.
 */
function bracketsToConvert(t: string, found: readonly number[]): Set<number> | undefined {
  const partner = new Map<number, number>();
  const open: number[] = [];
  for (const i of found) {
    const x = t.charCodeAt(i);
    if (x === OPEN) open.push(i);
    else if (x === CLOSE && open.length > 0) {
      const o = open.pop()!;
      partner.set(o, i).set(i, o);
    }
  }
  let converted: Set<number> | undefined;
  const hanAt = (j: number) => j >= 0 && j < t.length && isHan(t.charCodeAt(j));
  for (const i of found) {
    const x = t.charCodeAt(i);
    if (x !== OPEN && x !== CLOSE) continue;
    const other = partner.get(i);
    const o = other === undefined ? i : Math.min(i, other);
    const e = other === undefined ? i : Math.max(i, other);
    const chinese = other !== undefined ? hasHan(t, o + 1, e) || hanAt(prevVisible(t, o)) || hanAt(nextVisible(t, e)) : hanAt(prevVisible(t, i)) || hanAt(nextVisible(t, i));
    if (chinese) (converted ??= new Set()).add(i);
  }
  return converted;
}

/** The index of the character before `i` that is not a space (-1 if none). */
function prevVisible(t: string, i: number): number {
  let j = i - 1;
  while (j >= 0 && t.charCodeAt(j) === 32) j--;
  return j;
}

/** The index of the character after `i` that is not a space (`t.length` if none). */
function nextVisible(t: string, i: number): number {
  let j = i + 1;
  while (j < t.length && t.charCodeAt(j) === 32) j++;
  return j;
}

function hasHan(t: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (isHan(t.charCodeAt(i))) return true;
  return false;
}
