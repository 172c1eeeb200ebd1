import type { Rule } from './types';
import type { Figure } from '../parse/figures';
import { countFigures, disagree, sameSubject, shown } from './figureShared';
import { docSlot } from '../memo';

/**
 * figure-conflict — the same quantity given different values in two places: 收到提案636件 in the
 * detail and 663件 in the summary. Same thing counted (sameSubject), same unit, same period (a
 * 2019 plan's figure is not the 2018 review's), values that cannot both hold (an approximate figure
 * never conflicts with an exact one it rounds to). The finding stands on the later mention.
 *
 * Candidates come from an index on what sameSubject can match (the last character before the
 * number, the first two after the unit, and the character pairs before it), each bucket bounded,
 * so the rule stays linear on a report with tens of thousands of figures. In the editor a version
 * whose figures are those of the previous one in all the check reads keeps its conflicts (by the
 * figures' places in the list), so a keystroke that changes no figure costs a pass over them.
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
    const figures = countFigures(doc);
    const previous = ctx.lineage?.previous && verdicts.get(ctx.lineage.previous);
    const conflicts = previous && sameQuestions(previous.figures, figures) ? previous.conflicts : findConflicts(figures);
    if (ctx.lineage) verdicts.set(doc, { figures, conflicts });
    for (const { b: bi, against: ai } of conflicts) {
      const b = figures[bi];
      const against = ai.map((i) => figures[i]);
      const a = against[against.length - 1];
      report({
        span: b.span,
        message: { key: 'figure-conflict.message', args: { value: shown(doc.text, b), other: shown(doc.text, a), line: ctx.lines.positionAt(a.span.start).line + 1, subject: a.before.length >= 3 ? a.before : a.after || a.before } },
        related: against.map((x) => ({ span: x.span, message: { key: 'figure.related' } })),
      });
    }
  },
};

/** A figure that disagrees with earlier ones (by their places in the list of count figures). */
interface Conflict {
  readonly b: number;
  readonly against: readonly number[];
}

/** What a version of an open document leaves for the next: its count figures and their conflicts. */
interface Verdicts {
  readonly figures: readonly Figure[];
  readonly conflicts: readonly Conflict[];
}

const verdicts = docSlot<Verdicts>();

function findConflicts(figures: readonly Figure[]): Conflict[] {
  const conflicts: Conflict[] = [];
  // Unit → year → key → figures: nothing is built per figure but its place in the buckets.
  const index = new Map<string, Map<number | undefined, Map<number, number[]>>>();
  const candidates = new Set<number>();
  figures.forEach((b, bi) => {
    let byYear = index.get(b.unit);
    if (!byYear) index.set(b.unit, (byYear = new Map()));
    let scope = byYear.get(b.year);
    if (!scope) byYear.set(b.year, (scope = new Map()));
    candidates.clear();
    for (const key of b.subjectKeys.take) {
      const list = scope.get(key);
      if (list) for (const ai of list) candidates.add(ai);
    }
    if (candidates.size > 0) {
      // In document order: the list of figures is.
      const earlier = [...candidates].filter((ai) => figures[ai].sentence.start !== b.sentence.start && sameSubject(figures[ai], b)).sort((x, y) => x - y);
      const against = earlier.filter((ai) => disagree(figures[ai], b));
      if (against.length > 0 && against.length >= earlier.length - against.length) conflicts.push({ b: bi, against });
    }
    // A bucket keeps the first mentions (a summary is often where a figure is given first) and the
    // most recent ones: a text repeating one subject thousands of times costs a constant per figure.
    for (const key of b.subjectKeys.put) {
      const list = scope.get(key);
      if (!list) scope.set(key, [bi]);
      else {
        list.push(bi);
        if (list.length > 2 * BUCKET_HALF) list.splice(BUCKET_HALF, 1);
      }
    }
  });
  return conflicts;
}

/**
 * Whether the previous version's conflicts answer this version too: the same count figures in the
 * same order, alike in all that the check reads (unit, year, the phrases around them, the values
 * they allow, their keys), grouped alike into sentences. Most keystrokes change no figure: the
 * check is then a pass over the figures, not the search of candidates.
 */
function sameQuestions(old: readonly Figure[], figures: readonly Figure[]): boolean {
  if (old.length !== figures.length) return false;
  for (let i = 0; i < figures.length; i++) {
    const a = old[i];
    const b = figures[i];
    if (!alike(a, b) || !sameWhole(a.whole, b.whole)) return false;
    if (a.subjectKeys !== b.subjectKeys && !(sameList(a.subjectKeys.put, b.subjectKeys.put) && sameList(a.subjectKeys.take, b.subjectKeys.take))) return false;
    // Two figures share a sentence when they follow each other in it (the sentences of a
    // document come in order; a list out of order is not compared this way).
    if (i > 0) {
      const pa = old[i - 1].sentence.start;
      const pb = figures[i - 1].sentence.start;
      if (a.sentence.start < pa || b.sentence.start < pb || (a.sentence.start === pa) !== (b.sentence.start === pb)) return false;
    }
  }
  return true;
}

/** Two figures alike in all the check reads of one (its keys and its sentence aside). */
function alike(a: Figure, b: Figure): boolean {
  return a.unit === b.unit && a.year === b.year && a.before === b.before && a.topic === b.topic && a.nearTopic === b.nearTopic && a.part === b.part && a.rounding === b.rounding && a.scope === b.scope && a.after === b.after && a.value === b.value && a.low === b.low && a.high === b.high;
}

/** Two parts' totals alike (or both without one): sameSubject reads them (see ofOtherWholes). */
function sameWhole(x: Figure | undefined, y: Figure | undefined): boolean {
  return x === undefined || y === undefined ? x === y : alike(x, y);
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
