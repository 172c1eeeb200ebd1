import type { Family, Heading, ReportDoc, Span } from '../model';
import { perDocument } from '../memo';
import { CHAPTER_WORD, FAMILY_ORDER } from '../parse/markers';
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
  /**
   * Where the document numbers a level through its parents (工作要点: 一、 1. 2. 3. 二、 4. 5.; 纲要:
   * 第一篇 第一章 第二章 第二篇 第三章), the last item of the series before this one (see
   * `numberedThrough`); the first item then goes on from it (`startOf`).
   */
  readonly after?: Heading;
}

/** The ordinal a series' first item should have: 1, or one more than the item it goes on from. */
export function startOf(series: Series): number {
  return series.after ? series.after.numbering!.ordinal + 1 : 1;
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
  return numberedThrough(found);
}

/**
 * Sets `after` where a document numbers a level through its parents: the series of
 * one family under parents of the same kind, family and level (一、 二、 三、; 第一篇 第二篇), taken
 * in order, are one count (意见 and 方案 number （一） so, 工作要点 1., 纲要 their chapters) when:
 * - the first starts at 1 and no later one starts again at or below the number before it;
 * - one turn at least goes on exactly from the number before (1. 2. 3. | 4. 5. | 6.), and the
 *   others skip numbers (3. | 5.: a gap, reported as one);
 * - there are three parents or more, or two where the first holds two headings or more.
 * Otherwise every series counts from 1 on its own, as GB/T 9704 numbers them: (二) under 三、 and
 * (三) under 四、 in a report whose other sections restart are no count carried on.
 */
function numberedThrough(found: Series[]): Series[] {
  const groups = new Map<string, number[]>();
  found.forEach((series, i) => {
    const p = series.parent;
    if (!p) return;
    const key = `${series.family}|${p.kind}|${p.level}|${p.misplacedAmong ?? p.numbering?.family ?? ''}`;
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  const out = found.slice();
  for (const group of groups.values()) {
    // One heading carried on by the next parent's is too little to go by (一、 | 二、 三、).
    if (group.length < 2 || first(found[group[0]]) !== 1 || (group.length === 2 && found[group[0]].items.length < 2)) continue;
    // Turns that go on exactly, and that start again (the others skip numbers).
    let exact = 0;
    let again = 0;
    for (let k = 1; k < group.length; k++) {
      const next = last(found[group[k - 1]]).numbering!.ordinal + 1;
      const at = first(found[group[k]]);
      if (at === next) exact++;
      else if (at < next) again++;
    }
    if (again > 0 || exact === 0) continue;
    for (let k = 1; k < group.length; k++) out[group[k]] = { ...found[group[k]], after: last(found[group[k - 1]]) };
  }
  return out;
}

function first(series: Series): number {
  return series.items[0].numbering!.ordinal;
}

function last(series: Series): Heading {
  return series.items[series.items.length - 1];
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
    case 'pian':
    case 'zhang':
    case 'jie':
      return `第${formatChineseOrdinal(ordinal)}${CHAPTER_WORD[family]}`;
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
      return form === '第' ? `第${formatChineseOrdinal(ordinal)}，` : formatChineseOrdinal(ordinal) + '是';
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
