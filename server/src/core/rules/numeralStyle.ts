import type { Span } from '../model';
import type { Rule } from './types';
import { formatChineseOrdinal, parseChineseOrdinal } from '../text/numerals';
import { perParagraph, TextMemo } from '../memo';

/**
 * numeral-style — one kind of expression written with both Chinese and Arabic numerals in one
 * document (七十五周年 beside 75周年; 二〇三五年 beside 2035年), against GB/T 15835's "same category,
 * same form". The forms of the minority are reported, each with a fix to the majority's form.
 * Set phrases (十九届三中全会, 第十二届, “十三五”) are other kinds and never compared; names — in 《》
 * and the report's own title — are written as their owners wrote them and not compared either.
 */
interface Mention {
  readonly start: number;
  readonly end: number;
  readonly chinese: boolean;
  readonly value: number;
  readonly suffix: string;
}

/**
 * The kinds of expression, each a pattern that ends with its suffix and starts at most `lead`
 * characters before it. Years are `arabicOnTie`: GB/T 15835 writes them in Arabic numerals, and
 * GB/T 9704 the date a document is signed (二〇二四年 in the text beside a closing 2025年1月8日). The patterns are sticky: `mentionsOf` tries them only where a suffix
 * stands (a regular expression that opens with a lookbehind is tried at every character; on a
 * folder of reports the year pattern alone took ~4 % of the time).
 */
export const PATTERNS: { name: string; re: RegExp; lead: number; parse: (s: string) => number | undefined; suffix: string; arabicOnTie?: boolean }[] = [
  { name: 'anniversary', re: /(?<![0-9一二三四五六七八九十百〇零])([0-9]{1,3}|[一二三四五六七八九十]{1,3})周年/y, lead: 3, parse: (s) => (/^[0-9]/.test(s) ? Number(s) : parseChineseOrdinal(s)), suffix: '周年' },
  { name: 'year', re: /(?<![0-9〇零一二三四五六七八九])([0-9]{4}|[〇零一二三四五六七八九]{4})年(?!代)/y, lead: 4, parse: (s) => (/^[0-9]/.test(s) ? Number(s) : Number([...s].map((c) => '〇一二三四五六七八九'.indexOf(c === '零' ? '〇' : c)).join(''))), suffix: '年', arabicOnTie: true },
];

/**
 * The matches of `kind.re` in `t`, as a global search would find them: a match ends with the
 * suffix, so it starts at one of the `lead` characters before an occurrence of the suffix, the
 * leftmost that matches. Matches cannot overlap (each ends with the suffix, which no lead holds).
 */
export function mentionsOf(t: string, kind: { readonly re: RegExp; readonly lead: number; readonly suffix: string }): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  for (let j = t.indexOf(kind.suffix); j >= 0; j = t.indexOf(kind.suffix, j + 1)) {
    for (let start = Math.max(0, j - kind.lead); start < j; start++) {
      kind.re.lastIndex = start;
      const m = kind.re.exec(t);
      if (m && m.index + m[0].length === j + kind.suffix.length) {
        out.push(m);
        break;
      }
    }
  }
  return out;
}

/** Each kind with the mentions of a paragraph by its text, in its own offsets (an edit re-reads one paragraph). */
const KINDS = PATTERNS.map((kind) => ({
  ...kind,
  mentions: perParagraph(new TextMemo((t): Mention[] => {
    const out: Mention[] = [];
    const inBookTitle = bookTitles(t);
    for (const m of mentionsOf(t, kind)) {
      // 《…二〇三五年远景目标纲要》 is a name, written as its owner wrote it.
      if (inBookTitle(m.index)) continue;
      const value = kind.parse(m[1]);
      if (value === undefined || Number.isNaN(value)) continue;
      out.push({ start: m.index, end: m.index + m[0].length, chinese: !/^[0-9]/.test(m[1]), value, suffix: kind.suffix });
    }
    return out;
  }, { sharedKeys: true })),
}));

export const numeralStyle: Rule = {
  meta: {
    id: 'numeral-style',
    category: 'typography',
    defaultSeverity: 'warning',
    fixable: true,
    docs: {
      zh: '同一类表述在一篇文档中应统一使用汉字或阿拉伯数字（GB/T 15835），如“七十五周年”与“75周年”不应混用。',
      en: 'One kind of expression uses one numeral form throughout a document (GB/T 15835): not 七十五周年 beside 75周年.',
    },
  },
  check(doc, report) {
    // The report's own title is its name too (…规划和二〇三五年远景目标纲要).
    const titles = new Set<number>();
    for (const f of doc.frontMatter) if (f.role === 'title') titles.add(f.paragraph);
    for (const kind of KINDS) {
      // Counted first, in each paragraph's own offsets: the mentions of the minority alone are
      // placed in the document (a 100 KB report has ~300 years; copying each into document
      // offsets was most of this rule's work per keystroke).
      const found: { base: number; list: readonly Mention[] }[] = [];
      const count = { chinese: 0, arabic: 0 };
      const first: { chinese?: Span; arabic?: Span } = {};
      const mentions = kind.mentions(doc);
      for (let i = 0; i < mentions.length; i++) {
        const list = mentions[i];
        if (list.length === 0 || titles.has(i)) continue;
        const base = doc.paragraphs[i].span.start;
        found.push({ base, list });
        for (const m of list) {
          const form = m.chinese ? 'chinese' : 'arabic';
          count[form]++;
          first[form] ??= { start: base + m.start, end: base + m.end };
        }
      }
      if (!first.chinese || !first.arabic) continue;
      // The minority is reported; on a tie, the form that appears later, or the Chinese one for a
      // kind the standards write in Arabic numerals (arabicOnTie).
      const minorityChinese = count.chinese < count.arabic || (count.chinese === count.arabic && (kind.arabicOnTie === true || first.chinese.start > first.arabic.start));
      const majority = minorityChinese ? first.arabic : first.chinese;
      const other = doc.text.slice(majority.start, majority.end);
      for (const { base, list } of found) {
        for (const m of list) {
          if (m.chinese !== minorityChinese) continue;
          const start = base + m.start;
          const end = base + m.end;
          const written = doc.text.slice(start, end);
          const expected = rewrite(m, kind.name);
          report({
            span: { start, end },
            message: { key: 'numeral-style.message', args: { written, other, expected } },
            fix: expected ? { title: { key: 'numeral-style.fix', args: { expected } }, edits: [{ span: { start, end }, newText: expected }], safe: false } : undefined,
          });
        }
      }
    }
  },
};

/**
 * For offsets asked in increasing order: whether the offset lies between a 《 and the 》 closing it
 * in `t` (《…》 do not nest in practice). One pass over `t` for all the offsets.
 */
function bookTitles(t: string): (at: number) => boolean {
  const lastClose = t.lastIndexOf('》');
  if (lastClose < 0) return () => false;
  let scanned = 0;
  let inside = false;
  return (at) => {
    for (; scanned < at; scanned++) {
      const c = t.charCodeAt(scanned);
      if (c === 0x300a) inside = true;
      else if (c === 0x300b) inside = false;
    }
    return inside && at < lastClose;
  };
}

function rewrite(m: Mention, kind: string): string {
  if (m.chinese) return `${m.value}${m.suffix}`;
  if (kind === 'year') return [...String(m.value)].map((d) => '〇一二三四五六七八九'[Number(d)]).join('') + m.suffix;
  return formatChineseOrdinal(m.value) + m.suffix;
}
