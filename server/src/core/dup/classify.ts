import type { Span } from '../model';
import { isPunctuation } from '../text/chars';
import { editDistance } from '../text/diff';
import type { DupOptions, NormText } from './normalize';
import { ownLength, quotedShare, type RunGroup } from './match';
import type { DocLike, DupHit, DupSource } from './detect';

/** Copies may differ in a few characters between exact runs (a changed figure or word). */
export const GAP = 6;
const DENSITY = 0.85;
const QUOTED = 0.8;
const MAX_SOURCES = 3;

export interface Candidate {
  readonly a: NormText;
  readonly groups: readonly RunGroup[];
  readonly uri?: string;
}

/**
 * Decides what the runs between paragraph `b` and its candidates amount to: the whole paragraph
 * repeated (the most similar source wins), else passages of at least `minPassage` characters.
 */
export function classify(
  doc: DocLike,
  b: NormText,
  candidates: readonly Candidate[],
  options: DupOptions,
  minPassage: number,
  where: (a: NormText, uri: string | undefined, aStart: number, aEnd: number) => Omit<DupSource, 'uri'>,
): DupHit[] {
  const crossFile = candidates.some((c) => c.uri !== undefined);
  // Whole-paragraph copies: the candidates sharing enough runs are measured exactly (edit
  // distance). Only the MAX_SOURCES most similar are kept, in order (ties to the earlier
  // candidate); once that many are found, a candidate counts only if it is more similar than the
  // least of them, so its distance is measured only that far (a paragraph repeated in dozens of
  // files has dozens of candidates).
  const similar: { c: Candidate; sim: number }[] = [];
  for (const c of candidates) {
    const total = c.a.text.length + b.text.length;
    if (!sharesEnough(b, c, options)) continue;
    let max = Math.ceil(total * (1 - options.threshold));
    if (similar.length === MAX_SOURCES) max = Math.min(max, closerThan(total, similar[MAX_SOURCES - 1].sim));
    if (max < 0) continue;
    const d = editDistance(c.a.text, b.text, max);
    if (d === undefined) continue;
    const sim = (total - d) / total;
    let at = similar.length;
    while (at > 0 && similar[at - 1].sim < sim) at--;
    if (at < MAX_SOURCES) similar.splice(at, 0, { c, sim });
    if (similar.length > MAX_SOURCES) similar.pop();
  }
  const paragraph = doc.paragraphs[b.paragraph];
  const best = similar[0];
  if (best) {
    const sources = similar.map(({ c }) => ({ uri: c.uri, ...where(c.a, c.uri, 0, c.a.text.length) }));
    return [{ kind: 'paragraph', paragraph: b.paragraph, span: paragraph.span, similarity: best.sim, sources, crossFile }];
  }
  // Passages: the union of qualifying runs in b, each with the sources it repeats.
  const spans: { start: number; end: number; sim: number; sources: DupSource[] }[] = [];
  for (const c of candidates) {
    for (const g of c.groups) {
      const len = g.bEnd - g.bStart;
      if (!longAndDense(b, g, minPassage)) continue;
      if (quotedShare(b, g.bStart, g.bEnd) >= QUOTED) continue;
      if (otherFiguresOnly(c.a.text.slice(g.aStart, g.aEnd), b.text.slice(g.bStart, g.bEnd), doc.text, spanOf(b, g.bStart, g.bEnd))) continue;
      const source = { uri: c.uri, ...where(c.a, c.uri, g.aStart, g.aEnd) };
      const overlap = spans.find((s) => g.bStart < s.end && g.bEnd > s.start);
      if (overlap) {
        overlap.start = Math.min(overlap.start, g.bStart);
        overlap.end = Math.max(overlap.end, g.bEnd);
        if (overlap.sources.length < MAX_SOURCES) overlap.sources.push(source);
      } else spans.push({ start: g.bStart, end: g.bEnd, sim: g.matched / len, sources: [source] });
    }
  }
  return spans.map((s) => ({
    kind: 'passage',
    paragraph: b.paragraph,
    span: extendOverPunctuation(doc.text, spanOf(b, s.start, s.end), paragraph.span.end),
    similarity: s.sim,
    sources: s.sources,
    crossFile,
  }));
}

/**
 * `h` at another place: its paragraph, span and sources moved by an edit. Written out field by
 * field, in the order `classify` makes hits: with object spread, an edit near the start of the
 * 1 MB report took ~4.5 ms more (docs/performance-history.md).
 */
export function movedHit(h: DupHit, paragraph: number, span: Span, sources: readonly DupSource[]): DupHit {
  return { kind: h.kind, paragraph, span, similarity: h.similarity, sources, crossFile: h.crossFile };
}

/** Whether a candidate shares enough with `b` for its distance to be measured (a whole-paragraph copy). */
function sharesEnough(b: NormText, c: Candidate, options: DupOptions): boolean {
  const total = c.a.text.length + b.text.length;
  const shared = c.groups.reduce((n, g) => n + g.matched, 0);
  return 2 * shared >= 0.5 * total * options.threshold;
}

/** Whether a group of runs is long and dense enough to be looked at as a passage. */
function longAndDense(b: NormText, g: RunGroup, minPassage: number): boolean {
  return ownLength(b, g.bStart, g.bEnd) >= minPassage && g.matched / (g.bEnd - g.bStart) >= DENSITY;
}

/**
 * Whether a candidate can weigh in what `classify` decides for `b`. One that cannot is passed over
 * by both of its loops (it is neither measured as a copy nor gives a passage), so `classify` says
 * the same with it and without it.
 */
export function mayCount(b: NormText, c: Candidate, options: DupOptions, minPassage: number): boolean {
  return sharesEnough(b, c, options) || c.groups.some((g) => longAndDense(b, g, minPassage));
}

/** A figure in normalised text (digits, its point and % dropped), with the bound written after it. */
const NORMALISED_FIGURE = /[0-9]+(?:以上|左右|以内|以下)?/g;
/** Where the items of a list end. */
const ITEM_END = /[，,；;。、：:]/;
const DIGIT = /[0-9０-９]/;

/**
 * Two runs that say the same with other figures in every place: a list of indicators given again
 * with this year's values or a plan's (规模以上工业增加值增长8.3%；固定资产投资增长7.6%；… beside 规模以
 * 上工业增加值增长8%；固定资产投资增长7%以上；…). That is a list updated, not a copy. A run that keeps
 * one of its figures (走访36家，形成调研报告3篇，提出意见建议25条 beside 走访38家，…3篇，…25条) was
 * copied and half updated.
 */
function otherFiguresOnly(a: string, b: string, text: string, span: Span): boolean {
  const fa = a.match(NORMALISED_FIGURE);
  const fb = b.match(NORMALISED_FIGURE);
  if (!fa || !fb || fa.length < 2 || fa.length !== fb.length || fa.some((f, i) => f === fb[i])) return false;
  return a.replace(NORMALISED_FIGURE, '#') === b.replace(NORMALISED_FIGURE, '#') && isFigureList(text, span);
}

/**
 * Every item of the run holds a figure, but for the first and the last, which the run may cut
 * (…；社会消费品零售总额 | 增长5.6% beside 增长6%). Prose repeated with its figures changed (a
 * half-updated copy) has items without one: 组织8期共41名委员到高校专题培训。选派委员赴全国政协干部
 * 培训中心学习；… is still a copy.
 */
function isFigureList(text: string, span: Span): boolean {
  const items = text.slice(span.start, span.end).split(ITEM_END);
  for (let i = 1; i < items.length - 1; i++) if (!DIGIT.test(items[i])) return false;
  return true;
}

/**
 * The largest edit distance at which two texts of `total` characters in all are more similar
 * than `sim` (as classify computes similarity, so that rounding cannot tell them apart); -1 when
 * none is.
 */
function closerThan(total: number, sim: number): number {
  let d = Math.ceil(total * (1 - sim));
  while (d >= 0 && !((total - d) / total > sim)) d--;
  while ((total - d - 1) / total > sim) d++;
  return d;
}

/** The original span of normalised characters `[start, end)`. */
export function spanOf(n: NormText, start: number, end: number): Span {
  return { start: n.base + n.map[start], end: n.base + n.map[end - 1] + 1 };
}

/** A passage takes the punctuation that closes it (。 ” ）), so deleting it leaves a clean sentence. */
function extendOverPunctuation(text: string, span: Span, limit: number): Span {
  let end = span.end;
  while (end < limit && isPunctuation(text.charCodeAt(end)) && !'“‘（(《「'.includes(text[end])) {
    const ch = text[end++];
    if (ch === '。' || ch === '！' || ch === '？' || ch === '；') {
      while (end < limit && '”’）)」'.includes(text[end])) end++;
      break;
    }
  }
  return { start: span.start, end };
}
