import type { ReportDoc, Span } from '../model';
import { isPunctuation } from '../text/chars';
import { editDistance } from '../text/diff';
import type { Range } from '../text/lineIndex';
import { comparableParagraphs, type DupOptions, type NormText } from './normalize';
import { FingerprintIndex, findRuns, mergeRuns, ownLength, quotedShare, type RunGroup } from './match';
import { perDocumentKeyed } from '../memo';

/**
 * Copies of text within a document and against other documents. The finding stands on the later
 * copy; `sources` are the earlier places (other documents: any place, for the editor).
 */
export interface DupSource {
  /** Another document; absent for the same one. */
  readonly uri?: string;
  readonly span: Span;
  /** Position in that other document (its own line index). */
  readonly range?: Range;
  readonly paragraphSpan: Span;
}

export interface DupHit {
  readonly kind: 'paragraph' | 'passage';
  readonly paragraph: number;
  readonly span: Span;
  /** 0–1: share of the two texts that is common. */
  readonly similarity: number;
  readonly sources: readonly DupSource[];
  readonly crossFile: boolean;
}

/** Within a document: k-grams of 8, windows of 6 (any common run of 13 characters is seen). */
const LOCAL = { k: 8, w: 6, maxPostings: 24 };
/** Copies may differ in a few characters between exact runs (a changed figure or word). */
const GAP = 6;
const DENSITY = 0.85;
const QUOTED = 0.8;
const MAX_SOURCES = 3;

/** What classification reads of the document a copy stands in: its text and paragraph spans. */
export interface DocLike {
  readonly text: string;
  readonly paragraphs: readonly { readonly span: Span }[];
}

/**
 * Other documents, as the duplicate rules see them: the corpus itself, or (in the CLI's worker
 * threads) the hits the main thread found against it. `generation` changes with its content.
 */
export interface CrossFileSource {
  readonly generation: number;
  /** Copies of `doc`'s paragraphs in other documents, skipping the paragraphs in `skip`. */
  detect(doc: ReportDoc, uri: string | undefined, options: DupOptions, skip: ReadonlySet<number>): DupHit[];
}

export interface DetectContext {
  readonly corpus?: CrossFileSource;
  /** This document's key in the corpus. */
  readonly uri?: string;
}

/** One detection per document, options and corpus state; both duplicate rules read it. */
export function detectDuplicates(doc: ReportDoc, options: DupOptions, ctx: DetectContext = {}): DupHit[] {
  const key = JSON.stringify(options) + '\u0000' + (ctx.corpus ? `${ctx.uri}@${ctx.corpus.generation}` : '');
  return detected(doc, key, () => {
    const local = localDuplicates(doc, options);
    const cross = ctx.corpus ? ctx.corpus.detect(doc, ctx.uri, options, locallyCopied(doc, options)) : [];
    return [...local, ...cross].sort((a, b) => a.span.start - b.span.start);
  });
}

const detected = perDocumentKeyed<string, DupHit[]>();
const local = perDocumentKeyed<string, DupHit[]>();

/** Copies within the document (computed once per document and options). */
export function localDuplicates(doc: ReportDoc, options: DupOptions): DupHit[] {
  return local(doc, JSON.stringify(options), () => detectLocal(doc, options));
}

/** Paragraphs already reported as copies within the document: not compared with other files. */
export function locallyCopied(doc: ReportDoc, options: DupOptions): Set<number> {
  return new Set(localDuplicates(doc, options).map((h) => h.paragraph));
}

function detectLocal(doc: ReportDoc, options: DupOptions): DupHit[] {
  const paras = comparableParagraphs(doc, options.minParagraphLength);
  const index = new FingerprintIndex(LOCAL.k, LOCAL.w, LOCAL.maxPostings);
  const hits: DupHit[] = [];
  for (let bi = 0; bi < paras.length; bi++) {
    const b = paras[bi];
    const fps = index.fingerprints(b);
    const runs = findRuns(b, fps, index, (k) => paras[k], (k) => k < bi);
    index.add(bi, fps);
    const candidates = [...runs].map(([ak, list]) => ({ a: paras[ak], groups: mergeRuns(list, GAP) }));
    hits.push(...classify(doc, b, candidates, options, options.minPassageLength, (a, _uri, s, e) => ({ span: spanOf(a, s, e), paragraphSpan: doc.paragraphs[a.paragraph].span })));
  }
  return hits;
}

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
  // Whole-paragraph copies: the candidates sharing enough runs are measured exactly (edit distance).
  const similar: { c: Candidate; sim: number }[] = [];
  for (const c of candidates) {
    const total = c.a.text.length + b.text.length;
    const shared = c.groups.reduce((n, g) => n + g.matched, 0);
    if (2 * shared < 0.5 * total * options.threshold) continue;
    const d = editDistance(c.a.text, b.text, Math.ceil(total * (1 - options.threshold)));
    if (d !== undefined) similar.push({ c, sim: (total - d) / total });
  }
  similar.sort((x, y) => y.sim - x.sim);
  const paragraph = doc.paragraphs[b.paragraph];
  const best = similar[0];
  if (best) {
    const sources = similar
      .map((s) => s.c)
      .slice(0, MAX_SOURCES)
      .map((c) => ({ uri: c.uri, ...where(c.a, c.uri, 0, c.a.text.length) }));
    return [{ kind: 'paragraph', paragraph: b.paragraph, span: paragraph.span, similarity: best.sim, sources, crossFile }];
  }
  // Passages: the union of qualifying runs in b, each with the sources it repeats.
  const spans: { start: number; end: number; sim: number; sources: DupSource[] }[] = [];
  for (const c of candidates) {
    for (const g of c.groups) {
      const len = g.bEnd - g.bStart;
      if (ownLength(b, g.bStart, g.bEnd) < minPassage || g.matched / len < DENSITY) continue;
      if (quotedShare(b, g.bStart, g.bEnd) >= QUOTED) continue;
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
