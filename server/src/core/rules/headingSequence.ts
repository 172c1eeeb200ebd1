import type { Fix, Heading, RelatedInfo } from '../model';
import type { Rule } from './types';
import { formatMarker, markerText, renumberEdit, seriesOf, startOf } from './series';

/**
 * heading-sequence — numbering among sibling headings has a gap, a repeat or is out of order
 * (一、二、三、五、；（一）（二）（二）). One finding per wrong heading; each offers the same fix,
 * renumbering the whole series in one action. A level numbered through its parents (一、 1. 2.
 * 二、 3. 4.; 第二篇 第三章) goes on from the series before it (series.ts).
 */
export const headingSequence: Rule = {
  meta: {
    id: 'heading-sequence',
    category: 'structure',
    defaultSeverity: 'error',
    fixable: true,
    docs: {
      zh: '同级标题编号应从一开始连续递增，不得缺号、重号或颠倒。',
      en: 'Sibling headings are numbered consecutively from one: no gap, repeat or inversion.',
    },
  },
  check(doc, report) {
    for (const series of seriesOf(doc)) {
      const items = series.items;
      const start = startOf(series);
      const fix = renumberFix(items, start);
      const show = (h: Heading, ordinal: number): string => formatMarker(series.family, ordinal, h.numbering!.form);
      const related = (h: Heading | undefined): RelatedInfo[] =>
        h ? [{ span: h.span, message: { key: 'heading-sequence.related' } }] : [];
      let expected = start;
      for (let i = 0; i < items.length; i++) {
        const h = items[i];
        const got = h.numbering!.ordinal;
        if (got === expected) {
          expected++;
          continue;
        }
        const prev = items[i - 1];
        const next = items[i + 1];
        const args = { got: markerText(h), expected: show(h, expected) };
        if (!prev && series.after) {
          // The level is numbered through its parents: the numbers missing come after the last one before.
          report({ span: h.span, message: { key: 'heading-sequence.gap', args }, related: related(series.after), fix });
          expected = got + 1;
        } else if (!prev) {
          report({ span: h.span, message: { key: 'heading-sequence.start', args }, fix });
          expected = got + 1;
        } else if (got === expected - 1) {
          // A repeat is taken as a typo for the next number, so the siblings after it are not blamed.
          report({ span: h.span, message: { key: 'heading-sequence.repeat', args }, related: related(prev), fix });
          expected++;
        } else if (got > expected && next && next.numbering!.ordinal === expected) {
          // Two swapped siblings: one finding on the first, naming the second.
          report({ span: h.span, message: { key: 'heading-sequence.order', args: { got: markerText(h), other: markerText(next) } }, related: related(next), fix });
          expected = got + 1;
          i++;
        } else if (got > expected) {
          report({ span: h.span, message: { key: 'heading-sequence.gap', args }, related: related(prev), fix });
          expected = got + 1;
        } else {
          report({ span: h.span, message: { key: 'heading-sequence.order', args: { got: markerText(h), other: markerText(prev) } }, related: related(prev), fix });
        }
      }
    }
  },
};

function renumberFix(items: readonly Heading[], start: number): Fix | undefined {
  const edits = [];
  for (let i = 0; i < items.length; i++) {
    if (items[i].numbering!.ordinal === start + i) continue;
    const edit = renumberEdit(items[i], start + i);
    if (edit) edits.push(edit);
  }
  if (edits.length === 0) return undefined;
  return { title: { key: 'heading-sequence.fix', args: { count: edits.length } }, edits, safe: false };
}
