import type { FrontMatterItem, Paragraph } from '../model';

/**
 * The front matter of a report: title, subtitle, speaker, date and salutation, e.g.
 *
 *     中国人民政治协商会议 衡阳市委员会常务委员会工作报告      ← title
 *     ——在政协衡阳市第十二届委员会第三次会议上                ← subtitle
 *     廖炎秋                                                ← speaker
 *     (2019年1月7日)                                        ← date
 *     各位委员、各位同志：                                   ← salutation (ends the front matter)
 *
 * Debris before the title (web breadcrumbs, classified notices) stays outside; captions and web
 * metadata between title and salutation are inside, with role `other`.
 */

/** How far from the start the title is looked for. */
const MAX_LEADING = 14;
const MAX_ITEMS = 12;

/**
 * What a title names, anywhere in it; and the kinds of document that name themselves at a
 * title's end only (…远景目标纲要, 2025年工作计划, 关于…的实施意见), which body lines mention too.
 * In traditional characters as well (澳門…履職報告): Hong Kong and Macao members report in them.
 */
const TITLE_STRONG =
  /报告|報告|综述|綜述|总结|總結|讲话|講話|致辞|致辭|工作要点|工作要點|述职|述職|纪要|紀要|(?:纲要|綱要|规划|規劃|方案|计划|計劃|要点|要點|意见|意見|通报|通報|公报|公報|决定|決定|决议|決議|材料|汇报|匯報|发言|發言|提纲|提綱|情况分析|情況分析|形势分析|形勢分析)$/;
const TITLE_WEAK = /政协|政協|人大|政府|委员会|委員會|会议|會議/;
/**
 * The first line of a title split over two: the issuing body's name alone (中国人民政治协商会议 /
 * 衡阳市委员会常务委员会工作报告; 中共某某县委 / 关于…的报告; 某某市财政局 / 关于…的报告).
 */
const TITLE_HEAD = /^[^，。：:；;！？,>›»|/\s]{2,30}(?:政治协商会议|人民代表大会|人民政府|常务委员会|委员会|党委|党组|党工委|[省市县区州旗镇乡]委|纪委|监委|人民法院|人民检察院|办公室|办公厅|局|厅|集团|有限公司|公司|大学|学院|学校|中学|小学|医院)$/;
const SENTENCE_MARK = /[。！？!?]/;

const SUBTITLE = /^(?:[—–－-]{1,3}|[（(][^（()）]{0,60}(?:会议|讲话|报告)[^（()）]{0,8}[）)]$)/;
const DATE = /^[（(]?\s*[0-9０-９]{4}\s*年\s*[0-9０-９]{1,2}\s*月(?:\s*[0-9０-９]{1,2}\s*日)?/;
/** 各位委员：; a 人大常委会 session is addressed 主任、各位副主任、秘书长、各位委员：. */
const SALUTATION = /^(?:各位|尊敬的|同志们|同志們|女士们|女士們|主任、)/;
const SPEAKER = /^[\u4e00-\u9fff·]{2,4}$|^[\u4e00-\u9fff、]{2,30}[ \u3000]+[\u4e00-\u9fff·]{2,4}$|^(?:述职人|报告人|汇报人|发言人)[:：]/;
const WEB_META = /^(?:发布时间|时间[:：]|来源[:：]|编辑[:：]|责任编辑|作者[:：]|分享$|字号|打印|【)|(?:新闻网|客户端|网站|政协网)$/;
const CAPTION = /摄$|摄影$|记者.{1,8}摄/;

function clean(p: Paragraph): string {
  return p.text.replace(/^#{1,6}\s*/, '').replace(/^(?:\*{1,3}|_{1,3})|(?:\*{1,3}|_{1,3})$/g, '');
}

/** A title set with a space between its characters, as Word files do (政 府 工 作 报 告): read without them. */
const LETTER_SPACED = /^(?:[\u4e00-\u9fff][ \u3000]{1,3})+[\u4e00-\u9fff]$/;

/**
 * A web page's breadcrumb (首页 > 政务公开 > 计划总结, 当前位置：…): its last crumb may name the
 * kind of document, but it is no title.
 */
export const BREADCRUMB = /[>›»]|^(?:当前位置|您的位置|您现在的位置|你现在的位置|你的位置|所在位置)/;

function isTitleLike(line: string, strong: boolean): boolean {
  const t = LETTER_SPACED.test(line) ? line.replace(/[ \u3000]/g, '') : line;
  if (t.length < 4 || t.length > 80 || SENTENCE_MARK.test(t) || LEADS_ON.test(t) || BREADCRUMB.test(t)) return false;
  return strong ? TITLE_STRONG.test(t) : TITLE_WEAK.test(t);
}

/**
 * A sentence that leads on to what follows (现将本人2023年度德、能、勤、绩、廉等方面的情况报告如下：):
 * body text that names 报告, not a title.
 */
const LEADS_ON = /[：:]$/;

/** The short titles of a plan's or a report's opening and closing sections, on a line of their own (not a speaker's name). */
export const SHORT_SECTION = /^(?:前言|引言|序言|结语|结束语|附则|后记)$/;

/** Whether a paragraph reads as body text (the front matter cannot reach past it). */
function isBody(t: string): boolean {
  return SHORT_SECTION.test(t) || (t.length > 60 && SENTENCE_MARK.test(t)) || /^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十]{1,3}[篇章节部])/.test(t) || /^[0-9０-９]{4}年[^，,。]{0,10}(?:回顾|安排)$/.test(t);
}

/** The body a document is addressed to, on its own line (GB/T 9704 主送机关): 省人民政府：. */
const ADDRESSEE = /^[\u4e00-\u9fff、，,]{2,60}(?:政府|委员会|常委会|党委|人大|政协|办公室|办公厅|部门|单位|局|厅|委|院)[：:]$/;

function roleOf(t: string): FrontMatterItem['role'] | undefined {
  if ((t.length <= 30 && SALUTATION.test(t) && !SENTENCE_MARK.test(t.slice(0, -1))) || ADDRESSEE.test(t)) return 'salutation';
  if (t.length <= 70 && SUBTITLE.test(t)) return 'subtitle';
  if (t.length <= 60 && DATE.test(t)) return 'date';
  if (/^[（(]?[^，,。]{0,50}在.{2,40}会议上[）)]?$/.test(t)) return 'subtitle';
  // The author under the title is a person (市长 张某某) or a body (市政协经济委员会, as 调研报告 name theirs).
  if (SPEAKER.test(t) || TITLE_HEAD.test(t)) return 'speaker';
  if (t.length <= 100 && (WEB_META.test(t) || CAPTION.test(t))) return 'other';
  return undefined;
}

export function detectFrontMatter(paragraphs: readonly Paragraph[]): FrontMatterItem[] {
  const limit = Math.min(paragraphs.length, MAX_LEADING);
  let title = -1;
  for (let i = 0; i < limit; i++) {
    const t = clean(paragraphs[i]);
    if (isBody(t)) break;
    if (isTitleLike(t, true)) {
      title = i;
      break;
    }
  }
  if (title < 0) {
    // No title: a document that opens with its salutation still has a front matter of one line.
    const first = paragraphs[0];
    if (first && roleOf(clean(first)) === 'salutation') return [{ role: 'salutation', paragraph: 0 }];
    return [];
  }
  const items: FrontMatterItem[] = [];
  // A title split over two lines: 中国人民政治协商会议 / 衡阳市委员会常务委员会工作报告.
  if (title > 0) {
    const prev = clean(paragraphs[title - 1]);
    if (TITLE_HEAD.test(prev)) items.push({ role: 'title', paragraph: title - 1 });
  }
  items.push({ role: 'title', paragraph: title });
  for (let i = title + 1; i < paragraphs.length && i <= title + MAX_ITEMS; i++) {
    const t = clean(paragraphs[i]);
    // 第一章 规划背景 has the shape of a speaker's line (职务 姓名) but opens the body.
    if (isBody(t)) break;
    const role = roleOf(t) ?? (isTitleLike(t, true) || (paragraphs[i].text.startsWith('#') && isTitleLike(t, false)) ? 'title' : undefined);
    if (!role) break;
    items.push({ role, paragraph: i });
    if (role === 'salutation') break;
  }
  return items;
}
