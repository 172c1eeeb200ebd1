import type { Heading, Paragraph, ReportDoc, Span } from './model';
import { SENTENCE_END, lastMark } from './text/chars';
import { perDocument, perParagraph, TextMemo } from './memo';

/**
 * What in a pasted report is not report text: web and print debris around it. Shared by
 * stray-text (which reports it) and broken-paragraph (which must not take debris for a paragraph
 * cut by a page break). Conservative: the speaker's name under the title is front matter.
 */
export type StrayKind = 'before-title' | 'web-meta' | 'share' | 'site' | 'byline' | 'caption' | 'page-mark' | 'page-number' | 'web-footer' | 'classified' | 'repeated-name' | 'appended';

export interface Stray {
  readonly paragraph: number;
  readonly kind: StrayKind;
  /** The debris: the whole paragraph, or a page mark inside one. */
  readonly span: Span;
  readonly whole: boolean;
}

const SHARE =
  /^(?:请使用微信扫一扫|微信扫一扫|扫一扫(?:在手机(?:上)?(?:打开|阅读|查看)(?:当前页|本页|此页)?)?|分享(?:到)?[:：]?\s*(?:(?:微信|朋友圈|微博|新浪微博|腾讯微博|QQ空间|QQ|豆瓣|抖音)[\s、]*){0,8}|长按.{0,10}二维码|点击.{0,8}(?:阅读原文|关注(?:我们)?)|关注我们|往期推荐|往期回顾|推荐阅读|(?:(?:分享|收藏|在看|点赞|转发)\s*){2,5}|字号[:：]?.{0,6}|(?:【(?:打印本页|打印|关闭窗口|关闭|返回顶部|收藏|纠错)】\s?){1,6}|打印本页|关闭窗口|返回顶部)$/;
/**
 * A site's name alone on its line, the credit of a photo: by the words sites end with (湖南政协新闻网,
 * 中国政协网, …客户端) or by name. Not any line ending in 网: 织密民生保障网, 建好乡村物流网 head
 * report text, and stray-text's fix deletes the line and the caption after it.
 */
const SITE =
  /^(?:[\u4e00-\u9fff]{1,12}(?:新闻网|政协网|人大网|政府网|党建网|文明网|客户端|融媒|融媒体|公众号)|人民网|新华网|央视网|中国网|中新网|光明网|红网|凤凰网|东方网|南方网|大众网|荆楚网|北青网|金羊网|华声在线|浙江在线)$/;
const BYLINE = /^(?:文\s*[|｜丨/]|图\s*[|｜丨/]|作者[:：]|编辑[:：]|责任编辑|通讯员|本报记者|记者\s|本报评论员$|发布时间[:：])/;
/**
 * A source line is web debris when it names a medium (来源：湖南日报, 来源：中国政协网); under a
 * table or a figure, 来源：市统计局 (or its 统计公报) cites the data, and stray-text's fix deletes
 * what it flags.
 */
const MEDIA_SOURCE = /^来源[:：]\s*[^\s]{0,20}(?:网|日报|晚报|早报|时报|商报|周报|导报|报社|新闻|客户端|电视台|广播|公众号|新华社|融媒|杂志|通讯社)/;
/** A byline is names and a label (来源：人民网，作者：张三); a line with a sentence's end is a sentence (通讯员队伍不断壮大，…。). */
const CLAUSE = /[。；！？;!?]/;
const CAPTION = /(?:记者|通讯员|摄影)[\u4e00-\u9fff·]{0,12}摄$|^[^。！？]{0,60}\s[\u4e00-\u9fff·]{2,4}\s?摄$|作.{0,20}报告。.{0,30}摄$/;
/** A photo's caption under a pointer (▲2023年12月，某某区召开推进会; ▲图为活动现场), as WeChat articles print them. */
const POINTER_CAPTION = /^[▲△↑]\s*(?:图为|[0-9]{4}年|[0-9]{1,2}月)/;
const PAGE_MARK = /[（(](?:下转|上接|转|接)第?[0-9一二三四五六七八九十]{1,3}版[）)]/;
/**
 * A page's number left on a line of its own when a printed or PDF report was copied: — 3 — (GB/T
 * 9704 sets it between dashes), - 3 -, 第3页, 第3页 共12页.
 */
const PAGE_NUMBER =
  /^(?:[-－—–―~～]{1,2}[ \u3000]*[0-9０-９]{1,3}[ \u3000]*[-－—–―~～]{1,2}|第[ \u3000]*[0-9０-９]{1,3}[ \u3000]*页(?:[ \u3000，,/]*共[ \u3000]*[0-9０-９]{1,3}[ \u3000]*页)?|共[ \u3000]*[0-9０-９]{1,3}[ \u3000]*页[ \u3000，,]*第[ \u3000]*[0-9０-９]{1,3}[ \u3000]*页)$/;
/**
 * A web page's footer under the text: the links to the articles before and after (上一篇：…), related
 * links, the site's copyright and registration (版权所有, 主办单位：, 网站标识码, ICP备, 公网安备).
 */
const WEB_FOOTER = /^(?:上一篇|下一篇|上一条|下一条|上篇|下篇)[:：]|^相关(?:链接|阅读|文章|新闻|信息)[:：]?\s*$|版权所有|网站标识码|ICP备|ICP证|公网安备/;
/**
 * Lines of a footer that may also stand in report text (an event's 主办单位：市文明办): a footer's
 * only where the page has a line of WEB_FOOTER.
 */
const WEB_FOOTER_WEAK = /^(?:主办单位|承办单位|协办单位)[:：]|^(?:联系我们|网站地图|关于我们|设为首页|加入收藏)/;
/** A line of a footer's list of links: short, no sentence (国家统计局  省统计局  市统计局). */
const LINK_LINE_MAX = 60;
const SENTENCE_END_MARK = /[。！？!?]/;

/**
 * A lost-and-found notice of a newspaper's classified page (·陈某某遗失…发票): who lost what, as a
 * bullet. A bullet of report text that speaks of 作废, 声明 or of preventing a loss (防止文件遗失)
 * is none.
 */
const CLASSIFIED = /^[·•]\s*(?!.{0,20}(?:防止|严防|避免|杜绝|防范))[^，。；\s]{1,30}(?:遗失|挂失)/;
/**
 * The header of an official document above its title (GB/T 9704 版头): the issuing body's mark
 * (某某市人民政府文件), the document number (某政发〔2024〕1号), the copy number, the secrecy and
 * urgency marks, the signer. Part of the document, never debris.
 */
const DOCUMENT_HEADER =
  /^(?:[\u4e00-\u9fff（）()]{2,40}文件|[\u4e00-\u9fff]{1,12}[〔［\[（(][12][0-9]{3}[〕］\]）)]\s?[0-9]{1,5}号|[0-9０-９]{6}|(?:绝密|机密|秘密)(?:[★☆*]\s?.{0,8})?|特急|加急|签发人[:：]\s?[\u4e00-\u9fff·\s]{2,20})$/;
const ARTICLE_START = /^(?:本报讯|本报评论员|新华社|——|记者\s)|讯[（(]/;

export const strayBlocks = perDocument(computeStray);

function computeStray(doc: ReportDoc): Stray[] {
  const ps = doc.paragraphs;
  const out = new Map<number, Stray>();
  const add = (p: Paragraph, kind: StrayKind) => {
    if (!out.has(p.index)) out.set(p.index, { paragraph: p.index, kind, span: p.span, whole: true });
  };
  const fm = doc.frontMatter;
  const titleAt = fm.find((f) => f.role === 'title')?.paragraph;
  // Web breadcrumbs and classified notices before the title.
  if (titleAt !== undefined) {
    for (let i = 0; i < fm[0].paragraph; i++) if (!DOCUMENT_HEADER.test(ps[i].text.trim())) add(ps[i], CLASSIFIED.test(ps[i].text) ? 'classified' : 'before-title');
  }
  // Web metadata and captions inside the front matter; a name repeated under a photo.
  const names = new Set<string>();
  for (const f of fm) {
    const t = ps[f.paragraph].text;
    if (f.role === 'other') add(ps[f.paragraph], CAPTION.test(t) ? 'caption' : 'web-meta');
    if (f.role === 'speaker') {
      if (names.has(t)) add(ps[f.paragraph], 'repeated-name');
      names.add(t);
    }
  }
  const fmLast = fm.length ? fm[fm.length - 1].paragraph : -1;
  // Lines of a web page's footer (WEB_FOOTER), and those that are one only beside such a line.
  const footer: Paragraph[] = [];
  const weakFooter: Paragraph[] = [];
  const kinds = doc.markdown ? markdownKinds(doc) : plainKinds(doc);
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i];
    if (kind === undefined || (i <= fmLast && titleAt !== undefined && i >= fm[0].paragraph)) continue;
    const p = ps[i];
    if (typeof kind === 'object') {
      const start = p.span.start + kind.at;
      out.set(i, { paragraph: i, kind: 'page-mark', span: kind.whole ? p.span : { start, end: start + kind.length }, whole: kind.whole });
    } else if (kind === 'footer') footer.push(p);
    else if (kind === 'weak-footer') weakFooter.push(p);
    else {
      add(p, kind);
      // A photo credit is followed by the photo's caption: one short sentence.
      const next = ps[i + 1];
      if (kind === 'site' && next && next.text.length <= 80 && next.sentences.length === 1 && SENTENCE_END.has(lastMark(next.text))) add(next, 'caption');
    }
  }
  // Between two lines of a footer, or after its last to the end, short lines without a sentence
  // are its links.
  if (footer.length > 0) {
    const lines = footer.concat(weakFooter).sort((a, b) => a.index - b.index);
    lines.forEach((p, k) => {
      add(p, 'web-footer');
      const gap = ps.slice(p.index + 1, k + 1 < lines.length ? lines[k + 1].index : ps.length);
      if (gap.every((q) => q.text.length <= LINK_LINE_MAX && !SENTENCE_END_MARK.test(q.text))) for (const q of gap) add(q, 'web-footer');
    });
  }
  for (const p of appendedArticle(doc)) add(p, 'appended');
  return [...out.values()].sort((a, b) => a.paragraph - b.paragraph);
}

/** What a paragraph's text alone says it is, if debris: a page mark inside it is placed in its text. */
type TextKind = 'share' | 'site' | 'byline' | 'caption' | 'page-number' | 'classified' | 'footer' | 'weak-footer' | { readonly at: number; readonly length: number; readonly whole: boolean } | undefined;

function kindOfText(t: string): TextKind {
  if (t.length <= 40 && SHARE.test(t)) return 'share';
  if (t.length <= 14 && SITE.test(t)) return 'site';
  if (t.length <= 40 && (BYLINE.test(t) || MEDIA_SOURCE.test(t)) && !CLAUSE.test(t)) return 'byline';
  // CAPTION ends in 摄 and PAGE_MARK holds 版: looked for only then (both are tried at every character).
  if (t.length <= 100 && ((t.endsWith('摄') && CAPTION.test(t)) || POINTER_CAPTION.test(t))) return 'caption';
  if (t.length <= 24 && PAGE_NUMBER.test(t.trim())) return 'page-number';
  if (t.length <= 120 && !SENTENCE_END_MARK.test(t) && WEB_FOOTER.test(t)) return 'footer';
  if (t.length <= 120 && !SENTENCE_END_MARK.test(t) && WEB_FOOTER_WEAK.test(t)) return 'weak-footer';
  if (CLASSIFIED.test(t)) return 'classified';
  const m = t.includes('版') ? PAGE_MARK.exec(t) : null;
  return m ? { at: m.index, length: m[0].length, whole: m[0].length === t.length } : undefined;
}

/**
 * Each paragraph's kind by its text (a keystroke reads again the paragraph it touched, not the
 * dozen patterns on every paragraph). In markdown, a block quote's marks (> 来源：…) are no part
 * of what it says.
 */
const plainKinds = perParagraph(new TextMemo(kindOfText, { sharedKeys: true }));
const markdownKinds = perParagraph(new TextMemo((t) => kindOfText(t.charCodeAt(0) === 62 ? t.replace(/^>[ \t]?/gm, '') : t), { sharedKeys: true }));

/**
 * A second article printed after the report's closing (the newspaper page went on): the closing
 * exhortation (让我们…！) followed, within three blocks, by the start of a news item or editorial.
 */
function appendedArticle(doc: ReportDoc): Paragraph[] {
  const ps = doc.paragraphs;
  let closing = -1;
  for (let i = ps.length - 1; i >= 0; i--) {
    const t = ps[i].text;
    if (t.includes('让我们') && /[！!]$/.test(t)) {
      closing = i;
      break;
    }
  }
  if (closing < 0 || closing === ps.length - 1) return [];
  const headingAt = new Map<number, Heading>(doc.headings.map((h) => [h.paragraph, h]));
  // The article starts at its own first line (a news heading, 本报讯…); what stands between the
  // closing and it is still the report's.
  const start = ps.slice(closing + 1, closing + 4).find((p) => ARTICLE_START.test(p.text) || headingAt.get(p.index)?.kind === 'news');
  if (!start) return [];
  const rest = ps.slice(start.index);
  // A numbered heading of the report after it means the report goes on: not an appended article.
  if (rest.some((p) => headingAt.get(p.index)?.kind === 'numbered')) return [];
  return rest;
}

