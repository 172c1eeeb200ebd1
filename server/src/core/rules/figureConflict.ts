import type { Rule } from './types';
import { extractFigures } from '../parse/figures';
import { disagree, isCount, sameSubject, shown } from './figureShared';

/**
 * figure-conflict — the same quantity given different values in two places: 收到提案636件 in the
 * detail and 663件 in the summary. Same thing counted (sameSubject), same unit, same period (a
 * 2019 plan's figure is not the 2018 review's), values that cannot both hold (an approximate figure
 * never conflicts with an exact one it rounds to). The finding stands on the later mention.
 */
export const figureConflict: Rule = {
  meta: {
    id: 'figure-conflict',
    category: 'figure',
    defaultSeverity: 'error',
    fixable: false,
    docs: { zh: '同一数据在不同地方的数值不一致。', en: 'The same quantity is given different values in different places.' },
  },
  check(doc, report, _options, ctx) {
    const figures = extractFigures(doc).filter(isCount);
    for (let j = 0; j < figures.length; j++) {
      const b = figures[j];
      const earlier = figures.slice(0, j).filter((a) => a.sentence.start !== b.sentence.start && a.year === b.year && sameSubject(a, b));
      const against = earlier.filter((a) => disagree(a, b));
      if (against.length === 0 || against.length < earlier.length - against.length) continue;
      const a = against[against.length - 1];
      report({
        span: b.span,
        message: { key: 'figure-conflict.message', args: { value: shown(doc.text, b), other: shown(doc.text, a), line: ctx.lines.positionAt(a.span.start).line + 1, subject: a.before.length >= 3 ? a.before : a.after || a.before } },
        related: against.map((x) => ({ span: x.span, message: { key: 'figure.related' } })),
      });
    }
  },
};
