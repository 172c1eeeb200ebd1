import { formatArabic, formatChineseOrdinal, formatCircled } from '../core/text/numerals';

/**
 * Word's automatic numbering, written into the text. A heading numbered by a list style (一、
 * （一） 1.) holds no number in document.xml: Word draws it from numbering.xml as it lays the page
 * out. mammoth reads the text only, so the outline lost those headings and the heading checks
 * their numbers. This pass counts the numbered paragraphs as Word does and puts each one's number
 * at the start of its text, as a run of its own, before mammoth reads the file.
 *
 * What is read: the levels of each list (start, format, text such as `%1、` or `（%2）`, legal
 * numbering), the lists' start overrides, numbering given on the paragraph or by its style (through
 * `basedOn`, or a level naming the style). Counting follows Word: the lists of one definition go on
 * from each other unless a list restarts a level; a level counts on until a higher one does.
 * Bullets are not written (no heading has one). XML is scanned by `indexOf` from tag to tag, so
 * the pass is linear in the size of the parts.
 */

interface Level {
  readonly start: number;
  readonly format: string;
  readonly text: string;
  readonly legal: boolean;
  readonly style?: string;
}

interface Definitions {
  /** abstractNumId → its levels (index = ilvl). */
  readonly abstracts: Map<string, Level[]>;
  /** numId → the definition it uses and the levels it restarts. */
  readonly lists: Map<string, { readonly abstract: string; readonly starts: Map<number, number> }>;
}

/** Paragraph style → the numbering it gives (numId, level when it says), and the style it is based on. */
interface StyleNumbering {
  readonly numId?: string;
  readonly ilvl?: number;
  readonly basedOn?: string;
}

/** The elements named `tag` in `xml[from, to)`, not nested in themselves: their spans and inner spans. */
function elements(xml: string, tag: string, from = 0, to = xml.length): { start: number; end: number; inner: number; innerEnd: number }[] {
  const out: { start: number; end: number; inner: number; innerEnd: number }[] = [];
  const close = `</${tag}>`;
  for (let at = openTag(xml, tag, from, to); at >= 0; at = openTag(xml, tag, at + 1, to)) {
    const gt = xml.indexOf('>', at);
    if (gt < 0 || gt >= to) break;
    if (xml.charCodeAt(gt - 1) === 47) {
      out.push({ start: at, end: gt + 1, inner: gt + 1, innerEnd: gt + 1 });
      at = gt;
      continue;
    }
    const end = xml.indexOf(close, gt);
    if (end < 0 || end >= to) break;
    out.push({ start: at, end: end + close.length, inner: gt + 1, innerEnd: end });
    at = end;
  }
  return out;
}

/** The value of attribute `name` in the first `<tag …>` that opens in `xml[from, to)`. */
function attribute(xml: string, tag: string, name: string, from: number, to: number): string | undefined {
  const at = openTag(xml, tag, from, to);
  if (at < 0) return undefined;
  const gt = xml.indexOf('>', at);
  const head = xml.slice(at, gt < 0 ? to : gt + 1);
  const key = ` ${name}="`;
  const k = head.indexOf(key);
  if (k < 0) return undefined;
  const v = k + key.length;
  return head.slice(v, head.indexOf('"', v));
}

/** Where the first `<tag` (the whole name: not `<w:numPr` for `w:num`) opens in `xml[from, to)`, or −1. */
function openTag(xml: string, tag: string, from: number, to: number): number {
  const open = `<${tag}`;
  for (let at = xml.indexOf(open, from); at >= 0 && at < to; at = xml.indexOf(open, at + 1)) {
    const c = xml.charCodeAt(at + open.length);
    if (c === 32 || c === 62 /* > */ || c === 47 /* / */ || c === 9 || c === 10 || c === 13) return at;
  }
  return -1;
}

function readDefinitions(numbering: string): Definitions {
  const abstracts = new Map<string, Level[]>();
  for (const a of elements(numbering, 'w:abstractNum')) {
    const id = attribute(numbering, 'w:abstractNum', 'w:abstractNumId', a.start, a.end);
    if (id === undefined) continue;
    const levels: Level[] = [];
    for (const l of elements(numbering, 'w:lvl', a.inner, a.innerEnd)) {
      const ilvl = Number(attribute(numbering, 'w:lvl', 'w:ilvl', l.start, l.end) ?? '0');
      if (!Number.isInteger(ilvl) || ilvl < 0 || ilvl > 8) continue;
      levels[ilvl] = {
        start: Number(attribute(numbering, 'w:start', 'w:val', l.inner, l.innerEnd) ?? '1') || 0,
        format: attribute(numbering, 'w:numFmt', 'w:val', l.inner, l.innerEnd) ?? 'decimal',
        text: decodeXml(attribute(numbering, 'w:lvlText', 'w:val', l.inner, l.innerEnd) ?? ''),
        legal: elements(numbering, 'w:isLgl', l.inner, l.innerEnd).length > 0,
        style: attribute(numbering, 'w:pStyle', 'w:val', l.inner, l.innerEnd),
      };
    }
    abstracts.set(id, levels);
  }
  const lists = new Map<string, { abstract: string; starts: Map<number, number> }>();
  for (const n of elements(numbering, 'w:num')) {
    const id = attribute(numbering, 'w:num', 'w:numId', n.start, n.end);
    const abstract = attribute(numbering, 'w:abstractNumId', 'w:val', n.inner, n.innerEnd);
    if (id === undefined || abstract === undefined) continue;
    const starts = new Map<number, number>();
    for (const o of elements(numbering, 'w:lvlOverride', n.inner, n.innerEnd)) {
      const ilvl = Number(attribute(numbering, 'w:lvlOverride', 'w:ilvl', o.start, o.end) ?? '0');
      const start = attribute(numbering, 'w:startOverride', 'w:val', o.inner, o.innerEnd);
      if (start !== undefined) starts.set(ilvl, Number(start) || 0);
    }
    lists.set(id, { abstract, starts });
  }
  return { abstracts, lists };
}

function readStyles(styles: string | undefined): Map<string, StyleNumbering> {
  const out = new Map<string, StyleNumbering>();
  if (!styles) return out;
  for (const s of elements(styles, 'w:style')) {
    const id = attribute(styles, 'w:style', 'w:styleId', s.start, s.end);
    if (id === undefined) continue;
    const ilvl = attribute(styles, 'w:ilvl', 'w:val', s.inner, s.innerEnd);
    out.set(id, {
      numId: attribute(styles, 'w:numId', 'w:val', s.inner, s.innerEnd),
      ilvl: ilvl === undefined ? undefined : Number(ilvl),
      basedOn: attribute(styles, 'w:basedOn', 'w:val', s.inner, s.innerEnd),
    });
  }
  return out;
}

const TRADITIONAL = '甲乙丙丁戊己庚辛壬癸';

/** A counter in one of Word's number formats (the ones Chinese documents use, and the common rest). */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'koreanCounting':
      return formatChineseOrdinal(n);
    case 'ideographTraditional':
      return n >= 1 && n <= 10 ? TRADITIONAL[n - 1] : String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return formatCircled(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return formatArabic(n, true);
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'upperLetter':
    case 'lowerLetter': {
      const letter = String.fromCharCode(65 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
      return format === 'upperLetter' ? letter : letter.toLowerCase();
    }
    case 'upperRoman':
    case 'lowerRoman': {
      const roman = toRoman(n);
      return format === 'upperRoman' ? roman : roman.toLowerCase();
    }
    case 'none':
      return '';
    default:
      return String(n);
  }
}

function toRoman(n: number): string {
  if (n < 1 || n > 3999) return String(n);
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of table) while (n >= v) (out += s), (n -= v);
  return out;
}

function decodeXml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!);
}

function encodeXml(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/**
 * document.xml with every numbered paragraph's number written at the start of its text; the same
 * string when nothing is numbered. `numbering` and `styles` are numbering.xml and styles.xml.
 */
export function writeNumbers(document: string, numbering: string, styles?: string): string {
  if (!document.includes('<w:numPr') && !(styles?.includes('<w:numPr') ?? false)) return document;
  const defs = readDefinitions(numbering);
  const byStyle = readStyles(styles);
  // The level a style is numbered at when its numPr does not say: the level that names the style.
  const styleLevel = new Map<string, number>();
  for (const levels of defs.abstracts.values()) levels.forEach((l, i) => l?.style !== undefined && styleLevel.set(l.style, i));
  const counters = new Map<string, (number | undefined)[]>();
  const restarted = new Set<string>();
  const parts: string[] = [];
  let copied = 0;
  // Paragraphs in document order (`<w:p>` or `<w:p …>`, not `<w:pPr>`), those in text boxes included.
  for (let at = openTag(document, 'w:p', 0, document.length); at >= 0; at = openTag(document, 'w:p', at + 1, document.length)) {
    const gt = document.indexOf('>', at);
    if (gt < 0) break;
    if (document.charCodeAt(gt - 1) === 47) continue; // <w:p/>: empty
    const props = paragraphProperties(document, gt + 1);
    if (!props) continue;
    const numbered = numberingOf(document, props, byStyle, styleLevel);
    if (!numbered) continue;
    const list = defs.lists.get(numbered.numId);
    const levels = list && defs.abstracts.get(list.abstract);
    const level = levels?.[numbered.ilvl];
    if (!list || !levels || !level) continue;
    let count = counters.get(list.abstract);
    if (!count) counters.set(list.abstract, (count = []));
    // A list that restarts a level does so where it is first used.
    if (!restarted.has(numbered.numId)) {
      restarted.add(numbered.numId);
      for (const [ilvl, start] of list.starts) count[ilvl] = start - 1;
    }
    count[numbered.ilvl] = (count[numbered.ilvl] ?? (levels[numbered.ilvl]?.start ?? 1) - 1) + 1;
    for (let deeper = numbered.ilvl + 1; deeper < 9; deeper++) count[deeper] = undefined;
    if (level.format === 'bullet') continue;
    const shown = level.text.replace(/%([1-9])/g, (_, d: string) => {
      const i = Number(d) - 1;
      const value = count![i] ?? levels[i]?.start ?? 1;
      return formatNumber(value, level.legal ? 'decimal' : (levels[i]?.format ?? 'decimal'));
    });
    // An empty paragraph keeps its count but gets no line of its own text.
    if (!shown || !hasText(document, props.end)) continue;
    // Word sets a tab or a space after the number: written where the number would run into the
    // text (1 / A / 第一章 before 发展基础), not after a mark (一、 （一） 1.).
    const spaced = /[0-9A-Za-z\u4e00-\u9fff]$/.test(shown) ? `${shown} ` : shown;
    parts.push(document.slice(copied, props.end), `<w:r><w:t xml:space="preserve">${encodeXml(spaced)}</w:t></w:r>`);
    copied = props.end;
  }
  if (parts.length === 0) return document;
  parts.push(document.slice(copied));
  return parts.join('');
}

/** The paragraph's `<w:pPr>` right after its opening tag: where its own properties end. */
function paragraphProperties(xml: string, at: number): { start: number; end: number; own: number } | undefined {
  let i = at;
  while (i < xml.length && (xml.charCodeAt(i) === 32 || xml.charCodeAt(i) === 10 || xml.charCodeAt(i) === 13 || xml.charCodeAt(i) === 9)) i++;
  if (!xml.startsWith('<w:pPr', i)) return { start: i, end: i, own: i };
  const gt = xml.indexOf('>', i);
  if (gt < 0) return undefined;
  if (xml.charCodeAt(gt - 1) === 47) return { start: i, end: gt + 1, own: gt + 1 };
  // A tracked change holds the old properties in a <w:pPr> of its own, after the current ones.
  let close = xml.indexOf('</w:pPr>', gt);
  const change = xml.indexOf('<w:pPrChange', gt);
  const tracked = change >= 0 && change < close;
  const own = tracked ? change : close;
  if (tracked) {
    const changeEnd = xml.indexOf('</w:pPrChange>', change);
    close = changeEnd < 0 ? -1 : xml.indexOf('</w:pPr>', changeEnd);
  }
  if (close < 0) return undefined;
  return { start: i, end: close + '</w:pPr>'.length, own };
}

function numberingOf(xml: string, props: { start: number; own: number }, byStyle: Map<string, StyleNumbering>, styleLevel: Map<string, number>): { numId: string; ilvl: number } | undefined {
  const numId = attribute(xml, 'w:numId', 'w:val', props.start, props.own);
  const ilvl = attribute(xml, 'w:ilvl', 'w:val', props.start, props.own);
  const style = attribute(xml, 'w:pStyle', 'w:val', props.start, props.own);
  // The paragraph's own numbering comes first; numId 0, a list no file defines, takes a style's away.
  if (numId !== undefined) return { numId, ilvl: clampLevel(ilvl === undefined ? (style !== undefined ? (styleLevel.get(style) ?? 0) : 0) : Number(ilvl)) };
  // Through the style and the styles it is based on.
  for (let s = style, depth = 0; s !== undefined && depth < 10; s = byStyle.get(s)?.basedOn, depth++) {
    const n = byStyle.get(s);
    if (n?.numId !== undefined) return { numId: n.numId, ilvl: clampLevel(ilvl !== undefined ? Number(ilvl) : (n.ilvl ?? styleLevel.get(style!) ?? 0)) };
  }
  return undefined;
}

function clampLevel(n: number): number {
  return Number.isInteger(n) && n >= 0 && n <= 8 ? n : 0;
}

/** Whether the paragraph from `at` on holds text (a `<w:t>`) before it ends. */
function hasText(xml: string, at: number): boolean {
  const end = xml.indexOf('</w:p>', at);
  const t = openTag(xml, 'w:t', at, end < 0 ? xml.length : end);
  return t >= 0;
}
