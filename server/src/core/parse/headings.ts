import type { Family, FrontMatterItem, Heading, HeadingKind, Numbering, Paragraph, ReportDoc, Span } from '../model';
import { SENTENCE_END, endsSentence, isCloserCode, isSentenceEndCode, isSpace, lastMark } from '../text/chars';
import { SHORT_SECTION, detectFrontMatter } from './frontMatter';
import { RANK, isChapterFamily, matchMarker, opensMarkdownList, withoutClosingHashes, type MarkerMatch } from './markers';
import { unchangedAround } from './unchanged';
import { ownCopy } from '../memo';

/**
 * Paragraphs → headings of every kind real reports use, in document order, not yet nested.
 * See ../shared/docs/report-conventions.md for the forms; outline.ts nests them.
 */

/** Part titles: 2018年工作回顾, 2019年工作安排, 过去五年工作回顾, 今后五年工作建议, 对今后工作的建议. */
const PART =
  /^(?:(?:[0-9０-９]{4}|[〇一二三四五六七八九零]{4})年(?:度)?|过去[一二三四五]年|今后[一二三四五]年|对今后(?:[一二三四五]年)?|今年|明年|本届以来|一年来|五年来)[^，。！？,;；:：]{0,10}(?:回顾|安排|打算|计划|部署|总结|任务|建议|思路|展望|工作|情况)$|^第[一二三四五六七八九十]{1,3}部分(?:[ \u3000：:、][^，。！？,;；]{0,30})?$/;

/** A markdown bullet list item (`- 组织专题培训`): never a heading. */
const BULLET = /^[-*+][ \t]/;

/** Web and print debris that looks like a short heading but is not one. */
const NOT_NEWS_HEADING = /(?:网|报|站|号|版|客户端|评论员|通讯员|记者|编辑|扫一扫|分享|来源|摄)$|^(?:本报|来源|编辑|记者|通讯员|文\s*[|｜])/;

/** Sentence openers that mark a sentence as narrative, not a topic heading. */
const NARRATIVE_OPENER = /^(?:这|那|此|其|我们|我|他|她|它|但|而|并|同时|因此|所以|另外|此外|总之|各位|目前|去年|今年|明年|一年来|近年来|当前|如今|截至|经过|通过|其中|对于|关于|为了|为|在|从|以|由于|虽然|如果)/;

const INNER_PUNCT = /[，,；;：:（()）！？!?]/;
const ONE_COMMA_MAX = 1;

export interface HeadingScan {
  readonly headings: Heading[];
  readonly frontMatter: readonly FrontMatterItem[];
}

function stripDecoration(text: string): { offset: number; depth: number; bold: boolean } {
  let offset = 0;
  let depth = 0;
  while (depth < 7 && text.charCodeAt(offset) === 35) {
    offset++;
    depth++;
  }
  if (depth > 0 && depth <= 6 && (offset === text.length || isSpace(text.charCodeAt(offset)))) {
    while (offset < text.length && isSpace(text.charCodeAt(offset))) offset++;
  } else {
    offset = 0;
    depth = 0;
  }
  const bold = text.startsWith('**', offset);
  return { offset: bold ? offset + 2 : offset, depth, bold };
}

/** Text of a sentence without its final mark, closing emphasis and quotes. */
function sentenceBody(text: string, span: Span): string {
  const end = sentenceBodyEnd(text, span);
  return text.slice(sentenceBodyStart(text, span.start, end), end);
}

/**
 * Where a sentence's body ends and starts (sentenceBody without the string): by character code,
 * since `text[i]` makes a string per character outside Latin-1, and these run on every sentence
 * at every version.
 */
function sentenceBodyEnd(text: string, span: Span): number {
  let end = span.end;
  while (end > span.start && (text.charCodeAt(end - 1) === 42 /* * */ || isSpace(text.charCodeAt(end - 1)))) end--;
  while (end > span.start && isSentenceEndCode(text.charCodeAt(end - 1))) end--;
  return end;
}

function sentenceBodyStart(text: string, start: number, end: number): number {
  while (start < end && (text.charCodeAt(start) === 42 || isSpace(text.charCodeAt(start)))) start++;
  return start;
}

function endsWithPeriod(text: string, span: Span): boolean {
  let i = span.end - 1;
  while (i > span.start && isCloserCode(text.charCodeAt(i))) i--;
  return text.charCodeAt(i) === 0x3002; // 。
}

function countMatches(s: string, re: RegExp): number {
  let n = 0;
  for (const ch of s) if (re.test(ch)) n++;
  return n;
}

interface Draft {
  kind: HeadingKind;
  rank: number;
  span: Span;
  title: string;
  paragraph: number;
  numbering?: Numbering;
  mdDepth?: number;
}

/** The end of a table of contents' entry: dot leaders, then a page number. */
const TOC_LEADER = /[^…·．.。_—-][…·．.。_—-]{2,}[ \u3000]*[0-9０-９]{1,4}$/;
/** A line that ends in a digit, ASCII or full-width: TOC_LEADER is tried only then (it is tried at every character). */
function endsInDigit(t: string): boolean {
  const c = t.charCodeAt(t.length - 1);
  return (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
}

/** …or, in one copied from Word, a tab before the page number (a heading's line only). */
const TOC_TAB = /\t[ \u3000]*[0-9０-９]{1,4}$/;

/** A name in quotation or title marks. */
const QUOTED = /“[^“”]*”|《[^《》]*》|"[^"]*"|「[^「」]*」/g;

/** A topic sentence that can head the text after it (切实加强思想政治建设。). */
function isLeadInSentence(body: string, maxLen: number, commas: number): boolean {
  if (body.length < 4 || body.length > maxLen) return false;
  if (/^[0-9０-９]/.test(body) || NARRATIVE_OPENER.test(body)) return false;
  // A figure makes it a statement (全局共有民警386名、辅警612名。, 接种率保持在95%以上。); digits in a
  // name are no figure (成功举办“2018衡阳经济发展论坛”。).
  if (/[0-9０-９]/.test(body) && /[0-9０-９]/.test(body.replace(QUOTED, ''))) return false;
  if (!INNER_PUNCT.test(body)) return true;
  if (commas === 0) return false;
  // A topic sentence of two clauses (深入开展主题教育,坚定不移以新思想领航定向。) in list context.
  const stripped = body.replace(/[，,]/g, '');
  return !INNER_PUNCT.test(stripped) && countMatches(body, /[，,]/) <= commas;
}

/**
 * What a scan leaves for the scan of the next version (scanHeadings' `previous`, beside the
 * document it was made for, which holds its paragraphs, front matter and layout): its drafts by
 * paragraph, and the scan's state before each paragraph. The scan is a walk from the first
 * paragraph to the last whose state is a few values; a keystroke changes one paragraph, so the
 * next version's scan starts again just before it and, once its state after the edit is the state
 * the previous scan had at the same paragraph, takes the rest of the previous drafts, moved.
 */
export interface ScanTrace {
  readonly usesBoldLeadIns: boolean;
  readonly drafts: readonly Draft[];
  /** Paragraph i's drafts are drafts[firstDraft[i], firstDraft[i + 1]). */
  readonly firstDraft: Int32Array;
  readonly states: ScanStates;
}

/** The state before each paragraph, packed (see `record`). */
interface ScanStates {
  /** Bit 0: prevWasHeading; bit 1: prevDrafted; bits 2–3: how far back the last list lead-in is (1, 2, or 3 for farther). */
  readonly flags: Uint8Array;
  /** The number the previous paragraph's markdown list item was shown with, or -1 when it was none. */
  readonly listShown: Int32Array;
  /** The ordinal the next item of a list begun after a colon has, or -1 for no such list; its family. */
  readonly inlineNext: Int32Array;
  readonly inlineFamily: (Family | undefined)[];
}

function newStates(n: number): ScanStates {
  return { flags: new Uint8Array(n), listShown: new Int32Array(n), inlineNext: new Int32Array(n), inlineFamily: new Array<Family | undefined>(n) };
}

/**
 * Where a scan may start from the previous version's (`previous`): the first paragraph to scan
 * again, the first new paragraph from which the previous drafts may be taken (when the state
 * agrees), and the shifts of offsets and paragraph indices there. Undefined when the scan must
 * start from nothing: another layout, other front matter, or an edit in it.
 */
function resumePoint(previous: PreviousScan, paragraphs: readonly Paragraph[], textLength: number, markdown: boolean, usesBoldLeadIns: boolean, frontMatter: readonly FrontMatterItem[]) {
  const { doc } = previous;
  if (doc.markdown !== markdown || previous.trace.usesBoldLeadIns !== usesBoldLeadIns || !sameFrontMatter(doc.frontMatter, frontMatter)) return undefined;
  const shift = textLength - doc.text.length;
  const { front, back } = unchangedAround(doc.paragraphs, paragraphs, shift);
  // The paragraph before the edit looks at the one after it (a news heading is followed by text).
  const start = Math.max(0, front - 1);
  // The front matter is scanned over: none of it may stand where the scan starts or after.
  if (frontMatter.length > 0 && frontMatter[frontMatter.length - 1].paragraph >= start) return undefined;
  // Taken over from a paragraph whose paragraph before is unchanged too (it reads that one's text).
  return { start, reuseFrom: Math.max(start + 1, paragraphs.length - back + 1), indexShift: paragraphs.length - doc.paragraphs.length, shift };
}

/** The version a document was edited from, and its scan's trace. */
export interface PreviousScan {
  readonly doc: Pick<ReportDoc, 'text' | 'markdown' | 'paragraphs' | 'frontMatter'>;
  readonly trace: ScanTrace;
}

/** Whether two versions found the same front matter: the same paragraphs in the same roles. */
export function sameFrontMatter(a: readonly FrontMatterItem[], b: readonly FrontMatterItem[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].paragraph !== b[i].paragraph || a[i].role !== b[i].role) return false;
  return true;
}

/** A draft of the previous version moved by `shift` characters and `indexShift` paragraphs (written out: see below). */
function movedDraft(d: Draft, shift: number, indexShift: number): Draft {
  const at = (x: Span): Span => ({ start: x.start + shift, end: x.end + shift });
  const n = d.numbering;
  return {
    kind: d.kind,
    rank: d.rank,
    span: at(d.span),
    title: d.title,
    paragraph: d.paragraph + indexShift,
    numbering: n ? { family: n.family, ordinal: n.ordinal, marker: n.marker, markerSpan: at(n.markerSpan), form: n.form } : undefined,
    mdDepth: d.mdDepth,
  };
}

export function scanHeadings(text: string, paragraphs: readonly Paragraph[], markdown: boolean, previous?: PreviousScan): HeadingScan & { readonly trace: ScanTrace } {
  const frontMatter = detectFrontMatter(paragraphs);
  const fmSet = new Set(frontMatter.map((f) => f.paragraph));
  const drafts: Draft[] = [];
  const usesBoldLeadIns = markdown && paragraphs.some((p) => /^\*\*[^*]{2,40}。\*\*/.test(p.text.slice(0, 48)));
  const n = paragraphs.length;
  const firstDraft = new Int32Array(n + 1);
  const states = newStates(n);
  let prevWasHeading = true;
  /**
   * The paragraph of the last list lead-in (深入开展主题教育,坚定…。), and whether the paragraph
   * before this one made any heading: a list goes on past one plain paragraph between its items.
   */
  let listLeadInAt = -3;
  let prevDrafted = true;
  /**
   * A list begun after a colon (附件：1.…): the ordinal its next item, on a line of its own, has;
   * no family yet after a notes label on a line of its own (名词解释：), whose first item sets it.
   */
  let inlineList: { family: Family | undefined; next: number } | undefined;
  /** The last markdown ordered-list item (`1. …`): its paragraph and the number it is shown with. */
  let listItem = { paragraph: -2, shown: 0 };

  /** The state before paragraph `pi`, as `states` keeps it. */
  const record = (pi: number): void => {
    const gap = Math.min(3, pi - listLeadInAt);
    states.flags[pi] = (prevWasHeading ? 1 : 0) | (prevDrafted ? 2 : 0) | (gap << 2);
    states.listShown[pi] = listItem.paragraph === pi - 1 ? listItem.shown : -1;
    states.inlineNext[pi] = inlineList ? inlineList.next : -1;
    states.inlineFamily[pi] = inlineList?.family;
  };
  const restore = (from: ScanStates, i: number, pi: number): void => {
    const flags = from.flags[i];
    prevWasHeading = (flags & 1) !== 0;
    prevDrafted = (flags & 2) !== 0;
    listLeadInAt = pi - (flags >> 2);
    listItem = from.listShown[i] >= 0 ? { paragraph: pi - 1, shown: from.listShown[i] } : { paragraph: -2, shown: 0 };
    inlineList = from.inlineNext[i] >= 0 ? { family: from.inlineFamily[i], next: from.inlineNext[i] } : undefined;
  };
  const sameState = (from: ScanStates, i: number, pi: number): boolean =>
    states.flags[pi] === from.flags[i] && states.listShown[pi] === from.listShown[i] && states.inlineNext[pi] === from.inlineNext[i] && states.inlineFamily[pi] === from.inlineFamily[i];

  let pi = 0;
  const resume = previous && resumePoint(previous, paragraphs, text.length, markdown, usesBoldLeadIns, frontMatter);
  const last = previous?.trace;
  /** Where the drafts this scan makes end (those taken over after the edit follow), or -1. */
  let madeTo = -1;
  if (last && resume) {
    // The paragraphs before the edit: the previous drafts and states, as they were.
    for (let k = 0; k < last.firstDraft[resume.start]; k++) drafts.push(last.drafts[k]);
    firstDraft.set(last.firstDraft.subarray(0, resume.start));
    copyStates(last.states, 0, states, 0, resume.start);
    if (resume.start < n) restore(last.states, resume.start, resume.start);
    pi = resume.start;
  }
  /** Where the drafts this scan makes (not those taken over before the edit) start: `[scanned, madeTo)`. */
  const scanned = drafts.length;
  for (; pi < n; pi++) {
    record(pi);
    firstDraft[pi] = drafts.length;
    if (last && resume && pi >= resume.reuseFrom && sameState(last.states, pi - resume.indexShift, pi)) {
      // From here on the scan would make the previous drafts again, moved.
      madeTo = drafts.length;
      const from = pi - resume.indexShift;
      for (let k = last.firstDraft[from]; k < last.drafts.length; k++) drafts.push(movedDraft(last.drafts[k], resume.shift, resume.indexShift));
      for (let i = pi; i < n; i++) firstDraft[i] = last.firstDraft[i - resume.indexShift] - last.firstDraft[from] + firstDraft[pi];
      copyStates(last.states, from, states, pi, n - pi);
      break;
    }
    const p = paragraphs[pi];
    const prev = pi > 0 ? paragraphs[pi - 1] : undefined;
    const prevEndsColon = prev !== undefined && /[：:]$/.test(prev.text);
    const continuation = prev !== undefined && !prevWasHeading && !endsSentence(prev.text);
    let listLeadIn = false;
    if (fmSet.has(pi)) {
      prevWasHeading = true;
      prevDrafted = true;
      listLeadInAt = -3;
      continue;
    }
    const before = drafts.length;
    const { offset, depth, bold } = stripDecoration(p.text);
    const body = p.text.slice(offset);
    const bodyStart = p.span.start + offset;
    const firstSentence = p.sentences[0];

    let marker = matchMarker(body);
    // An entry of a table of contents (一、总体情况……………1) names a heading, it is none.
    if ((endsInDigit(body) && TOC_LEADER.test(body)) || (marker && TOC_TAB.test(body))) {
      prevWasHeading = true;
      prevDrafted = true;
      listLeadInAt = -3;
      continue;
    }
    // 第一章 发展环境 heads a chapter on a line of its own; 第一节课由…。 is a sentence.
    if (marker && isChapterFamily(marker.family) && !chapterLine(p.text, p.sentences.length, body.length - marker.length)) marker = undefined;
    if (marker && inlineList && (marker.family === inlineList.family || (inlineList.family === undefined && marker.family !== 'enum')) && marker.ordinal === inlineList.next) {
      // 附件：1.某某计划 / 2.某某方案: the items of a list, not headings.
      inlineList.family = marker.family;
      inlineList.next++;
      prevWasHeading = false;
      prevDrafted = true;
      listLeadInAt = -3;
      continue;
    }
    inlineList = undefined;
    if (marker && (marker.family !== 'enum' || !depth)) {
      // The heading is the whole line when it is short, else its first sentence (a run-in heading).
      const whole = p.sentences.length === 1 && p.text.length <= 80;
      const span = whole ? p.span : firstSentence;
      const titleEnd = marker.family === 'enum' ? clauseEnd(text, bodyStart + marker.length, span.end) : span.end;
      const sentence = sentenceBody(text, { start: bodyStart + marker.length, end: titleEnd });
      const title = depth > 0 ? withoutClosingHashes(sentence) : sentence;
      // In markdown, `1. ` (a space after the dot) opens an ordered-list item, and the renderer
      // numbers the items of a list from the first one's number on: 1. / 1. / 1. shows 1, 2, 3.
      let ordinal = marker.ordinal;
      if (markdown && !depth && opensMarkdownList(marker.family, marker.form, body.charCodeAt(marker.length))) {
        if (listItem.paragraph === pi - 1) ordinal = listItem.shown + 1;
        listItem = { paragraph: pi, shown: ordinal };
      }
      if (!marker.irregular || whole || title.length <= 40) {
        drafts.push({
          kind: marker.family === 'enum' ? 'enum' : 'numbered',
          rank: RANK[marker.family],
          span,
          title,
          paragraph: pi,
          mdDepth: depth || undefined,
          numbering: {
            family: marker.family,
            ordinal,
            marker: marker.marker,
            markerSpan: { start: bodyStart, end: bodyStart + marker.length },
            form: marker.form,
          },
        });
      }
    } else if (depth > 0) {
      const title = withoutClosingHashes(body).replace(/\*\*$/, '');
      drafts.push({ kind: PART.test(title) ? 'part' : 'markdown', rank: PART.test(title) ? RANK.part : RANK.markdownBase + depth / 10, span: p.span, title, paragraph: pi, mdDepth: depth });
    } else if (p.sentences.length === 1 && !SENTENCE_END.has(p.text[p.text.length - 1]) && PART.test(body)) {
      drafts.push({ kind: 'part', rank: RANK.part, span: p.span, title: body, paragraph: pi });
    } else if (!(markdown && BULLET.test(p.text)) && isNewsHeading(p, paragraphs[pi + 1], continuation)) {
      drafts.push({ kind: 'news', rank: RANK.news, span: p.span, title: p.text, paragraph: pi });
    } else if (!continuation && firstSentence && p.sentences.length >= 2) {
      const lead = sentenceBody(text, firstSentence);
      const rest = p.span.end - firstSentence.end;
      if (bold && usesBoldLeadIns) {
        if (/^\*\*[^*]{2,40}\*\*$/.test(text.slice(p.span.start, firstSentence.end).trim())) {
          drafts.push({ kind: 'lead-in', rank: RANK.leadIn, span: firstSentence, title: lead, paragraph: pi });
        }
      } else if (!usesBoldLeadIns && endsWithPeriod(text, firstSentence) && (rest >= lead.length || !endsSentence(p.text))) {
        const list = prevEndsColon || listLeadInAt === pi - 1 || (listLeadInAt === pi - 2 && !prevDrafted);
        const commas: number = list ? ONE_COMMA_MAX : 0;
        if (isLeadInSentence(lead, list ? 40 : 30, commas)) {
          drafts.push({ kind: 'lead-in', rank: RANK.leadIn, span: firstSentence, title: lead, paragraph: pi });
          listLeadIn = commas > 0 && /[，,]/.test(lead);
        }
      }
    }

    // Further topic sentences and 一是… items inside the paragraph (加强党的领导。…强化理论武装。…).
    if (p.sentences.length >= 2) scanInner(text, p, drafts, usesBoldLeadIns);
    if (drafts.length > before) itemsAfterSemicolons(text, drafts, before);
    prevWasHeading = drafts.length > before && drafts[before].span.end === p.span.end;
    if (listLeadIn) listLeadInAt = pi;
    prevDrafted = drafts.length > before;
    if (drafts.length === before) inlineList = NOTES_LABEL.test(p.text) ? { family: undefined, next: 1 } : listAfterColon(p.text);
  }

  firstDraft[n] = drafts.length;
  // Titles sliced from the text hold the whole text: kept for later versions (the drafts before
  // the next edit are taken over), each would keep its version's text alive. They own a copy.
  for (let k = scanned, end = madeTo < 0 ? drafts.length : madeTo; k < end; k++) drafts[k].title = ownCopy(drafts[k].title);

  // 前言 and 结语 stand beside a plan's chapters (or its 篇), not under the last of them: the
  // highest rank of a chapter (第一篇, 第一章) is theirs.
  let chapterRank: number = RANK.news;
  for (const d of drafts) if (d.kind === 'numbered' && isChapterFamily(d.numbering!.family)) chapterRank = Math.min(chapterRank, d.rank);
  const rankOf = (d: Draft): number => (d.kind === 'news' && d.title.length <= 3 && SHORT_SECTION.test(d.title) ? chapterRank : d.rank);

  // Written out: a spread of drafts of several shapes was ~0.5 us a heading (1.3 ms per version of the 1 MB report).
  const headings = drafts.map<Heading>((d) => ({ kind: d.kind, rank: rankOf(d), span: d.span, title: d.title, paragraph: d.paragraph, mdDepth: d.mdDepth, numbering: d.numbering, level: 0, section: d.span, children: [] }));
  return { headings, frontMatter, trace: { usesBoldLeadIns, drafts, firstDraft, states } };
}

function copyStates(from: ScanStates, i: number, to: ScanStates, j: number, count: number): void {
  to.flags.set(from.flags.subarray(i, i + count), j);
  to.listShown.set(from.listShown.subarray(i, i + count), j);
  to.inlineNext.set(from.inlineNext.subarray(i, i + count), j);
  for (let k = 0; k < count; k++) to.inlineFamily[j + k] = from.inlineFamily[i + k];
}

/**
 * A line that announces notes, attachments or definitions (名词解释：, 附件：, 注：): the numbered
 * lines after it are its items, not sections of the report (a 1. under 三、 is no skipped level).
 */
const NOTES_LABEL = /^(?:(?:有关|相关)?名词解释|附件|附|注|注释|附注|备注|说明|参考文献)[：:]$/;

/** The list a paragraph begins after a colon with its first item (附件：1.…, 主要做法有：（1）…). */
function listAfterColon(text: string): { family: Family | undefined; next: number } | undefined {
  // The colons, full- and half-width, in text order: found by indexOf (this runs on every
  // paragraph that is no heading, at every version), not character by character.
  let full = text.indexOf('：');
  let half = text.indexOf(':');
  while (full >= 0 || half >= 0) {
    const k = half < 0 || (full >= 0 && full < half) ? full : half;
    let i = k + 1;
    while (text[i] === ' ' || text[i] === '\u3000') i++;
    const m = matchMarker(text.slice(i, i + 12));
    if (m && m.ordinal === 1 && m.family !== 'enum' && !isChapterFamily(m.family)) return { family: m.family, next: 2 };
    if (k === full) full = text.indexOf('：', k + 1);
    else half = text.indexOf(':', k + 1);
  }
  return undefined;
}

/** A chapter title's line: one sentence without a final mark, its title at most 40 characters. */
function chapterLine(text: string, sentences: number, titleLength: number): boolean {
  return sentences === 1 && titleLength <= 40 && !SENTENCE_END.has(text[text.length - 1]);
}

function clauseEnd(text: string, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === '，' || c === ',' || c === '；' || c === ';' || c === '：' || c === ':' || SENTENCE_END.has(c)) return i;
  }
  return end;
}

/**
 * The items of a 一是… list that go on after semicolons in the same sentence (一是…；二是…；三是…。):
 * each the next ordinal of the one before it, which now ends at its semicolon. Only a list a
 * paragraph's drafts (from `from`) have begun: a 二是 after a semicolon goes on from a 一是.
 */
function itemsAfterSemicolons(text: string, drafts: Draft[], from: number): void {
  let tail: Draft[] | undefined;
  for (let i = from; i < drafts.length; i++) {
    let d = drafts[i];
    if (d.kind !== 'enum' || !d.numbering) continue;
    const sentenceEnd = d.span.end;
    for (let k = nextSemicolon(text, d.numbering.markerSpan.end, sentenceEnd); k >= 0; k = nextSemicolon(text, k + 1, sentenceEnd)) {
      let at = k + 1;
      while (at < sentenceEnd && isSpace(text.charCodeAt(at))) at++;
      const span = { start: at, end: sentenceEnd };
      const marker = opensEnumeration(text, span) ? matchMarker(text.slice(at, Math.min(sentenceEnd, at + 12))) : undefined;
      if (!marker || marker.family !== 'enum' || marker.ordinal !== d.numbering!.ordinal + 1) continue;
      tail ??= drafts.splice(i + 1);
      d.span = { start: d.span.start, end: k + 1 };
      d = enumItem(text, span, marker, d.paragraph);
      drafts.push(d);
    }
    if (tail) {
      drafts.push(...tail);
      i = drafts.length - tail.length - 1;
      tail = undefined;
    }
  }
}

/** A 一是… item over `span`, which its marker opens: titled by its first clause. */
function enumItem(text: string, span: Span, marker: MarkerMatch, paragraph: number): Draft {
  const body = span.start + marker.length;
  return {
    kind: 'enum',
    rank: RANK.enum,
    span,
    title: sentenceBody(text, { start: body, end: clauseEnd(text, body, span.end) }),
    paragraph,
    numbering: { family: 'enum', ordinal: marker.ordinal, marker: marker.marker, markerSpan: { start: span.start, end: body }, form: marker.form },
  };
}

/** The next full- or half-width semicolon in `text[from, end)`, or -1. */
function nextSemicolon(text: string, from: number, end: number): number {
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xff1b || c === 0x3b) return i;
  }
  return -1;
}

/** The longest topic sentence inside a paragraph (加强党的领导。…). */
const INNER_LEAD_MAX = 15;

/** 一是… / 十二是… at the sentence's start: a Chinese numeral or two, then 是; or 第 and one (第一，…). */
function opensEnumeration(text: string, s: Span): boolean {
  if (text.charCodeAt(s.start) === 0x7b2c /* 第 */) return s.start + 2 < s.end && CHINESE_DIGITS.has(text.charCodeAt(s.start + 1));
  if (s.start + 1 >= s.end || !CHINESE_DIGITS.has(text.charCodeAt(s.start))) return false;
  const second = text.charCodeAt(s.start + 1);
  return second === 0x662f /* 是 */ || (s.start + 2 < s.end && CHINESE_DIGITS.has(second) && text.charCodeAt(s.start + 2) === 0x662f);
}

const CHINESE_DIGITS = new Set([...'一二三四五六七八九十'].map((c) => c.charCodeAt(0)));

function scanInner(text: string, p: Paragraph, drafts: Draft[], bold: boolean): void {
  const sentences = p.sentences;
  let prevLead = drafts.length > 0 && drafts[drafts.length - 1].paragraph === p.index && drafts[drafts.length - 1].span.start === sentences[0].start;
  for (let k = 1; k < sentences.length; k++) {
    const s = sentences[k];
    const marker = opensEnumeration(text, s) ? matchMarker(text.slice(s.start, Math.min(s.end, s.start + 12))) : undefined;
    if (marker && marker.family === 'enum') {
      drafts.push(enumItem(text, s, marker, p.index));
      prevLead = true;
      continue;
    }
    if (bold) {
      const seg = text.slice(s.start, s.end);
      if (/^\*\*[^*]{2,40}\*\*$/.test(seg) && k + 1 < sentences.length) {
        drafts.push({ kind: 'lead-in', rank: RANK.leadIn, span: s, title: sentenceBody(text, s), paragraph: p.index });
        prevLead = true;
      } else prevLead = false;
      continue;
    }
    // The cheap tests first: most sentences are too long to be a topic sentence, and are never sliced.
    let isLead = !prevLead && k + 1 < sentences.length && endsWithPeriod(text, sentences[k - 1]) && endsWithPeriod(text, s);
    let body = '';
    if (isLead) {
      const end = sentenceBodyEnd(text, s);
      const start = sentenceBodyStart(text, s.start, end);
      isLead = end - start <= INNER_LEAD_MAX && sentences[k + 1].end - sentences[k + 1].start > end - start + 1;
      if (isLead) {
        body = text.slice(start, end);
        isLead = !/[0-9０-９]/.test(body) && isLeadInSentence(body, INNER_LEAD_MAX, 0);
      }
    }
    if (isLead) drafts.push({ kind: 'lead-in', rank: RANK.leadIn, span: s, title: body, paragraph: p.index });
    prevLead = isLead;
  }
}

/**
 * A short line without punctuation heading the paragraph below it (在深学笃行中坚定政治方向), as
 * newspapers and web summaries set them. Web debris of the same shape (site names, bylines) is not.
 */
function isNewsHeading(p: Paragraph, next: Paragraph | undefined, continuation: boolean): boolean {
  const t = p.text;
  if (!continuation && next && SHORT_SECTION.test(t)) return true;
  if (continuation || t.length < 4 || t.length > 24 || !next) return false;
  if (/[，,。．.；;：:！!？?、（()）【】|｜]/.test(t) || /[0-9０-９]{3}/.test(t)) return false;
  if (NOT_NEWS_HEADING.test(t)) return false;
  return next.text.length >= 2 * t.length && SENTENCE_END.has(lastMark(next.text));
}
