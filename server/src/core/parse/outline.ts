import type { FrontMatterItem, Heading, Paragraph, ReportDoc } from '../model';
import { isSpace } from '../text/chars';
import { splitParagraphs } from './paragraphs';
import { scanHeadings, type ScanTrace } from './headings';
import { withoutClosingHashes } from './markers';
import { markMisplaced } from './misplaced';
import { docSlot } from '../memo';
import { LineIndex } from '../text/lineIndex';

/**
 * Nests headings by rank: each heading becomes a child of the nearest earlier heading of a smaller
 * rank, and its section runs to the next heading of the same or a smaller rank. So the depth of a
 * （一） is 2 under a 一、 and 1 directly under the root or 2 under a part title: the level comes
 * from the families above it in the document, not from a fixed table.
 */
export function buildOutline(text: string, paragraphs: readonly Paragraph[], headings: Heading[], frontMatter: readonly FrontMatterItem[]): { outline: Heading[]; headings: Heading[] } {
  const roots: Heading[] = [];
  const all: Heading[] = [];
  let fm: Heading | undefined;
  if (frontMatter.length > 0) {
    const first = paragraphs[frontMatter[0].paragraph];
    const last = paragraphs[frontMatter[frontMatter.length - 1].paragraph];
    const titles = frontMatter.filter((f) => f.role === 'title').map((f) => withoutClosingHashes(paragraphs[f.paragraph].text.replace(/^#{1,6}\s*/, '')));
    const span = { start: first.span.start, end: last.span.end };
    fm = { kind: 'front-matter', rank: 0, level: 1, title: titles.join(' ') || first.text, span, section: span, paragraph: first.index, children: [] };
  }

  const stack: Heading[] = [];
  const trimmedEnd = trimmer(text);
  const close = (h: Heading, at: number): void => {
    h.section = { start: h.span.start, end: Math.max(h.span.end, trimmedEnd(at)) };
  };
  let fmPlaced = fm === undefined;
  const placeFrontMatter = (f: Heading): void => {
    // The front matter sits among the roots in document order; it does not nest anything.
    while (stack.length > 0) close(stack.pop()!, f.span.start);
    roots.push(f);
    all.push(f);
    fmPlaced = true;
  };
  for (const h of headings) {
    if (fm && !fmPlaced && h.span.start > fm.span.start) placeFrontMatter(fm);
    while (stack.length > 0 && stack[stack.length - 1].rank >= h.rank) close(stack.pop()!, h.span.start);
    const parent = stack[stack.length - 1];
    h.parent = parent;
    h.level = stack.length + 1;
    (parent ? parent.children : roots).push(h);
    all.push(h);
    stack.push(h);
  }
  if (fm && !fmPlaced) placeFrontMatter(fm);
  while (stack.length > 0) close(stack.pop()!, text.length);
  return { outline: roots, headings: all };
}

/** Offset just after the last non-space character before `at`; memoised for the last position asked. */
function trimmer(text: string): (at: number) => number {
  let lastAt = -1;
  let lastResult = 0;
  return (at) => {
    if (at === lastAt) return lastResult;
    let e = at;
    while (e > 0) {
      const c = text.charCodeAt(e - 1);
      if (c === 10 || c === 13 || isSpace(c)) e--;
      else break;
    }
    lastAt = at;
    lastResult = e;
    return e;
  };
}

export interface ParseOptions {
  /** Markdown source: `#` headings and `**bold**` lead-ins are recognised as such. */
  readonly markdown?: boolean;
  /**
   * Set by the editor, whose versions follow one another: the version this text was edited from
   * (none for the first). The parse keeps what the next version's may take over (the heading
   * scan's trace), and takes over what `previous` left. The result is the same either way.
   */
  readonly lineage?: { readonly previous?: ReportDoc };
}

/** The heading scan of each version the editor parsed, for the next version's (see ScanTrace). */
const traces = docSlot<ScanTrace>();

/** Each document's line index: made by the parse (from the version before's, in the editor), read by the analysis. */
const lineIndexes = docSlot<LineIndex>();

/** The line index of `doc`'s text (LSP positions): the one its parse made, or a new one. */
export function lineIndexOf(doc: ReportDoc): LineIndex {
  let index = lineIndexes.get(doc);
  if (!index) lineIndexes.set(doc, (index = new LineIndex(doc.text)));
  return index;
}

/** Text → ReportDoc. Pure, total: any string gives a model. */
export function parseReport(text: string, options: ParseOptions = {}): ReportDoc {
  const previous = options.lineage?.previous;
  // Carried from the version before: only the edited lines are searched (LineIndex).
  const index = new LineIndex(text, previous && lineIndexes.get(previous));
  const paragraphs = splitParagraphs(text, previous, index);
  const markdown = options.markdown ?? looksLikeMarkdown(paragraphs);
  const trace = previous && traces.get(previous);
  const scan = scanHeadings(text, paragraphs, markdown, trace && { doc: previous!, trace });
  markMisplaced(scan.headings);
  const { outline, headings } = buildOutline(text, paragraphs, scan.headings, scan.frontMatter);
  const doc: ReportDoc = { text, markdown, paragraphs, frontMatter: scan.frontMatter, outline, headings };
  if (options.lineage) traces.set(doc, scan.trace);
  lineIndexes.set(doc, index);
  return doc;
}

function looksLikeMarkdown(paragraphs: readonly Paragraph[]): boolean {
  let n = 0;
  for (const p of paragraphs) {
    // Only a paragraph that opens on # or * is sliced and matched (this runs on every paragraph of every version).
    const c = p.text.charCodeAt(0);
    if ((c === 35 && /^#{1,6}\s/.test(p.text.slice(0, 8))) || (c === 42 && p.text.startsWith('**'))) n++;
    if (n >= 2) return true;
  }
  return false;
}
