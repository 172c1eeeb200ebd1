import type { Rule } from './types';
import { extractFigures, type Figure } from '../parse/figures';
import { disagree, isCount, sameSubject, shown } from './figureShared';

/**
 * figure-conflict — the same quantity given different values in two places: 收到提案636件 in the
 * detail and 663件 in the summary. Same thing counted (sameSubject), same unit, same period (a
 * 2019 plan's figure is not the 2018 review's), values that cannot both hold (an approximate figure
 * never conflicts with an exact one it rounds to). The finding stands on the later mention.
 *
 * Candidates come from an index on what sameSubject can match (the last character before the
 * number, the first two after the unit, and the character pairs before it), each bucket bounded,
 * so the rule stays linear on a report with tens of thousands of figures.
 */
const BUCKET_HALF = 8;

export const figureConflict: Rule = {
  meta: {
    id: 'figure-conflict',
    category: 'figure',
    defaultSeverity: 'error',
    fixable: false,
    docs: { zh: '同一数据在不同地方的数值不一致。', en: 'The same quantity is given different values in different places.' },
  },
  check(doc, report, _options, ctx) {
    // Unit → year → key → figures: nothing is built per figure but its place in the buckets.
    const index = new Map<string, Map<number | undefined, Map<string, Figure[]>>>();
    const candidates = new Set<Figure>();
    for (const b of extractFigures(doc)) {
      if (!isCount(b)) continue;
      let byYear = index.get(b.unit);
      if (!byYear) index.set(b.unit, (byYear = new Map()));
      let scope = byYear.get(b.year);
      if (!scope) byYear.set(b.year, (scope = new Map()));
      candidates.clear();
      for (const key of b.subjectKeys.take) {
        const list = scope.get(key);
        if (list) for (const f of list) candidates.add(f);
      }
      if (candidates.size > 0) {
        const earlier = [...candidates].filter((a) => a.sentence.start !== b.sentence.start && sameSubject(a, b)).sort((x, y) => x.span.start - y.span.start);
        const against = earlier.filter((a) => disagree(a, b));
        if (against.length > 0 && against.length >= earlier.length - against.length) {
          const a = against[against.length - 1];
          report({
            span: b.span,
            message: { key: 'figure-conflict.message', args: { value: shown(doc.text, b), other: shown(doc.text, a), line: ctx.lines.positionAt(a.span.start).line + 1, subject: a.before.length >= 3 ? a.before : a.after || a.before } },
            related: against.map((x) => ({ span: x.span, message: { key: 'figure.related' } })),
          });
        }
      }
      // A bucket keeps the first mentions (a summary is often where a figure is given first) and the
      // most recent ones: a text repeating one subject thousands of times costs a constant per figure.
      for (const key of b.subjectKeys.put) {
        const list = scope.get(key);
        if (!list) scope.set(key, [b]);
        else {
          list.push(b);
          if (list.length > 2 * BUCKET_HALF) list.splice(BUCKET_HALF, 1);
        }
      }
    }
  },
};
