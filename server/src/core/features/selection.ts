import type { ReportDoc, Span } from '../model';

/**
 * The ranges an editor's "expand selection" steps through from an offset: sentence → paragraph →
 * each enclosing section, innermost first → the whole text. Each range strictly contains the one
 * before it; a section that does not contain the previous range (a lead-in section inside a
 * paragraph) is skipped.
 */
export function selectionChain(doc: ReportDoc, offset: number): Span[] {
  const chain: Span[] = [];
  const push = (s: Span): void => {
    const last = chain[chain.length - 1];
    if (!last || (s.start <= last.start && s.end >= last.end && (s.start < last.start || s.end > last.end))) chain.push(s);
  };
  const p = paragraphAt(doc, offset);
  if (p) {
    const sentence = p.sentences.find((s) => offset >= s.start && offset <= s.end);
    if (sentence) push(sentence);
    push(p.span);
  }
  const sections = doc.headings.filter((h) => offset >= h.section.start && offset <= h.section.end);
  sections.sort((a, b) => a.section.end - a.section.start - (b.section.end - b.section.start));
  for (const h of sections) push(h.section);
  push({ start: 0, end: doc.text.length });
  return chain;
}

function paragraphAt(doc: ReportDoc, offset: number) {
  const ps = doc.paragraphs;
  let lo = 0;
  let hi = ps.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = ps[mid];
    if (offset < p.span.start) hi = mid - 1;
    else if (offset > p.span.end) lo = mid + 1;
    else return p;
  }
  return undefined;
}
