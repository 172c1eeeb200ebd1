import type { Family, Heading } from '../model';
import type { Rule } from './types';
import { formatMarker, markerText } from './series';
import { isFullWidthDigits } from '../text/numerals';
import { isChapterFamily } from '../parse/markers';

/**
 * heading-style — a marker has the wrong form for its level (一. 一， （一）、 （一) 1，), or one
 * level mixes forms (half- and full-width brackets; 1、 beside 1.). GB/T 15834-2011 §4.5: a bare
 * Chinese numeral takes 、, a bracketed ordinal takes nothing, an Arabic ordinal takes a full stop.
 * A document that consistently writes 1、 is left alone: common practice, if not the standard's.
 */
const REGULAR: Record<Family, readonly string[]> = {
  // 第一章 and its kin: GB/T 15834 sets no mark after them; never checked (see `check`).
  pian: [],
  zhang: [],
  jie: [],
  cn: ['、'],
  'cn-paren': ['（）', '()'],
  ar: ['.', '．', '、'],
  'ar-paren': ['（）', '()'],
  circled: [''],
  enum: [''],
};

export const headingStyle: Rule = {
  meta: {
    id: 'heading-style',
    category: 'structure',
    defaultSeverity: 'warning',
    fixable: true,
    docs: {
      zh: '标题序号应符合 GB/T 15834：“一、”“（一）”“1.”“（1）”，同级序号格式一致。',
      en: 'Heading markers follow GB/T 15834 (一、 （一） 1. （1）) and one level uses one form.',
    },
  },
  check(doc, report) {
    const numbered = doc.headings.filter((h) => h.kind === 'numbered' && h.numbering && !h.misplacedAmong && !isChapterFamily(h.numbering.family));
    const dominant = dominantForms(numbered);
    for (const h of numbered) {
      const n = h.numbering!;
      const regular = REGULAR[n.family].includes(n.form);
      const wanted = dominant.get(n.family);
      if (regular && (wanted === undefined || wanted === n.form)) continue;
      const form = regular ? wanted : wanted ?? defaultForm(h);
      const expected = formatMarker(n.family, n.ordinal, form, isFullWidthDigits(n.marker.replace(/^[（(]/, '')));
      const key = regular ? 'heading-style.mixed' : 'heading-style.form';
      report({
        span: h.span,
        message: { key, args: { marker: markerText(h), expected } },
        fix: { title: { key: 'heading-style.fix', args: { expected } }, edits: [{ span: n.markerSpan, newText: expected }], safe: true },
      });
    }
  },
};

/** The most used regular form of each family; the first seen wins a tie. */
function dominantForms(headings: readonly Heading[]): Map<Family, string> {
  const counts = new Map<Family, Map<string, number>>();
  for (const h of headings) {
    const n = h.numbering!;
    if (!REGULAR[n.family].includes(n.form)) continue;
    const m = counts.get(n.family) ?? new Map<string, number>();
    m.set(n.form, (m.get(n.form) ?? 0) + 1);
    counts.set(n.family, m);
  }
  const out = new Map<Family, string>();
  for (const [family, m] of counts) {
    let best = '';
    let bestCount = -1;
    for (const [form, count] of m) if (count > bestCount) [best, bestCount] = [form, count];
    out.set(family, best);
  }
  return out;
}

/** Without a regular sibling to copy: keep the bracket width as written, else the standard form. */
function defaultForm(h: Heading): string {
  const n = h.numbering!;
  if (n.family === 'cn-paren' || n.family === 'ar-paren') return n.form.startsWith('(') ? '()' : '（）';
  if (n.family === 'ar') return '.';
  return '';
}
