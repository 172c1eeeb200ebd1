import { AVERAGE_WORDS, PHRASE_MAX, extractFigures, type Figure } from '../parse/figures';
import { commonPrefix } from '../text/diff';
import { perDocument } from '../memo';

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
  if (a.unit !== b.unit || a.scope !== b.scope) return false;
  if (ofOtherWholes(a, b)) return false;
  const [sb, lb] = a.before.length <= b.before.length ? [a.before, b.before] : [b.before, a.before];
  // A phrase that ends in 的 qualifies the noun after the unit (规划确定的25项主要指标 and 规划确定的
  // 68项重大任务): where both have one, that is the subject (其中省部级领导带队的9批 has none).
  const qualifies = sb[sb.length - 1] === '的' && a.after !== '' && b.after !== '';
  if ((sb.length >= 4 || (sb.length === 3 && sb.length >= 0.6 * lb.length)) && !qualifies && endsWithin(sb, lb)) {
    // 普通高校12所，在校学生18.6万人 / 普通高中56所，在校学生8.9万人: the subjects left out differ.
    // (A phrase given in full elsewhere, 立案交办提案 beside 收到提案636件，立案提案580件, may be either.)
    // A part that names the total's subject with more in it is one part of it: more in front, in
    // its phrase or by the subject it leaves out (其中，市城投集团实现营业收入215.6亿元，利润总额8.6亿元
    // of 全年实现营业收入862.3亿元；利润总额36.8亿元), or within its phrase (其中，新签房建项目合同额
    // 95.3亿元 of 全年新签合同额286.5亿元).
    if (a.part !== b.part) {
      const [pa, pb] = a.part ? [a, b] : [b, a];
      // The total its 其中 breaks down: 全年新增减税降费及退税缓费186.2亿元。其中，新增减税降费98.6亿元 (a
      // part larger than its total is figure-part-whole's).
      if (pa.paragraph === pb.paragraph && pb.span.start < pa.span.start) return false;
      const named = pa.topic + pa.before;
      if (pb.topic === '' && (pa.before.length > pb.before.length || (named.length > pb.before.length && named.endsWith(pb.before)))) return false;
    }
    // A part's topic narrows it (其中，产业项目180个，计划投资620亿元 is the 产业项目's, not 年度计划投资
    // 1250亿元): against a figure without one, the topic is read as the part's phrase.
    if (differentKind(a, b)) return false;
    return (a.topic === '' && !b.part && frontIsTopic(a.before, b)) || (b.topic === '' && !a.part && frontIsTopic(b.before, a)) || sameTopic(a, b);
  }
  // The subject on opposite sides of the number: 召开8次党组理论学习中心组学习 / 召开党组理论学习中心组学习6次.
  const crossed = (x: Figure, y: Figure) => x.after.length >= 5 && y.before.includes(x.after.slice(0, 8));
  if (crossed(a, b) || crossed(b, a)) return true;
  const [sa, la] = a.after.length <= b.after.length ? [a.after, b.after] : [b.after, a.after];
  const prefix = commonPrefix(a.after, b.after);
  if (prefix >= 4) return true;
  return prefix >= 2 && sa.length >= 5 && subsequence(sa.slice(prefix), la.slice(prefix)) && sa.length >= 0.6 * la.length;
}

/**
 * Parts of two totals that are not one quantity: 全市一般公共预算收入完成386.5亿元。其中，税收收入132.8亿元
 * and 市级一般公共预算收入完成120.4亿元。其中，税收收入45.6亿元. Totals that agree may be one total said
 * twice, in other words (全年一般公共预算收入386.5亿元 in the summary): their parts are still compared.
 */
function ofOtherWholes(a: Figure, b: Figure): boolean {
  const x = a.whole;
  const y = b.whole;
  return x !== undefined && y !== undefined && x !== y && x.unit === y.unit && disagree(x, y) && !sameSubject(x, y);
}

/**
 * Whether what two figures' clauses leave out (Figure.topic), each followed by its phrase, is alike
 * by the test on phrases: 普通高校在校学生 and 普通高中在校学生 are not; 常住人口比上年末增加 and
 * 年末常住人口比上年末增加 are.
 */
function sameTopic(a: Figure, b: Figure): boolean {
  return alikeLeftOut(a.topic + a.before, b.topic + b.before);
}

/**
 * Whether a phrase that holds another figure's phrase names, in front of it, nothing but that
 * figure's topic (Figure.topic): 普通高中在校学生 is the 在校学生 of 普通高中56所，在校学生8.9万人,
 * 各级各类学校在校学生 is not; 各项存款较年初增加 is not the 各项贷款余额's 较年初增加. Where and when
 * (全市将新增学位) say nothing of what is counted, and a phrase with nothing in front (立案交办提案
 * beside 立案提案) may be either.
 */
function frontIsTopic(phrase: string, other: Figure): boolean {
  if (other.topic === '') return true;
  // The other's phrase found in this one from the end: what stands before it is the front, what
  // it skips inside is the inside.
  const { before, topic } = other;
  let i = phrase.length;
  let inside = '';
  for (let j = before.length; j > 0 && i > 0; i--) {
    if (phrase.charCodeAt(i - 1) === before.charCodeAt(j - 1)) j--;
    else if (j < before.length) inside = phrase[i - 1] + inside;
  }
  const front = phrase.slice(0, i).replace(FRONT_NOISE, '');
  if (front.length >= 2 && !topic.includes(front.slice(-2))) return false;
  // A clause that repeats its head's verb leaves out the head's object: 发放高龄津贴1.26万人，发放
  // 资金1512万元 is 发放高龄津贴资金, not 发放临时救助资金.
  const verb = topic.lastIndexOf(before.slice(0, 2));
  return inside.length < 2 || verb < 0 || topic.slice(verb + 2).includes(inside);
}

/** Words in front of a phrase that say where or when, not what: 全市, 今年, 将. */
const FRONT_NOISE = /^(?:全[市区县省镇乡]|[我本][市区县省镇乡]|全年|今年|去年|明年|计划|预计|力争|累计|共|将)+/;

/** Two subjects left out, each followed by its phrase, alike on their last 2 × PHRASE_MAX characters. */
function alikeLeftOut(a: string, b: string): boolean {
  const x = a.slice(-2 * PHRASE_MAX);
  const y = b.slice(-2 * PHRASE_MAX);
  return x.length <= y.length ? endsWithin(x, y) : endsWithin(y, x);
}

/**
 * Two figures, one at least with only a weaker guess at what it leaves out (Figure.nearTopic),
 * whose subjects left out are things of one kind told apart: 立案查处食品违法案件412件，罚没款586万元
 * and 立案查处各类违法案件2136件，结案2088件，罚没款3265万元 (both 案件, not the same). Of two
 * kinds (形成调研报告501篇，报送信息965条 beside 召开协商会12次，报送信息970条), the guess says nothing.
 */
function differentKind(a: Figure, b: Figure): boolean {
  if (a.nearTopic === '' && b.nearTopic === '') return false;
  const x = a.topic || a.nearTopic;
  const y = b.topic || b.nearTopic;
  if (x.length < 2 || y.length < 2 || x.slice(-2) !== y.slice(-2)) return false;
  return !alikeLeftOut(x + a.before, y + b.before);
}

/** The shorter phrase is a subsequence of the longer, ending on the same character (收到提案 / 收到委员提案). */
function endsWithin(short: string, long: string): boolean {
  return short[short.length - 1] === long[long.length - 1] && subsequence(short, long);
}

/**
 * How far figures that add up (parts and their total) may miss because each is rounded: the sum of
 * their Figure.rounding. 12.3亿元 + 8.7亿元 of 20.9亿元: 0.15亿; counts written whole: 0.
 */
export function roundingOf(figures: readonly Figure[]): number {
  let n = 0;
  for (const f of figures) n += f.rounding;
  return n;
}

/**
 * Whether `a` and `b`, worked out from `figures`, differ by more than those figures' rounding (and
 * floating-point noise): 26.8亿元 + 38.6亿元 + … = 77.0亿元 against 收入总计76.4亿元.
 */
export function beyondRounding(a: number, b: number, figures: readonly Figure[]): boolean {
  return Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)) + roundingOf(figures);
}

/** A figure that says by how much something changed (比上年增加10亿元, 同比增长2亿元), not how much there is. */
const CHANGE = /(?:增加|增长|减少|下降|提高|降低|上升|回落|[^新]增|减|多|少)了?$/;
export function isChange(f: Figure): boolean {
  return CHANGE.test(f.before);
}

/** Counts are compared; rates are not (one report gives many 办复率 for different things). */
export function isCount(f: Figure): boolean {
  return f.unit !== '%' && f.unit !== '个百分点';
}

/** The counts of a document, in order (figure-conflict and figure-sum read them; made once a version). */
export const countFigures = perDocument((doc) => extractFigures(doc).filter(isCount));

/** Where each paragraph's counts are: those of paragraph `i` at `[from[i], from[i + 1])` of countFigures. */
export const countsFrom = perDocument((doc) => {
  const counts = countFigures(doc);
  const from = new Int32Array(doc.paragraphs.length + 1);
  let k = 0;
  for (let i = 0; i <= doc.paragraphs.length; i++) {
    while (k < counts.length && counts[k].paragraph < i) k++;
    from[i] = k;
  }
  return from;
});

/** Two figures that cannot both be right: their value intervals do not meet. */
export function disagree(a: Figure, b: Figure): boolean {
  if (!(a.high < b.low || b.high < a.low)) return false;
  // Written to different precisions, the finer may round to the coarser: 58236人 and 5.82万人,
  // 68260万元 and 6.8亿元. (At one precision, a digit apart is twice the rounding: 5.82万, 5.83万.)
  const [fine, coarse] = a.rounding <= b.rounding ? [a, b] : [b, a];
  return Math.abs(fine.value - coarse.value) > coarse.rounding * (1 + 1e-9);
}

/**
 * `value` written as exact `f` is, with its 万/亿 and unit (92家, 0.48万人): what its number is
 * multiplied by is twice its rounding over its last digit, or 1 for a figure written whole.
 */
export function inUnitsOf(text: string, f: Figure, value: number): string {
  const multiple = f.rounding > 0 ? 2 * f.rounding * 10 ** f.decimals : 1;
  const unit = text.slice(f.span.start, f.span.end).replace(/^[0-9０-９,.．]+/, '');
  return String(Number((value / multiple).toFixed(f.decimals + 2))) + unit;
}
