import { paragraphRule } from './types';
import type { Segmenter } from '../segment';
import { isHan } from '../text/chars';
import { TextMemo } from '../memo';

/**
 * repeated-word — an accidental immediate repetition: 雨村雨村, 微商商, 亲见、亲见, 的的.
 *
 * Candidates are found without the segmenter: a unit of 1–8 Han characters followed at once by
 * itself (or, for units of two or more, by 、 or ， and itself). The segmenter then tells them from
 * legitimate reduplication:
 * - one character: legitimate when the pair lies inside one word (常常, 人人, 层层, 紧紧围绕) or
 *   one of the two belongs to a longer word (人民|民主, 和|和谐); accidental when both are lone
 *   characters (在|在, 微|商|商);
 * - longer units: legitimate for the verbs that reduplicate (研究研究, 讨论讨论), for 一X一X (一年
 *   一年), for doubled forms that are dictionary words and for repeats that start inside a word
 *   (退税缓税缓费 holds 税缓税缓); anything else repeated is accidental.
 * Without the dictionary only the surest cases are reported (doubled function words, longer units).
 */

const MAX_UNIT = 8;
const NUMERALS = new Set('〇零一二三四五六七八九十百千万亿两');
/** Function words that formal Chinese never doubles. */
const FUNCTION_CHARS = new Set('的在和了是与及对为把被将从向并等也就都要有其之以于而或');
/** Verbs whose ABAB reduplication ("do a little") is grammatical. */
const REDUPLICATING_VERBS = new Set(
  ('研究 讨论 学习 商量 考虑 休息 了解 打听 锻炼 活动 比较 琢磨 体会 交流 放松 收拾 打扫 整理 准备 练习 尝试 思考 检查 ' +
    '介绍 说明 解释 分析 总结 调查 参观 欣赏 合计 掂量 盘算 走动 溜达 比划 活络 清理 梳理 议论 沟通 切磋 请教').split(' '),
);
/** Enumeration items are separated by 、; a comma separates clauses, where a repeat is normal (深入调研，调研报告…). */
const SEPARATORS = new Set(['、']);
/**
 * Single characters whose doubling is normal: measure words and nouns meaning "every" (件件, 人人,
 * 事事), adverbs and adjectives (常常, 刚刚, 紧紧, 牢牢), onomatopoeia (蹭蹭, 哗哗).
 */
const REDUPLICABLE = new Set(
  '件个份条次项人家户事天年月日处层步代时刻句字声片点滴样种回遍位名张本座栋批队村乡镇道笔封首篇章页行根棵株朵颗粒只双对套辆艘架台部门所间节段级' +
    '常刚渐紧牢深默多好慢快轻静悄稳实早远久满暖高大小长短白红绿蓝甜香亮旺热冷偏恰仅往明暗足淡干净齐整细厚宽统通亲' +
    '蹭哗嗡呼哈嘻咚砰轰啪沙滚飘闪连频屡',
);

export const repeatedWord = paragraphRule(
  {
    id: 'repeated-word',
    category: 'duplicate',
    defaultSeverity: 'warning',
    fixable: true,
    needsSegmenter: true,
    docs: {
      zh: '词语误重复，如“雨村雨村”“的的”“亲见、亲见”；“常常”“研究研究”等正常叠词不在此列。',
      en: 'An accidental immediate repetition (雨村雨村, 的的, 亲见、亲见); legitimate reduplication such as 常常 or 研究研究 is not flagged.',
    },
  },
  (_doc, paragraphs, report, _options, ctx) => {
    const seg = ctx.segmenter;
    if (!seg) return;
    let memo = decided.get(seg);
    if (!memo) decided.set(seg, (memo = new TextMemo<readonly Slip[]>((t) => slipsIn([t], seg).get(t) ?? NO_SLIPS, { sharedKeys: true })));
    // The texts not decided yet are decided together (one question to the segmenter).
    const slips = memo.getMany(
      paragraphs.map((p) => p.text),
      (missing) => {
        const found = slipsIn(missing, seg);
        return missing.map((t) => found.get(t) ?? NO_SLIPS);
      },
    );
    paragraphs.forEach((p, i) => {
      const base = p.span.start;
      for (const s of slips[i]) {
        const at = base + s.start;
        const end = base + s.end;
        report({
          span: { start: at, end },
          message: { key: 'repeated-word.message', args: { word: s.word, count: s.copies } },
          fix: { title: { key: 'repeated-word.fix', args: { word: s.word } }, edits: [{ span: { start: at + s.word.length, end }, newText: '' }], safe: s.safe },
        });
      }
    });
  },
);

/** An accidental repetition in a paragraph, in its own offsets. */
interface Slip {
  readonly start: number;
  readonly end: number;
  readonly word: string;
  readonly copies: number;
  readonly safe: boolean;
}

/** Decisions by paragraph text, per segmenter: an edit decides again only in the paragraph it touched. */
const decided = new WeakMap<Segmenter, TextMemo<readonly Slip[]>>();

const NO_SLIPS: readonly Slip[] = [];

/** The slips in those of `texts` that have any; the segmenter is asked once for all of them. */
function slipsIn(texts: readonly string[], seg: Segmenter): Map<string, Slip[]> {
  const out = new Map<string, Slip[]>();
  const found: { t: string; i: number; rep: Repetition }[] = [];
  for (const t of texts) for (const i of nearRepeats(t)) {
    const rep = repetitionAt(t, i);
    if (rep) found.push({ t, i, rep });
  }
  if (found.length === 0) return out;
  // The decisions segment a few short texts each; ask for all of them at once.
  const wanted = new Set<string>();
  // It answers with single characters, so that every decision goes on to ask all it could ask.
  const recorder: Segmenter = { dictionary: seg.dictionary, cut: (text) => (wanted.add(text), text.split('')) };
  for (const c of found) accidental(c.t, c.i, c.rep, recorder);
  const asked = [...wanted];
  const tokens = seg.cutAll ? seg.cutAll(asked) : asked.map((x) => seg.cut(x));
  const cache = new Map(asked.map((x, k) => [x, tokens[k]]));
  const cached: Segmenter = { dictionary: seg.dictionary, cut: (text) => cache.get(text) ?? seg.cut(text) };
  let resume = -1;
  let last: string | undefined;
  for (const { t, i, rep } of found) {
    if (t !== last) (resume = -1), (last = t);
    if (i < resume || !accidental(t, i, rep, cached)) continue;
    const word = t.slice(i, i + rep.unit);
    const slip = { start: i, end: rep.end, word, copies: rep.copies, safe: rep.unit === 1 && FUNCTION_CHARS.has(word) };
    const list = out.get(t);
    if (list) list.push(slip);
    else out.set(t, [slip]);
    resume = rep.end;
  }
  return out;
}

/** Last position of each Han character, tagged by a running base so the table is never cleared. */
const lastSeen = new Int32Array(0x10000).fill(-1);
let base = 0;
let nearMarks = new Uint8Array(1024);

/**
 * Positions of Han characters that recur within the next MAX_UNIT + 1 characters: the only places
 * a repetition can start. One pass with a table of last positions (most characters have none).
 */
function nearRepeats(t: string): number[] {
  if (base > 0x3fffffff) lastSeen.fill(-1), (base = 0);
  // Marks, cleared as they are read: a typed array per paragraph cost ~1 us to make and free.
  if (nearMarks.length < t.length) nearMarks = new Uint8Array(Math.max(t.length, 2 * nearMarks.length));
  const near = nearMarks;
  let any = false;
  for (let j = 0; j < t.length; j++) {
    const c = t.charCodeAt(j);
    if (!isHan(c)) continue;
    const prev = lastSeen[c] - base;
    if (prev >= 0 && j - prev <= MAX_UNIT + 1) (near[prev] = 1), (any = true);
    lastSeen[c] = base + j;
  }
  base += t.length + MAX_UNIT + 2;
  const out: number[] = [];
  if (any)
    for (let i = 0; i < t.length; i++)
      if (near[i]) {
        out.push(i);
        near[i] = 0;
      }
  return out;
}

interface Repetition {
  readonly unit: number;
  readonly separator: boolean;
  readonly copies: number;
  /** Index just past the last copy. */
  readonly end: number;
}

function sameAt(t: string, a: number, b: number, len: number): boolean {
  if (b + len > t.length) return false;
  for (let k = 0; k < len; k++) {
    const c = t.charCodeAt(a + k);
    if (c !== t.charCodeAt(b + k) || !isHan(c)) return false;
  }
  return true;
}

/** The shortest unit starting at `i` that is repeated at once, with the number of copies. */
function repetitionAt(t: string, i: number): Repetition | undefined {
  const first = t.charCodeAt(i);
  for (let unit = 1; unit <= MAX_UNIT; unit++) {
    for (let pass = unit === 1 ? 1 : 0; pass < 2; pass++) {
      const separator = pass === 0;
      const step = unit + (separator ? 1 : 0);
      // Cheap test first: the copy must start with the same character.
      if (t.charCodeAt(i + step) !== first) continue;
      if (separator && !SEPARATORS.has(t[i + unit])) continue;
      if (!sameAt(t, i, i + step, unit)) continue;
      let copies = 2;
      let end = i + step + unit;
      while ((!separator || SEPARATORS.has(t[end])) && sameAt(t, i, end + (separator ? 1 : 0), unit)) {
        end += step;
        copies++;
      }
      return { unit, separator, copies, end };
    }
  }
  return undefined;
}

function accidental(t: string, i: number, rep: Repetition, seg: Segmenter): boolean {
  const word = t.slice(i, i + rep.unit);
  if (rep.unit === 1) {
    if (NUMERALS.has(word) || REDUPLICABLE.has(word) || t[i - 1] === '一') return false;
    if (rep.copies >= 3) return true;
    // AABB forms (上上下下, 干干净净) are idiomatic.
    if (t[i + 2] !== undefined && t[i + 2] === t[i + 3] && t[i + 2] !== word) return false;
    if (!seg.dictionary) return FUNCTION_CHARS.has(word);
    // Two lone characters (在|在, 微|商|商) are a slip; a lone word beside a word that starts with
    // the same character (和|和谐, 要|要求) is ordinary text.
    const tok = tokensAt(t, i, seg);
    return !tok.same && tok.first === 1 && tok.second === 1;
  }
  // 常委会、常委会会议 and 有为才能有位、有位才能有为: the last copy runs on into other words.
  if (rep.separator) return !isHan(t.charCodeAt(rep.end));
  if (REDUPLICATING_VERBS.has(word)) return false;
  if (rep.unit === 2 && word[0] === '一') return false;
  if (seg.dictionary && rep.copies === 2 && seg.cut(word + word).length === 1) return false;
  // A repeat whose first copy starts inside a word is a coincidence of characters: 退税|缓|税|缓|费
  // holds 税缓税缓 (XA BA BY). A slip may run into the next word (深入|深入开展) or be cut oddly
  // where the dictionary does not know the word (雨|村雨|村), but it starts where a word does.
  if (seg.dictionary && startsInsideWord(t, i, seg)) return false;
  return true;
}

/** Whether the word covering `t[i]` began before it, segmenting the clause around it. */
function startsInsideWord(t: string, i: number, seg: Segmenter): boolean {
  if (i === 0 || !isHan(t.charCodeAt(i - 1))) return false;
  const { s, e } = clauseAround(t, i);
  let pos = s;
  for (const tok of seg.cut(t.slice(s, e))) {
    if (pos + tok.length > i) return pos < i;
    pos += tok.length;
  }
  return false;
}

/** The tokens covering characters `i` and `i + 1`, segmenting only the clause around them. */
function tokensAt(t: string, i: number, seg: Segmenter): { same: boolean; first: number; second: number } {
  const { s, e } = clauseAround(t, i);
  let pos = s;
  let first = -1;
  let second = -1;
  let firstLen = 0;
  let secondLen = 0;
  seg.cut(t.slice(s, e)).forEach((tok, k) => {
    if (pos <= i && i < pos + tok.length) (first = k), (firstLen = tok.length);
    if (pos <= i + 1 && i + 1 < pos + tok.length) (second = k), (secondLen = tok.length);
    pos += tok.length;
  });
  return { same: first === second, first: firstLen, second: secondLen };
}

/**
 * The run of Han characters around the repeat at `i` (its first two characters are Han), up to
 * 12 on each side: the text segmented to decide it.
 */
function clauseAround(t: string, i: number): { s: number; e: number } {
  let s = i;
  while (s > 0 && i - s < 12 && isHan(t.charCodeAt(s - 1))) s--;
  let e = i + 2;
  while (e < t.length && e - i < 12 && isHan(t.charCodeAt(e))) e++;
  return { s, e };
}
