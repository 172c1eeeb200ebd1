import type { Rule } from './types';

/**
 * stray-latin — an English word inside a Chinese sentence that is no name, abbreviation or unit:
 * 精神 and 省委. Only English function words are reported — they cannot be names — so APP, GDP,
 * SA750, 500强 and product names are left alone. The fix for and/or gives 和/或.
 */
const WORDS = /(?<=[\u4e00-\u9fff][ \u3000]{0,2})\b(and|or|the|of|to|in|on|for|with|by|at|from|is|are|was|were|be|but)\b(?=[ \u3000]{0,2}[\u4e00-\u9fff])/g;
const REPLACEMENT: Record<string, string> = { and: '和', or: '或' };

export const strayLatin: Rule = {
  meta: {
    id: 'stray-latin',
    category: 'typography',
    defaultSeverity: 'warning',
    fixable: true,
    docs: {
      zh: '中文句子中混入的英文单词（如“精神 and 省委”），专名、缩写和单位除外。',
      en: 'A Latin word inside a Chinese sentence that is not a name or an abbreviation (精神 and 省委).',
    },
  },
  check(doc, report) {
    for (const p of doc.paragraphs) {
      for (const m of p.text.matchAll(WORDS)) {
        // The word with the spaces around it: the fix leaves no gap in the Chinese text.
        let s = m.index!;
        let e = s + m[0].length;
        while (s > 0 && /[ \u3000]/.test(p.text[s - 1])) s--;
        while (e < p.text.length && /[ \u3000]/.test(p.text[e])) e++;
        const replacement = REPLACEMENT[m[1]];
        report({
          span: { start: p.span.start + m.index!, end: p.span.start + m.index! + m[0].length },
          message: { key: 'stray-latin.message', args: { word: m[1] } },
          fix: replacement ? { title: { key: 'stray-latin.fix', args: { word: m[1], replacement } }, edits: [{ span: { start: p.span.start + s, end: p.span.start + e }, newText: replacement }], safe: false } : undefined,
        });
      }
    }
  },
};
