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
    const index = new Map<string, Figure[]>();
    // A bucket keeps the first mentions (a summary is often where a figure is given first) and the
    // most recent ones: a text repeating one subject thousands of times costs a constant per figure.
    const put = (key: string, f: Figure) => {
      const list = index.get(key);
      if (!list) index.set(key, [f]);
      else {
        list.push(f);
        if (list.length > 2 * BUCKET_HALF) list.splice(BUCKET_HALF, 1);
      }
    };
    for (const b of extractFigures(doc).filter(isCount)) {
      const scope = `${b.unit}|${b.year}|`;
      const candidates = new Set<Figure>();
      const take = (key: string) => index.get(scope + key)?.forEach((f) => candidates.add(f));
      if (b.before) take(`B${b.before[b.before.length - 1]}`);
      if (b.after.length >= 2) take(`A${b.after.slice(0, 2)}`);
      for (let i = 0; i + 1 < b.before.length; i++) take(`A${b.before.slice(i, i + 2)}`);
      if (b.after.length >= 2) take(`C${b.after.slice(0, 2)}`);
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
      if (b.before) put(`${scope}B${b.before[b.before.length - 1]}`, b);
      if (b.after.length >= 2) put(`${scope}A${b.after.slice(0, 2)}`, b);
      for (let i = 0; i + 1 < b.before.length; i++) put(`${scope}C${b.before.slice(i, i + 2)}`, b);
    }
  },
};
