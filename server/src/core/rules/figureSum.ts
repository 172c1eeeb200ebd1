import { paragraphRule } from './types';
import { figuresBySentence, type Figure } from '../parse/figures';
import type { Message, Paragraph } from '../model';
import { beyondRounding, countFigures, countsFrom, inUnitsOf, isChange, isCount, shown } from './figureShared';
import { isClauseMarkCode } from '../text/chars';
import { sentenceAt } from '../parse/paragraphs';

/** A verb right after 分别: the figures count what each did (办结, 增长…), not parts of the total. */
const ACTION = /^(?:办结|办复|答复|完成|增长|增加|下降|减少|提高|降低|上升|占|达标|通过|采纳|立案|落实|解决)/;

/**
 * figure-sum — an explicit total whose listed parts do not add up: 共…12个，分别为…5个、4个、2个.
 * Only the strict form is read — 共/合计/总计 with a total, then 分别 with every part in the same
 * unit, all exact — because 分别 more often pairs several subjects with several values than it
 * splits a total. More totals in their strict forms: a budget's running total after 加上
 * (checkCarriedTotal), a fund's balance of the period after its income and spending and a budget's
 * balance after 收支相抵 (checkBalance), and a structure's shares of a hundred (checkStructure).
 */
export const figureSum = paragraphRule(
  {
    id: 'figure-sum',
    category: 'figure',
    defaultSeverity: 'error',
    fixable: false,
    docs: { zh: '明确给出合计的各分项之和与合计不符，结余不等于收入减支出，或构成比例（三次产业结构）之和不为100。', en: 'Parts that are explicitly totalled (合计、共…分别…) do not add up, a balance is not income less spending, or the shares of a structure (三次产业结构) do not add up to 100.' },
  },
  (doc, paragraphs, report) => {
    const bySentence = figuresBySentence(doc);
    for (const p of paragraphs) {
      if (p.text.includes('加上')) checkCarriedTotal(doc.text, p, bySentence, report);
      if (p.text.includes('结余') || p.text.includes('收支相抵')) checkBalance(doc.text, p, bySentence, report);
      if (p.text.includes('结构')) checkStructure(doc.text, p, report);
    }
    const counts = countFigures(doc);
    const from = countsFrom(doc);
    for (const p of paragraphs) for (let t = from[p.index]; t < from[p.index + 1]; t++) {
      const total = counts[t];
      // 共 / 合计 in the total's own clause: 全年共开展视察调研12次.
      if (total.approx || !namesTotal(doc.text, clauseStart(doc.text, total.sentence.start, total.span.start), total.span.start)) continue;
      const rest = doc.text.slice(total.span.end, total.sentence.end);
      const k = rest.indexOf('分别');
      if (k < 0 || /[；;。]/.test(rest.slice(0, k))) continue;
      // 分别办结245件和330件: what each part did, not a split of the total.
      if (ACTION.test(rest.slice(k + 2, k + 6))) continue;
      const from = total.span.end + k;
      const parts = (bySentence.get(total.sentence.start) ?? []).filter((f) => isCount(f) && f.span.start > from);
      if (parts.length < 2 || parts.some((f) => f.unit !== total.unit || f.approx)) continue;
      // Rounded figures (12.3亿元 + 8.7亿元 of 20.9亿元) may miss by up to half the last digit of each.
      const message = missedSum(doc.text, parts, total);
      if (!message) continue;
      report({ span: { start: parts[0].span.start, end: parts[parts.length - 1].span.end }, message, related: [{ span: total.span, message: { key: 'figure.related-total' } }] });
    }
  },
);

/** Where the clause ending at `at` starts: after the last ，,；;：: since `floor`. */
function clauseStart(text: string, floor: number, at: number): number {
  for (let j = at - 1; j >= floor; j--) if (isClauseMarkCode(text.charCodeAt(j))) return j + 1;
  return floor;
}

/**
 * Whether `text[start, end)` says 共, 合计 or 总计. By code, without slicing the sentence and
 * splitting it per figure (this runs for every count figure of every version).
 */
function namesTotal(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5171) return true; // 共
    if ((c === 0x5408 || c === 0x603b) && i + 1 < end && text.charCodeAt(i + 1) === 0x8ba1) return true; // 合计 总计
  }
  return false;
}

/**
 * A budget report's running total: 全县一般公共预算收入完成26.8亿元…。加上上级补助收入38.6亿元、…，收入
 * 总计77.0亿元 — the amount of the sentence before (or before its 其中 breakdown) plus each amount
 * 加上 lists is the 总计 (合计) that ends the sentence. Only in that shape: a sentence that opens on
 * 加上, its last figure after 总计 or 合计, every figure between in the unit, exact, none a change.
 */
function checkCarriedTotal(text: string, p: Paragraph, bySentence: ReadonlyMap<number, Figure[]>, report: Parameters<typeof figureSum.check>[1]): void {
  for (let k = 1; k < p.sentences.length; k++) {
    const sentence = p.sentences[k];
    if (!text.startsWith('加上', sentence.start)) continue;
    // The amount carried: the sentence before, or before its breakdown (…收入完成26.8亿元。其中，…。加上…).
    let from = k - 1;
    while (from > 0 && text.startsWith('其中', p.sentences[from].start)) from--;
    const first = p.sentences[from];
    const figures = (bySentence.get(sentence.start) ?? []).filter(isCount);
    const total = figures[figures.length - 1];
    if (!total || figures.length < 2 || !/(?:总计|合计)(?:为|达到|达)?$/.test(text.slice(Math.max(sentence.start, total.span.start - 6), total.span.start))) continue;
    const added = figures.slice(0, -1);
    const base = (bySentence.get(first.start) ?? []).find((f) => isCount(f) && f.unit === total.unit);
    if (!base || base.approx || total.approx || added.some((f) => f.unit !== total.unit || f.approx || isChange(f))) continue;
    const parts = [base, ...added];
    const message = missedSum(text, parts, total);
    if (message) report({ span: total.span, message, related: parts.map((f) => ({ span: f.span, message: { key: 'figure.related' } })) });
  }
}

/**
 * A balance of the period, the whole clause before its figure: 当期结余13.7亿元; not one carried over
 * the years (累计结余, 滚存结余), which the figure's phrase would not tell (it drops 累计).
 */
const BALANCE = /^(?:实现)?(?:当期|当年|本年|本期|年度)?(?:收支)?结余(?:为|达)?$/;

/**
 * A phrase that names income or spending, and the verb or word of a total after it: 收入完成, 支出安排,
 * 收入总计; income is also a fund's money raised or received (共筹集就业补助资金8.6亿元，已支出7.9亿元，
 * 结余0.7亿元). A closing 达到, 达 or 为 is no longer in a figure's phrase (the parser drops it).
 */
const INCOME = /(?:收入(?:总计|合计|完成|安排|预计|实现)?|(?:筹集|下达|到位|收到|争取)[\u4e00-\u9fff]{0,10}资金)$/;
const SPENDING = /支出(?:总计|合计|完成|安排|预计|实现)?$/;
/** The totals a budget's 收支相抵 balances: 收入总计326.5亿元 … 支出总计318.7亿元. */
const INCOME_TOTAL = /(?:收入总计|收入合计|总收入)$/;
const SPENDING_TOTAL = /(?:支出总计|支出合计|总支出)$/;

/** What an income, spending or balance may be: exact, not a part after 其中, not a change. */
const plain = (f: Figure) => isCount(f) && !f.part && !f.approx && !isChange(f);

/**
 * A fund's balance of the period stated with its income and spending: 基金收入186.3亿元，支出172.6亿元，
 * 当期结余13.7亿元 — the income less the spending, within the figures' rounding. Only in that shape:
 * income (…收入, 收入完成, 收入安排) then spending (…支出) then the balance, the last of each before it
 * in its sentence, or, when the sentence gives neither, the one income and the one spending of the
 * paragraph's sentences before it (…收入完成268.5亿元…。…支出完成251.3亿元…。当年收支结余17.2亿元);
 * none a part after 其中, a change or approximate, all in one unit. A balance written negative
 * (结余-2.3亿元) is not read, nor one after spending over income (a budget's 当年结余 comes after
 * transfers in that such a sentence may not name).
 */
function checkBalance(text: string, p: Paragraph, bySentence: ReadonlyMap<number, Figure[]>, report: Parameters<typeof figureSum.check>[1]): void {
  // What the sentences read so far gave, kept as they are read (one pass: a paragraph of thousands
  // of balances costs no more per balance than one): per unit, the first two incomes and
  // spendings; the last income and spending totals.
  const earlier = new Map<string, { incomes: Figure[]; spendings: Figure[] }>();
  let incomeTotal: Figure | undefined;
  let spendingTotal: Figure | undefined;
  const settled: number[] = [];
  for (let k = p.text.indexOf('收支相抵'); k >= 0; k = p.text.indexOf('收支相抵', k + 4)) settled.push(p.span.start + k);
  let next = 0;
  for (const sentence of p.sentences) {
    const figures = (bySentence.get(sentence.start) ?? []).filter(isCount);
    figures.forEach((balance, i) => {
      if (balance.approx || !BALANCE.test(text.slice(clauseStart(text, sentence.start, balance.span.start), balance.span.start).trim())) return;
      const before = figures.slice(0, i).filter((f) => f.unit === balance.unit && plain(f));
      let spending = before.filter((f) => SPENDING.test(f.before)).pop();
      let income = spending && before.filter((f) => INCOME.test(f.before) && f.span.end <= spending!.span.start).pop();
      const seen = earlier.get(balance.unit);
      if (!spending && seen && seen.incomes.length === 1 && seen.spendings.length === 1 && seen.incomes[0].span.end <= seen.spendings[0].span.start) [income, spending] = [seen.incomes[0], seen.spendings[0]];
      if (income && spending) reportBalance(text, income, spending, [balance], report);
    });
    // The sentence's figures that end by `at`, read into the totals (each once).
    let read = 0;
    const readTotals = (at: number) => {
      for (; read < figures.length && figures[read].span.end <= at; read++) {
        const f = figures[read];
        if (!plain(f)) continue;
        if (INCOME_TOTAL.test(f.before)) incomeTotal = f;
        if (SPENDING_TOTAL.test(f.before)) spendingTotal = f;
      }
    };
    // 收入总计…，支出总计…。收支相抵，结转下年支出7.8亿元 (…，净结余…: together).
    for (; next < settled.length && settled[next] < sentence.end; next++) {
      const k = settled[next];
      if (k < sentence.start) continue;
      readTotals(k);
      // What is left, up to what is added to it (…，加上年初滚存结余…，年末滚存结余…).
      const rest = leftEnd(text, k, sentence.end);
      const after = figures.filter((f) => f.span.start > k && f.span.start < rest);
      const balances = after.filter(plain);
      const [income, spending] = [incomeTotal, spendingTotal];
      if (!income || !spending || balances.length === 0 || after.some((f) => f.unit === income.unit && !plain(f) && !f.part)) continue;
      if (income.unit !== spending.unit || balances.some((f) => f.unit !== income.unit)) continue;
      reportBalance(text, income, spending, balances, report);
    }
    readTotals(sentence.end);
    for (const f of figures) {
      if (!plain(f)) continue;
      const isIncome = INCOME.test(f.before);
      const isSpending = SPENDING.test(f.before);
      if (!isIncome && !isSpending) continue;
      let seen = earlier.get(f.unit);
      if (!seen) earlier.set(f.unit, (seen = { incomes: [], spendings: [] }));
      if (isIncome && seen.incomes.length < 2) seen.incomes.push(f);
      if (isSpending && seen.spendings.length < 2) seen.spendings.push(f);
    }
  }
}

/** Where what 收支相抵 leaves ends: before 加上, 累计 or 滚存 after `at`, or at `end`. */
function leftEnd(text: string, at: number, end: number): number {
  const left = text.slice(at, end);
  let cut = end;
  for (const word of ['加上', '累计', '滚存']) {
    const i = left.indexOf(word);
    if (i >= 0 && at + i < cut) cut = at + i;
  }
  return cut;
}

/** The balance (the sum of `balances`) when it is not income less spending, within their rounding. */
function reportBalance(text: string, income: Figure, spending: Figure, balances: readonly Figure[], report: Parameters<typeof figureSum.check>[1]): void {
  const left = income.value - spending.value;
  const said = balances.reduce((n, f) => n + f.value, 0);
  // Spending over income with a balance left: transfers in (上级补助, 调入资金) not named here.
  if (left < 0 || !beyondRounding(left, said, [income, spending, ...balances])) return;
  const last = balances[balances.length - 1];
  report({
    span: { start: balances[0].span.start, end: last.span.end },
    message: { key: 'figure-sum.balance', args: { income: shown(text, income), spending: shown(text, spending), left: inUnitsOf(text, last, left), balance: balances.map((f) => shown(text, f)).join(' + ') } },
    related: [income, spending].map((f) => ({ span: f.span, message: { key: 'figure.related' } })),
  });
}

/**
 * Three or more numbers in a ratio: 8.7∶40.4∶50.9. Not from inside a number: tried at every digit of
 * a long run of them, the pattern would take time as the square of its length.
 */
const RATIO = /(?<![0-9.])[0-9]+(?:\.[0-9]+)?(?:[∶:：][0-9]+(?:\.[0-9]+)?){2,}/g;

/**
 * A structure given as shares of a hundred, in a clause that names it: 三次产业结构为8.7∶40.4∶50.9
 * (…由上年的9.1∶40.2∶50.7调整为8.7∶40.4∶50.9: each). The shares must add up to 100, within half the
 * last written digit of each. Ratios whose sum is far from 100 are no shares of it (高中初级职称结构
 * 1∶3∶6).
 */
function checkStructure(text: string, p: Paragraph, report: Parameters<typeof figureSum.check>[1]): void {
  RATIO.lastIndex = 0;
  for (let m = RATIO.exec(p.text); m; m = RATIO.exec(p.text)) {
    const at = p.span.start + m.index;
    const sentence = sentenceAt(p, at);
    if (!sentence || !text.slice(clauseStart(text, sentence.start, at), at).includes('结构')) continue;
    const shares = m[0].split(/[∶:：]/);
    const digits = shares.map((x) => x.split('.')[1]?.length ?? 0);
    const sum = shares.reduce((n, x) => n + Number(x), 0);
    const rounding = digits.reduce((n, d) => n + 0.5 * 10 ** -d, 0);
    // Shares of a hundred, meant to add up: not 职称结构为1∶3∶6 (of ten), nor a slip beyond any rounding.
    if (Math.abs(sum - 100) <= rounding + 1e-9 || Math.abs(sum - 100) > 10) continue;
    report({ span: { start: at, end: at + m[0].length }, message: { key: 'figure-sum.structure', args: { shares: shares.join(' + '), sum: sum.toFixed(Math.max(...digits)) } } });
  }
}

/** The message for parts whose sum misses their total by more than their rounding, or undefined when it does not. */
function missedSum(text: string, parts: readonly Figure[], total: Figure): Message | undefined {
  const sum = parts.reduce((n, f) => n + f.value, 0);
  if (!beyondRounding(sum, total.value, [...parts, total])) return undefined;
  return { key: 'figure-sum.message', args: { parts: parts.map((f) => shown(text, f)).join(' + '), sum: inUnitsOf(text, total, sum), total: shown(text, total) } };
}
