import type { Family, Heading, ReportDoc, Span } from '../model';
import { perDocument } from '../memo';
import { FAMILY_ORDER } from '../parse/markers';
import { formatArabic, formatChineseOrdinal, formatCircled, isFullWidthDigits } from '../text/numerals';

/**
 * Sibling series of numbered headings: the children of one outline node that share a marker
 * family, in document order. The structure rules all read these. A misplaced heading (see
 * parse/misplaced.ts) counts in the series it stands among.
 */
export interface Series {
  readonly parent: Heading | undefined;
  readonly family: Family;
  readonly items: readonly Heading[];
}

export const seriesOf = perDocument(computeSeries);

function computeSeries(doc: ReportDoc): Series[] {
  const found: Series[] = [];
  const collect = (parent: Heading | undefined, children: readonly Heading[]): void => {
    const byFamily = new Map<Family, Heading[]>();
    for (const c of children) {
      if (c.kind === 'numbered' && c.numbering) {
        const family = c.misplacedAmong ?? c.numbering.family;
        const list = byFamily.get(family) ?? [];
        list.push(c);
        byFamily.set(family, list);
      }
      if (c.children.length > 0) collect(c, c.children);
    }
    for (const [family, items] of byFamily) found.push({ parent, family, items });
  };
  collect(undefined, doc.outline);
  found.sort((a, b) => a.items[0].span.start - b.items[0].span.start);
  return found;
}

export function familyIndex(f: Family): number {
  return FAMILY_ORDER.indexOf(f);
}

/** The nearest ancestor that is a numbered heading (not an 一是 item). */
export function numberedParent(h: Heading): Heading | undefined {
  let p = h.parent;
  while (p && p.kind !== 'numbered') p = p.parent;
  return p;
}

/** A marker of `family` with `ordinal`, in the canonical or the given form: 三、 （三） 3. （3） ③. */
export function formatMarker(family: Family, ordinal: number, form?: string, fullWidthDigits = false): string {
  switch (family) {
    case 'cn':
      return formatChineseOrdinal(ordinal) + '、';
    case 'cn-paren':
      return form === '()' ? `(${formatChineseOrdinal(ordinal)})` : `（${formatChineseOrdinal(ordinal)}）`;
    case 'ar':
      return formatArabic(ordinal, fullWidthDigits) + (form === '．' || form === '、' ? form : '.');
    case 'ar-paren':
      return form === '()' ? `(${ordinal})` : `（${formatArabic(ordinal, fullWidthDigits)}）`;
    case 'circled':
      return formatCircled(ordinal);
    case 'enum':
      return formatChineseOrdinal(ordinal) + '是';
  }
}

/** The marker as it reads in a message: without markdown and spaces. */
export function markerText(h: Heading): string {
  return (h.numbering?.marker ?? '').trim();
}

/**
 * The edit that writes `ordinal` into the heading's marker, keeping its form: 五、 → 四、,
 * （３） → （２）.
 */
export function renumberEdit(h: Heading, ordinal: number): { span: Span; newText: string } | undefined {
  const n = h.numbering;
  if (!n) return undefined;
  const m = /[一二三四五六七八九十]{1,3}|[0-9０-９]{1,3}|[\u2460-\u2473]/.exec(n.marker);
  if (!m) return undefined;
  const start = n.markerSpan.start + m.index;
  let newText: string;
  if (/^[一二三四五六七八九十]/.test(m[0])) newText = formatChineseOrdinal(ordinal);
  else if (/^[\u2460-\u2473]/.test(m[0])) newText = formatCircled(ordinal);
  else newText = formatArabic(ordinal, isFullWidthDigits(m[0]));
  // A markdown list item numbered by the renderer may already read so (1. / 1. shows 1, 2).
  if (newText === m[0]) return undefined;
  return { span: { start, end: start + m[0].length }, newText };
}
