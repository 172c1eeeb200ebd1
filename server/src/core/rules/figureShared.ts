import { extractFigures, type Figure } from '../parse/figures';
import { commonPrefix } from '../text/diff';
import { perDocument } from '../memo';

/**
 * Words of a value per something — an average, a price, a rate per person or per unit — which is
 * not a sum of its parts: 人均可支配收入43000元，其中城镇居民54000元.
 */
const AVERAGE_WORDS = ['人均', '平均', '日均', '月均', '年均', '周均', '户均', '亩均', '均价', '单价', '均值', '中位数', '每'];

/** Whether the phrase before a figure says it is an average or a value per something. */
export function isPerSomething(f: Figure): boolean {
  return AVERAGE_WORDS.some((w) => f.before.includes(w));
}

/** 547件 · 97.9% · 2300多条 · 23万元: a figure as the reader wrote it, for messages. */
export function shown(text: string, f: Figure): string {
  return text.slice(f.span.start, f.span.end);
}

/** Whether `short` appears in `long` in order (not necessarily contiguous). */
function subsequence(short: string, long: string): boolean {
  let j = 0;
  for (let i = 0; i < long.length && j < short.length; i++) if (long[i] === short[j]) j++;
  return j === short.length;
}

/**
 * Whether two figures count the same thing, judged by what is attached to them: the phrase just
 * before the number (收到提案 ⊂ 收到委员提案; 开展重点协商活动) — one a subsequence of the other, ending
 * on the same character, covering most of it — or the phrase just after the unit (名省市县政协委员;
 * 个课题…开展走找想促活动). 开展调研视察活动 and 开展民主监督活动 are different things.
 */
export function sameSubject(a: Figure, b: Figure): boolean {
  if (a.unit !== b.unit || scopeOf(a) !== scopeOf(b)) return false;
  const [sb, lb] = a.before.length <= b.before.length ? [a.before, b.before] : [b.before, a.before];
  if ((sb.length >= 4 || (sb.length === 3 && sb.length >= 0.6 * lb.length)) && sb[sb.length - 1] === lb[lb.length - 1] && subsequence(sb, lb)) return true;
  // The subject on opposite sides of the number: 召开8次党组理论学习中心组学习 / 召开党组理论学习中心组学习6次.
  const crossed = (x: Figure, y: Figure) => x.after.length >= 5 && y.before.includes(x.after.slice(0, 8));
  if (crossed(a, b) || crossed(b, a)) return true;
  const [sa, la] = a.after.length <= b.after.length ? [a.after, b.after] : [b.after, a.after];
  const prefix = commonPrefix(a.after, b.after);
  if (prefix >= 4) return true;
  return prefix >= 2 && sa.length >= 5 && subsequence(sa.slice(prefix), la.slice(prefix)) && sa.length >= 0.6 * la.length;
}

/**
 * Words that narrow what a figure counts to a part of it, by group: where (城镇, 境外, 城区), whose
 * (民营, 规模以上), who (女, 党外, 少数民族), when (一季度, 国庆假期) and per what (人均, 日均, 每).
 * 接待游客3000万人次 and 接待境外游客50万人次 are a whole and its part, as are 居民人均可支配收入 and
 * 城镇居民人均可支配收入: sameSubject holds only figures narrowed by the same words. Words that
 * name a whole by its parts (国内外, 城乡, 男女) narrow nothing.
 */
const SCOPE_WORDS = [
  ['城镇', '农村', '城市', '乡村', '城区', '市区', '县城', '县域', '乡镇', '境外', '境内', '入境', '出境', '国内', '国外', '海外', '省外', '市外', '外地'],
  ['外资', '外商', '民营', '国有', '私营', '个体', '规模以上', '规上', '中小'],
  ['女', '男', '少数民族', '党外', '党员', '青年', '老年', '儿童', '学生', '农民工'],
  ['季度', '上半年', '下半年', '月', '假期', '黄金周', '春节', '国庆', '期间'],
  AVERAGE_WORDS,
].flat();
const WHOLE_WORDS = /国内外|境内外|海内外|城乡|男女|中外/g;

/** The scope words in what is attached to a figure, in the order of SCOPE_WORDS, joined. */
function scopeOf(f: Figure): string {
  const phrase = (f.before + '|' + f.after).replace(WHOLE_WORDS, '|');
  let words = '';
  for (const w of SCOPE_WORDS) if (phrase.includes(w)) words += w + '|';
  return words;
}

/** Counts are compared; rates are not (one report gives many 办复率 for different things). */
export function isCount(f: Figure): boolean {
  return f.unit !== '%' && f.unit !== '个百分点';
}

/** The counts of a document, in order (figure-conflict and figure-sum read them; made once a version). */
export const countFigures = perDocument((doc) => extractFigures(doc).filter(isCount));

/** Two figures that cannot both be right: their value intervals do not meet. */
export function disagree(a: Figure, b: Figure): boolean {
  return a.high < b.low || b.high < a.low;
}
