import type { ReportDoc } from '../model';
import { perParagraph, TextMemo } from '../memo';
import type { Rule } from './types';
import { strayBlocks } from '../layout';
import { endsSentence } from '../text/chars';
import { matchMarker } from '../parse/markers';

/**
 * broken-paragraph — a block that ends mid-sentence and goes on in the next block, the mark of a
 * page break in a PDF or newspaper (在新的 / 一年里; 两 / 院”院士). Headings, the front matter, web
 * debris and captions are not paragraphs and are left alone. The fix joins the two blocks exactly:
 * it removes only the line breaks and indentation between them.
 */
export const brokenParagraph: Rule = {
  meta: {
    id: 'broken-paragraph',
    category: 'layout',
    defaultSeverity: 'warning',
    fixable: true,
    docs: {
      zh: '段落在句中断开，后半句另起一段（分页造成）。',
      en: 'A paragraph ends mid-sentence and continues in the next block (a page-break artefact).',
    },
  },
  check(doc, report, _options, ctx) {
    const shapes = shapesOf(doc);
    let pageNumbers: Set<number> | undefined;
    for (const s of strayBlocks(doc)) if (s.kind === 'page-number') (pageNumbers ??= new Set()).add(s.paragraph);
    // Made for the few paragraphs that break off and go on (this runs on every version).
    let skip: Set<number> | undefined;
    const ps = doc.paragraphs;
    for (let i = 0; i + 1 < ps.length; i++) {
      if (!(shapes[i] & BREAKS_OFF)) continue;
      const p = ps[i];
      // A page's number printed at the break stands between the two halves (…新型基础 / — 3 — / 设施建设).
      const over = pageNumbers?.has(i + 1) && i + 2 < ps.length ? ps[i + 1] : undefined;
      const q = ps[over ? i + 2 : i + 1];
      if ((doc.markdown && (shapes[i] & QUOTED_LAST || hardBreakAfter(doc.text, p.span.end))) || !goesOnAfter.get(q.text)) continue;
      skip ??= notBody(doc);
      if (skip.has(i) || skip.has(q.index)) continue;
      const tail = Math.max(p.span.start, p.span.end - 6);
      const head = Math.min(q.span.end, q.span.start + 6);
      const line = ctx.lines.positionAt(q.span.start).line + 1;
      const args = { tail: doc.text.slice(tail, p.span.end), head: doc.text.slice(q.span.start, head), line, ...(over ? { page: over.text.trim() } : {}) };
      report({
        span: { start: tail, end: head },
        message: { key: over ? 'broken-paragraph.message-page-number' : 'broken-paragraph.message', args },
        // Over a page number, the join deletes it too, and says so.
        fix: { title: over ? { key: 'broken-paragraph.fix-page-number', args } : { key: 'broken-paragraph.fix' }, edits: [{ span: { start: p.span.end, end: q.span.start }, newText: '' }], safe: true },
      });
    }
  },
};

/**
 * What a paragraph's text says of its end, as bits. BREAKS_OFF: prose that stops mid-sentence —
 * no sentence end (a full stop typed in English is one), no table row for its last line.
 * QUOTED_LAST, of those: its last line is a markdown block quote (> 编辑：李某); joined, the next
 * block would move into the quote. In markdown a hard line break the author wrote at the end (two
 * spaces, a backslash) is no break either; the spaces are outside the paragraph's text, so that is
 * asked of the document (`hardBreakAfter`).
 */
const BREAKS_OFF = 1;
const QUOTED_LAST = 2;

/**
 * The bits of each paragraph, by its text: the rule runs on every version of a document, and read
 * every paragraph's text with a few patterns each time (~0.7 ms of a keystroke on the 1 MB report,
 * 0.14 of ~1.1 ms on the 100 KB one; docs/performance-history.md). Whether the next paragraph goes
 * on is asked only after one that breaks off (`goesOnAfter`).
 */
const shapesOf = perParagraph(
  new TextMemo(
    (text) => {
      if (endsSentence(text) || LATIN_STOP.test(text) || !looksLikeProse(text)) return 0;
      const last = lastLine(text);
      return isTableRow(last) ? 0 : BREAKS_OFF | (last.trimStart().startsWith('>') ? QUOTED_LAST : 0);
    },
    { sharedKeys: true },
  ),
);

const goesOnAfter = new TextMemo(goesOn, { sharedKeys: true });

/** Paragraphs that are not body text: headings on their own line, front matter, debris. */
function notBody(doc: ReportDoc): Set<number> {
  const skip = new Set<number>(doc.frontMatter.map((f) => f.paragraph));
  for (const h of doc.headings) {
    const p = doc.paragraphs[h.paragraph];
    if (h.kind !== 'front-matter' && h.span.start === p.span.start && h.span.end === p.span.end) skip.add(p.index);
  }
  for (const s of strayBlocks(doc)) if (s.whole) skip.add(s.paragraph);
  return skip;
}

/**
 * A table's row: markdown (`| 办复率 | 100% |`), or cells separated by tabs as Word and
 * spreadsheets paste them into plain text (`社会事业\t围绕……的意见和建议\t256件`). A row ends no
 * sentence, and the row after a sentence continues none: joining them (the fix) would break the
 * table.
 */
function isTableRow(line: string): boolean {
  const t = line.trim();
  return (t.length > 1 && t.startsWith('|') && t.endsWith('|')) || t.includes('\t');
}

const lastLine = (text: string) => text.slice(text.lastIndexOf('\n') + 1);
const firstLine = (text: string) => {
  const end = text.indexOf('\n');
  return end < 0 ? text : text.slice(0, end);
};

/** Markdown images and links alone on their lines (`![会议现场](images/1.jpg)`): no sentence. */
const MARKUP_ONLY = /^(?:!?\[[^\]\n]{0,200}\]\([^)\n]{0,500}\)\s*)+$/;

/** A source note under a table or a figure (数据来源：市统计局2019年统计公报): a label, not a sentence. */
const SOURCE_NOTE = /^(?:数据|资料)?来源[:：]/;

/** Whether the line ending at `end` (its last visible character) ends with a markdown hard break. */
function hardBreakAfter(text: string, end: number): boolean {
  if (text.charCodeAt(end - 1) === 92 /* \ */) return true;
  let spaces = 0;
  while (text.charCodeAt(end + spaces) === 32) spaces++;
  const next = text.charCodeAt(end + spaces);
  return spaces >= 2 && (next === 10 || next === 13);
}

/** A full stop typed with the keyboard in English (删除条款2条.): the sentence ends all the same. */
const LATIN_STOP = /[\u4e00-\u9fff”’）》」][.．]$/;

/**
 * The fields of an official document's closing block (GB/T 9704) and of a meeting's minutes
 * (出席：… 列席：… 请假：… 记录：…): each stands on its own line.
 */
const FIELD_LABEL = /^(?:抄送|主送|抄报|附件(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,2})?|联系人|联系电话|电话|印发|签发|出席|列席|请假|缺席|记录|主持|参会人员|参加人员|时间|地点)[:：]/;

/** A date on a line of its own (2024年1月10日, （二〇二四年一月十日）): the date of a signature or a heading. */
const DATE_LINE = /^[（(]?[0-9０-９〇零一二三四五六七八九]{4}年[0-9０-９一二三四五六七八九十]{1,3}月[0-9０-９一二三四五六七八九十]{1,3}日[）)]?$/;

/** A short field of a signature block or a cover (述职人：张三, 单位：某局): a label, not a sentence. */
const FIELD_LINE = /^[\u4e00-\u9fff]{2,6}[:：][^，。；,;:：]{1,20}$/;

/** A note wholly in brackets ((此件公开发布), （联系人：王五，电话：12345678）): complete in itself. */
const BRACKETED_NOTE = /^[（(][^（()）\n]*[）)]$/;

/**
 * Whether `q`'s text can carry a sentence on: it starts with text, and is no table row. The next
 * item of a list (附件：1.某某计划 / 2.某某方案), a field of a document's closing block (抄送：…) and
 * a date line start blocks of their own.
 */
function goesOn(text: string): boolean {
  return CONTINUATION_START.test(text) && !isTableRow(firstLine(text)) && !matchMarker(text) && !FIELD_LABEL.test(text) && !DATE_LINE.test(text);
}

const CONTINUATION_START = /^[\u4e00-\u9fff0-9０-９“”‘’"（(《、，,。]/;

/**
 * Prose has clause punctuation or some length; a short unpunctuated line is a title or a label,
 * and so are images and links alone, source notes, notes wholly in brackets and a signature's
 * fields (述职人：张三).
 */
function looksLikeProse(t: string): boolean {
  return (/[，。、；：,;]/.test(t) || t.length >= 30) && !MARKUP_ONLY.test(t) && !SOURCE_NOTE.test(t) && !BRACKETED_NOTE.test(t) && !FIELD_LINE.test(t);
}
