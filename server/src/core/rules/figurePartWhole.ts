import { paragraphRule } from './types';
import { figuresBySentence, type Figure } from '../parse/figures';
import { beyondRounding, inUnitsOf, isChange, isCount, isPerSomething, roundingOf, shown } from './figureShared';
import { sentenceIndexAt } from '../parse/paragraphs';
import { commonSuffix } from '../text/diff';
import { isSpace } from '../text/chars';
import type { Paragraph, Span } from '../model';

/**
 * figure-part-whole — a part given after 其中 exceeds its total (签约项目82个，其中…战略项目86个), or
 * the parts listed after 其中 add up to more than it: those before the first semicolon, and past it
 * only a list whose every group opens alike (see parallelParts). The total is the last figure of
 * the same unit before 其中 in the sentence that is not a change (比上年增加10亿元), or, for a
 * sentence that opens on 其中, such a figure of the sentence before (of several, what exceeds the
 * largest exceeds each; groups that each give income and spending are summed by column against the
 * total of each, see checkColumns). Parts that overlap by nature (党员, 女性, 少数民族…) are not summed;
 * averages and values per something (人均, 日均, 均价, 每…) are neither wholes nor parts. A share a
 * part states of the total (其中…326件，占69.7%) must be its count over the total's.
 */
const OVERLAPPING = /女|党员|党外|少数民族|民族|博士|硕士|高级|青年|专家|院士/;

/**
 * The parts listed after 其中 past the first semicolon, when every group there opens on one like the
 * first part (其中，工矿商贸事故18起…；道路交通事故21起…；火灾事故3起…): a figure of the unit in the
 * group's first clause, before any other, whose phrase ends as the first part's does (事故, 类建议).
 * Where the first part stands in a later clause of its group, each group's stands in that clause
 * after figures of the same units (其中，产业项目186个，完成投资652.3亿元；基础设施项目92个，完成投资
 * 386.2亿元；…; not …；新开工项目，当年完成投资1620亿元, which counts no projects). None when one group
 * does not, or when there are fewer than two such groups (one, when it names the thing as the
 * first does: see the end): what follows a semicolon may be no part. `firstFrom`: where the first
 * group's text begins, after 其中 (or the breakdown's lead) and its comma.
 */
function parallelParts(text: string, inSentence: readonly Figure[], firstFrom: number, from: number, stop: number, first: Figure, alone: boolean): Figure[] {
  const out: Figure[] = [];
  let named = Infinity;
  let groupStart = from;
  const clause = clausesBetween(text, firstFrom, first.span.start);
  const shape = unitsBetween(inSentence, firstFrom, first.span.start);
  while (groupStart < stop) {
    let groupEnd = groupStart + 1;
    while (groupEnd < stop && text[groupEnd] !== '；' && text[groupEnd] !== ';') groupEnd++;
    // The group's first figure of the unit in the clause where the first part stands: 道路交通事故
    // 21起 opens its group, and so does 农村低保对象5260户8860人 for 人; 共有96个重点项目集中开工，总投资
    // 额达979.18亿元 opens on something else where 其中年度投资额达37.4亿元 opened the first group.
    const f = inSentence.find((x) => x.span.start > groupStart && x.span.start < groupEnd && x.unit === first.unit && clausesBetween(text, groupStart + 1, x.span.start) === clause);
    // Alike: the phrase ends as the first part's does (the figures of another unit in it aside), or
    // both say what share of the whole they are (…采纳的326件，占69.7%；正在解决的118件，占25.2%).
    const suffix = f === undefined ? 0 : commonSuffix(withoutFigures(f.before), withoutFigures(first.before));
    named = Math.min(named, suffix);
    const alike = f !== undefined && (suffix >= 2 || (shareAt(text, f.span.end) >= 0 && shareAt(text, first.span.end) >= 0));
    if (!f || isPerSomething(f) || !alike || unitsBetween(inSentence, groupStart, f.span.start) !== shape) return [];
    out.push(f);
    groupStart = groupEnd;
  }
  // Three parts at least: 其中城镇人口235.6万人；全年净流入人口120万人 pairs two things, it lists none.
  // Two when the first group has no other of the unit and they name one thing alike, by four
  // characters at least: 其中，城市低保对象1260户2180人…；农村低保对象5260户8860人… (not 其中，职工医保
  // 基金收入98.6亿元，支出82.5亿元；居民医保基金收入70.0亿元…, where the groups are not the parts).
  // Or two that make the whole between them (其中，税收收入198.6亿元…；非税收入87.8亿元…).
  return out.length >= 2 || (out.length === 1 && alone && (named >= 4 || complementary(first, out[0]))) ? out : [];
}

/**
 * Groups after 其中 that each give the same quantities of the unit, in the same order: 其中，职工医保
 * 基金收入98.6亿元，支出86.5亿元；城乡居民医保基金收入87.7亿元，支出86.1亿元. Each column of them (收入,
 * 支出: the phrases of its parts end alike, and unlike the other columns') is summed against the
 * total whose phrase ends as theirs do (基金收入186.3亿元, 支出172.6亿元), when exactly one does.
 * Whether the groups were read as columns: the other checks of the unit are then not made (they
 * would sum one group's income and spending).
 */
function checkColumns(text: string, p: Paragraph, si: number, at: number, stop: number, inSentence: readonly Figure[], unit: string, bySentence: ReadonlyMap<number, Figure[]>, report: Parameters<typeof figurePartWhole.check>[1]): boolean {
  const groups: Figure[][] = [];
  let group: Figure[] = [];
  let from = at;
  for (let i = at; i <= stop; i++) {
    const c = i < stop ? text.charCodeAt(i) : 0x3b;
    if (c !== 0xff1b && c !== 0x3b) continue;
    for (const f of inSentence) if (f.span.start > from && f.span.start < i && f.unit === unit) group.push(f);
    if (group.length > 0) groups.push(group);
    group = [];
    from = i;
  }
  const width = groups[0]?.length ?? 0;
  if (groups.length < 2 || width < 2 || groups.some((g) => g.length !== width || g.some((f) => f.approx || isChange(f) || isPerSomething(f)))) return false;
  const columns = Array.from({ length: width }, (_, k) => groups.map((g) => g[k]));
  const ends = columns.map((col) => col.slice(1).reduce((n, f) => Math.min(n, commonSuffix(withoutFigures(f.before), withoutFigures(col[0].before))), Infinity));
  const names = columns.map((col, k) => (ends[k] >= 2 ? col[0].before.slice(-2) : ''));
  if (names.some((n) => n === '') || new Set(names).size !== width) return false;
  const own = inSentence.filter((f) => f.unit === unit && f.span.end <= at && !isChange(f));
  const wholes = own.length > 0 ? own : wholesBefore(text, p.sentences, si, at, unit, bySentence);
  const totals = names.map((n) => wholes.filter((w) => w.before.endsWith(n)));
  if (totals.some((t) => t.length !== 1)) return false;
  columns.forEach((col, k) => {
    if (overTotal(col, totals[k][0])) reportSum(text, col, totals[k][0], report);
  });
  return true;
}

/**
 * Whether `parts` add up to more than `whole`. Rounded figures may add up to a little more than
 * their rounded total (12.3亿元 + 8.7亿元 of 20.9亿元): by up to half the last digit of each.
 * Counts written whole are exact.
 */
function overTotal(parts: readonly Figure[], whole: Figure): boolean {
  const sum = parts.reduce((n, f) => n + f.low, 0);
  return sum > whole.high * (1 + 1e-9) + roundingOf(parts) + whole.rounding;
}

/**
 * Parts that add up to more than their total, or, given their `sum`, parts that make the whole
 * between them and do not add up to it: the finding, on the parts.
 */
function reportSum(text: string, parts: readonly Figure[], whole: Figure, report: Parameters<typeof figurePartWhole.check>[1], sum?: number): void {
  const args = { parts: parts.map((f) => shown(text, f)).join(' + '), whole: shown(text, whole) };
  report({
    span: { start: parts[0].span.start, end: parts[parts.length - 1].span.end },
    message: sum === undefined ? { key: 'figure-part-whole.sum', args } : { key: 'figure-part-whole.complement', args: { ...args, sum: inUnitsOf(text, whole, sum) } },
    related: [{ span: whole.span, message: { key: 'figure.related-total' } }],
  });
}

/**
 * Pairs of words that split a whole between them, before a name they share: 一般债务 and 专项债务
 * (a government's debt), 城镇人口 and 乡村人口, 城市低保对象 and 农村低保对象.
 */
const COMPLEMENTS: readonly (readonly [string, string])[] = [
  ['一般', '专项'],
  ['城镇', '乡村'],
  ['城镇', '农村'],
  ['城市', '农村'],
];

/**
 * A part's phrase without 其中 before it or a verb after it: 其中一般债务余额 → 一般债务余额, 税收收入完成
 * → 税收收入 (a closing 达到, 达 or 为 the parser drops).
 */
function partName(f: Figure): string {
  return withoutFigures(f.before)
    .replace(/^其中[：:]?/, '')
    .replace(/(?:完成|实现)$/, '');
}

/**
 * Whether two parts make up their whole between them: their names share an ending of two characters
 * at least, and what comes before it is X and 非X (税收收入, 非税收入: 税收 and 非税; 党员, 非党员) or a
 * pair of COMPLEMENTS (一般债务余额, 专项债务余额).
 */
function complementary(a: Figure, b: Figure): boolean {
  const x = partName(a);
  const y = partName(b);
  const n = commonSuffix(x, y);
  if (n < 2) return false;
  const [p, q] = [x.slice(0, x.length - n), y.slice(0, y.length - n)];
  const negated = (r: string, s: string) => r.startsWith('非') && !s.includes('非') && s.startsWith(r.slice(1)) && s.length <= r.length;
  return negated(p, q) || negated(q, p) || COMPLEMENTS.some(([u, v]) => (p === u && q === v) || (p === v && q === u));
}

/** The three industries, in order, before a name they share: 第一产业增加值, 第二产业增加值, 第三产业增加值. */
const INDUSTRIES = ['第一产业', '第二产业', '第三产业'];

/**
 * Whether `parts` make their whole between them: two complementary ones, the three industries, or
 * a list whose last part is the rest (其他业务收入, 其他融资).
 */
function makeTheWhole(parts: readonly Figure[]): boolean {
  if (parts.length >= 2 && partName(parts[parts.length - 1]).startsWith('其他')) return true;
  if (parts.length === 2) return complementary(parts[0], parts[1]);
  if (parts.length !== 3) return false;
  const names = parts.map(partName);
  const rest = names[0].slice(INDUSTRIES[0].length);
  return names.every((n, i) => n === INDUSTRIES[i] + rest);
}

/** The clause marks (，：) in `text[from, to)`: which clause of its group a figure stands in. */
function clausesBetween(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xff0c || c === 0x2c || c === 0xff1a || c === 0x3a) n++;
  }
  return n;
}

/** The units of the figures in `[from, to)`, in order: what a group holds before its part. */
function unitsBetween(inSentence: readonly Figure[], from: number, to: number): string {
  let units = '';
  for (const x of inSentence) if (x.span.start >= from && x.span.start < to) units += x.unit + '|';
  return units;
}

/** A phrase without the digits of a figure of another unit in it: 农村低保对象5260户 → 农村低保对象户. */
function withoutFigures(phrase: string): string {
  return phrase.replace(/[0-9０-９.．]+/g, '');
}

/**
 * Of several wholes, the one whose phrase ends as every part's does, by three characters at least
 * and by more than any other's (全市政府债务余额1286.5亿元，控制在省核定的限额1352.8亿元以内。其中，
 * 一般债务余额…，专项债务余额…: 债务余额); undefined when none does, or two do alike (收到社情民意信息
 * 360条，采用信息215条。其中，经济类信息…: either). A head noun alone names no whole: 省外游客 and 省内
 * 游客 are of the 旅游接待人数 before them, not of the 过夜游客 beside it.
 */
function namedWhole(parts: readonly Figure[], wholes: readonly Figure[]): Figure | undefined {
  if (wholes.length < 2) return undefined;
  const ends = wholes.map((w) => parts.reduce((n, f) => Math.min(n, commonSuffix(withoutFigures(f.before), withoutFigures(w.before))), Infinity));
  const best = Math.max(...ends);
  return best >= 3 && ends.filter((e) => e === best).length === 1 ? wholes[ends.indexOf(best)] : undefined;
}

/**
 * The wholes a sentence that opens on 其中 may have, in the sentence before it (投入资金1260万元，完成
 * 三项工程。其中，实验楼改造680万元…): its figures of the unit that are not a change. Several when
 * that sentence has several (收到提案512件，立案468件。其中…: of either), or, when that sentence
 * counts nothing in the unit, of the one before it. `i`: the index of 其中's sentence in `sentences`.
 */
function wholesBefore(text: string, sentences: readonly Span[], i: number, at: number, unit: string, bySentence: ReadonlyMap<number, Figure[]>): Figure[] {
  if (i < 1) return [];
  for (let k = sentences[i].start; k < at; k++) {
    const c = text.charCodeAt(k);
    if (c > 32 && !isSpace(c)) return [];
  }
  // Past one sentence that counts nothing in the unit (…468件，全部交由86个承办单位办理。截至11月底，已全部办复，
  // 办复率100%。其中，…解决的286件…): it comes between the total and its breakdown.
  for (let k = i - 1; k >= Math.max(0, i - 2); k--) {
    const ofUnit = (bySentence.get(sentences[k].start) ?? []).filter((f) => f.unit === unit);
    if (ofUnit.length > 0) return ofUnit.filter((f) => isCount(f) && !isChange(f) && !isPerSomething(f));
  }
  return [];
}

/**
 * Where the share a part states of its whole begins (…326件，占69.7%: the offset of 69.7%), or -1:
 * 占 right after the part, or after a comma, or after the part's change (税收收入18.6亿元，增长4.6%，
 * 占…).
 */
function shareAt(text: string, end: number): number {
  let i = end;
  if (text.charCodeAt(i) === 0xff0c || text.charCodeAt(i) === 0x2c) i++;
  if (text.charCodeAt(i) !== 0x5360) {
    PART_CHANGE.lastIndex = i;
    if (PART_CHANGE.test(text)) i = PART_CHANGE.lastIndex;
  }
  return text.charCodeAt(i) === 0x5360 /* 占 */ ? i + 1 : -1;
}

/** A part's change by a percentage, before its share: 增长4.6%，, 同比下降2.1%，. */
const PART_CHANGE = /(?:同比|比上年|较上年)?(?:增长|下降|增加|减少|提高|降低)[0-9.]{1,8}[%％][，,]/y;

/**
 * A sentence that opens on a breakdown into parts that do not overlap, like a 其中 that opens a
 * sentence: 分产业看，第一产业增加值186.2亿元…；第二产业…；第三产业… (of the 地区生产总值 before). Not
 * 分行业看 and the like, whose groups (高技术制造业, 装备制造业) often overlap, nor 分季度看, which
 * may run on (一季度…，上半年…，前三季度…). Also a retail total by where it was sold: 按经营地统计，城镇
 * 消费品零售额…；乡村消费品零售额….
 */
const BREAKDOWN_LEAD = /(?:(?:分三次产业|分产业|按产业|分城乡|分区域)(?:来)?看|按经营地(?:统计|分))[，,：:]/y;

/** A clause that opens on a name and 中, within which it counts: 专任教师中…. */
const WITHIN = /([\u4e00-\u9fff]{2,10}?)中/y;
const CLAUSE_MARK = new Set([0xff0c, 0x2c, 0xff1b, 0x3b, 0xff1a, 0x3a, 0x3001]);

/** A base a part names for its share, after 占: 专任教师 in 占专任教师总数的29.5%. */
const NAMED_BASE = /([\u4e00-\u9fff]{2,12}?)(?:总数|总量|总额|总人数|人数)?的/y;

/**
 * The earlier part that `parts[i]` is a part of, not of the whole, or -1: it names that part as the
 * base of its share (现有教职工286人，其中专任教师258人，具有研究生学历的教师76人，占专任教师总数的
 * 29.5%), or its clause opens on that part's name and 中 (其中专任教师5862人，专任教师中具有本科
 * 学历的5386人).
 */
function parentPart(text: string, parts: readonly Figure[], i: number): number {
  if (i === 0) return -1;
  let c = parts[i].span.start;
  while (c > parts[i - 1].span.end && !CLAUSE_MARK.has(text.charCodeAt(c - 1))) c--;
  WITHIN.lastIndex = c;
  const within = WITHIN.exec(text)?.[1];
  if (within !== undefined && WITHIN.lastIndex <= parts[i].span.start) {
    for (let k = 0; k < i; k++) if (parts[k].before.endsWith(within)) return k;
  }
  const at = shareAt(text, parts[i].span.end);
  if (at < 0) return -1;
  NAMED_BASE.lastIndex = at;
  const base = NAMED_BASE.exec(text)?.[1];
  if (base === undefined) return -1;
  for (let k = 0; k < i; k++) if (parts[k].before.endsWith(base)) return k;
  return -1;
}

/** The word for a share before its percentage: 占比为69.3%, 占…收入的比重为69.3%. */
const SHARE_WORD = /(?:比重|比例|份额|比)(?:为|达到|达|是)?/y;

/**
 * The exact percentage a part states of its whole right after it (占69.7%, 占比为69.7%), or after
 * naming that whole (占一般公共预算收入的69.4%, …的比重为69.4%, of 一般公共预算收入完成26.8亿元), if any.
 */
function shareOf(text: string, part: Figure, figures: readonly Figure[], whole: Figure): Figure | undefined {
  let at = shareAt(text, part.span.end);
  if (at < 0) return undefined;
  NAMED_BASE.lastIndex = at;
  const base = NAMED_BASE.exec(text);
  if (base && whole.before.includes(base[1])) at = NAMED_BASE.lastIndex;
  SHARE_WORD.lastIndex = at;
  if (SHARE_WORD.test(text)) at = SHARE_WORD.lastIndex;
  const share = figures.find((f) => f.span.start === at);
  return share && share.unit === '%' && !share.approx ? share : undefined;
}

export const figurePartWhole = paragraphRule(
  {
    id: 'figure-part-whole',
    category: 'figure',
    defaultSeverity: 'error',
    fixable: false,
    docs: { zh: '“其中”的部分数据超过总数，或各部分之和超过总数。', en: 'A part (其中…) exceeds its total, or the parts add up to more than the total.' },
  },
  (doc, paragraphs, report) => {
    const bySentence = figuresBySentence(doc);
    for (const p of paragraphs) {
      for (const word of REST_WORDS) for (let k = p.text.indexOf(word); k >= 0; k = p.text.indexOf(word, k + 2)) checkRest(doc.text, p, p.span.start + k, word, bySentence, report);
      // Where parts are listed: after each 其中, and after a sentence's breakdown lead (分产业看，).
      const marks: { at: number; lead: number }[] = [];
      for (let k = p.text.indexOf('其中'); k >= 0; k = p.text.indexOf('其中', k + 2)) marks.push({ at: p.span.start + k, lead: 2 });
      for (const sentence of p.sentences) {
        BREAKDOWN_LEAD.lastIndex = sentence.start;
        if (BREAKDOWN_LEAD.test(doc.text)) marks.push({ at: sentence.start, lead: BREAKDOWN_LEAD.lastIndex - sentence.start });
      }
      marks.sort((a, b) => a.at - b.at);
      for (let j = 0; j < marks.length; j++) {
        const { at, lead } = marks[j];
        const si = sentenceIndexAt(p, at);
        if (si < 0) continue;
        const sentence = p.sentences[si];
        const inSentence = (bySentence.get(sentence.start) ?? []).filter(isCount);
        const stop = j + 1 < marks.length ? Math.min(sentence.end, marks[j + 1].at) : sentence.end;
        const semicolon = doc.text.slice(at, stop).search(/[；;]/);
        const end = semicolon >= 0 ? at + semicolon : stop;
        // An average is not the sum of its parts (人均…43000元，其中城镇居民54000元), nor one of them.
        const parts = inSentence.filter((f) => f.span.start > at && f.span.start < end && !isPerSomething(f));
        const byUnit = new Map<string, Figure[]>();
        for (const f of parts) byUnit.set(f.unit, [...(byUnit.get(f.unit) ?? []), f]);
        for (const [unit, first] of byUnit) {
          if (first.length >= 2 && checkColumns(doc.text, p, si, at, stop, inSentence, unit, bySentence, report)) continue;
          let firstFrom = at + lead;
          while (firstFrom < end && (CLAUSE_MARK.has(doc.text.charCodeAt(firstFrom)) || isSpace(doc.text.charCodeAt(firstFrom)))) firstFrom++;
          const list = first.concat(parallelParts(doc.text, inSentence, firstFrom, end, stop, first[0], first.length === 1));
          // A change is no whole (营业收入50亿元，比上年增加10亿元，其中主营业务收入45亿元).
          const own = inSentence.filter((f) => f.unit === unit && f.span.end <= at && !isChange(f)).pop();
          const wholes = own ? [own] : wholesBefore(doc.text, p.sentences, si, at, unit, bySentence);
          if (wholes.length === 0 || (own && isPerSomething(own))) continue;
          // Of several wholes, the one the parts are named after (债务余额 of 一般债务余额 and 专项债务
          // 余额, not the 限额 beside it); else a part or a sum over the largest exceeds each.
          const named = namedWhole(list, wholes);
          const whole = named ?? wholes.reduce((a, b) => (b.high > a.high ? b : a));
          const over = list.find((f) => f.low > whole.high);
          if (over) {
            report({
              span: over.span,
              message: { key: 'figure-part-whole.part', args: { part: shown(doc.text, over), whole: shown(doc.text, whole) } },
              related: [{ span: whole.span, message: { key: 'figure.related-total' } }],
            });
            continue;
          }
          // A part of a part is in its total already.
          const parents = list.map((_, i) => parentPart(doc.text, list, i));
          const counted = list.filter((_, i) => parents[i] < 0);
          const summed = counted.length >= 2 && !counted.some((f) => OVERLAPPING.test(f.before + f.after));
          if (summed && overTotal(counted, whole)) reportSum(doc.text, counted, whole, report);
          else {
            // Parts that make the whole between them (税收收入 and 非税收入; the three 产业) add up to it, short or over.
            const sum = list.reduce((n, f) => n + f.value, 0);
            if ((wholes.length === 1 || named) && ![...list, whole].some((f) => f.approx || isChange(f)) && beyondRounding(sum, whole.value, [...list, whole]) && makeTheWhole(list)) reportSum(doc.text, list, whole, report, sum);
            // A share is of one whole: not read where the whole is one of several.
            if (wholes.length === 1) checkShares(doc.text, list, parents, whole, bySentence.get(sentence.start) ?? [], report);
          }
        }
      }
    }
  },
);

/** A figure a total's other figures may be parts of: exact, no change, no average. */
const partLike = (f: Figure, unit: string) => f.unit === unit && isCount(f) && !f.approx && !isChange(f) && !isPerSomething(f);

/** The words of what is left of a total: 其余9项, 剩余8件正在推进. */
const REST_WORDS = ['其余', '剩余'];

/**
 * 其余N (剩余N) after a total and its parts in one sentence must be the total less the parts: 排查隐患
 * 1268项，已整改1259项，其余9项正在整改; 医院186家，其中三级医院24家、二级医院68家，其余94家.
 * With 其中 before it, the total is the figure before 其中 and the parts those after it.
 */
function checkRest(text: string, p: Paragraph, at: number, word: string, bySentence: ReadonlyMap<number, Figure[]>, report: Parameters<typeof figurePartWhole.check>[1]): void {
  const sentence = p.sentences[sentenceIndexAt(p, at)];
  if (!sentence) return;
  const figures = bySentence.get(sentence.start) ?? [];
  // The rest: the figure right after 其余 (其余9项, 其余的42件, 其余为94家).
  const rest = figures.find((f) => f.span.start >= at + 2 && f.span.start <= at + 4);
  if (!rest || !partLike(rest, rest.unit)) return;
  const before = figures.filter((f) => f.span.end <= at && partLike(f, rest.unit));
  // Looked for in the paragraph, not back through the whole text.
  const split = p.text.lastIndexOf('其中', at - p.span.start);
  const qizhong = split >= 0 && p.span.start + split >= sentence.start ? p.span.start + split : -1;
  const whole = qizhong >= 0 ? before.filter((f) => f.span.end <= qizhong).pop() : before[0];
  if (!whole) return;
  const parts = before.filter((f) => f.span.start > (qizhong >= 0 ? qizhong : whole.span.end));
  if (parts.length === 0 || parts.length > 6 || figures.some((f) => f.span.start > whole.span.start && f.span.start < at && f.unit === rest.unit && f.approx)) return;
  const left = parts.reduce((n, f) => n - f.value, whole.value);
  if (left <= 0 || !beyondRounding(left, rest.value, [whole, ...parts, rest])) return;
  // Parts after 其中 that with the rest exceed the total are the sum check's finding already.
  if (qizhong >= 0 && rest.value > left) return;
  report({
    span: rest.span,
    message: { key: 'figure-part-whole.rest', args: { word, whole: shown(text, whole), parts: parts.map((f) => shown(text, f)).join(' − '), left: inUnitsOf(text, rest, left), rest: shown(text, rest) } },
    related: [whole, ...parts].map((f) => ({ span: f.span, message: { key: f === whole ? 'figure.related-total' : 'figure.related' } })),
  });
}

/**
 * The shares the parts state of the whole (其中…326件，占69.7%), against the counts, at the
 * precision each is written with. Reports the first that disagrees.
 */
function checkShares(text: string, parts: readonly Figure[], parents: readonly number[], total: Figure, figures: readonly Figure[], report: Parameters<typeof figurePartWhole.check>[1]): void {
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    // A part of a part states its share of that part (5386人，占91.9% of 专任教师5862人).
    const whole = parents[i] >= 0 ? parts[parents[i]] : total;
    if (whole.approx || whole.value <= 0) continue;
    const share = part.approx ? undefined : shareOf(text, part, figures, whole);
    if (!share) continue;
    const computed = (part.value / whole.value) * 100;
    if (Math.abs(computed - share.value) <= 0.5 * 10 ** -share.decimals + 1e-9) continue;
    report({
      span: share.span,
      message: { key: 'figure-part-whole.share', args: { part: shown(text, part), whole: shown(text, whole), computed: computed.toFixed(Math.max(1, share.decimals)), share: shown(text, share) } },
      related: [part, whole].map((f) => ({ span: f.span, message: { key: f === whole ? 'figure.related-total' : 'figure.related' } })),
    });
    return;
  }
}
