import { paragraphRule } from './types';
import { figuresBySentence, type Figure } from '../parse/figures';
import { isChange, isCount, shown } from './figureShared';
import type { Span } from '../model';
import { sentenceAt } from '../parse/paragraphs';

/**
 * figure-rate — a rate that contradicts the counts stated with it (立案提案332件，已办复325件，办复率
 * 100%: 325/332 is 97.9%), at the precision the rate is written with; or a bounded rate (办复率,
 * 满意率, 合格率…) over 100%. The counts are those of one unit before the rate in its clause group,
 * and the action the rate measures (办复, 合格, 完成…) must be named with them, so that a rate is
 * never checked against counts it does not speak of. Any two of them that give the rate will do;
 * otherwise the message names the two that come nearest to it. A rate defined by two quantities
 * (城镇化率: 城镇人口 over 常住人口) is checked against them wherever its paragraph gives them.
 */
const BOUNDED = new Set(
  '办复 满意 合格 参训 办结 立案 采用 覆盖 出席 到会 知晓 达标 落实 解决 答复 回复 采纳 参与 结案 入选 通过 签约 办理 参会 优良 及格 审结 整改 处置 化解 销号 接种 入学 就业 上线 回访 破案 成功'.split(' '),
);
/**
 * Rates whose counts name the action otherwise, and whose whole may stand before the rate's
 * semicolon, named by its own word: 全年共立刑事案件1268起；破获刑事案件836起，破案率65.9%.
 * - `names`: the words a count names the action with (破获836起 of 破案率);
 * - `whole`: the whole's phrase, with what it counts (立刑事案件: 刑事案件);
 * - `verb`: the action's verb before what a part counts (破获刑事案件: 刑事案件), which must be the
 *   whole's (立治安案件 is no whole for 破获盗窃案件) unless the part names nothing.
 */
const NAMED_OTHERWISE: ReadonlyMap<string, { readonly names: readonly string[]; readonly whole: RegExp; readonly verb: RegExp }> = new Map([
  ['破案', { names: ['破案', '破获', '侦破'], whole: /^(?:全年)?(?:共)?立([^破]{0,6}案件|案)$/, verb: /^(?:共)?(?:破获|侦破|破)/ }],
]);
/**
 * Rates of a plan or a budget: checked against their counts, but over 100% when the plan was
 * exceeded (投资完成率120%, 收入预算执行率103.2%, 资金到位率108%).
 */
const UNBOUNDED = new Set(['完成', '执行', '到位']);
const RATE = /([\u4e00-\u9fff]{2})率(?:、([\u4e00-\u9fff]{2})率)?(?:分别)?(?:均)?(?:达到|达|为|是)?/g;

export const figureRate = paragraphRule(
  {
    id: 'figure-rate',
    category: 'figure',
    defaultSeverity: 'error',
    fixable: false,
    docs: { zh: '比率与所列数据不符，或办复率、满意率、合格率等超过100%。', en: 'A stated rate contradicts the stated counts, or a bounded rate (办复率, 满意率, 合格率…) exceeds 100%.' },
  },
  (doc, paragraphs, report) => {
    const bySentence = figuresBySentence(doc);
    for (const p of paragraphs) {
      // The pattern is tried at every character; most paragraphs have no 率 to find.
      if (!p.text.includes('率')) continue;
      RATE.lastIndex = 0;
      /** The paragraph's counts that a defined rate may be made of, per rate: found once. */
      const madeOf = new Map<Defined, { parts: Figure[]; wholes: Figure[] }>();
      for (let m = RATE.exec(p.text); m; m = RATE.exec(p.text)) {
        const start = p.span.start + m.index;
        const sentence = sentenceAt(p, start);
        const figures = sentence ? (bySentence.get(sentence.start) ?? []) : [];
        const percents = figures.filter((f) => f.unit === '%');
        const stems = [m[1], m[2]].filter((s): s is string => s !== undefined);
        // The percentages that follow the rate word(s): 办复率100% · 办复率、满意率分别达100%和103.8%.
        const values = percents.filter((f) => f.span.start >= start + m![0].length && f.span.start <= start + m![0].length + 12 * stems.length).slice(0, stems.length);
        values.forEach((rate, i) => {
          const stem = stems[i];
          const bounded = BOUNDED.has(stem);
          const defined = DEFINED.get(stem);
          if (defined) {
            if (stems.length > 1) return;
            let counts = madeOf.get(defined);
            if (!counts) madeOf.set(defined, (counts = countsOf(p.sentences, bySentence, defined)));
            return checkDefined(doc.text, counts, rate, defined, report);
          }
          if (!bounded && !UNBOUNDED.has(stem)) return;
          if (bounded && rate.low > 100) {
            report({ span: rate.span, message: { key: 'figure-rate.over', args: { rate: `${stem}率`, value: shown(doc.text, rate) } } });
            return;
          }
          if (stems.length === 1) checkAgainstCounts(doc.text, figures, start, stem, rate, report);
        });
      }
    }
  },
);

function checkAgainstCounts(text: string, figures: readonly Figure[], rateAt: number, stem: string, rate: Figure, report: Parameters<typeof figureRate.check>[1]): void {
  // The clause group of the rate: back to the sentence start or the last semicolon.
  // Searched back to the sentence start only: a search through the whole text before it made a
  // long line of rates without semicolons quadratic (20,000 rates on one line: 7.8 s).
  let from = rate.sentence.start;
  for (let i = Math.min(rateAt, text.length - 1); i >= from; i--) {
    const c = text.charCodeAt(i);
    if (c === 0xff1b /* ； */ || c === 0x3b /* ; */) {
      from = i + 1;
      break;
    }
  }
  const isExactCount = (f: Figure) => isCount(f) && !f.approx;
  const counts = figures.filter((f) => isExactCount(f) && f.span.start >= from && f.span.end <= rateAt);
  if (counts.length === 0) return;
  // The counts of the unit of the nearest one, the last few.
  const unit = counts[counts.length - 1].unit;
  const ofUnit = counts.filter((f) => f.unit === unit).slice(-MAX_COUNTS);
  // A whole named by its own word may stand before the semicolon: 全年共立刑事案件1268起，同比下降
  // 12.3%；破获刑事案件836起，…破案率65.9%.
  const otherwise = NAMED_OTHERWISE.get(stem);
  if (ofUnit.length === 1 && otherwise) {
    const counted = ofUnit[0].before.replace(otherwise.verb, '');
    const whole = figures.filter((f) => {
      const named = isExactCount(f) && f.unit === unit && f.span.end <= from ? otherwise.whole.exec(f.before)?.[1] : undefined;
      return named !== undefined && (counted === '' || counted === named);
    }).pop();
    if (whole) ofUnit.unshift(whole);
  }
  if (ofUnit.length < 2) return;
  // The action measured must be named with the counts (已办复325件, 316名考核合格), not only in 率.
  const clause = text.slice(from, rateAt);
  if (!(otherwise?.names ?? [stem]).some((name) => clause.includes(name))) return;
  // 分别办结245件和330件: parallel counts of two things, neither the other's whole.
  if (clause.includes('分别')) return;
  // 12个问题中已完成整改10个，正在推进2个，整改完成率83.3%: the two nearest counts are not always
  // the rate's. The rate is read against the two counts of the unit before it that come nearest
  // to it (10/12, not 2/10), and agrees where they give it.
  let best: { part: Figure; whole: Figure; ratio: number; off: number } | undefined;
  for (let i = 0; i < ofUnit.length; i++) {
    for (let j = i + 1; j < ofUnit.length; j++) {
      const [part, whole] = partAndWhole(ofUnit[i], ofUnit[j], rate);
      const ratio = (part.value / whole.value) * 100;
      const off = Math.abs(ratio - rate.value);
      if (!best || off < best.off) best = { part, whole, ratio, off };
    }
  }
  if (best && !agrees(best.ratio, rate)) reportRate(text, `${stem}率`, rate, best.part, best.whole, best.ratio, report);
}

/**
 * Rates defined by two counts that their paragraph names before them, wherever they stand in it:
 * 常住人口城镇化率 is 城镇人口 over 常住人口 (年末全市常住人口486.3万人…。其中，城镇人口312.8万人，乡村
 * 人口173.5万人。常住人口城镇化率为64.3%); 资产负债率 is 负债总额 over 资产总额.
 */
const DEFINED: ReadonlyMap<string, Defined> = new Map([
  ['镇化', { name: '城镇化率', part: /城镇(?:常住)?人口$/, whole: /(?<!城镇|乡村|农村)常住人口$/ }],
  ['负债', { name: '资产负债率', part: /负债总额$/, whole: /资产总额$/ }],
]);

/** A defined rate: its name, and the phrases of its part and whole (by the two characters before 率). */
interface Defined {
  readonly name: string;
  readonly part: RegExp;
  readonly whole: RegExp;
}

/** A paragraph's exact counts, not changes, that name a defined rate's part or its whole, in order. */
function countsOf(sentences: readonly Span[], bySentence: ReadonlyMap<number, Figure[]>, defined: Defined): { parts: Figure[]; wholes: Figure[] } {
  const parts: Figure[] = [];
  const wholes: Figure[] = [];
  for (const s of sentences) {
    for (const f of bySentence.get(s.start) ?? []) {
      if (!isCount(f) || f.approx || isChange(f)) continue;
      if (defined.part.test(f.before)) parts.push(f);
      if (defined.whole.test(f.before)) wholes.push(f);
    }
  }
  return { parts, wholes };
}

/** The last of `figures` (in order) that ends by `at`: a binary search, for paragraphs of many rates. */
function lastBefore(figures: readonly Figure[], at: number): Figure | undefined {
  let lo = 0;
  let hi = figures.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (figures[mid].span.end <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? figures[lo - 1] : undefined;
}

function checkDefined(text: string, counts: { readonly parts: readonly Figure[]; readonly wholes: readonly Figure[] }, rate: Figure, defined: Defined, report: Parameters<typeof figureRate.check>[1]): void {
  const part = lastBefore(counts.parts, rate.span.start);
  const whole = lastBefore(counts.wholes, rate.span.start);
  if (!part || !whole || part.unit !== whole.unit || whole.value <= 0) return;
  const ratio = (part.value / whole.value) * 100;
  if (!agrees(ratio, rate)) reportRate(text, defined.name, rate, part, whole, ratio, report);
}

/** Whether `ratio` (a percentage worked out) is the rate as written, at the precision it is written with. */
function agrees(ratio: number, rate: Figure): boolean {
  return Math.abs(ratio - rate.value) <= 0.5 * 10 ** -rate.decimals + 1e-9;
}

/** A rate that its counts contradict: the finding, on the rate, with the counts related. */
function reportRate(text: string, name: string, rate: Figure, part: Figure, whole: Figure, ratio: number, report: Parameters<typeof figureRate.check>[1]): void {
  report({
    span: rate.span,
    message: { key: 'figure-rate.counts', args: { rate: name, value: shown(text, rate), part: shown(text, part), whole: shown(text, whole), computed: ratio.toFixed(Math.max(1, rate.decimals)) } },
    related: [part, whole].sort((x, y) => x.span.start - y.span.start).map((f) => ({ span: f.span, message: { key: 'figure.related' } })),
  });
}

/** How many counts of the unit before a rate are paired with each other: the nearest few. */
const MAX_COUNTS = 6;

/** The smaller count is the part, but over 100% (a plan exceeded: UNBOUNDED) the larger one. */
function partAndWhole(a: Figure, b: Figure, rate: Figure): [Figure, Figure] {
  const [small, large] = a.value <= b.value ? [a, b] : [b, a];
  return rate.value > 100 ? [large, small] : [small, large];
}
