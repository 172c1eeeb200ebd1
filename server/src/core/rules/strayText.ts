import type { Rule } from './types';
import { strayBlocks } from '../layout';
import { deleteParagraphFix } from './dupShared';

/**
 * stray-text — fragments that are not report text: page continuation marks (（下转第四版）), share
 * prompts (请使用微信扫一扫), site names and photo credits, photo captions (…摄), bylines, classified
 * notices before the title, a second article printed after the report's closing. One finding per
 * block; the fix deletes the block (or the page mark inside a paragraph).
 */
export const strayText: Rule = {
  meta: {
    id: 'stray-text',
    category: 'layout',
    defaultSeverity: 'warning',
    fixable: true,
    docs: {
      zh: '不属于报告正文的内容：转版标记、分享提示、网站署名、图片说明、作者署名、标题前的广告、报告后的其他文章。',
      en: 'A fragment that is not report text: page marks, share prompts, site names, photo captions, bylines, notices before the title, another article after the report.',
    },
  },
  check(doc, report) {
    for (const s of strayBlocks(doc)) {
      report({
        span: s.span,
        message: { key: 'stray-text.message', args: { kind: `stray-text.kind.${s.kind}` } },
        fix: s.whole
          ? { ...deleteParagraphFix(doc, s.paragraph), title: { key: 'stray-text.fix' }, safe: true }
          : { title: { key: 'stray-text.fix' }, edits: [{ span: s.span, newText: '' }], safe: true },
      });
    }
  },
};
