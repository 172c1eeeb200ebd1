import { CATEGORIES, type Category, type Finding, type Heading, type ReportDoc, type Span } from '../model';
import { perDocumentKeyed, TextMemo } from '../memo';
import { sentencesOf } from '../parse/paragraphs';
import { render, type Locale } from '../messages';
import { countChars, isClauseMarkCode, isHan } from '../text/chars';
import type { LineIndex } from '../text/lineIndex';
import { PHRASE_MAX, UNITS, compact, extractFigures, type Figure } from '../parse/figures';
import type { Segmenter } from '../segment';
import { headingName } from './outline';
import { escapeMarkdown as escape } from './hover';

/**
 * What a section says, for the hover on its heading: path, 字数, paragraphs, lines, one or two
 * sentences picked from the section, its keywords, its key figures and the findings inside it.
 *
 * Keywords are TF-IDF over the document's own paragraphs: a word weighs by how often the section
 * uses it and how few paragraphs of the report do. Generic report words (工作, 加强, 推进) are in
 * nearly every paragraph and sink without a stop list; the few function words that are not
 * (我们, 进一步) are listed. A sentence scores by the weight of the distinct keywords it carries,
 * divided by the square root of its length, so that a long enumeration does not win by size.
 */
export interface SectionSummary {
  readonly heading: Heading;
  /** Names from the top-level section down to this one. */
  readonly path: readonly string[];
  readonly chars: number;
  readonly paragraphs: number;
  /** Sentences in document order, each inside the section. */
  readonly sentences: readonly Span[];
  readonly keywords: readonly string[];
  readonly figures: readonly Figure[];
  readonly findings: Readonly<Partial<Record<Category, number>>>;
}

const STOP = new Set([
  '我们', '进一步', '以及', '通过', '围绕', '一批', '一是', '二是', '三是', '四是', '五是', '六是', '相关', '有关', '各项', '全年', '今年', '去年',
  '一年来', '同时', '继续', '更加', '不断', '积极', '切实', '认真', '及时', '其中', '共同', '主动', '充分', '按照', '根据', '对于', '这些', '这个', '一个',
  '一些', '没有', '已经', '就是', '为了', '方面', '作为', '以来', '开展', '工作', '必须', '这么', '不够', '准确', '特别', '通过',
  // The words that give a figure's change (its units are UNIT_WORD): what a section counts with, not what it is about.
  '百分点', '增长', '同比', '下降', '上升', '提高', '降低', '达到',
  '实现', '累计', '分别', '比上年', '增加', '减少', '上年', '年末', '全市', '全县', '全区', '全省', '以上', '以内', '以下', '左右', '件次',
  '主要', '存在',
  // Degree and manner, in front of what is done (基本实现, 基本医疗保险 cut as 基本 / 医疗保险; 稳步提升).
  '基本', '稳步', '持续', '全面', '有效', '明显', '稳定',
]);
/** The units of figures, alone or after 万/亿 (亿元, 万人次, 亿吨, 公里): not what a section is about. */
const UNIT_WORD = new RegExp(`^[万亿]?(?:${UNITS})$`);
/** 十九 (of 十九大), 第一: numerals are not what a section is about. */
const NUMERAL_WORD = /^第?[〇零一二三四五六七八九十百千万两]+$/;
const MAX_KEYWORDS = 6;
const MAX_FIGURES = 5;
const WEAK_SUBJECT = /[的等了和与及]$/;
const MIN_SENTENCE = 8;
/** Above this many characters the summary is one sentence. */
const ONE_SENTENCE = 70;

interface WordStats {
  /**
   * Words of each sentence of each paragraph (Han words of two or more characters, stop words
   * out): segmented once per document, read by keyword weighting and sentence scoring alike.
   */
  readonly words: readonly (readonly (readonly string[])[])[];
  /** In how many paragraphs each word occurs. */
  readonly df: ReadonlyMap<string, number>;
}

const statsCache = perDocumentKeyed<string, WordStats>();

/** The words of a sentence: from the segmenter's tokens, else (no dictionary) its Han bigrams. */
function wordsOf(text: string, tokens: readonly string[] | undefined): string[] {
  const out: string[] = [];
  if (tokens) {
    for (const w of tokens) if (w.length >= 2 && allHan(w) && !STOP.has(w) && !NUMERAL_WORD.test(w) && !UNIT_WORD.test(w)) out.push(w);
  } else {
    // Without a dictionary, Han bigrams stand in for words.
    for (let i = 0; i + 1 < text.length; i++) {
      if (isHan(text.charCodeAt(i)) && isHan(text.charCodeAt(i + 1))) out.push(text.slice(i, i + 2));
    }
  }
  return out;
}

function allHan(w: string): boolean {
  for (let i = 0; i < w.length; i++) if (!isHan(w.charCodeAt(i))) return false;
  return true;
}

type ParagraphWords = readonly (readonly string[])[];

/** Words by sentence, by paragraph text, per segmenter: a new version segments only the paragraphs an edit changed. */
const paragraphWords = new WeakMap<Segmenter, TextMemo<ParagraphWords>>();

/**
 * The words of each sentence of each paragraph. The paragraphs not seen before are segmented
 * together: the segmenter lives in another thread, and a question per sentence cost ~65 µs of
 * round trip each — the hover on a heading after an edit took ~140 ms on a 100 KB report, ~1.2 s
 * on 1 MB, 6.6 s on 100,000 headings.
 */
function wordsByParagraph(doc: ReportDoc, segmenter: Segmenter): ParagraphWords[] {
  let memo = paragraphWords.get(segmenter);
  // Filled only by getMany: it never computes one text on its own.
  if (!memo) paragraphWords.set(segmenter, (memo = new TextMemo<ParagraphWords>(() => [], { sharedKeys: true })));
  return memo.getMany(
    doc.paragraphs.map((p) => p.text),
    (texts) => {
      const sentences = texts.map((t) => sentencesOf(t).map((s) => t.slice(s.start, s.end)));
      const all = sentences.flat();
      const tokens = !segmenter.dictionary ? undefined : segmenter.cutAll ? segmenter.cutAll(all) : all.map((x) => segmenter.cut(x));
      let k = 0;
      return sentences.map((list) => list.map((x) => wordsOf(x, tokens?.[k++])));
    },
  );
}

function wordStats(doc: ReportDoc, segmenter: Segmenter): WordStats {
  return statsCache(doc, segmenter.dictionary ? 'dict' : 'bigram', () => {
    const words = wordsByParagraph(doc, segmenter);
    const df = new Map<string, number>();
    for (const ws of words) for (const w of new Set(ws.flat())) df.set(w, (df.get(w) ?? 0) + 1);
    return { words, df };
  });
}

/** The deepest heading whose own text contains the offset. */
export function headingAt(doc: ReportDoc, offset: number): Heading | undefined {
  let found: Heading | undefined;
  for (const h of doc.headings) {
    if (h.span.start > offset) break;
    if (offset <= h.span.end) found = h;
  }
  return found;
}

function paragraphsIn(doc: ReportDoc, span: Span): number[] {
  const out: number[] = [];
  for (const p of doc.paragraphs) {
    if (p.span.start >= span.end) break;
    if (p.span.end > span.start) out.push(p.index);
  }
  return out;
}

export function summarize(doc: ReportDoc, h: Heading, findings: readonly Finding[], segmenter: Segmenter): SectionSummary {
  const path: string[] = [];
  for (let x: Heading | undefined = h; x; x = x.parent) path.unshift(x.kind === 'front-matter' ? x.title : headingName(x));
  const section = h.section;
  const paras = paragraphsIn(doc, section);
  const { words, df } = wordStats(doc, segmenter);
  const n = doc.paragraphs.length;
  const tf = new Map<string, number>();
  for (const i of paras) for (const ws of words[i]) for (const w of ws) tf.set(w, (tf.get(w) ?? 0) + 1);
  const weight = new Map<string, number>();
  for (const [w, c] of tf) weight.set(w, c * Math.log((n + 1) / (df.get(w) ?? 1)));
  // A word inside another keyword says nothing more: 常住人口, then 人口, lists 常住人口 only; 产量,
  // then 总产量, puts 总产量 in its place.
  const keywords: string[] = [];
  for (const [w] of [...weight.entries()].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
    if (keywords.length === MAX_KEYWORDS) break;
    if (keywords.some((k) => k.includes(w))) continue;
    const inside = keywords.findIndex((k) => w.includes(k));
    if (inside >= 0) keywords[inside] = w;
    else keywords.push(w);
  }

  const candidates: { span: Span; score: number; len: number }[] = [];
  // The titles of its subsections (（二）医保基金监管高压态势持续。 opening a paragraph) are in the
  // outline already, and short and dense in keywords: they would win over what the text says.
  const titles = doc.headings.filter((x) => x !== h && x.span.start >= h.span.end && x.span.start < section.end).map((x) => x.span);
  for (const i of paras) {
    doc.paragraphs[i].sentences.forEach((s, j) => {
      if (s.end <= h.span.end || s.start >= section.end) return; // the heading itself is not its summary
      if (titles.some((t) => s.start >= t.start && s.end <= t.end + 1)) return;
      const len = countChars(doc.text, s.start, s.end);
      if (len < MIN_SENTENCE) return;
      let score = 0;
      for (const w of new Set(words[i][j])) score += weight.get(w) ?? 0;
      candidates.push({ span: s, score: score / Math.sqrt(len), len });
    });
  }
  candidates.sort((a, b) => b.score - a.score || a.span.start - b.span.start);
  const [first, second] = candidates;
  // A second sentence only when the first is short and both together stay short.
  const picked = !first ? [] : second && first.len <= ONE_SENTENCE && first.len + second.len <= ONE_SENTENCE * 2 ? [first, second] : [first];
  const sentences = picked.map((c) => c.span).sort((a, b) => a.start - b.start);

  const seen = new Set<string>();
  const figures: Figure[] = [];
  for (const f of extractFigures(doc)) {
    if (f.span.start < section.start || f.span.end > section.end) continue;
    const subject = subjectOf(f);
    // 所交办的 22个, 市公安局等 7个: a clause ending in 的/等 does not say what is counted.
    if (subject.length < 3 || WEAK_SUBJECT.test(subject) || seen.has(subject)) continue;
    seen.add(subject);
    figures.push(f);
    if (figures.length === MAX_FIGURES) break;
  }

  const byCategory: Partial<Record<Category, number>> = {};
  for (const f of findings) if (f.span.start >= section.start && f.span.start < section.end) byCategory[f.category] = (byCategory[f.category] ?? 0) + 1;

  return { heading: h, path, chars: countChars(doc.text, section.start, section.end), paragraphs: paras.length, sentences, keywords, figures, findings: byCategory };
}

/** What a figure counts, as the hover names it: the clause before it, else the one after. */
export function subjectOf(f: Figure): string {
  return f.before.length >= 2 ? f.before : f.after;
}

/**
 * The figure's subject as the hover shows it. Where the phrase kept for comparing figures was cut
 * from a longer clause (全社会研发经费投入占地区生产总值比重达到 → 入占地区生产总值比重达到), the
 * clause whole when it is short enough, else an ellipsis rather than a word shown from its middle.
 */
function labelOf(text: string, f: Figure): string {
  const subject = subjectOf(f);
  if (subject !== f.before || f.before.length < PHRASE_MAX) return subject;
  // The clause before the figure, back to a clause mark, as the phrase was taken from it; a clause
  // longer than twice the label is not read to its start.
  let from = f.span.start;
  while (from > f.sentence.start && f.span.start - from < LABEL_MAX * 2 && !isClauseMarkCode(text.charCodeAt(from - 1))) from--;
  const whole = from === f.sentence.start || isClauseMarkCode(text.charCodeAt(from - 1));
  const clause = compact(text, from, f.span.start);
  if (whole && clause.length <= PHRASE_MAX) return subject;
  return whole && clause.length <= LABEL_MAX ? clause : '…' + subject;
}

/** The longest clause a figure's label shows whole. */
const LABEL_MAX = 20;

const SENTENCE_MAX = 110;

/**
 * The hover, in markdown, at most a dozen lines:
 *
 *     **2018年工作回顾 › 一、切实强化思想引领，坚持正确政治方向**
 *     1,042 字 · 6 段 · 第 23–40 行
 *     > 坚持把学习贯彻习近平新时代中国特色社会主义思想作为首要政治任务……
 *     **关键词** 学习 · 理论 · 政治
 *     **关键数字** 召开党组理论学习中心组学习 8次 · …
 *     **问题** 重复 2
 */
export function renderSummary(doc: ReportDoc, s: SectionSummary, lines: LineIndex, locale: Locale): string {
  const first = lines.lineAt(s.heading.section.start) + 1;
  const last = lines.lineAt(Math.max(s.heading.section.start, s.heading.section.end - 1)) + 1;
  const out = [`**${escape(s.path.join(' › '))}**`, ''];
  out.push(render({ key: 'summary.size', args: { chars: s.chars.toLocaleString('en-US'), paragraphs: s.paragraphs, first, last } }, locale));
  if (s.sentences.length) {
    const text = s.sentences.map((sp) => clip(doc.text.slice(sp.start, sp.end).trim(), SENTENCE_MAX)).join('');
    out.push('', `> ${escape(text)}`);
  }
  out.push('');
  if (s.keywords.length) out.push(`**${render({ key: 'summary.keywords' }, locale)}** ${s.keywords.map(escape).join(' · ')}  `);
  if (s.figures.length) {
    const figs = s.figures.map((f) => `${escape(labelOf(doc.text, f))} ${escape(doc.text.slice(f.span.start, f.span.end))}`);
    out.push(`**${render({ key: 'summary.figures' }, locale)}** ${figs.join(' · ')}  `);
  }
  const counts = CATEGORIES.filter((c) => s.findings[c]).map((c) => `${render({ key: `category.${c}` }, locale)} ${s.findings[c]}`);
  out.push(`**${render({ key: 'summary.findings' }, locale)}** ${counts.length ? counts.join(' · ') : render({ key: 'summary.no-findings' }, locale)}`);
  return out.join('\n');
}

function clip(s: string, max: number): string {
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/** The hover on a heading's own text, or undefined elsewhere (and on the front matter). */
export function sectionHover(doc: ReportDoc, findings: readonly Finding[], lines: LineIndex, offset: number, segmenter: Segmenter, locale: Locale): string | undefined {
  const h = headingAt(doc, offset);
  if (!h || h.kind === 'front-matter') return undefined;
  return renderSummary(doc, summarize(doc, h, findings, segmenter), lines, locale);
}
