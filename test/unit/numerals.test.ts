import { describe, expect, it } from 'vitest';
import { formatChineseOrdinal, parseArabic, parseChineseOrdinal, parseCircled } from '../../server/src/core/text/numerals';

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
