import type { Edit, FindingDraft, ReportDoc } from '../model';
import type { Rule } from './types';
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
const CJK_PUNCT = /[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20“”‘’《》]/;

export const punctuationWidth: Rule = {
  meta: {
    id: 'punctuation-width',
    category: 'typography',
    defaultSeverity: 'warning',
    fixable: true,
    docs: {
      zh: '中文文本中应使用全角标点，不用半角的 , : ; ( ) ? !',
      en: 'Chinese text takes full-width punctuation, not half-width , : ; ( ) ? !',
    },
  },
  check(doc, report, _options, ctx) {
    // In the editor, a paragraph the edit did not move keeps the previous version's finding.
    const last = ctx.lineage?.previous ? placed.get(ctx.lineage.previous) : undefined;
    const mine = ctx.lineage ? new Map<number, Placed>() : undefined;
    for (const p of doc.paragraphs) {
      const own = paragraphEdits.get(p.text);
      if (own.length === 0) continue;
      const base = p.span.start;
      const kept = last?.get(base);
      const draft = kept && kept.text === p.text ? kept.draft : findingAt(own, base);
      mine?.set(base, { text: p.text, draft });
      report(draft);
    }
    if (mine) placed.set(doc, mine);
  },
};

function findingAt(own: readonly Edit[], base: number): FindingDraft {
  const edits = own.map((e) => ({ span: { start: base + e.span.start, end: base + e.span.end }, newText: e.newText }));
  return {
    span: { start: edits[0].span.start, end: edits[edits.length - 1].span.end },
    message: { key: 'punctuation-width.message', args: { count: edits.length } },
    fix: { title: { key: 'punctuation-width.fix', args: { count: edits.length } }, edits, safe: true },
  };
}

interface Placed {
  readonly text: string;
  readonly draft: FindingDraft;
}

/**
 * Each version's findings by the paragraph's offset, kept for the next version (the editor's
 * lineage; the CLI sees a text once and keeps nothing): the same text at the same offset gives the
 * same finding. On a 1 MB report with 1,500 such findings, re-making them all made ~1.4 MB per
 * keystroke that outlived a scavenge.
 */
const placed = new WeakMap<ReportDoc, Map<number, Placed>>();

/** The edits of a paragraph by its text, in its own offsets: an edit re-examines one paragraph. */
const paragraphEdits = new TextMemo((t) => halfWidthEdits(t, 0), { sharedKeys: true });

const chineseContext = (c: string | undefined) => c !== undefined && (isHan(c.charCodeAt(0)) || CJK_PUNCT.test(c));
const latinOrDigit = (c: string | undefined) => {
  if (c === undefined) return false;
  const x = c.charCodeAt(0) | 32;
  return (x >= 97 && x <= 122) || (c >= '0' && c <= '9');
};
/** , : ; ? ! ( ) — tested by code, this runs on every character of the text. */
const isHalfWidthMark = (x: number) => x === 44 || x === 58 || x === 59 || x === 63 || x === 33 || x === 40 || x === 41;

export function halfWidthEdits(t: string, base: number): Edit[] {
  let any = false;
  for (let i = 0; i < t.length && !any; i++) any = isHalfWidthMark(t.charCodeAt(i));
  if (!any) return [];
  const edits: Edit[] = [];
  const convert = (i: number) => edits.push({ span: { start: base + i, end: base + i + 1 }, newText: FULL[t[i]] });
  const open: number[] = [];
  const pairs = new Map<number, number>();
  for (let i = 0; i < t.length; i++) {
    const x = t.charCodeAt(i);
    if (x === 40) open.push(i);
    else if (x === 41 && open.length > 0) pairs.set(open.pop()!, i);
  }
  const closeOf = new Map<number, number>([...pairs].map(([o, c]) => [c, o]));
  const han = (c: string | undefined) => c !== undefined && isHan(c.charCodeAt(0));
  // Brackets first: around Chinese text, or touching a Chinese character outside — 2(a)。 stays.
  const converted = new Set<number>();
  for (let i = 0; i < t.length; i++) {
    const x = t.charCodeAt(i);
    if (x !== 40 && x !== 41) continue;
    const c = t[i];
    const o = c === '(' ? i : closeOf.get(i);
    const e = c === ')' ? i : pairs.get(i);
    const chinese = o !== undefined && e !== undefined ? hasHan(t, o + 1, e) || han(prevVisible(t, o)) || han(nextVisible(t, e)) : han(prevVisible(t, i)) || han(nextVisible(t, i));
    if (chinese) converted.add(i);
  }
  for (let i = 0; i < t.length; i++) {
    if (!isHalfWidthMark(t.charCodeAt(i))) continue;
    const c = t[i];
    if (c === '(' || c === ')') {
      if (converted.has(i)) convert(i);
      continue;
    }
    const prev = prevVisible(t, i);
    const next = nextVisible(t, i);
    if (latinOrDigit(prev) && latinOrDigit(next)) continue; // 1,000  9:30  3:2  e.g.
    if (c === ':' && t.startsWith('//', i + 1)) continue; // http://
    const afterConverted = (prev === ')' || prev === '(') && converted.has(t.lastIndexOf(prev, i));
    if (chineseContext(prev) || afterConverted || (chineseContext(next) && !latinOrDigit(prev))) convert(i);
  }
  return edits; // made in text order
}

function prevVisible(t: string, i: number): string | undefined {
  let j = i - 1;
  while (j >= 0 && t[j] === ' ') j--;
  return j >= 0 ? t[j] : undefined;
}

function nextVisible(t: string, i: number): string | undefined {
  let j = i + 1;
  while (j < t.length && t[j] === ' ') j++;
  return j < t.length ? t[j] : undefined;
}

function hasHan(t: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (isHan(t.charCodeAt(i))) return true;
  return false;
}
