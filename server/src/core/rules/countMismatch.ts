import type { Heading, Paragraph, ReportDoc, Span } from '../model';
import { paragraphRule } from './types';
import { formatChineseOrdinal, parseChineseOrdinal } from '../text/numerals';
import { formatMarker } from './series';
import { perParagraph, TextMemo } from '../memo';
import { sentenceAt, sentencesOf } from '../parse/paragraphs';

/**
 * count-mismatch — an announced count that does not match what follows:
 * - 以下五个方面 / 四件大事： / 重点做好四个方面工作。 / 我讲三点意见。 against the items after it: the lead-ins in the
 *   rest of the paragraph, the 一是… items, the ；-separated items after a colon, the list-lead-in
 *   paragraphs that follow, or the series of numbered headings that follows;
 * - “五送” against the list right before it (送医、送教、送文化、送科技“五送”);
 * - 一是…二是…四是: an enumeration with a number missing;
 * - 制定《…》《…》3件: titles listed right before a count that says otherwise.
 * Reported only when the items have a clear structure (at least two); otherwise nothing is said.
 */
const ANNOUNCE = /(?:以下|如下|下列|这|抓好|做好|推进了?|完成了?)?(?:[\u4e00-\u9fff]{0,12}?)([一二三四五六七八九十两])(?:个方面|方面|件大事|件事|项工作|项重点工作|点|条|项任务|大任务|个重点|件(?:民生)?实事|项(?:民生)?实事|个坚持)(?:(?:的工作|工作)?[：:。]|(?:体会|经验|启示|认识|做法|措施|意见|建议)[：:])$/;
/** A speaker's plan of the speech (下面，我讲三点意见。 / 我再强调两个问题：): what follows are its parts. */
const SPEECH = /我[^，。；：:]{0,16}?(?:讲|谈|强调|提)(?:以下)?([一二三四五六七八九十两])(?:点|个方面|个问题)(?:意见|看法|想法|体会|要求)?[。：:]$/;
const ABBREVIATION = /“([一二三四五六七八九十])([\u4e00-\u9fff])(?:下乡|进基层|活动)?”/g;

export const countMismatch = paragraphRule(
  {
    id: 'count-mismatch',
    category: 'figure',
    defaultSeverity: 'error',
    fixable: false,
    docs: { zh: '宣布的数目与后文不符（“以下五个方面”后只有四项；一是、三是之间缺二是；列出两个书名却称“3件”）。', en: 'An announced count does not match what follows (以下五个方面 with four subsections; 一是…三是 with no 二是; two titles listed as 3件).' },
  },
  // What a paragraph says of itself: a “五送” after its list, 一是…；三是…, titles before their count.
  (_doc, paragraphs, report) => {
    for (const p of paragraphs) {
      checkAbbreviations(p, report);
      if (p.text.includes('一是')) checkSemicolonEnumeration(p, report);
      if (p.text.includes('》')) checkTitleCounts(p, report);
    }
  },
  // What an announcement's items are, and the 一是… items of the outline: the paragraphs after it.
  (doc, report) => {
    // The headings by paragraph, made for the first announcement (most versions have none).
    let byParagraph: Map<number, Heading[]> | undefined;
    const headingsByParagraph = (): Map<number, Heading[]> => {
      if (byParagraph) return byParagraph;
      byParagraph = new Map();
      for (const h of doc.headings) {
        const list = byParagraph.get(h.paragraph);
        if (list) list.push(h);
        else byParagraph.set(h.paragraph, [h]);
      }
      return byParagraph;
    };
    // Each paragraph's announcements and lists, by index: most paragraphs have none.
    const announcements = announcementsOf(doc);
    const lists = inlineListsOf(doc);
    const enums = inlineEnumsOf(doc);
    for (let i = 0; i < announcements.length; i++) {
      if (announcements[i].length > 0) checkAnnouncements(doc, doc.paragraphs[i], announcements[i], headingsByParagraph, report);
      for (const m of lists[i]) checkInlineList(doc, doc.paragraphs[i], m, false, report);
      for (const m of enums[i]) checkInlineList(doc, doc.paragraphs[i], m, true, report);
    }
    checkEnumerations(doc, report);
  },
);

type Report = Parameters<typeof countMismatch.check>[1];

/** Longest possible match of ANNOUNCE (3 + 12 + 1 + 5 + 3 + 1), with a margin. */
const ANNOUNCE_MAX = 32;

/** Characters by code, one bit per role in ANNOUNCE: a count, the first of a unit (个方面, 件大事, 项工作, 点, 条, 大任务, …), an end. */
const COUNT = 1;
const UNIT_START = 2;
const END = 4;
const ROLE = new Uint8Array(0x10000);
for (const c of '一二三四五六七八九十两') ROLE[c.charCodeAt(0)] |= COUNT;
for (const c of '个方件项点条大') ROLE[c.charCodeAt(0)] |= UNIT_START;
for (const c of '：:。') ROLE[c.charCodeAt(0)] |= END;

/**
 * Whether `text[from, end)` can hold ANNOUNCE at all: it ends with ：or 。 and has a count
 * followed by a unit. Most sentences fail this without a string or a regex being made.
 */
function mayAnnounce(text: string, from: number, end: number): boolean {
  if ((ROLE[text.charCodeAt(end - 1)] & END) === 0) return false;
  for (let i = from; i < end - 2; i++) if ((ROLE[text.charCodeAt(i)] & COUNT) !== 0 && (ROLE[text.charCodeAt(i + 1)] & UNIT_START) !== 0) return true;
  return false;
}

function numberOf(s: string): number | undefined {
  return s === '两' ? 2 : parseChineseOrdinal(s);
}

/** A count right after a title's closing mark: 3件, 两部, 12个. */
const TITLE_COUNT = /^([0-9]{1,3}|[一二三四五六七八九十两])(?:件|部|个|项|篇|本|册)/;
/** How far back a title's opening mark is looked for: a title is shorter. */
const TITLE_MAX = 60;

/**
 * Titles listed right before their count: 制定《某某市城市绿化条例》《某某市物业管理条例》3件 lists two
 * and says three. Two titles at least, side by side or parted by 、，和及与; nothing between the last
 * and the count (《…》《…》等3件 gives examples; 《…》《…》及配套文件5件 counts more).
 */
function checkTitleCounts(p: Paragraph, report: Report): void {
  const t = p.text;
  for (let k = t.indexOf('》'); k >= 0; k = t.indexOf('》', k + 1)) {
    const m = TITLE_COUNT.exec(t.slice(k + 1, k + 6));
    if (!m) continue;
    let count = 0;
    for (let j = k; j >= 0 && t.charCodeAt(j) === 0x300b /* 》 */; ) {
      const open = titleOpen(t, j);
      if (open < 0) break;
      count++;
      j = open - 1;
      if (j >= 0 && '、，,和及与'.includes(t[j])) j--;
    }
    const said = /[0-9]/.test(m[1]) ? Number(m[1]) : numberOf(m[1]);
    if (count < 2 || said === undefined || said === count) continue;
    const at = p.span.start + k + 1;
    report({ span: { start: at, end: at + m[0].length }, message: { key: 'count-mismatch.titles', args: { said: m[0], count } } });
  }
}

/** Where the title that `》` at `close` ends opens (its 《), within TITLE_MAX characters; -1 when none does. */
function titleOpen(t: string, close: number): number {
  for (let i = close - 1; i >= 0 && i >= close - TITLE_MAX; i--) {
    const c = t.charCodeAt(i);
    if (c === 0x300a /* 《 */) return i;
    if (c === 0x300b /* 》 */) return -1;
  }
  return -1;
}

function checkAnnouncements(doc: ReportDoc, p: Paragraph, announcements: readonly Announcement[], byParagraph: () => Map<number, Heading[]>, report: Report): void {
  for (const a of announcements) {
    const items = itemsAfter(doc, p, a.sentence, byParagraph());
    if (items === undefined || items.count < 2 || items.count === a.announced) continue;
    const span: Span = { start: p.span.start + a.start, end: p.span.start + a.end };
    report({ span, message: { key: 'count-mismatch.announced', args: { announced: a.said, n: a.announced, count: items.count, kind: items.kind } } });
  }
}

/** A sentence of a paragraph that announces a count, in the paragraph's offsets: the count as said, and its value. */
interface Announcement {
  readonly sentence: number;
  readonly start: number;
  readonly end: number;
  readonly said: string;
  readonly announced: number;
}

const NO_ANNOUNCEMENTS: readonly Announcement[] = [];

/**
 * The announcements of a paragraph by its text (what follows them is the document's: itemsAfter):
 * an edit reads again the paragraph it touched, not every sentence of the report.
 */
const announcementsIn = new TextMemo(
  (t): readonly Announcement[] => {
    let out: Announcement[] | undefined;
    sentencesOf(t).forEach((s, i) => {
      // ANNOUNCE ends the sentence and is at most 25 characters long: match on the tail only, so a
      // long sentence costs no more than a short one.
      const from = Math.max(s.start, s.end - ANNOUNCE_MAX);
      if (!mayAnnounce(t, from, s.end)) return;
      const tail = t.slice(from, s.end);
      const m = ANNOUNCE.exec(tail) ?? SPEECH.exec(tail);
      if (!m) return;
      const announced = numberOf(m[1]);
      if (announced !== undefined) (out ??= []).push({ sentence: i, start: from + m.index, end: s.end, said: m[1], announced });
    });
    return out ?? NO_ANNOUNCEMENTS;
  },
  { sharedKeys: true },
);
const announcementsOf = perParagraph(announcementsIn);

/** What follows an announcement, counted: the first structure found wins. */
function itemsAfter(doc: ReportDoc, p: Paragraph, sentence: number, byParagraph: Map<number, Heading[]>): { count: number; kind: string } | undefined {
  const s = p.sentences[sentence];
  const inParagraph = (byParagraph.get(p.index) ?? []).filter((h) => h.span.start >= s.end && (h.kind === 'lead-in' || h.kind === 'enum'));
  if (inParagraph.length >= 2) return { count: inParagraph.length, kind: 'count-mismatch.kind.items' };
  const rest = doc.text.slice(s.end, p.span.end);
  if (/[：:]$/.test(doc.text.slice(s.start, s.end)) && rest.length > 0) {
    const parts = rest.split(/[；;]/).filter((x) => x.trim().length > 0);
    if (parts.length >= 2) return { count: parts.length, kind: 'count-mismatch.kind.items' };
    // The announcement's own sentence may run on: 体会到以下五点：做好…必须…；必须…
  }
  const colonInside = doc.text.slice(s.start, s.end).search(/[：:]/);
  if (colonInside >= 0 && colonInside < s.end - s.start - 1) return undefined;
  if (rest.trim().length > 0 && sentence + 1 < p.sentences.length) return undefined;
  // The paragraphs that follow: list lead-ins (深入开展主题教育,坚定…。) or a series of numbered headings.
  const next = doc.paragraphs[p.index + 1];
  if (!next) return undefined;
  const first = (byParagraph.get(next.index) ?? [])[0];
  if (!first || first.span.start !== next.span.start) return undefined;
  // The items of an announcement stand under the section it is in: a heading at its section's
  // level or above begins the next part (…提出了两条建议。 / 二、存在问题).
  const owner = first.kind === 'numbered' ? sectionOf(doc, p) : undefined;
  if (owner && first.level <= owner.level) return undefined;
  if (first.kind === 'numbered' && first.parent) {
    const series = first.parent.children.filter((h) => h.kind === 'numbered' && h.numbering?.family === first.numbering?.family && h.span.start >= first.span.start);
    return { count: series.length, kind: 'count-mismatch.kind.headings' };
  }
  if (first.kind === 'numbered' && !first.parent) {
    const roots = doc.outline.filter((h) => h.kind === 'numbered' && h.numbering?.family === first.numbering?.family && h.span.start >= first.span.start);
    return { count: roots.length, kind: 'count-mismatch.kind.headings' };
  }
  if (first.kind === 'lead-in' || first.kind === 'enum') {
    // Item paragraphs, allowing one other paragraph between two of them; a heading ends the list.
    let count = 0;
    let gap = 0;
    for (let i = next.index; i < doc.paragraphs.length && gap < 2; i++) {
      const h = (byParagraph.get(i) ?? [])[0];
      const opens = h !== undefined && h.span.start === doc.paragraphs[i].span.start;
      if (opens && h.kind === first.kind) (count++, (gap = 0));
      else if (opens && h.kind !== 'lead-in' && h.kind !== 'enum') break;
      else gap++;
    }
    return { count, kind: 'count-mismatch.kind.items' };
  }
  return undefined;
}

/**
 * The deepest numbered or titled section whose section holds paragraph `p` (not a heading of `p`
 * itself; lead-ins and 一是 items are no sections here).
 */
function sectionOf(doc: ReportDoc, p: Paragraph): Heading | undefined {
  let owner: Heading | undefined;
  for (let nodes: readonly Heading[] = doc.outline; ; ) {
    const h = nodes.find((x) => x.kind !== 'lead-in' && x.kind !== 'enum' && x.span.end <= p.span.start && p.span.start < x.section.end);
    if (!h) return owner;
    owner = h;
    nodes = h.children;
  }
}

type Match = { index: number; 0: string; 1: string; 2: string };
const NO_MATCHES: Match[] = [];

/**
 * The matches of a global pattern in a paragraph, by its text: index and groups. Only paragraphs
 * holding `needle`, which every match contains, are searched: a search costs an iterator and two
 * arrays however many it finds, and over the bench folder's 77,356 paragraphs 1.7 % match one
 * pattern and none the other, while 42 % hold a “ and 9.5 % a 下.
 */
function matchesBy(re: RegExp, needle: string): TextMemo<Match[]> {
  return new TextMemo((t) => (t.includes(needle) ? [...t.matchAll(re)].map((m) => ({ index: m.index, 0: m[0], 1: m[1], 2: m[2] })) : NO_MATCHES), { sharedKeys: true });
}
const abbreviations = matchesBy(ABBREVIATION, '“');

/** ， , 。 ；: where the clause of an abbreviation's list begins. */
const CLAUSE_ENDS = new Set([0xff0c, 0x2c, 0x3002, 0xff1b]);
/** Longer than any list of short items: a clause this long before an abbreviation is no list. */
const MAX_CLAUSE = 200;

function checkAbbreviations(p: Paragraph, report: Report): void {
  // The last clause end before each match, found by one pass that moves on with the matches (a
  // search back from each made a long line of them quadratic).
  let scanned = 0;
  let clauseEnd = -1;
  for (const m of abbreviations.get(p.text)) {
    for (; scanned < m.index!; scanned++) if (CLAUSE_ENDS.has(p.text.charCodeAt(scanned))) clauseEnd = scanned;
    const announced = numberOf(m[1]);
    if (announced === undefined) continue;
    // The list right before the quotation mark, back to the start of the clause. A clause longer
    // than any list of short items (a text without commas) is none: splitting it for every match
    // would make a long line of them quadratic.
    if (m.index! - clauseEnd - 1 > MAX_CLAUSE) continue;
    const clause = p.text.slice(clauseEnd + 1, m.index!);
    // 保居民就业、保基本民生等“六保”: 等 says the list gives some of them.
    if (clause.endsWith('等')) continue;
    const items = clause.split('、');
    if (items.length < 2 || items.slice(1).some((x) => x.length === 0 || x.length > 6)) continue;
    // The items share the key character (送医、送教…) or follow it once (送教育、科技、文化…).
    const key = m[2];
    if (!items[0].includes(key)) continue;
    if (items.length === announced) continue;
    const start = p.span.start + m.index!;
    report({ span: { start, end: start + m[0].length }, message: { key: 'count-mismatch.abbreviation', args: { name: m[0].slice(1, -1), n: announced, count: items.length } } });
  }
}

/** 体会到以下五点：做好…必须…；必须…；… — the items after the colon, to the end of the sentence. */
const INLINE = /(?:以下|如下|下列)([一二三四五六七八九十两])(?:个方面|方面|点|条|项)[^：:，。]{0,6}[：:]/g;

/**
 * 我们有四点体会：一是…；二是…；三是… — without 以下 (INLINE reads those), the 一是 right after the
 * colon says a list begins.
 */
const INLINE_ENUM = /(?<!以下|如下|下列)([一二三四五六七八九十两])(?:个方面|方面|点|条|项|件)[^：:，。]{0,6}[：:](?=一是)/g;

const inlineListsOf = perParagraph(matchesBy(INLINE, '下'));
const inlineEnumsOf = perParagraph(matchesBy(INLINE_ENUM, '一是'));

/**
 * The items after an announcement's colon, to the end of the sentence, split at ；. Items of an
 * enumeration are counted by their markers (一是…，…；…；二是…: a ； inside an item adds none).
 */
function checkInlineList(doc: ReportDoc, p: Paragraph, m: Match, enumerated: boolean, report: Report): void {
  const at = p.span.start + m.index;
  const sentence = sentenceAt(p, at);
  if (!sentence || sentence.end - (at + m[0].length) < 4) return;
  const items = enumerated ? enumeratedItems(doc, p, m.index + m[0].length) : doc.text.slice(at + m[0].length, sentence.end).split(/[；;]/).filter((x) => x.trim().length > 1).length;
  const announced = numberOf(m[1]);
  if (items < 2 || announced === undefined || items === announced) return;
  report({ span: { start: at, end: at + m[0].length }, message: { key: 'count-mismatch.announced', args: { announced: m[1], n: announced, count: items, kind: 'count-mismatch.kind.items' } } });
}

/**
 * How many items 一是, 二是, … follow in turn from `from` in paragraph `p` — across its sentences
 * (一是…；二是…。三是…), and on into the paragraphs after it that open with the next one.
 */
function enumeratedItems(doc: ReportDoc, p: Paragraph, from: number): number {
  let count = 0;
  let text = p.text;
  let pos = from;
  for (let next = p.index + 1; count < 20; ) {
    const marker = formatChineseOrdinal(count + 1) + '是';
    const i = text.indexOf(marker, pos);
    if (i >= 0) {
      count++;
      pos = i + marker.length;
      continue;
    }
    const following = doc.paragraphs[next++];
    if (!following || !following.text.startsWith(marker)) return count;
    text = following.text;
    pos = 0;
  }
  return count;
}

/** 一是 opening a sentence or a list after a colon; then N是 after a semicolon, in the same sentence. */
const FIRST_ITEM = /(?:^|[。！？：:])\s*一是/g;
const NEXT_ITEM = /[；;]\s*([一二三四五六七八九十]{1,2})是/g;

/**
 * 一是…；三是… within one sentence: the items after semicolons that are no outline items (the
 * outline takes them only in turn), checked here. The first gap is reported.
 */
function checkSemicolonEnumeration(p: Paragraph, report: Report): void {
  for (const first of p.text.matchAll(FIRST_ITEM)) {
    const from = first.index + first[0].length;
    const sentence = sentenceAt(p, p.span.start + from - 1);
    if (!sentence) continue;
    const end = sentence.end - p.span.start;
    let prev = 1;
    let prevAt = from - 2;
    NEXT_ITEM.lastIndex = from;
    for (let m = NEXT_ITEM.exec(p.text); m && m.index < end; m = NEXT_ITEM.exec(p.text)) {
      const ordinal = parseChineseOrdinal(m[1]);
      if (ordinal === undefined || ordinal <= prev) break;
      const at = m.index + m[0].length - m[1].length - 1;
      if (ordinal > prev + 1) {
        report({
          span: { start: p.span.start + at, end: p.span.start + at + m[1].length + 1 },
          message: { key: 'count-mismatch.enumeration', args: { missing: formatMarker('enum', prev + 1), got: m[1] + '是' } },
          related: [{ span: { start: p.span.start + prevAt, end: p.span.start + prevAt + 2 }, message: { key: 'figure.related' } }],
        });
        break;
      }
      prev = ordinal;
      prevAt = at;
    }
  }
}

function checkEnumerations(doc: ReportDoc, report: Report): void {
  // Runs of 一是… items in one paragraph or in consecutive paragraphs.
  const enums = doc.headings.filter((h) => h.kind === 'enum' && h.numbering);
  let run: Heading[] = [];
  const flush = () => {
    for (let i = 1; i < run.length; i++) {
      const prev = run[i - 1].numbering!.ordinal;
      const cur = run[i].numbering!.ordinal;
      if (cur > prev + 1 && run[0].numbering!.ordinal === 1) {
        const missing = formatMarker('enum', prev + 1, run[i - 1].numbering!.form);
        report({ span: run[i].numbering!.markerSpan, message: { key: 'count-mismatch.enumeration', args: { missing, got: run[i].numbering!.marker } }, related: [{ span: run[i - 1].numbering!.markerSpan, message: { key: 'figure.related' } }] });
      }
    }
    run = [];
  };
  for (const h of enums) {
    const last = run[run.length - 1];
    // One other paragraph may stand between two items (a page-break split, an example).
    if (last && (h.paragraph - last.paragraph > 2 || h.numbering!.ordinal <= last.numbering!.ordinal || h.numbering!.form !== last.numbering!.form)) flush();
    run.push(h);
  }
  flush();
}
