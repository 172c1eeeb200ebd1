import { describe, expect, it } from 'vitest';
import { formatChineseOrdinal, parseArabic, parseChineseOrdinal, parseCircled } from '../../server/src/core/text/numerals';
import fc from 'fast-check';
import { mentionsOf, PATTERNS } from '../../server/src/core/rules/numeralStyle';

describe('numerals', () => {
  it('parses Chinese ordinals 一 to 九十九', () => {
    expect(['一', '五', '十', '十一', '二十', '二十三', '九十九'].map(parseChineseOrdinal)).toEqual([1, 5, 10, 11, 20, 23, 99]);
  });

  it('rejects what is not an ordinal', () => {
    expect(['', '十十', '一十一十', '百', '一二', '〇'].map(parseChineseOrdinal)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('formats back what it parses', () => {
    for (let n = 1; n <= 99; n++) expect(parseChineseOrdinal(formatChineseOrdinal(n))).toBe(n);
  });

  it('reads half- and full-width Arabic digits and circled numbers', () => {
    expect(parseArabic('12')).toBe(12);
    expect(parseArabic('１２')).toBe(12);
    expect(parseArabic('1a')).toBeUndefined();
    expect(parseCircled('③')).toBe(3);
    expect(parseCircled('3')).toBeUndefined();
  });
});

describe('numeral-style mentions', () => {
  it('are found where a global search finds them, on text dense with numerals and suffixes', () => {
    // Runs of either kind of digits, the suffixes (周年 after 周年, 年 after a run too long), 代 and
    // a few others; the sticky search tried before each suffix must give what matchAll gives.
    const run = (digits: string) => fc.array(fc.constantFrom(...digits), { minLength: 1, maxLength: 5 }).map((cs) => cs.join(''));
    const token = fc.oneof(run('0123456789'), run('〇零一二三四五六七八九十百'), fc.constantFrom('周年', '年', '年代', '周', '的', '，', 'a'));
    const text = fc.array(token, { maxLength: 24 }).map((ts) => ts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        for (const kind of PATTERNS) {
          const global = new RegExp(kind.re.source, 'g');
          const want = [...t.matchAll(global)].map((m) => [m.index, m[0]]);
          expect(mentionsOf(t, kind).map((m) => [m.index, m[0]])).toEqual(want);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
