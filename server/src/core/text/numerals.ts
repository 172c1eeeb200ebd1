/**
 * Chinese ordinals as headings use them: 一 … 九十九, with 〇/零 tolerated. Arabic ordinals in
 * half- and full-width digits.
 */

const DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const GLYPHS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 九十九 → 99; anything else → undefined. */
export function parseChineseOrdinal(s: string): number | undefined {
  if (s.length === 0 || s.length > 3) return undefined;
  const ten = s.indexOf('十');
  if (ten < 0) return s.length === 1 && s in DIGITS && DIGITS[s] > 0 ? DIGITS[s] : undefined;
  if (s.indexOf('十', ten + 1) >= 0) return undefined;
  const head = s.slice(0, ten);
  const tail = s.slice(ten + 1);
  const tens = head === '' ? 1 : head.length === 1 && DIGITS[head] >= 2 ? DIGITS[head] : undefined;
  const ones = tail === '' ? 0 : tail.length === 1 && DIGITS[tail] >= 1 ? DIGITS[tail] : undefined;
  if (tens === undefined || ones === undefined) return undefined;
  return tens * 10 + ones;
}

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十; outside 1–99 the Arabic digits. */
export function formatChineseOrdinal(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  if (n < 10) return GLYPHS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens === 1 ? '' : GLYPHS[tens]) + '十' + (ones === 0 ? '' : GLYPHS[ones]);
}

/** Half- or full-width Arabic digits → number; undefined when another character is present. */
export function parseArabic(s: string): number | undefined {
  if (s.length === 0 || s.length > 3) return undefined;
  let n = 0;
  for (const ch of s) {
    let c = ch.charCodeAt(0);
    if (c >= 0xff10 && c <= 0xff19) c -= 0xff10 - 48;
    if (c < 48 || c > 57) return undefined;
    n = n * 10 + (c - 48);
  }
  return n;
}

const CIRCLED_FIRST = 0x2460; // ①

export function parseCircled(ch: string): number | undefined {
  const c = ch.charCodeAt(0);
  return ch.length === 1 && c >= CIRCLED_FIRST && c <= CIRCLED_FIRST + 19 ? c - CIRCLED_FIRST + 1 : undefined;
}

export function formatCircled(n: number): string {
  return n >= 1 && n <= 20 ? String.fromCharCode(CIRCLED_FIRST + n - 1) : `(${n})`;
}

/** Whether the digits are full-width (１２), for re-numbering in the same width. */
export function isFullWidthDigits(s: string): boolean {
  const c = s.charCodeAt(0);
  return c >= 0xff10 && c <= 0xff19;
}

export function formatArabic(n: number, fullWidth: boolean): string {
  const s = String(n);
  return fullWidth ? s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xff10 - 48)) : s;
}
