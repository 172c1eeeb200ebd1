import type { Rule } from './types';
import { periodsOf, yearOf } from '../parse/figures';
import { parseChineseOrdinal } from '../text/numerals';
import { sentenceAt } from '../parse/paragraphs';

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
const mentionOf = (names: string) => new RegExp(`(${names})(?:成立|建立|诞生|实行|创建|组建)?([0-9]{1,3}|[一二三四五六七八九十百]{1,4})周年`, 'g');

export const dateArithmetic: Rule = {
  meta: {
    id: 'date-arithmetic',
    category: 'figure',
    defaultSeverity: 'error',
    fixable: false,
    docs: {
      zh: '日期计算有误：周年纪念与年份不符（2019年是新中国成立70周年，而非71周年），星期与日期不符，起止日期与天数不符。',
      en: 'Date arithmetic is wrong: an anniversary that does not fit its year (2019 is the PRC’s 70th, not 71st), a weekday that is not the date’s, a span of days counted wrong.',
    },
  },
  check(doc, report) {
    const periods = periodsOf(doc);
    const founded = new Map<string, number>();
    // X成立于1998年 / 1998年成立的X. The name before 成立于 is read back from the match, so that
    // the pattern never tries a run of Han characters at every position of the text.
    for (const m of doc.text.matchAll(/成立于([12][0-9]{3})年|([12][0-9]{3})年成立的([\u4e00-\u9fff]{2,10})/g)) {
      const name = m[1] !== undefined ? /[\u4e00-\u9fff]{2,10}$/.exec(doc.text.slice(Math.max(0, m.index - 10), m.index))?.[0] : m[3];
      if (name !== undefined) founded.set(name, Number(m[1] ?? m[2]));
    }
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const mention = mentionOf([NAMES, ...[...founded.keys()].map(escape)].join('|'));
    for (const p of doc.paragraphs) {
      // A weekday (星期, 周) or a count of days (天) is what the dates are checked against.
      if (p.text.includes('日') && (p.text.includes('星期') || p.text.includes('周') || p.text.includes('天'))) checkCalendar(p.text, p.span.start, report);
      // The names are tried at every character; most paragraphs have no 周年 to find.
      if (!p.text.includes('周年')) continue;
      for (const m of p.text.matchAll(mention)) {
        const who = m[1];
        const base = KNOWN.find(([re]) => re.test(who))?.[1] ?? [...founded].find(([name]) => who.endsWith(name) || name.endsWith(who))?.[1];
        if (base === undefined) continue;
        const n = /^[0-9]/.test(m[2]) ? Number(m[2]) : parseChineseNumber(m[2]);
        if (n === undefined) continue;
        const at = p.span.start + m.index!;
        const sentence = sentenceAt(p, at) ?? p.span;
        const year = yearOf(doc.text, at, sentence, periods);
        if (year === undefined || year - base === n) continue;
        report({
          span: { start: at, end: at + m[0].length },
          message: { key: 'date-arithmetic.message', args: { year, anniversary: m[0], expected: year - base, base, nth: ordinalSuffix(year - base) } },
        });
      }
    }
  },
};

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
