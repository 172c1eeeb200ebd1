import type { ReportDoc, Span } from '../model';
import { isHan } from '../text/chars';
import { perDocument, perParagraph, TextMemo, versionBefore } from '../memo';
import { sentencesOf } from './paragraphs';
import { sameFrontMatter } from './headings';

/**
 * Figures: every quantity written with Arabic digits and a unit the genre counts with — 547件,
 * 2300多条, 近2000万元, 97.9%, 310人次 — with its value as an interval (an approximate figure covers
 * what it rounds to), its unit (万元 and 亿元 normalised to 元), the clause around it (what it
 * counts), and its period (the year it speaks of).
 *
 * Not figures: years and dates (2019年1月7日), ordinals (第3次), code names in quotation marks
 * (“1453”履职总要求, “211555”产业布局), set phrases in Chinese numerals (十九届三中全会, 四个意识),
 * bounds that pick out what is counted (超过50万元的村8个, 3000万元以上的项目).
 */
export interface Figure {
  readonly span: Span;
  /** The value as written, scaled (23万元 → 230000). */
  readonly value: number;
  /** What it can stand for: exact [v, v]; 2300多 → [2300, 2400); 近2000 → [1600, 2000]. */
  readonly low: number;
  readonly high: number;
  readonly approx: boolean;
  /** 件 个 人次 篇 … 元 (money, scaled) or % / 个百分点. */
  readonly unit: string;
  /** Digits after the decimal point as written, for rates (97.9% → 1). */
  readonly decimals: number;
  readonly paragraph: number;
  readonly sentence: Span;
  /** Normalised clause text just before the figure (up to 12 characters), and just after its unit. */
  readonly before: string;
  readonly after: string;
  /** The year it speaks of, when the text tells. */
  readonly year?: number;
  /**
   * Keys of what sameSubject can match, for indexes of figures: `put` under which this figure is
   * filed (the last character before the number, the first two after the unit, the character
   * pairs before it), `take` under which it finds candidates (the same, crossed: its pairs before
   * meet others' first two after, and the other way round). Computed once per paragraph text.
   * Small integers, not strings (see `subjectKeysOf`).
   */
  readonly subjectKeys: { readonly put: readonly number[]; readonly take: readonly number[] };
  /**
   * The words around it that narrow what it counts (see SCOPE_WORDS), joined, and 多年 first when
   * its sentence speaks of several years (see MANY_YEARS): '' for most.
   */
  readonly scope: string;
  /**
   * The subject a later clause leaves out, from the phrases before and after the figure that opened
   * its run of clauses (普通高中56所，在校学生8.9万人: 普通高中; 7个部门固定资产账实不符，涉及金额
   * 0.56亿元: 部门固定资产账实不符), or ''. sameSubject holds two figures that both have one alike
   * only when these agree too (see ClauseRuns).
   */
  readonly topic: string;
  /**
   * With no topic, a weaker guess at what it leaves out: the phrases of the clause before it, after
   * a comma, that named its own subject after the run's head (立案查处食品违法案件412件，罚没款586
   * 万元: 立案查处食品违法案件), or ''. Such a clause may be the subject (the cases' fines) or a
   * parallel activity (形成调研报告501篇，报送信息965条): sameSubject reads it only against a topic
   * of the same kind (see differentKind).
   */
  readonly nearTopic: string;
  /**
   * It stands after 其中 in its sentence, or its sentence opens on 其中: a part of a total given
   * before (其中，产业项目180个，计划投资620亿元 of 年度计划投资1250亿元). With a topic, it is that
   * topic's quantity, not the total's (see sameSubject).
   */
  readonly part: boolean;
  /**
   * For a part, the total its 其中 breaks down when its paragraph gives it: the first count of the
   * sentence that holds the 其中, or of the sentence right before one that opens on it
   * (全市一般公共预算收入完成386.5亿元 for 其中，税收收入132.8亿元). Parts of two totals that are not the
   * same quantity are not the same quantity either (see sameSubject).
   */
  readonly whole: Figure | undefined;
  /**
   * How far the value may be from what it rounds: half its last written digit for a figure with
   * decimals or a 万/亿 (12.3亿元: 0.05亿; 68260万元: 0.5万), 0 for one written whole (86所) and for
   * an approximate one, whose interval (low, high) says it.
   */
  readonly rounding: number;
}

/** The units a figure is counted in (after 万/亿, or 万元/亿元 whole). */
export const UNITS = '个百分点|人次|场次|户次|万元|亿元|元|件|个|家|项|场|名|户|次|篇|条|期|批|份|笔|人|位|所|座|处|套|台|辆|起|平方公里|平方米|立方米|公顷|公里|千瓦时|千瓦|标箱|吨|亩|张|头|部|支|%|％';
const FIGURE = new RegExp(`(近|约|超过|逾|将近|大约)?([0-9０-９]+(?:,[0-9]{3})*(?:[.．][0-9０-９]+)?)(余|多)?(万|亿)?(余|多)?(${UNITS})(以上|左右)?`, 'g');
const CLAUSE_STOP = /[，,。；;：:！!？?、（()）]/;
/** Where a sentence's opening clause ends (openingCampaign): a list in it, with 、, goes on. */
const OPENING_STOP = /[，,。；;：:！!？?]/;
const LEADING_NOISE = /^(?:[0-9]{4}年(?:度)?|一年来|全年|去年|今年|我们|本届以来|共计|总计|累计|先后|共|已|达到|达|为|了|还|又|并)+/;

function toAscii(s: string): string {
  return s.replace(/[０-９．]/g, (c) => (c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))).replace(/,/g, '');
}

/** Han characters, letters and digits of `text[start, end)`, the rest dropped. */
export function compact(text: string, start: number, end: number): string {
  let s = '';
  let run = start;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (isHan(c) || (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122)) continue;
    if (i > run) s += text.slice(run, i);
    run = i + 1;
  }
  return end > run ? s + text.slice(run, end) : s;
}

export const extractFigures = perDocument(compute);

/** The figures of each sentence, keyed by the sentence's start: rules look up, never scan. */
export const figuresBySentence = perDocument((doc) => {
  const map = new Map<number, Figure[]>();
  for (const f of extractFigures(doc)) {
    const list = map.get(f.sentence.start);
    if (list) list.push(f);
    else map.set(f.sentence.start, [f]);
  }
  return map;
});

/** A figure as its paragraph alone tells it: offsets in the paragraph, no period yet. */
interface LocalFigure extends Omit<Figure, 'span' | 'paragraph' | 'sentence' | 'year' | 'whole'> {
  /** The place of its whole (Figure.whole) in the paragraph's figures, or -1. */
  readonly whole: number;
  readonly start: number;
  readonly end: number;
  readonly sentence: number;
  readonly head: HeadYear;
  /** Its cell's column when it stands in a table's row, else -1. */
  readonly column: number;
  /** The year its column's header names (| 指标 | 2024年 | 2025年 |), when the paragraph holds that header. */
  readonly columnYear?: number;
}

/** The figures of a paragraph by its text: an edit extracts the figures of the paragraph it touched. */
const localFigures = perParagraph(new TextMemo(figuresIn, { sharedKeys: true }));

function compute(doc: ReportDoc): Figure[] {
  const periods = periodsOf(doc);
  const out: Figure[] = [];
  const headers = new Map<number, HeaderYears | undefined>();
  const kept = keptFigures(doc, periods);
  const local = localFigures(doc);
  for (const p of doc.paragraphs) {
    // Before the edit: the version before's figures of the same paragraph (see keptFigures).
    if (kept && p.index < kept.front) {
      for (; kept.at < kept.figures.length && kept.figures[kept.at].paragraph < p.index; kept.at++);
      for (; kept.at < kept.figures.length && kept.figures[kept.at].paragraph === p.index; kept.at++) out.push(kept.figures[kept.at]);
      continue;
    }
    const base = p.span.start;
    const first = out.length;
    for (const f of local[p.index]) {
      let year = f.columnYear;
      // A row pasted as a paragraph of its own: its header is a paragraph before it.
      if (year === undefined && f.column >= 0) year = headerBefore(doc, p.index, headers)?.[f.column];
      // Written out: rest and spread of a dozen properties make slow dictionary objects.
      out.push({
        span: { start: base + f.start, end: base + f.end },
        value: f.value,
        low: f.low,
        high: f.high,
        approx: f.approx,
        unit: f.unit,
        decimals: f.decimals,
        paragraph: p.index,
        sentence: p.sentences[f.sentence] ?? p.span,
        before: f.before,
        after: f.after,
        year: year ?? resolveYear(f.head, base + f.start, periods),
        subjectKeys: f.subjectKeys,
        // A plan's figure counts what is to be done: not the quantity the year's counts.
        scope: f.head.future || (periods.future.length > 0 && inAny(periods.future, base + f.start)) ? '计划|' + f.scope : f.scope,
        topic: f.topic,
        nearTopic: f.nearTopic,
        part: f.part,
        whole: f.whole >= 0 ? out[first + f.whole] : undefined,
        rounding: f.rounding,
      });
    }
  }
  return out;
}

/**
 * The figures of the version `doc` was edited from (the editor's), for the paragraphs before the
 * edit: `doc`'s first `front` paragraphs are that version's very objects (the parse keeps them).
 * A paragraph's figures depend on its text and place, on the paragraphs before it (a table's
 * header), and on the parts and plans whose sections hold them: the same when the report's year
 * and front matter are, and every part and plan that starts before the edit starts, names its year
 * and ends as it did (or past the edit in both). A heading after the edit may change one before it
 * (a misplaced marker takes its siblings' rank; a news heading closes a section at its line), so
 * this is checked, not assumed. Undefined when nothing is kept.
 */
function keptFigures(doc: ReportDoc, periods: Periods): { readonly front: number; readonly figures: readonly Figure[]; at: number } | undefined {
  const previous = versionBefore(doc);
  const figures = previous && extractFigures.peek(previous);
  const before = previous && periodsOf.peek(previous);
  if (!previous || !figures || !before || before.documentYear !== periods.documentYear || before.reviewYear !== periods.reviewYear || !sameFrontMatter(previous.frontMatter, doc.frontMatter)) return undefined;
  let front = 0;
  while (front < doc.paragraphs.length && doc.paragraphs[front] === previous.paragraphs[front]) front++;
  const edit = front < doc.paragraphs.length ? doc.paragraphs[front].span.start : doc.text.length;
  const alike = (x: Span, y: Span) => x.start === y.start && (x.end === y.end || (x.end >= edit && y.end >= edit));
  const partsBefore = (p: Periods) => p.parts.filter((x) => x.section.start < edit);
  const plansBefore = (p: Periods) => p.future.filter((x) => x.start < edit);
  const [a, b] = [partsBefore(before), partsBefore(periods)];
  const [c, d] = [plansBefore(before), plansBefore(periods)];
  if (a.length !== b.length || c.length !== d.length) return undefined;
  for (let i = 0; i < a.length; i++) if (a[i].year !== b[i].year || a[i].plan !== b[i].plan || !alike(a[i].section, b[i].section)) return undefined;
  for (let i = 0; i < c.length; i++) if (!alike(c[i], d[i])) return undefined;
  return front > 0 ? { front, figures, at: 0 } : undefined;
}

function inAny(spans: readonly Span[], at: number): boolean {
  for (const s of spans) if (at >= s.start && at < s.end) return true;
  return false;
}

// ——— Tables ———

/** A header's cell that names a year: 2024年, 2025年度, 2024. */
const YEAR_CELL = /^([12][0-9]{3})\s*(?:年度?)?$/;

/** The starts of the cells of a table's row (`| a | b |`, or cells separated by tabs), or undefined when the line is none. */
function rowCells(t: string, start: number, end: number): number[] | undefined {
  let a = start;
  let b = end;
  while (a < b && isBlank(t.charCodeAt(a))) a++;
  while (b > a && isBlank(t.charCodeAt(b - 1))) b--;
  const piped = b - a > 1 && t.charCodeAt(a) === 0x7c && t.charCodeAt(b - 1) === 0x7c;
  const sep = piped ? 0x7c : 0x09;
  if (!piped && t.indexOf('\t', a) < 0) return undefined;
  const cells = [piped ? a + 1 : a];
  for (let i = cells[0]; i < (piped ? b - 1 : b); i++) if (t.charCodeAt(i) === sep) cells.push(i + 1);
  return cells.length >= 2 ? cells : undefined;
}

/** A space around a row, not a tab: a tab is a cell's edge (a row may open on an empty cell). */
const isBlank = (c: number) => c === 0x20 || c === 0x3000 || c === 0x0d;

/** The years a header row's cells name, by column, or undefined when none does. */
function headerYears(t: string, end: number, cells: readonly number[]): HeaderYears | undefined {
  let any = false;
  const years = cells.map((c, i) => {
    const cellEnd = i + 1 < cells.length ? cells[i + 1] - 1 : end;
    const m = YEAR_CELL.exec(t.slice(c, cellEnd).replace(/[|\s\u3000*]/g, ''));
    if (m) any = true;
    return m ? Number(m[1]) : undefined;
  });
  return any ? years : undefined;
}

/** The years a table's header names, by column. */
type HeaderYears = readonly (number | undefined)[];

/**
 * The header of the table a row paragraph stands in: the years of the last header row among the
 * row paragraphs right before it (a table pasted as text, one paragraph a row). `known` holds the
 * answers for paragraphs already asked about in this version: each row paragraph is read once.
 */
function headerBefore(doc: ReportDoc, index: number, known: Map<number, HeaderYears | undefined>): HeaderYears | undefined {
  // Back to a paragraph already answered, a header, or one that is no row.
  const asked: number[] = [];
  let found: HeaderYears | undefined;
  let i = index - 1;
  for (; i >= 0; i--) {
    if (known.has(i + 1)) {
      found = known.get(i + 1);
      break;
    }
    asked.push(i + 1);
    const t = doc.paragraphs[i].text;
    const cells = t.includes('\n') ? undefined : rowCells(t, 0, t.length);
    if (!cells) break;
    const years = headerYears(t, t.length, cells);
    if (years) {
      found = years;
      break;
    }
  }
  for (const k of asked) known.set(k, found);
  return found;
}

/**
 * Where the figures of a paragraph `t` stand in a table, met in order: each its column, and the
 * year its header names when the header is in `t` above it. Each line is read once, in order,
 * however many figures it holds (a 1 MB line of cells, or a table of 10,000 rows, is one pass).
 */
function tablePlacer(t: string): (at: number) => TablePlace {
  let line = { end: -1, cells: undefined as number[] | undefined, years: undefined as HeaderYears | undefined, label: '' };
  let column = 0;
  // Lines before `read` have been read, in order; `years` is the header of the rows they end in.
  let read = 0;
  let years: HeaderYears | undefined;
  const readLine = (start: number, end: number) => {
    const cells = rowCells(t, start, end);
    years = cells ? (headerYears(t, end, cells) ?? years) : undefined;
    read = end + 1;
    return cells;
  };
  return (at) => {
    if (at >= line.end) {
      const start = t.lastIndexOf('\n', at - 1) + 1;
      while (read < start) {
        const next = t.indexOf('\n', read);
        readLine(read, next < 0 || next >= start ? start - 1 : next);
      }
      const above = years;
      const next = t.indexOf('\n', at);
      const end = next < 0 ? t.length : next;
      const cells = readLine(start, end);
      line = { end, cells, years: cells && above, label: cells ? phrase(t, cells[0], cellEnd(cells, 0, end)) : '' };
      column = 0;
    }
    const cells = line.cells;
    if (!cells) return NO_TABLE;
    // Figures come in order: the column moves on from the last one's.
    while (column + 1 < cells.length && cells[column + 1] <= at) column++;
    return { column, columnYear: line.years?.[column], cellStart: cells[column], cellEnd: cellEnd(cells, column, line.end), label: column > 0 ? line.label : '' };
  };
}

/** Where a cell ends: before the next cell's separator, or at its line's end (a closing pipe left in, compacted away). */
const cellEnd = (cells: readonly number[], k: number, lineEnd: number) => (k + 1 < cells.length ? cells[k + 1] - 1 : lineEnd);

/**
 * A figure's place in a table: its column (-1 outside tables), the year its header names, its
 * cell, and the row's label (its first cell) when it stands in another column: the label is what
 * it counts (立刑事案件 | 1446起 | 1268起).
 */
interface TablePlace {
  readonly column: number;
  readonly columnYear?: number;
  readonly cellStart: number;
  readonly cellEnd: number;
  readonly label: string;
}

const NO_TABLE: TablePlace = { column: -1, columnYear: undefined, cellStart: 0, cellEnd: Infinity, label: '' };

/** The figures of one paragraph's text `t`, in its own offsets. */
function figuresIn(t: string): LocalFigure[] {
  const out: LocalFigure[] = [];
  // Split only when a figure is found: the CLI memoises nothing, and most paragraphs have none.
  let sentences: readonly Span[] | undefined;
  // Matches come in order: the sentence of each is found by moving on from the last one's (a
  // search from the first sentence for every figure made a 1 MB line quadratic).
  let at = 0;
  const runs = new ClauseRuns();
  // The next 其中 at or after the sentence of the figure at hand: found once per occurrence, not
  // searched for per figure (a 1 MB paragraph has thousands of figures).
  let partMark = t.indexOf('其中');
  // The first count of the last sentence that opens on neither 其中 nor 加上 (Figure.whole), and its sentence.
  let whole = -1;
  let wholeSentence = -2;
  let lastSentence = -2;
  // Rows of a table: cells separated by tabs or pipes (a paragraph without either is not looked at again).
  const place = t.includes('\t') || t.includes('|') ? tablePlacer(t) : undefined;
  FIGURE.lastIndex = 0;
  for (let m = FIGURE.exec(t); m; m = FIGURE.exec(t)) {
    const numStart = m.index + (m[1]?.length ?? 0);
    const prev = t[numStart - 1];
    const afterNumber = numStart + m[2].length;
    // 第3次 is an ordinal; “1453” a code name; 2.3.1 a section number.
    if (prev === '第' || (prev === '“' && t[afterNumber] === '”') || /[0-9.．]/.test(prev ?? '')) continue;
    const ascii = toAscii(m[2]);
    let value = Number(ascii);
    if (!Number.isFinite(value)) continue;
    const decimals = ascii.includes('.') ? ascii.length - ascii.indexOf('.') - 1 : 0;
    const scale = m[4] === '万' ? 1e4 : m[4] === '亿' ? 1e8 : 1;
    let unit = m[6] === '％' ? '%' : m[6];
    if (unit === '万元') (value *= 1e4), (unit = '元');
    else if (unit === '亿元') (value *= 1e8), (unit = '元');
    value *= scale;
    const approxPrefix = m[1];
    const approxSuffix = m[3] ?? m[5] ?? m[7];
    // 超过50万元的村8个, 3000万元以上的项目: a bound that picks out what is counted, not a quantity.
    if ((approxPrefix === '超过' || approxPrefix === '逾' || m[7] === '以上') && t.charCodeAt(m.index + m[0].length) === 0x7684) continue;
    const approx = approxPrefix !== undefined || approxSuffix !== undefined;
    const multiple = scale * (m[6] === '万元' ? 1e4 : m[6] === '亿元' ? 1e8 : 1);
    const magnitude = magnitudeOf(ascii) * multiple;
    let low = value;
    let high = value;
    // 800多 is below 900: the interval is open at the top, kept just under it.
    if (approxSuffix === '余' || approxSuffix === '多' || approxSuffix === '以上' || approxPrefix === '超过' || approxPrefix === '逾') high = value + magnitude * 0.999;
    else if (approxPrefix === '近' || approxPrefix === '将近') low = value * 0.8;
    else if (approx) (low = value * 0.9), (high = value * 1.1);
    const start = m.index;
    const end = start + m[0].length;
    sentences ??= sentencesOf(t);
    while (at < sentences.length && sentences[at].end <= start) at++;
    const sentence = at < sentences.length && start >= sentences[at].start ? at : -1;
    const within = sentence >= 0 ? sentences[sentence] : { start: 0, end: t.length };
    const where = place ? place(start) : NO_TABLE;
    // In a table, a figure's clause is its cell, and the row's label says what it counts.
    const floor = Math.max(within.start, where.cellStart);
    let from = Math.max(clauseStart(t, start, within.start), where.cellStart);
    const after = clauseAfter(t, end, Math.min(within.end, where.cellEnd));
    let own = phrase(t, from, start);
    // A note in brackets inside the subject, right before the number, is read past: 地区生产总值（GDP）
    // 3256.8亿元, 执业（助理）医师2.48万人, 比重（常住人口城镇化率）为65.1%.
    const open = start - from <= 2 ? bracketBefore(t, from, floor) : -1;
    if (open >= 0) {
      const outer = Math.max(clauseStart(t, open, within.start), where.cellStart);
      own = trimPhrase(compact(t, outer, open) + compact(t, from, start));
      from = outer;
    }
    while (partMark >= 0 && partMark < within.start) partMark = t.indexOf('其中', partMark + 2);
    const part = partMark >= 0 && partMark < start && !brokenDown(t, end, within.end);
    const count = unit !== '%' && unit !== '个百分点';
    if (sentence !== lastSentence) {
      lastSentence = sentence;
      if (!t.startsWith('其中', within.start) && !t.startsWith('加上', within.start)) (whole = -1), (wholeSentence = sentence);
    }
    if (whole < 0 && count && !part && sentence === wholeSentence) whole = out.length;
    // Its total is in its sentence, before the 其中, or in the sentence right before (the one its 其中 opens on).
    const wholeOf = part && whole >= 0 && out[whole].start < partMark && (wholeSentence === sentence || (wholeSentence === sentence - 1 && partMark === within.start)) ? whole : -1;
    const before = runs.place(t, sentence, within, from, where.label ? (where.label + own).slice(-PHRASE_MAX) : own, after, count, part);
    // The sentence before the figure, read for its year and its period: at most a few thousand
    // characters (MAX_SENTENCE), sliced once per figure.
    const sentenceHead = t.slice(within.start, start);
    const head = headYearIn(sentenceHead);
    const period = periodIn(sentenceHead);
    // Per what the first of a 、 list counts, the others count too: 每千常住人口执业医师3.63人、注册护士4.19人.
    const last = out.length > 0 ? out[out.length - 1] : undefined;
    const shared = last && last.sentence === sentence && last.end === from - 1 && t.charCodeAt(from - 1) === 0x3001 ? averageWords(last.scope) : '';
    out.push({
      start,
      end,
      value,
      low,
      high,
      approx,
      unit,
      decimals,
      sentence,
      before,
      after,
      head,
      subjectKeys: subjectKeysOf(before, after),
      scope:
        (head.manyYears ? '多年|' : '') +
        (runs.breakdown ? '分项|' : '') +
        (runs.campaign ? runs.campaign + '|' : '') +
        scopeOf((runs.flow ? runs.flow + '|' + before : before) + shared + (period ? '|' + period.text : ''), after) +
        (period ? '期' + period.key + '|' : ''),
      topic: runs.leftOut,
      nearTopic: runs.nearLeftOut,
      part,
      whole: wholeOf,
      rounding: !approx && (decimals > 0 || multiple > 1) ? 0.5 * 10 ** -decimals * multiple : 0,
      column: where.column,
      columnYear: where.columnYear,
    });
  }
  return out;
}

/**
 * Words of a value per something — an average, a price, a rate per person or per unit — which is
 * not a sum of its parts: 人均可支配收入43000元，其中城镇居民54000元.
 */
export const AVERAGE_WORDS: readonly string[] = ['人均', '平均', '日均', '月均', '年均', '周均', '户均', '亩均', '均价', '单价', '均值', '中位数', '每'];

/**
 * Words that narrow what a figure counts to a part of it, by group: where (城镇, 境外, 城区), whose
 * (民营, 规模以上), which sector (工业, 第三产业, 村), stock or flow (新增, 余额, 转正), which way
 * (出口), who (女, 党外, 少数民族), when (一季度, 国庆假期) and per what (人均, 日均, 每).
 * 接待游客3000万人次 and 接待境外游客50万人次 are a whole and its part, as are 居民人均可支配收入 and
 * 城镇居民人均可支配收入: figures are the same quantity only when the same words narrow both (see
 * sameSubject). Words that name a whole by its parts (国内外, 城乡, 男女, 进出口) narrow nothing.
 */
const SCOPE_WORDS = [
  ['城镇', '农村', '城市', '乡村', '城区', '市区', '县城', '县域', '乡镇', '境外', '境内', '入境', '出境', '国内', '国外', '海外', '省外', '市外', '外地'],
  ['外资', '外商', '民营', '国有', '私营', '个体', '规模以上', '规上', '中小'],
  ['工业', '农业', '服务业', '制造业', '建筑业', '第一产业', '第二产业', '第三产业', '民间', '基础设施', '房地产', '高新技术', '村', '社区'],
  ['新增', '净增', '余额', '存量', '过夜', '转正'],
  ['进口', '出口'],
  ['女', '男', '少数民族', '党外', '党员', '青年', '老年', '儿童', '学生', '农民工'],
  ['季度', '上半年', '下半年', '月', '假期', '黄金周', '春节', '国庆', '期间'],
  AVERAGE_WORDS,
].flat();
const WHOLE_WORDS = /国内外|境内外|海内外|城乡|男女|中外|进出口/g;
/**
 * A sentence that speaks of several years before the figure (本届以来, 五年来, 过去五年, 累计,
 * 2019年以来): its figures are totals over a term, not one year's (本届以来共提交提案2100件 beside
 * 一年来共提交提案520件). One year is not several: 一年来, 今年以来.
 */
const MANY_YEARS = /届以来|[两二三四五六七八九十]年(?:以)?来|过去[两二三四五六七八九十]年|近[两二三四五六七八九十]年|累计|历年|[0-9]{4}年以来/;

/** The first characters of the scope words: most phrases hold none, and are done with in one pass. */
const SCOPE_FIRST = new Set(SCOPE_WORDS.map((w) => w.charCodeAt(0)));

/** The words of AVERAGE_WORDS in a figure's scope, each after a '|' ('' for none). */
function averageWords(scope: string): string {
  let words = '';
  if (scope !== '') for (const w of AVERAGE_WORDS) if (scope.includes(w)) words += '|' + w;
  return words;
}

/** The scope words in the phrases around a figure, in the order of SCOPE_WORDS, joined. */
function scopeOf(before: string, after: string): string {
  let phrase = before + '|' + after;
  let any = false;
  for (let i = 0; i < phrase.length && !any; i++) any = SCOPE_FIRST.has(phrase.charCodeAt(i));
  if (!any) return '';
  phrase = phrase.replace(WHOLE_WORDS, '|');
  let words = '';
  for (const w of SCOPE_WORDS) if (phrase.includes(w)) words += w + '|';
  return words;
}

/**
 * The keys of a figure: B (the last character before it), A (the first two after its unit) and C
 * (a pair before it), as integers that stay small integers in the engine (31 bits, signed): a
 * string per key made a dozen per figure, each hashed at every lookup. B is one character's code
 * (below 2^15), A two codes (2^15 and above), C two codes negated.
 */
export function subjectKeysOf(before: string, after: string): Figure['subjectKeys'] {
  const put: number[] = [];
  const take: number[] = [];
  if (before) {
    const b = clauseCode(before.charCodeAt(before.length - 1));
    put.push(b), take.push(b);
  }
  if (after.length >= 2) {
    const pair = pairCode(after, 0);
    put.push(pair), take.push(pair, -1 - pair);
  }
  for (let i = 0; i + 1 < before.length; i++) {
    const pair = pairCode(before, i);
    put.push(-1 - pair), take.push(pair);
  }
  return { put, take };
}

/**
 * A character of a clause in 15 bits, from 1: clauses keep only Han characters and ASCII digits and
 * letters (`compact`), so the codes of different characters differ.
 */
function clauseCode(c: number): number {
  if (c >= 0x4e00 && c <= 0x9fff) return c - 0x4e00 + 1;
  if (c >= 0x3400 && c <= 0x4dbf) return c - 0x3400 + 0x5201;
  if (c === 0x3007) return 0x6bc1;
  return 0x6bc2 + (c & 0x7f);
}

/** The characters `s[i]` and `s[i + 1]` as one code of 30 bits, at least 2^15. */
function pairCode(s: string, i: number): number {
  return (clauseCode(s.charCodeAt(i)) << 15) | clauseCode(s.charCodeAt(i + 1));
}

/** 2300 → 100, 20 → 10, 7 → 1, 97.9 → 0.1: what an approximation marker rounds over. */
function magnitudeOf(ascii: string): number {
  if (ascii.includes('.')) return 10 ** -(ascii.length - ascii.indexOf('.') - 1);
  let zeros = 0;
  while (zeros < ascii.length && ascii.charCodeAt(ascii.length - 1 - zeros) === 48) zeros++;
  return 10 ** Math.max(zeros, ascii.length > 1 ? 1 : 0);
}

/** Where the clause of a figure at `at` begins: after a clause mark, at most 16 characters back. */
function clauseStart(text: string, at: number, floor: number): number {
  let s = at;
  while (s > floor && at - s < 16 && !CLAUSE_STOP.test(text[s - 1])) s--;
  return s;
}

/**
 * Where the bracketed note that closes just before `at` opens (`（` or `(`), when it is short and
 * holds no clause mark, and something stands before it in its clause; else -1.
 */
function bracketBefore(text: string, at: number, floor: number): number {
  const close = at - 1;
  const c = close >= floor ? text.charCodeAt(close) : 0;
  if (c !== 0xff09 && c !== 0x29) return -1;
  for (let i = close - 1; i > floor && close - i <= 16; i--) {
    const d = text.charCodeAt(i);
    if (d === 0xff08 || d === 0x28) return CLAUSE_STOP.test(text[i - 1]) ? -1 : i;
    if (CLAUSE_STOP.test(text[i])) return -1;
  }
  return -1;
}

/** How many characters of a figure's phrase are kept: its clause's last ones. */
export const PHRASE_MAX = 12;

/** The phrase before a figure: `text[from, at)` compacted, its leading time words and verbs of quantity dropped, at most PHRASE_MAX characters. */
function phrase(text: string, from: number, at: number): string {
  return trimPhrase(compact(text, from, at));
}

/** A compacted phrase without its leading time words and verbs of quantity, its last PHRASE_MAX characters. */
function trimPhrase(compacted: string): string {
  return compacted.replace(LEADING_NOISE, '').replace(TRAILING_NOISE, '').slice(-PHRASE_MAX);
}

/** What a phrase says of its figure at its end, not what is counted: 地区生产总值达到 is 地区生产总值. */
const TRAILING_NOISE = /(?:达到|达|为)$/;

/**
 * The runs of clauses a paragraph's figures stand in, met in order. A sentence, or a clause after a
 * semicolon, opens a run with its first figure (the head). The clauses after the head may leave
 * out the subject they share with it:
 * - a clause that opens on the counterpart of a word in the head's phrase takes what stands before
 *   that word: 社会保险基金预算收入完成215.6亿元，…；支出完成198.3亿元 is 社会保险基金预算支出完成,
 *   not any 支出完成;
 * - a count whose phrase is short (在校学生), a comparison (比上年末增加, 较年初增加) or a stock phrase
 *   of what was done (DEALT_WITH), in a run of such clauses after the head, each after a comma, keeps its
 *   phrase and is given the head's phrases before and after it as the subject it leaves out
 *   (Figure.topic): 普通高中56所，招生3.1万人，在校学生8.9万人.
 * A run opened by 新增 lists what is new (新增省级重点专科2个，市级重点专科5个), a run opened by a
 * campaign's rounds what the campaign did, and a sentence that sets out a breakdown (分板块看，…)
 * gives parts of a whole (Figure.scope).
 */
class ClauseRuns {
  /** The subject the last figure placed leaves out, or ''. */
  leftOut = '';
  /** The 新增 its run opens on, or ''. */
  flow = '';
  /** Its sentence opens a breakdown. */
  breakdown = false;
  /**
   * The campaign its run reports on, or '': its sentence opens on one (开展“夏季治安打击整治行动”，
   * 破获刑事案件286起), or its head counts a campaign's rounds (开展“冬季攻势”专项执行行动3次). What
   * follows is that campaign's, not the year's.
   */
  campaign = '';
  /** The subject the last figure may leave out, from a clause after its run's head (Figure.nearTopic), or ''. */
  nearLeftOut = '';
  private sentence = -2;
  private nearBefore = '';
  private nearAfter = '';
  /** Every clause since the one that gave nearBefore stands after a comma. */
  private nearChain = false;
  private headBefore = '';
  private headAfter = '';
  /** Every clause since the head has left its subject out. */
  private chain = false;

  /**
   * The head of the last sentence that opens on neither 其中 nor 加上, and what a sentence that
   * opens on 加上 carries from it: a budget report's 全市一般公共预算收入186.5亿元。其中，…。加上上级补助
   * 收入…240.2亿元，收入总计426.7亿元 is the 全市's 总计, not the 市级's of the next paragraph.
   */
  private wholeHead = '';
  private carried = '';

  /** Places the next figure (its sentence, the clause it stands in from `from`, its phrases); gives its phrase before. */
  place(t: string, sentence: number, within: Span, from: number, before: string, after: string, count: boolean, part: boolean): string {
    if (sentence !== this.sentence) {
      const adds = t.startsWith('加上', within.start);
      this.carried = adds ? this.wholeHead : '';
      if (!adds && !t.startsWith('其中', within.start)) this.wholeHead = before + after;
    }
    const phrase = this.placeInRun(t, sentence, within, from, before, after, count, part);
    // What 加上 adds is that whole's.
    if (this.carried !== '' && count) this.leftOut = this.carried;
    return phrase;
  }

  private placeInRun(t: string, sentence: number, within: Span, from: number, before: string, after: string, count: boolean, part: boolean): string {
    const listed = this.leftOut;
    this.leftOut = '';
    this.nearLeftOut = '';
    const stop = sentence === this.sentence && from > within.start ? t.charCodeAt(from - 1) : 0;
    // The items of a 、 list leave out what the first does: 其中党纪处分986人、政务处分188人 are both
    // the 党纪政务处分's.
    if (stop === 0x3001 && listed !== '' && count) {
      this.leftOut = listed;
      return before;
    }
    if (this.nearChain) {
      if (isComma(stop)) {
        if (count && before.length <= 4) this.nearLeftOut = this.nearBefore + this.nearAfter;
      } else this.nearChain = false;
    }
    const counterpart = ELLIPSIS_STOP.has(stop) ? withCounterpart(before, this.headBefore) : before;
    if (counterpart !== before) {
      this.chain = false;
      return counterpart;
    }
    if (sentence !== this.sentence || stop === 0xff1b || stop === 0x3b) {
      let opening = '';
      if (sentence !== this.sentence) {
        this.breakdown = BREAKDOWN.test(t.slice(within.start, within.start + 16));
        opening = openingCampaign(t, within.start, from);
      }
      this.sentence = sentence;
      this.headBefore = before;
      this.headAfter = after;
      this.chain = true;
      this.flow = FLOW_LEAD.exec(before)?.[0] ?? '';
      this.campaign = opening || (CAMPAIGN.test(before) ? campaignName(before) : '');
    } else if (this.chain && isComma(stop) && (before.length <= 4 || COMPARED.has(before.charCodeAt(0)) || DEALT_WITH.test(before))) {
      if (count) this.leftOut = this.headBefore + this.headAfter;
    } else if (part && count && stop !== 0 && before.slice(-2) !== this.headBefore.slice(-2)) {
      // Among the parts after 其中, a run's later figures are its head's: 其中，城市低保对象2860户4120人，
      // 发放低保金3260万元 is the 城市低保对象's 低保金, not the year's. One that names a thing of the
      // head's kind is the head's sibling: 其中，新签基础设施项目合同额168.2亿元，新签房建项目合同额95.3亿元.
      this.chain = false;
      this.leftOut = this.headBefore + this.headAfter;
    } else {
      this.chain = false;
      if (isComma(stop) && this.nearLeftOut === '') {
        // A clause after a comma that names its own subject may open a run of its own (see
        // Figure.nearTopic): 立案查处食品违法案件412件，罚没款586万元.
        this.nearBefore = before;
        this.nearAfter = after;
        this.nearChain = true;
      }
    }
    return before;
  }
}

/** A sentence that sets out a breakdown: 分板块看，…; 按经营地统计，城镇消费品零售额…. */
const BREAKDOWN = /^(?:分|按|从)[^，。；,;]{1,8}(?:看|分|统计|划分|来看)[，,：:]/;
/**
 * A run's head that counts a campaign's rounds (开展专项执行行动3次, 集中整治活动5轮): the figures after
 * it in its run are what the campaign did (执结案件5632件，执行到位金额12.8亿元), a part of the year's.
 */
const CAMPAIGN = /(?:专项|集中|攻坚|整治)[\u4e00-\u9fff]{0,6}(?:行动|活动)$/;
/**
 * A sentence's first clause that launches a campaign against something, with no figure in it:
 * 开展“断卡”专项行动，深入推进常态化扫黑除恶斗争，. Not any activity: in 深入推进“办好旅发会·委员在
 * 行动”，…3078名省市县政协委员闻令而动 the members are all of them, as counted elsewhere.
 */
const CAMPAIGN_VERB = /^(?:全年|年内)?(?:组织|部署|集中|深入|持续|扎实|先后|联合)?(?:开展|推进|实施|启动)/;
const CAMPAIGN_CLAUSE = new RegExp(
  `${CAMPAIGN_VERB.source}[^0-9０-９]{0,20}?(?:专项|集中|整治|打击|攻坚|扫黑|清理|整顿|严打|百日|清查)[^0-9０-９]{0,20}?(?:行动|活动|斗争|攻坚战|会战|整治)[”」]?$`,
);

/**
 * The campaign a sentence opens on before `from`, the start of its first figure's clause, or ''.
 * The clause runs to the first comma: 开展校园食品安全守护、农村假冒伪劣食品整治等专项行动 names two.
 */
function openingCampaign(t: string, start: number, from: number): string {
  let end = start;
  while (end < from && end - start <= 40 && !OPENING_STOP.test(t[end])) end++;
  if (end >= from || end - start > 40 || !CAMPAIGN_CLAUSE.test(t.slice(start, end))) return '';
  return campaignName(compact(t, start, end));
}

/** A campaign's name without the verb that launches it: 冬季攻势专项执行行动. */
function campaignName(clause: string): string {
  return '专项:' + clause.replace(CAMPAIGN_VERB, '');
}

/** A run's opening 新增. */
const FLOW_LEAD = /^新增/;
/** A full- or half-width comma. */
const isComma = (c: number): boolean => c === 0xff0c || c === 0x2c;
/** 比 and 较, which open a comparison with an earlier time: 比上年末增加, 较年初增加. */
const COMPARED = new Set([0x6bd4, 0x8f83]);
/** Marks after which a clause may open on a counterpart: a comma or a semicolon, not 、. */
const ELLIPSIS_STOP = new Set([0xff0c, 0x2c, 0xff1b, 0x3b]);
/**
 * What was done about the matters a run opens on, in the stock words of 纪检监察 and 审计 reports:
 * 查处…问题568个，批评教育帮助和处理826人，其中党纪政务处分512人 — that campaign's people.
 */
const DEALT_WITH = /^(?:其中)?(?:批评教育帮助和处理|给予党纪政务处分|党纪政务处分|党纪处分|政务处分|组织处理|追责问责|问责|处理|处分|涉及金额|涉及资金|移送司法机关|挽回经济损失|挽回损失)$/;
/** Words whose counterpart in the same sentence leaves the subject out: 收入完成…；支出完成…. */
const COUNTERPARTS: ReadonlyMap<string, string> = new Map([
  ['支出', '收入'],
  ['收入', '支出'],
  ['出口', '进口'],
  ['进口', '出口'],
  ['流出', '流入'],
  ['流入', '流出'],
]);

/** `before` with what stands before its counterpart in the head's phrase (`head`), when it opens on one. */
function withCounterpart(before: string, head: string): string {
  const other = COUNTERPARTS.get(before.slice(0, 2));
  if (other === undefined) return before;
  const at = head.lastIndexOf(other);
  return at > 0 ? (head.slice(0, at) + before).slice(-PHRASE_MAX) : before;
}

/**
 * The clause after the figure's opens on 其中: the figure is the total broken down there, not a part
 * of an earlier one, whatever 其中 came before it in the sentence (立案1286件，其中县处级干部42人；
 * 给予党纪政务处分1174人，其中党纪处分986人).
 */
function brokenDown(text: string, at: number, ceiling: number): boolean {
  const e = clauseEnd(text, at, ceiling);
  return e < ceiling && ELLIPSIS_STOP.has(text.charCodeAt(e)) && text.startsWith('其中', e + 1);
}

/** Where the clause that goes on at `at` ends: its mark, `ceiling`, or 14 characters on. */
function clauseEnd(text: string, at: number, ceiling: number): number {
  let e = at;
  while (e < ceiling && e - at < 14 && !CLAUSE_STOP.test(text[e])) e++;
  return e;
}

function clauseAfter(text: string, at: number, ceiling: number): string {
  const e = clauseEnd(text, at, ceiling);
  return compact(text, at, e).replace(/^的/, '').slice(0, 12);
}

// ——— Periods ———

export interface Periods {
  /** The year the report was given (its date), or of its title (2024年工作综述). */
  readonly documentYear?: number;
  /**
   * The year a summary's title looks back on (2024年工作总结): the year of its figures that say
   * none, where no part names another. Not what its 今年 or 去年 mean (see periodsOf).
   */
  readonly reviewYear?: number;
  /** Parts and sections whose title names a year (2018年工作回顾, 一、2019年工作回顾). */
  readonly parts: readonly { readonly section: Span; readonly year: number; readonly plan: boolean }[];
  /** Parts and sections whose title, with no year, looks ahead (下步打算, 明年工作思路): see FUTURE. */
  readonly future: readonly Span[];
}

export const periodsOf = perDocument((doc): Periods => {
  const fm = doc.frontMatter;
  let documentYear: number | undefined;
  let reviewYear: number | undefined;
  for (const f of fm) {
    const m = /([12][0-9]{3})\s*年/.exec(doc.paragraphs[f.paragraph].text);
    if (m && (f.role === 'date' || f.role === 'subtitle' || f.role === 'other')) documentYear = Number(m[1]);
    // A title's year is the year the report is given (2024年政府工作报告), but in a summary's title
    // the year it looks back on (2023年工作总结, written in December or in January after): 今年
    // in it may be either.
    if (m && documentYear === undefined && f.role === 'title' && !/总结|回顾|述职/.test(doc.paragraphs[f.paragraph].text)) documentYear = Number(m[1]);
    else if (m && reviewYear === undefined && f.role === 'title' && /总结|回顾|述职/.test(doc.paragraphs[f.paragraph].text)) reviewYear = Number(m[1]);
  }
  const parts: Periods['parts'][number][] = [];
  const future: Span[] = [];
  for (const h of doc.headings) {
    if (!(h.kind === 'part' || (h.kind === 'numbered' && h.level === 1))) continue;
    // Not a part that sets out problems too (存在的问题和下步打算): those are this year's.
    if ((FUTURE.test(h.title) || PLAN_TITLE.test(h.title)) && !/[12][0-9]{3}年|问题|不足|困难|差距|回顾|总结|执行|完成|情况|成效|成绩/.test(h.title)) future.push(h.section);
    const m = PART_YEAR.exec(h.title);
    if (m) parts.push({ section: h.section, year: Number(m[1]), plan: !/回顾|总结/.test(m[2]) });
    else {
      const o = OPENS_ON_YEAR.exec(h.title);
      if (o) parts.push({ section: h.section, year: Number(o[1]), plan: PLAN_WORDS.test(h.title) && !/回顾|总结|执行/.test(h.title) });
      else if (documentYear !== undefined) {
        // 一、过去一年工作回顾 / 二、今年工作总体要求和主要目标: the years the report's date names.
        if (LAST_YEAR_PART.test(h.title)) parts.push({ section: h.section, year: documentYear - 1, plan: false });
        else if (THIS_YEAR_PART.test(h.title)) parts.push({ section: h.section, year: documentYear, plan: true });
      }
    }
  }
  return { documentYear, reviewYear, parts, future };
});

/** A part's title that names its year and what it does with it: 2018年工作回顾, 2019年工作安排. */
const PART_YEAR = /([12][0-9]{3})年(?:度)?[^，。]{0,6}?(回顾|安排|打算|计划|展望|任务|总结)/;
/**
 * A part's title that opens on a year speaks of that year (2023年预算执行情况, 2024年预算草案 in a
 * budget report) — unless it runs on from it (2023年以来).
 */
const OPENS_ON_YEAR = /^([12][0-9]{3})年(?:度)?(?![以来前后底])/;
/** A part's title that looks back on the year before the report's: 过去一年工作回顾, 去年工作总结. */
const LAST_YEAR_PART = /^(?:过去(?:的)?一年|去年|上一年|上年)(?:来)?(?:的)?(?:工作)?(?:回顾|总结|主要工作|工作)/;
/** A part's title that plans the report's year: 今年工作总体要求和主要目标, 今年重点工作. */
const THIS_YEAR_PART = /^(?:今年|本年度?)(?:的)?(?:工作|经济社会发展|政府工作)?(?:总体要求|主要目标|目标任务|重点工作|工作安排|主要任务|工作任务|工作打算|任务)/;
/** Words of a plan's title, for a part that opens on a year: 草案, 主要目标. */
const PLAN_WORDS = /草案|安排|打算|计划|展望|任务|目标|预期|思路/;

/** What the sentence says of the year before a mention: a year written in it, 今年, 去年. */
export interface HeadYear {
  readonly year?: number;
  readonly thisYear: boolean;
  readonly lastYear: boolean;
  /** It speaks of several years (see MANY_YEARS). */
  readonly manyYears: boolean;
  /** It speaks of what is to be done next (see FUTURE). */
  readonly future: boolean;
}

/**
 * Words that turn a sentence or a part to what is to be done (下一步，我们将…新建…10个; 五、存在的问题
 * 和下步打算): its figures are a plan's, not the year's, when no year says which.
 */
const FUTURE = /下一步|下步|下一阶段|今后|明年|来年|新的一年/;
/** A part's title that sets out a plan (三、工作计划, 四、工作思路), not how one was carried out (计划执行情况). */
const PLAN_TITLE = /计划|打算|思路|安排|展望/;

/**
 * A part of the year a sentence speaks of before a figure: a quarter, a half, months, a holiday
 * (一季度，全县地区生产总值完成62.3亿元; 国庆假期，全县接待游客86.2万人次，实现旅游收入6.8亿元 — each
 * figure of the run). A month alone says when something was done (去年9月，…举办了…论坛，共促成签约项目
 * 82个, told elsewhere without the month): only a month's figures (9月份), its end (6月末), a run of
 * months (1—10月) or months since (3月以来) are a period. 12月底 and 1-12月 are the year's end and whole.
 */
const PERIOD = /前三季度|第?[一二三四1-4１-４]季度|[上下]半年|(?:1[0-2]|[1-9]|１[０-２]|[１-９])(?:[-—–~～至到](?:1[0-2]|[1-9]|１[０-２]|[１-９])月(?:份|底|末)?|月(?:份|底|末|以来))|(?:春节|国庆|“五一”|五一|端午|中秋|元旦|清明|暑期|暑假|寒假)(?:小长假|长假|假期|期间|黄金周|前夕)?/g;
const YEAR_END = new Set(['12月底', '1-12月']);
/** 比, 较, 与, 同 before a period: it is compared with (比上半年, 较一季度, 与上半年相比). */
const COMPARED_WITH = new Set([0x6bd4, 0x8f83, 0x4e0e, 0x540c]);

/** The last period (PERIOD) written in a sentence's `head`: as written, and as a key that says which. */
function periodIn(head: string): { readonly text: string; readonly key: string } | undefined {
  let found: RegExpExecArray | undefined;
  PERIOD.lastIndex = 0;
  for (let m = PERIOD.exec(head); m; m = PERIOD.exec(head)) {
    // A period compared with is not the one spoken of: 全年…增速比上半年提高0.3个百分点，…达到286.5亿元.
    if (!COMPARED_WITH.has(head.charCodeAt(m.index - 1))) found = m;
  }
  if (!found) return undefined;
  const key = periodKey(found[0]);
  return YEAR_END.has(key) ? undefined : { text: found[0], key };
}

/** 第1季度 → 一季度, “五一”假期 → 五一, 1—6月份 → 1-6月, 6月末 → 6月底. */
function periodKey(written: string): string {
  return toAscii(written)
    .replace(/[—–~～至到]/g, '-')
    .replace(/^第/, '')
    .replace(/^[1-4](?=季度)/, (d) => '一二三四'[Number(d) - 1])
    .replace(/[“”]|份$|小长假$|长假$|假期$|期间$|黄金周$|前夕$/g, '')
    .replace(/末$/, '底');
}

export function headYear(text: string, sentenceStart: number, at: number): HeadYear {
  return headYearIn(text.slice(sentenceStart, at));
}

/** What the words of a sentence before a mention (`head`) say of its year. */
function headYearIn(head: string): HeadYear {
  const manyYears = MANY_YEARS.test(head);
  const years = [...head.matchAll(/(?<![0-9])([12][0-9]{3})\s*年(?!代)/g)];
  if (years.length > 0) return { year: Number(years[years.length - 1][1]), thisYear: false, lastYear: false, manyYears, future: false };
  return { thisYear: /今年/.test(head), lastYear: /去年/.test(head), manyYears, future: FUTURE.test(head) };
}

/**
 * The year a mention speaks of: a year written earlier in its sentence; 今年 / 去年 against the
 * report's year (in a plan part, the plan's year); else the year of the part it stands in, or,
 * outside such parts and with neither 今年 nor 去年, the year a summary looks back on.
 */
export function yearOf(text: string, at: number, sentence: Span, periods: Periods): number | undefined {
  return resolveYear(headYear(text, sentence.start, at), at, periods);
}

function resolveYear(head: HeadYear, at: number, periods: Periods): number | undefined {
  if (head.year !== undefined) return head.year;
  const part = periods.parts.find((x) => at >= x.section.start && at < x.section.end);
  const now = part?.plan ? part.year : periods.documentYear;
  if (head.thisYear && now !== undefined) return now;
  if (head.lastYear) {
    if (part?.plan) return part.year - 1;
    if (periods.documentYear !== undefined) return periods.documentYear - 1;
  }
  return part !== undefined || head.thisYear || head.lastYear ? part?.year : periods.reviewYear;
}
