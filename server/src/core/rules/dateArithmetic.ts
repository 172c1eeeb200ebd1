import { paragraphRule, type Rule, type RuleMeta } from './types';
import { TextMemo } from '../memo';
import { periodsOf, yearOf } from '../parse/figures';
import { parseChineseOrdinal } from '../text/numerals';
import { paragraphsWith, sentenceAt } from '../parse/paragraphs';

/**
 * date-arithmetic — an anniversary that does not fit the year: 2019年是新中国成立71周年 (1949 + 71 =
 * 2020); a weekday that is not the date's (2024年6月30日（星期一）: a Sunday); a span of days
 * counted wrong (2024年5月20日至22日，为期4天: 3). Weekdays and spans are read only on dates that
 * write their year. Founding years: 新中国 and 人民政协 1949, 中国共产党 1921, 改革开放 1978, and any other
 * founding year the document states (X成立于1998年 / 1998年成立的X). The year of a mention is the
 * one its sentence gives, else 今年 against the report's date, else its part's year; without any,
 * nothing is reported.
 */
const KNOWN: [RegExp, number][] = [
  [/新中国|中华人民共和国/, 1949],
  [/人民政协|中国人民政治协商会议|全国政协/, 1949],
  [/中国共产党|建党|党的/, 1921],
  [/改革开放/, 1978],
];
const NAMES = '新中国|中华人民共和国|中国人民政协|人民政协|中国人民政治协商会议|全国政协|中国共产党|建党|改革开放';
/** The pattern of an anniversary of one of `names` (the last one made is kept: most documents add no name). */
function mentionOf(names: string): RegExp {
  if (names !== lastNames) lastMention = new RegExp(`(${(lastNames = names)})(?:成立|建立|诞生|实行|创建|组建)?([0-9]{1,3}|[一二三四五六七八九十百]{1,4})周年`, 'g');
  return lastMention;
}
let lastNames = '';
let lastMention = /$^/g;

const META: RuleMeta = {
  id: 'date-arithmetic',
  category: 'figure',
  defaultSeverity: 'error',
  fixable: false,
  docs: {
    zh: '日期计算有误：周年纪念与年份不符（2019年是新中国成立70周年，而非71周年），星期与日期不符，起止日期与天数不符。',
    en: 'Date arithmetic is wrong: an anniversary that does not fit its year (2019 is the PRC’s 70th, not 71st), a weekday that is not the date’s, a span of days counted wrong.',
  },
};

/**
 * X成立于1998年 / 1998年成立的X. The name before 成立于 is read back from the match, so that the
 * pattern never tries a run of Han characters at every position of the text.
 */
const FOUNDED = /成立于([12][0-9]{3})年|([12][0-9]{3})年成立的([\u4e00-\u9fff]{2,10})/g;

/**
 * The founding years a paragraph states, in its order, by its text: an edit reads the paragraph
 * it touched again (a pattern over the whole text at every version was ~3 % of a keystroke on the
 * 100 KB report).
 */
const foundingsOf = new TextMemo(
  (text): readonly (readonly [string, number])[] => {
    const out: [string, number][] = [];
    for (const m of text.matchAll(FOUNDED)) {
      const name = m[1] !== undefined ? /[\u4e00-\u9fff]{2,10}$/.exec(text.slice(Math.max(0, m.index - 10), m.index))?.[0] : m[3];
      if (name !== undefined) out.push([name, Number(m[1] ?? m[2])]);
    }
    return out;
  },
  { sharedKeys: true },
);

export const dateArithmetic: Rule = paragraphRule(
  META,
  // Weekdays and spans of days: the paragraph's own dates.
  (_doc, paragraphs, report) => {
    for (const p of paragraphs) {
      // A weekday (星期, 周) or a count of days (天) is what the dates are checked against.
      if (p.text.includes('日') && (p.text.includes('星期') || p.text.includes('周') || p.text.includes('天'))) checkCalendar(p.text, p.span.start, report);
    }
  },
  // Anniversaries: against the founding years the whole document states and the year of the part.
  (doc, report) => {
    const founded = new Map<string, number>();
    for (const p of paragraphsWith(doc, '成立')) for (const [name, year] of foundingsOf.get(p.text)) founded.set(name, year);
    let names: string | undefined;
    let periods: ReturnType<typeof periodsOf> | undefined;
    // The names are tried at every character; most paragraphs have no 周年 to find.
    for (const p of paragraphsWith(doc, '周年')) {
      names ??= [NAMES, ...[...founded.keys()].map(escape)].join('|');
      for (const m of anniversariesIn(p.text, names)) {
        const base = KNOWN.find(([re]) => re.test(m.who))?.[1] ?? [...founded].find(([name]) => m.who.endsWith(name) || name.endsWith(m.who))?.[1];
        if (base === undefined) continue;
        const at = p.span.start + m.index;
        const sentence = sentenceAt(p, at) ?? p.span;
        const year = yearOf(doc.text, at, sentence, (periods ??= periodsOf(doc)));
        if (year === undefined || year - base === m.n) continue;
        report({
          span: { start: at, end: at + m.text.length },
          message: { key: 'date-arithmetic.message', args: { year, anniversary: m.text, expected: year - base, base, nth: ordinalSuffix(year - base) } },
        });
      }
    }
  },
);

/** 新中国成立70周年 in a paragraph: who, the count, where (in the paragraph) and the words. */
interface Anniversary {
  readonly who: string;
  readonly n: number;
  readonly index: number;
  readonly text: string;
}

/** A paragraph's anniversaries by its text, then by the names looked for (the document's founding years add some). */
const anniversaries = new TextMemo(() => new Map<string, readonly Anniversary[]>(), { sharedKeys: true });

function anniversariesIn(text: string, names: string): readonly Anniversary[] {
  const byNames = anniversaries.get(text);
  let found = byNames.get(names);
  if (found) return found;
  const out: Anniversary[] = [];
  for (const m of text.matchAll(mentionOf(names))) {
    const n = /^[0-9]/.test(m[2]) ? Number(m[2]) : parseChineseNumber(m[2]);
    if (n !== undefined) out.push({ who: m[1], n, index: m.index, text: m[0] });
  }
  byNames.set(names, (found = out));
  return found;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A full date, then a weekday in brackets or a span to another day: 2024年6月30日（星期日）, 2024年5月20日至22日. */
const CALENDAR_DATE = /([12][0-9]{3})年([0-9]{1,2})月([0-9]{1,2})日(?:[（(](?:星期|周)([一二三四五六日天])[）)]|(?:至|到|—|-|－|~|～)(?:([0-9]{1,2})月)?([0-9]{1,2})日)/g;
/** How many days a span is said to last, right after it: 为期3天, 共3天, 历时3天. */
const SPAN_DAYS = /^[^。；;]{0,20}?(?:为期|共|历时|持续|连续)([0-9]{1,3})天/;
const WEEKDAYS = '日一二三四五六';
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A day of the calendar, or undefined for one that does not exist (2月30日). */
function dayOf(year: number, month: number, day: number): Date | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? d : undefined;
}

function checkCalendar(text: string, base: number, report: Parameters<Rule['check']>[1]): void {
  for (const m of text.matchAll(CALENDAR_DATE)) {
    const year = Number(m[1]);
    const start = dayOf(year, Number(m[2]), Number(m[3]));
    if (!start) continue;
    const at = base + m.index!;
    const span = { start: at, end: at + m[0].length };
    const dayEnd = m[0].indexOf('日') + 1;
    const date = m[0].slice(0, dayEnd);
    if (m[4] !== undefined) {
      const written = m[4] === '天' ? 0 : WEEKDAYS.indexOf(m[4]);
      const actual = start.getUTCDay();
      if (written !== actual) {
        report({ span, message: { key: 'date-arithmetic.weekday', args: { date, written: WEEKDAY_NAMES[written], actual: WEEKDAY_NAMES[actual], writtenZh: `星期${WEEKDAYS[written]}`, actualZh: `星期${WEEKDAYS[actual]}` } } });
      }
      continue;
    }
    const end = dayOf(year, m[5] !== undefined ? Number(m[5]) : Number(m[2]), Number(m[6]));
    const days = SPAN_DAYS.exec(text.slice(m.index! + m[0].length, m.index! + m[0].length + 30));
    if (!end || !days || end < start) continue;
    const actual = Math.round((end.getTime() - start.getTime()) / 86_400_000) + 1;
    const written = Number(days[1]);
    if (written !== actual) report({ span, message: { key: 'date-arithmetic.span', args: { from: date, to: m[0].slice(dayEnd + 1), written, actual } } });
  }
}

/** 70 → 70th, 71 → 71st, 72 → 72nd, 73 → 73rd, 111 → 111th. */
function ordinalSuffix(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  return `${n}${teen ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** 七十 → 70, 七十五 → 75, 一百 → 100. */
function parseChineseNumber(s: string): number | undefined {
  if (s === '一百' || s === '百') return 100;
  const m = /^一百(?:零)?(.*)$/.exec(s);
  if (m) {
    const rest = parseChineseOrdinal(m[1]);
    return rest === undefined ? undefined : 100 + rest;
  }
  return parseChineseOrdinal(s);
}
