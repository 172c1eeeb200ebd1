import type { Rule } from './types';
import type { Figure } from '../parse/figures';
import { countFigures, disagree, sameSubject, shown } from './figureShared';
import type { ReportDoc } from '../model';
import { docSlot, textsKeptAround } from '../memo';

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
 * figures' places in the list), so a keystroke that changes no figure costs a pass over them; one
 * that changes the figures of the paragraphs it touched looks again only at those and at the later
 * figures filed where they were or are (`carriedConflicts`).
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
    const before = ctx.lineage?.previous;
    const previous = before && verdicts.get(before);
    const conflicts = previous ? (sameQuestions(previous.figures, figures) ? previous.conflicts : (carriedConflicts(before!, doc, previous, figures) ?? findConflicts(figures))) : findConflicts(figures);
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

/**
 * `known(bi)`, when given, is the verdict on a figure known already — its conflict, or null for
 * none — or undefined for one to look at: a known one is only filed.
 */
function findConflicts(figures: readonly Figure[], known?: (bi: number) => Conflict | null | undefined): Conflict[] {
  const conflicts: Conflict[] = [];
  // Unit → year → key → figures: nothing is built per figure but its place in the buckets.
  const index: ByScope<Map<number, number[]>> = new Map();
  const candidates = new Set<number>();
  figures.forEach((b, bi) => {
    const scope = scopeOf(index, b, () => new Map());
    candidates.clear();
    const verdict = known?.(bi);
    if (verdict !== undefined) {
      if (verdict) conflicts.push(verdict);
      return fileFigure(b, bi, scope);
    }
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
    fileFigure(b, bi, scope);
  });
  return conflicts;
}

/** What is kept per unit and year, the scope in which figures are compared. */
type ByScope<T> = Map<string, Map<number | undefined, T>>;

/** `f`'s unit and year's entry of `index`, made by `make` when it has none. */
function scopeOf<T>(index: ByScope<T>, f: Figure, make: () => T): T {
  let byYear = index.get(f.unit);
  if (!byYear) index.set(f.unit, (byYear = new Map()));
  let scope = byYear.get(f.year);
  if (scope === undefined) byYear.set(f.year, (scope = make()));
  return scope;
}

/**
 * Files figure `b` (the `bi`th) in its buckets. A bucket keeps the first mentions (a summary is
 * often where a figure is given first) and the most recent ones: a text repeating one subject
 * thousands of times costs a constant per figure.
 */
function fileFigure(b: Figure, bi: number, scope: Map<number, number[]>): void {
  for (const key of b.subjectKeys.put) {
    const list = scope.get(key);
    if (!list) scope.set(key, [bi]);
    else {
      list.push(bi);
      if (list.length > 2 * BUCKET_HALF) list.splice(BUCKET_HALF, 1);
    }
  }
}

/**
 * This version's conflicts from the previous version's, when an edit changed the figures of the
 * paragraphs it touched only (undefined otherwise: a year typed into a part title changes figures
 * everywhere). The figures of the paragraphs it left alone at either end, alike in all the check
 * reads, keep their verdicts (moved to their new places in the list), unless a figure of the
 * touched paragraphs, as it was or as it is, was filed under a key they look under, in their unit
 * and year: then, as for the touched paragraphs' own figures, the candidates are looked at again.
 * A figure's candidates are those filed before it under its keys, and where no changed figure was
 * filed, the buckets hold the same figures in the same order. On the 1 MB report ~1 keystroke in
 * 15 changes a figure; looking at every candidate again took ~4 ms of such a keystroke.
 */
function carriedConflicts(previousDoc: ReportDoc, doc: ReportDoc, previous: Verdicts, figures: readonly Figure[]): Conflict[] | undefined {
  const old = previous.figures;
  const { front, back } = textsKeptAround(previousDoc, doc);
  // The figures of the paragraphs left alone: the first `head`, and the last `tail`, of both lists.
  const head = figuresBefore(figures, front);
  const tail = figures.length - figuresBefore(figures, doc.paragraphs.length - back);
  if (head !== figuresBefore(old, front) || tail !== old.length - figuresBefore(old, previousDoc.paragraphs.length - back)) return undefined;
  const shift = figures.length - old.length;
  for (let i = 0; i < head; i++) if (!sameFigure(old[i], figures[i])) return undefined;
  for (let i = figures.length - tail; i < figures.length; i++) if (!sameFigure(old[i - shift], figures[i])) return undefined;
  // Where the changed figures were and are filed: unit → year → keys.
  const touched: ByScope<Set<number>> = new Map();
  const file = (f: Figure) => {
    const keys = scopeOf(touched, f, () => new Set());
    for (const key of f.subjectKeys.put) keys.add(key);
  };
  for (let i = head; i < old.length - tail; i++) file(old[i]);
  for (let i = head; i < figures.length - tail; i++) file(figures[i]);
  // The previous verdicts by figure's place then.
  const verdict = new Array<Conflict | undefined>(old.length);
  for (const c of previous.conflicts) verdict[c.b] = c;
  return findConflicts(figures, (bi) => {
    if (bi >= head && bi < figures.length - tail) return undefined;
    const b = figures[bi];
    const keys = touched.get(b.unit)?.get(b.year);
    if (keys) for (const key of b.subjectKeys.take) if (keys.has(key)) return undefined;
    const c = verdict[bi < head ? bi : bi - shift];
    if (!c) return null;
    // The figures it disagreed with stand where they stood before the edit, or moved with it.
    return shift === 0 || bi < head ? c : { b: bi, against: c.against.map((ai) => (ai < head ? ai : ai + shift)) };
  });
}

/** How many of `figures` (in document order) stand in paragraphs before `paragraph`. */
function figuresBefore(figures: readonly Figure[], paragraph: number): number {
  let lo = 0;
  let hi = figures.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (figures[mid].paragraph < paragraph) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Two figures alike in all the check reads, their keys included. */
function sameFigure(a: Figure, b: Figure): boolean {
  return alike(a, b) && sameWhole(a.whole, b.whole) && (a.subjectKeys === b.subjectKeys || (sameList(a.subjectKeys.put, b.subjectKeys.put) && sameList(a.subjectKeys.take, b.subjectKeys.take)));
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
    if (!sameFigure(a, b)) return false;
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
