import { paragraphRule } from './types';
import { TextMemo } from '../memo';

/**
 * stray-latin — an English word inside a Chinese sentence that is no name, abbreviation or unit:
 * 精神 and 省委. Only English function words are reported — they cannot be names — so APP, GDP,
 * SA750, 500强 and product names are left alone. The fix for and/or gives 和/或.
 */
const WORDS = /(?<=[\u4e00-\u9fff][ \u3000]{0,2})\b(and|or|the|of|to|in|on|for|with|by|at|from|is|are|was|were|be|but)\b(?=[ \u3000]{0,2}[\u4e00-\u9fff])/g;
const REPLACEMENT: Record<string, string> = { and: '和', or: '或' };
/**
 * What every match holds. Most paragraphs of a Chinese report have no lowercase letter, and a
 * pattern that opens with a lookbehind is tried at every character: this is scanned first.
 */
const LOWERCASE = /[a-z]/;

export const strayLatin = paragraphRule(
  {
    id: 'stray-latin',
    category: 'typography',
    defaultSeverity: 'warning',
    fixable: true,
    docs: {
      zh: '中文句子中混入的英文单词（如“精神 and 省委”），专名、缩写和单位除外。',
      en: 'A Latin word inside a Chinese sentence that is not a name or an abbreviation (精神 and 省委).',
    },
  },
  (_doc, paragraphs, report) => {
    for (const p of paragraphs) {
      const base = p.span.start;
      for (const w of wordsIn.get(p.text)) {
        const replacement = REPLACEMENT[w.word];
        report({
          span: { start: base + w.start, end: base + w.end },
          message: { key: 'stray-latin.message', args: { word: w.word } },
          fix: replacement ? { title: { key: 'stray-latin.fix', args: { word: w.word, replacement } }, edits: [{ span: { start: base + w.cutStart, end: base + w.cutEnd }, newText: replacement }], safe: false } : undefined,
        });
      }
    }
  },
);

/** The stray words of a paragraph by its text, in its own offsets. */
const wordsIn = new TextMemo(
  (t) =>
  !LOWERCASE.test(t) ? [] : [...t.matchAll(WORDS)].map((m) => {
    // The word with the spaces around it: the fix leaves no gap in the Chinese text.
    let cutStart = m.index;
    let cutEnd = cutStart + m[0].length;
    while (cutStart > 0 && /[ \u3000]/.test(t[cutStart - 1])) cutStart--;
    while (cutEnd < t.length && /[ \u3000]/.test(t[cutEnd])) cutEnd++;
    return { word: m[1], start: m.index, end: m.index + m[0].length, cutStart, cutEnd };
  }),
  { sharedKeys: true },
);
