import type { Paragraph, ReportDoc, Span } from '../model';
import { endsSentence, isClauseMarkCode, isCloserCode, isSentenceEndCode, isSpace } from '../text/chars';
import { internText, perDocumentKeyed, textsKeptAround, TextMemo, versionBefore } from '../memo';
import { LineIndex } from '../text/lineIndex';
import { textDifference } from '../text/diff';

/**
 * Text → paragraphs and sentences, with offsets into the original text.
 *
 * Reports come in two layouts. Most put one paragraph on one line (with or without blank lines
 * between them); some are hard-wrapped, a paragraph spanning several lines of a block. A document
 * is taken as hard-wrapped when most line breaks inside blocks fall mid-sentence; then a block is
 * one paragraph, else every line is. A page-break split (`在新的` / blank line / `一年里`) stays
 * two paragraphs either way: joining those is the layout rules' business, not the parser's.
 */

/**
 * The lines of a text, packed (a version of a 100 KB report has ~1,500; as objects they were ~9 %
 * of what a keystroke allocates): line `i` is `[start[i], end[i])`, its content without leading
 * and trailing white space, and `blank[i]` is 1 for a blank line.
 */
export class Lines {
  start = new Int32Array(64);
  end = new Int32Array(64);
  blank = new Uint8Array(64);
  count = 0;

  push(start: number, end: number, blank: boolean): void {
    if (this.count === this.start.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T, b: T): T => (b.set(a), b);
      const n = this.count * 2;
      this.start = grow(this.start, new Int32Array(n));
      this.end = grow(this.end, new Int32Array(n));
      this.blank = grow(this.blank, new Uint8Array(n));
    }
    this.start[this.count] = start;
    this.end[this.count] = end;
    this.blank[this.count++] = blank ? 1 : 0;
  }
}

/**
 * The lines of `text`, in `lines` (emptied first) or new ones, where `index`, the text's line index,
 * says they start: the parse passes the one it carries from version to version (LineIndex), where a
 * search for every line break was ~0.3 ms of a keystroke on the 1 MB report. The end of the text
 * ends the last line (an empty one after a final line break).
 */
export function splitLines(text: string, lines = new Lines(), index = new LineIndex(text)): Lines {
  lines.count = 0;
  for (let l = 0, count = index.lineCount; l < count; l++) {
    const next = l + 1 < count ? index.lineStart(l + 1) : -1;
    // Before the next line's start, its break: CR LF, or LF or CR alone.
    pushLine(text, lines, index.lineStart(l), next < 0 ? text.length : next >= 2 && text.charCodeAt(next - 1) === 10 && text.charCodeAt(next - 2) === 13 ? next - 2 : next - 1);
  }
  return metadataAsBlank(text, lines);
}

/** The line `[start, end)` (its break excluded), its content without white space at either end. */
function pushLine(text: string, lines: Lines, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  // A line that is only an HTML comment (a report-lint switch, an editor's note in markdown)
  // is not text: it separates paragraphs as a blank line does.
  lines.push(s, e, s === e || isCommentLine(text, s, e));
}

/** How far the closing line of a YAML block is looked for. */
const MAX_METADATA_LINES = 100;
/** A line of YAML metadata: `key: value` (the key without spaces), a list item, an indented or a comment line. */
const METADATA_LINE = /^(?:[^\s:：][^\s:：]{0,40}:(?:\s|$)|-\s|#)/;

/**
 * Markdown notes (Obsidian, Typora, Hugo) open with YAML metadata between two `---` lines:
 * `tags: [政协, 工作报告]` is no report text (its half-width comma is no slip), nor the report's
 * title. Such a block at the very start, closed within 100 lines and holding only YAML-shaped
 * lines, is taken as blank, as comment lines are.
 */
function metadataAsBlank(text: string, lines: Lines): Lines {
  if (lines.count === 0 || text.slice(lines.start[0], lines.end[0]) !== '---') return lines;
  for (let i = 1; i < lines.count && i <= MAX_METADATA_LINES; i++) {
    const start = lines.start[i];
    const content = text.slice(start, lines.end[i]);
    if (content === '---' || content === '...') {
      lines.blank.fill(1, 0, i + 1);
      return lines;
    }
    // Indented lines continue a value; only unindented ones must look like YAML.
    const indented = start > 0 && isSpace(text.charCodeAt(start - 1)) && text.charCodeAt(start - 1) !== 10 && text.charCodeAt(start - 1) !== 13;
    if (!lines.blank[i] && !indented && !METADATA_LINE.test(content)) return lines;
  }
  return lines;
}

function isCommentLine(text: string, s: number, e: number): boolean {
  return e - s >= 7 && text.startsWith('<!--', s) && text.startsWith('-->', e - 3) && text.indexOf('-->', s + 4) === e - 3;
}

const MID_BREAK_MIN_LINE = 12;

function isMarkdownHeadingLine(text: string, start: number, end: number): boolean {
  return text.charCodeAt(start) === 35 /* # */ && /^#{1,6}(?:\s|$)/.test(text.slice(start, Math.min(end, start + 8)));
}

/** A line that opens a numbered heading: 一、 （一） (一) — always starts a paragraph of its own. */
function startsWithCnMarker(text: string, start: number, end: number): boolean {
  return /^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])/.test(text.slice(start, Math.min(end, start + 6)));
}

/**
 * A line laid out as a row or an item, whose line break says nothing of the layout of prose: a
 * table row (`| 指标 | 2024年 |`) or a list item (`- …`, `1. …`, `1、…`, `（1）…`; not `1.5万人`).
 */
function isItemLine(text: string, start: number, end: number): boolean {
  return text.charCodeAt(start) === 0x7c /* | */ || LIST_ITEM.test(text.slice(start, Math.min(end, start + 6)));
}

const LIST_ITEM = /^(?:[-*+•]\s|[0-9]{1,3}[.．、)](?![0-9])|[（(][0-9]{1,3}[）)])/;

/**
 * Decides the layout: are line breaks inside blocks mostly mid-sentence (hard-wrapped text)? And
 * are the lines broken mid-sentence the long ones, as wrapping makes them? A web page copied line
 * by line breaks its breadcrumb, title, headings and footer without a full stop too, but its prose
 * lines, each a paragraph ending in 。, are longer than those.
 */
function isHardWrapped(text: string, lines: Lines): boolean {
  // First the count alone (most texts stop here), then what the lines broken mid-sentence hold.
  let inner = 0;
  let breaks = 0;
  for (let i = 0; i + 1 < lines.count; i++) {
    if (!innerBreak(text, lines, i)) continue;
    inner++;
    if (midBreak(text, lines.start[i], lines.end[i])) breaks++;
  }
  if (breaks < 3 || breaks * 2 < inner) return false;
  const mid: number[] = [];
  const ends: number[] = [];
  let clauses = 0;
  for (let i = 0; i + 1 < lines.count; i++) {
    if (!innerBreak(text, lines, i)) continue;
    const start = lines.start[i];
    const end = lines.end[i];
    if (endsSentence(text, start, end)) ends.push(end - start);
    else if (midBreak(text, start, end)) {
      mid.push(end - start);
      if (hasClauseMark(text, start, end)) clauses++;
    }
  }
  // Wrapped prose breaks lines that hold its commas; a page's header and footer (首页 > 政务公开,
  // 发布时间：…, 上一篇：…) hold none.
  if (clauses * 2 < mid.length) return false;
  // Wrapped: few lines that end a sentence are much longer than the typical line broken mid-sentence.
  const width = median(mid);
  return ends.filter((n) => n > 1.25 * width).length * 4 <= ends.length;
}

/** The line break after line `i` is inside a block, between lines of prose (no row, no list item on either side). */
function innerBreak(text: string, lines: Lines, i: number): boolean {
  const { start, end, blank } = lines;
  return !blank[i] && !blank[i + 1] && !isItemLine(text, start[i], end[i]) && !isItemLine(text, start[i + 1], end[i + 1]);
}

/** A line that breaks off mid-sentence, long enough to say so. */
function midBreak(text: string, start: number, end: number): boolean {
  return end - start >= MID_BREAK_MIN_LINE && !endsSentence(text, start, end) && !isMarkdownHeadingLine(text, start, end);
}

/** A comma, 、 or semicolon in the line: not a colon (isClauseMarkCode), which 发布时间：… has. */
function hasClauseMark(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xff0c || c === 0x3001 || c === 0xff1b || c === 0x2c || c === 0x3b) return true;
  }
  return false;
}

function median(xs: number[]): number {
  xs.sort((a, b) => a - b);
  return xs[xs.length >> 1];
}

/**
 * The longest sentence: past it a sentence ends at its next clause mark (，；：), past twice it
 * anywhere. No report has such a sentence (the longest in the seeds, the dev set and the fixtures
 * has 344 characters at the 99.9th percentile); a text without sentence ends does (a report pasted
 * without its full stops), and the rules that look through a figure's sentence for each figure
 * (its year, its total, its parts) were quadratic in it: 30,000 其中 in one line took 277 s.
 */
export const MAX_SENTENCE = 2000;

/** Sentences of `[start, end)`: each ends after its final mark and any closing quotes or brackets. */
export function splitSentences(text: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  let s = start;
  let i = start;
  // `**` after a full stop closes a bold lead-in only when one is open (**…。**); else it opens the next.
  let boldOpen = false;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === STAR && text.charCodeAt(i + 1) === STAR) {
      boldOpen = !boldOpen;
      i += 2;
      continue;
    }
    if (!isSentenceEndCode(c)) {
      if (i - s >= MAX_SENTENCE && (isClauseMarkCode(c) || i - s >= 2 * MAX_SENTENCE)) {
        // After the mark; a cut anywhere keeps a surrogate pair whole.
        const cut = isClauseMarkCode(c) || (c >= 0xdc00 && c <= 0xdfff) ? i + 1 : i;
        out.push({ start: s, end: cut });
        s = cut;
        i = cut;
        continue;
      }
      i++;
      continue;
    }
    let j = i + 1;
    while (j < end && (isSentenceEndCode(text.charCodeAt(j)) || text.charCodeAt(j) === ELLIPSIS)) j++;
    for (;;) {
      if (j + 1 < end && text.charCodeAt(j) === STAR && text.charCodeAt(j + 1) === STAR) {
        if (!boldOpen) break;
        boldOpen = false;
        j += 2;
      } else if (j < end && text.charCodeAt(j) !== STAR && isCloserCode(text.charCodeAt(j))) j++;
      else break;
    }
    out.push({ start: s, end: j });
    while (j < end && isSpace(text.charCodeAt(j))) j++;
    s = j;
    i = j;
  }
  if (s < end) out.push({ start: s, end });
  return out;
}

const STAR = 42;
const ELLIPSIS = 0x2026;

/**
 * The sentence of `p` that holds the document offset `at`. By halving: sentences stand in order,
 * and rules ask once per figure or marker, so a scan made a paragraph of n sentences cost n²
 * (a 1 MB single line: 40,000 sentences, 3.9 s).
 */
export function sentenceAt(p: Paragraph, at: number): Span | undefined {
  const i = sentenceIndexAt(p, at);
  return i < 0 ? undefined : p.sentences[i];
}

/** The index in `p.sentences` of the sentence holding offset `at`, or -1 (binary search). */
export function sentenceIndexAt(p: Paragraph, at: number): number {
  const list = p.sentences;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].end <= at) lo = mid + 1;
    else hi = mid;
  }
  const s = list[lo];
  return s !== undefined && at >= s.start && at < s.end ? lo : -1;
}

/**
 * The paragraphs whose text holds `word`, in order. Found by searching the whole text, then the
 * paragraph by halving: for a word most paragraphs lack, one native search over the text costs a
 * fraction of asking each paragraph (rules that run on every version of a report ask this).
 */
export function paragraphsContaining(doc: { readonly text: string; readonly paragraphs: readonly Paragraph[] }, word: string): Paragraph[] {
  const { text, paragraphs } = doc;
  const out: Paragraph[] = [];
  let lo = 0;
  for (let at = text.indexOf(word); at >= 0 && lo < paragraphs.length; ) {
    let hi = paragraphs.length - 1;
    let l = lo;
    while (l < hi) {
      const mid = (l + hi + 1) >> 1;
      if (paragraphs[mid].span.start <= at) l = mid;
      else hi = mid - 1;
    }
    const p = paragraphs[l];
    if (p.span.start <= at && at + word.length <= p.span.end) {
      out.push(p);
      lo = l + 1;
      at = text.indexOf(word, p.span.end);
    } else {
      // Between paragraphs, or across a paragraph's end.
      lo = l;
      at = text.indexOf(word, at + 1);
    }
  }
  return out;
}

const containing = perDocumentKeyed<string, readonly Paragraph[]>();

/**
 * `paragraphsContaining` for rules that ask it of every version of a document: a version edited
 * from another (the editor's, see `versionBefore`) takes that one's answer for the paragraphs the
 * edit left alone at either end, and searches only the others. A search of the whole text was
 * ~0.1 ms per word on every keystroke in the 1 MB report (docs/performance-history.md).
 */
export function paragraphsWith(doc: ReportDoc, word: string): readonly Paragraph[] {
  return containing(doc, word, () => {
    const previous = versionBefore(doc);
    const old = previous && containing.peek(previous, word);
    if (!old) return paragraphsContaining(doc, word);
    const { front, back } = textsKeptAround(previous, doc);
    const ps = doc.paragraphs;
    const oldBack = previous.paragraphs.length - back;
    const shift = ps.length - previous.paragraphs.length;
    const out: Paragraph[] = [];
    let k = 0;
    for (; k < old.length && old[k].index < front; k++) out.push(ps[old[k].index]);
    for (let i = front; i < ps.length - back; i++) if (ps[i].text.includes(word)) out.push(ps[i]);
    for (; k < old.length; k++) if (old[k].index >= oldBack) out.push(ps[old[k].index + shift]);
    return out;
  });
}

/** Sentences by paragraph text, in paragraph offsets: an edit splits the paragraph it touched. */
const sentenceMemo = new TextMemo((t) => splitSentences(t, 0, t.length), { sharedKeys: true, oneShotBudget: 1 << 18 });

/** The sentences of a paragraph's text, in its own offsets (shared: do not modify). */
export function sentencesOf(paragraphText: string): readonly Span[] {
  return sentenceMemo.get(paragraphText);
}

/**
 * Splits `text`; given the version it was edited from (the editor's), takes that version's
 * paragraphs where the text is the same: before the edit the same objects, after it copies moved
 * by the edit's length. The result is what a split from nothing gives. A keystroke on the 100 KB
 * report looked up every paragraph's text by its characters (internText: ~0.27 ms of ~0.7).
 */
export function splitParagraphs(text: string, previous?: { readonly text: string; readonly paragraphs: readonly Paragraph[] }, index?: LineIndex): Paragraph[] {
  const lines = splitLines(text, scratchLines, index);
  const wrapped = isHardWrapped(text, lines);
  const paragraphs: Paragraph[] = [];
  const kept = previous && keptParagraphs(previous, text);
  const push = (start: number, end: number): void => {
    const old = kept?.at(paragraphs.length, start, end);
    if (old) return void paragraphs.push(old);
    const own = internText(text.slice(start, end));
    paragraphs.push({
      index: paragraphs.length,
      span: { start, end },
      text: own,
      sentences: sentenceMemo.get(own).map((s) => ({ start: start + s.start, end: start + s.end })),
    });
  };
  let open: { start: number; end: number } | undefined;
  for (let i = 0; i < lines.count; i++) {
    const start = lines.start[i];
    const end = lines.end[i];
    if (lines.blank[i]) {
      if (open) push(open.start, open.end);
      open = undefined;
      continue;
    }
    const heading = isMarkdownHeadingLine(text, start, end);
    // In hard-wrapped text too, a table row or a list item starts a paragraph.
    if (!wrapped || heading || startsWithCnMarker(text, start, end) || isItemLine(text, start, end)) {
      if (open) push(open.start, open.end);
      open = undefined;
      if (!wrapped || heading) {
        push(start, end);
        continue;
      }
    }
    if (open) open.end = end;
    else open = { start, end };
  }
  if (open) push(open.start, open.end);
  // A huge text's lines are not kept for the next one.
  if (scratchLines.start.length > 1 << 16) scratchLines = new Lines();
  return paragraphs;
}

/**
 * The paragraphs of `previous` that stand in `text` unchanged: those that end before the first
 * character that differs, at the same place, and those that start after the last one, moved by
 * the difference in length. `at` answers the paragraph the split is about to make (its index and
 * span in `text`), or undefined when it is a new one.
 */
function keptParagraphs(previous: { readonly text: string; readonly paragraphs: readonly Paragraph[] }, text: string) {
  const old = previous.paragraphs;
  const { prefix, suffix } = textDifference(previous.text, text);
  const afterEdit = text.length - suffix;
  const delta = text.length - previous.text.length;
  /** The first old paragraph not yet passed by the paragraphs after the edit (found by halving, then walked). */
  let next = -1;
  return {
    at(index: number, start: number, end: number): Paragraph | undefined {
      if (end <= prefix) {
        const p = old[index];
        return p !== undefined && p.span.start === start && p.span.end === end ? p : undefined;
      }
      if (start < afterEdit) return undefined;
      const from = start - delta;
      if (next < 0) next = firstStartingAt(old, from);
      while (next < old.length && old[next].span.start < from) next++;
      const p = old[next];
      if (p === undefined || p.span.start !== from || p.span.end !== end - delta) return undefined;
      return { index, span: { start, end }, text: p.text, sentences: p.sentences.map((s) => ({ start: s.start + delta, end: s.end + delta })) };
    },
  };
}

/** The index of the first of `paragraphs` that starts at or after `at`. */
function firstStartingAt(paragraphs: readonly Paragraph[], at: number): number {
  let lo = 0;
  let hi = paragraphs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (paragraphs[mid].span.start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The lines of each text split into paragraphs: read during the split only, so one set serves every version. */
let scratchLines = new Lines();
