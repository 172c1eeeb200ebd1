import type { Heading, ReportDoc } from '../model';
import type { Rule } from './types';
import { FAMILY_ORDER, isChapterFamily, opensMarkdownList } from '../parse/markers';
import { familyIndex, formatMarker, markerText, seriesOf } from './series';

/**
 * heading-hierarchy — a level is skipped or used out of place, following GB/T 9704's order
 * 一、 → （一） → 1. → （1） → ①:
 * - a series directly under a parent two levels up (1. under 三、: the （一） level is skipped);
 * - a series with no numbered parent in a report whose sections use a higher level (（一） before
 *   any 一、 in a report numbered 一、二、三、);
 * - a heading with the marker of another level among its siblings (二、 （三） 四、);
 * - a markdown heading marked up at its parent's `#` level or above.
 * A part that starts at （一） with no 一、 anywhere in the report is fine (a common form), and so is
 * a markdown ordered list (`1. ` and a space) anywhere: markdown shows it as a list, not a heading;
 * so is a list of clauses that end in semicolons (1、…； 2、…； 3、…。).
 */
export const headingHierarchy: Rule = {
  meta: {
    id: 'heading-hierarchy',
    category: 'structure',
    defaultSeverity: 'warning',
    fixable: true,
    docs: {
      zh: '标题层级应依次为“一、”“（一）”“1.”“（1）”，不得越级或错用层级。',
      en: 'Heading levels follow 一、 → （一） → 1. → （1） without skipping or misplacing a level.',
    },
  },
  check(doc, report) {
    const numbered = doc.headings.filter((h) => h.kind === 'numbered' && h.numbering);
    // 第一章 and its kin stand above GB/T 9704's levels: no level of theirs is skipped or misplaced.
    let top = FAMILY_ORDER.length;
    for (const h of numbered) if (!h.misplacedAmong && !isChapterFamily(h.numbering!.family)) top = Math.min(top, familyIndex(h.numbering!.family));

    for (const series of seriesOf(doc)) {
      const first = series.items[0];
      if (first.misplacedAmong || markdownListItem(doc, first) || clauseList(doc, series.items)) continue;
      const parent = series.parent;
      const own = familyIndex(series.family);
      if (parent && parent.kind === 'numbered' && parent.numbering && !isChapterFamily(parent.numbering.family)) {
        const parentIndex = familyIndex(parent.misplacedAmong ?? parent.numbering.family);
        if (own > parentIndex + 1) {
          report({
            span: first.span,
            message: { key: 'heading-hierarchy.skip', args: { marker: markerText(first), parent: markerText(parent), missing: formatMarker(FAMILY_ORDER[parentIndex + 1], 1) } },
            related: [{ span: parent.span, message: { key: 'heading-hierarchy.related-parent' } }],
          });
        }
      } else if (own > top && !hasNumberedAncestor(first)) {
        report({
          span: first.span,
          message: { key: 'heading-hierarchy.orphan', args: { marker: markerText(first), missing: formatMarker(FAMILY_ORDER[top], 1) } },
        });
      }
    }

    for (const series of seriesOf(doc)) {
      series.items.forEach((h, i) => {
        if (h.misplacedAmong) reportMisplaced(h, series.items[i - 1], series.items[i + 1], majorityForm(series.items), report);
      });
    }
    for (const h of numbered) if (!h.misplacedAmong) checkMarkdownDepth(doc.paragraphs[h.paragraph].span.start, h, report);
  },
};

/** `1. 理论学习…` in markdown: an ordered-list item, which a renderer shows as a list wherever it stands. */
function markdownListItem(doc: ReportDoc, h: Heading): boolean {
  const n = h.numbering!;
  return doc.markdown && h.mdDepth === undefined && opensMarkdownList(n.family, n.form, doc.text.charCodeAt(n.markerSpan.end));
}

/**
 * 1、持续深化蓝天保卫战； / 2、全面推进碧水保卫战； / 3、…。: items that end in a semicolon are the
 * clauses of one sentence set out as a list, not headings (every item but the last so ends).
 */
function clauseList(doc: ReportDoc, items: readonly Heading[]): boolean {
  if (items.length < 2) return false;
  for (let i = 0; i < items.length - 1; i++) {
    const text = doc.paragraphs[items[i].paragraph].text.trimEnd();
    const last = text.charCodeAt(text.length - 1);
    if (last !== 0xff1b && last !== 0x3b) return false;
  }
  return true;
}

function hasNumberedAncestor(h: Heading): boolean {
  for (let p = h.parent; p; p = p.parent) if (p.kind === 'numbered') return true;
  return false;
}

/** The form most siblings of the series use (the misplaced heading itself left out). */
function majorityForm(items: readonly Heading[]): string | undefined {
  const counts = new Map<string, number>();
  for (const h of items) if (!h.misplacedAmong) counts.set(h.numbering!.form, (counts.get(h.numbering!.form) ?? 0) + 1);
  let best: string | undefined;
  for (const [form, n] of counts) if (best === undefined || n > counts.get(best)!) best = form;
  return best;
}

type Report = Parameters<typeof headingHierarchy.check>[1];

function reportMisplaced(h: Heading, prev: Heading | undefined, next: Heading | undefined, form: string | undefined, report: Report): void {
  const expected = formatMarker(h.misplacedAmong!, h.numbering!.ordinal, form);
  report({
    span: h.span,
    message: { key: 'heading-hierarchy.misplaced', args: { marker: markerText(h), prev: prev ? markerText(prev) : '', next: next ? markerText(next) : '', expected } },
    related: [prev, next].filter((s): s is Heading => s !== undefined).map((s) => ({ span: s.span, message: { key: 'heading-hierarchy.related-sibling' } })),
    fix: { title: { key: 'heading-hierarchy.fix-marker', args: { expected } }, edits: [{ span: h.numbering!.markerSpan, newText: expected }], safe: false },
  });
}

function checkMarkdownDepth(lineStart: number, h: Heading, report: Report): void {
  const parent = h.parent;
  if (!h.mdDepth || !parent?.mdDepth || h.mdDepth > parent.mdDepth) return;
  const expected = parent.mdDepth + 1;
  report({
    span: h.span,
    message: { key: 'heading-hierarchy.markdown', args: { marker: markerText(h), depth: h.mdDepth, expected } },
    related: [{ span: parent.span, message: { key: 'heading-hierarchy.related-parent' } }],
    fix: { title: { key: 'heading-hierarchy.fix-markdown', args: { expected } }, edits: [{ span: { start: lineStart, end: lineStart + h.mdDepth }, newText: '#'.repeat(expected) }], safe: false },
  });
}
