import type { Edit, Finding, FindingDraft, Fix, Message, Paragraph, RelatedInfo, ReportDoc, RuleId, Severity, Span } from './model';
import type { DupHit } from './dup/detect';
import type { LineIndex } from './text/lineIndex';
import type { Rule, RuleContext } from './rules/types';
import { ruleLevel, ruleOptions, type LintConfig } from './config';
import { docSlot, textsKeptAround } from './memo';
import { scratchArrays } from './scratch';

export interface RuleFailure {
  readonly rule: RuleId;
  readonly error: string;
}

export interface EngineResult {
  readonly findings: Finding[];
  readonly failures: RuleFailure[];
  /** Enabled rules that need the segmenter and did not run because none was given. */
  readonly pending: RuleId[];
}

/**
 * Runs the enabled rules over one parsed document. Rules only report; here findings get their
 * severity and category, spans are validated (a finding outside the text is dropped), repeats are
 * dropped, and the rest is sorted by position. A rule that throws is recorded once in `failures`
 * and the others still run.
 */
export function runRules(doc: ReportDoc, rules: readonly Rule[], config: LintConfig | undefined, ctx: RuleContext): EngineResult {
  const out = new Collector(doc.text.length, ctx.fixes !== false);
  // The paragraphs the edit left alone, for the paragraph rules: found once.
  let pair: Unchanged | undefined;
  for (const rule of rules) {
    const level = ruleLevel(config, rule.meta.id, rule.meta.defaultSeverity);
    if (level === 'off') continue;
    if (rule.meta.needsSegmenter && !ctx.segmenter) {
      out.pending.push(rule.meta.id);
      continue;
    }
    const options = ruleOptions(config, rule.meta.id);
    if (rule.checkParagraphs && ctx.lineage) {
      runCarried(out, doc, rule, level, options, ctx, (pair ??= unchanged(ctx.lineage.previous, doc)));
      const rest = rule.checkDocument;
      if (rest) out.run(rule, level, (report) => rest(doc, report, options, ctx));
    } else out.run(rule, level, (report) => rule.check(doc, report, options, ctx));
  }
  return out.result();
}

/**
 * A paragraph rule's findings in one version, for the next (the editor's lineage): in paragraph
 * order, those of paragraph `i` at `[from[i], from[i + 1])`. `key` is what else they depend on.
 */
interface Carried {
  readonly key: string;
  readonly findings: readonly Finding[];
  /** Absent when there are no findings (most rules on most versions: no array per version then). */
  readonly from?: Int32Array;
}

const carried = docSlot<Map<RuleId, Carried>>();
const NO_FINDINGS: readonly Finding[] = [];

/**
 * A paragraph rule (Rule.checkParagraphs) in the editor: run on the paragraphs the edit touched,
 * the others' findings taken from the previous version — the same objects where the paragraph
 * stayed in place (before the edit), moved with it where it moved. What the rule finds is kept
 * for the next version.
 */
function runCarried(out: Collector, doc: ReportDoc, rule: Rule, level: Severity, options: Readonly<Record<string, unknown>>, ctx: RuleContext, pair: Unchanged): void {
  const id = rule.meta.id;
  // The segmenter is part of what the findings depend on only for the rules that read it: when it
  // loads, the next edit of a 1 MB report ran every paragraph rule on every paragraph again.
  const key = `${level}|${ctx.fixes !== false}|${rule.meta.needsSegmenter ? segmenterId(ctx) : 0}|${JSON.stringify(options)}`;
  const previous = ctx.lineage?.previous;
  const last = previous && previous !== doc ? carried.get(previous)?.get(id) : undefined;
  const paragraphs = doc.paragraphs;
  const n = paragraphs.length;
  const { front, back } = last && last.key === key ? pair : NONE_UNCHANGED;
  const started = out.findings.length;
  const failed = out.failures.length;
  out.run(rule, level, (report) => rule.checkParagraphs!(doc, front === 0 && back === 0 ? paragraphs : paragraphs.slice(front, n - back), report, options, ctx));
  const found = out.findings.splice(started);
  const findings: Finding[] = [];
  const had = last?.findings ?? NO_FINDINGS;
  // Found here or taken over: without either, there is nothing to place by paragraph.
  const none = found.length === 0 && (had.length === 0 || front + back === 0);
  const from = none ? undefined : new Int32Array(n + 1);
  const before = previous?.paragraphs ?? [];
  /** The findings of the previous version's paragraph `j`, now paragraph `i`. */
  const take = (i: number, j: number): void => {
    const at = last!.from;
    from![i] = findings.length;
    if (!at || at[j] === at[j + 1]) return;
    const by = paragraphs[i].span.start - before[j].span.start;
    for (let k = at[j]; k < at[j + 1]; k++) findings.push(by === 0 ? had[k] : moved(had[k], by));
  };
  if (from) {
    for (let i = 0; i < front; i++) take(i, i);
    // What the rule found, by paragraph (in the order it reported them within one).
    const ofParagraph = found.length === 0 ? [] : found.map((f) => paragraphAt(paragraphs, f.span.start, front, n - back));
    const order = found.length <= 1 ? [0] : found.map((_, k) => k).sort((x, y) => ofParagraph[x] - ofParagraph[y] || x - y);
    let next = 0;
    for (let i = front; i < n - back; i++) {
      from[i] = findings.length;
      while (next < found.length && ofParagraph[order[next]] === i) findings.push(found[order[next++]]);
    }
    for (let i = n - back; i < n; i++) take(i, i - n + before.length);
    from[n] = findings.length;
  }
  for (const f of findings) out.findings.push(f);
  if (out.failures.length > failed) return;
  let mine = carried.get(doc);
  if (!mine) carried.set(doc, (mine = new Map()));
  mine.set(id, findings.length > 0 ? { key, findings, from } : { key, findings: NO_FINDINGS });
}

/** How many paragraphs an edit left alone at the start and at the end of a document. */
interface Unchanged {
  readonly front: number;
  readonly back: number;
}

const NONE_UNCHANGED: Unchanged = { front: 0, back: 0 };

/**
 * The paragraphs an edit left alone: the first `front` and the last `back` of both versions have
 * the same text (before the edit at the same place, mostly; after it moved by the edit).
 */
function unchanged(previous: ReportDoc | undefined, doc: ReportDoc): Unchanged {
  return !previous || previous === doc ? NONE_UNCHANGED : textsKeptAround(previous, doc);
}

/** The paragraph of `paragraphs[lo, hi)` that holds `at` (the last to start at or before it). */
function paragraphAt(paragraphs: readonly Paragraph[], at: number, lo: number, hi: number): number {
  let l = lo;
  let h = hi - 1;
  while (l < h) {
    const mid = (l + h + 1) >> 1;
    if (paragraphs[mid].span.start <= at) l = mid;
    else h = mid - 1;
  }
  return l;
}

/** A finding of this document moved by `delta` characters, with its related spans, and its fix (made when read). */
function moved(f: Finding, delta: number): Finding {
  const span: Span = { start: f.span.start + delta, end: f.span.end + delta };
  return {
    rule: f.rule,
    category: f.category,
    severity: f.severity,
    span,
    message: f.message,
    related: f.related.length === 0 ? f.related : f.related.map((r) => (r.uri === undefined ? { ...r, span: shifted(r.span, f.span, span, delta) } : r)),
    fix: f.fix && ShiftedFix.of(f.fix, delta),
    detail: f.detail,
  };
}

/**
 * A carried finding's fix, moved by `delta` characters: its edits are made when something reads
 * them (a quick fix asked for, fix-all), not at every keystroke that moves the finding. Moving one
 * again moves the same original fix further, so no chain of versions is kept. On the 1 MB report
 * an edit near the start moved thousands of findings, each with a fix, a list of edits and an edit
 * made anew: without them a keystroke leaves a fifth fewer objects alive for the scavenger to copy
 * (66.7 K → 53.1 K) and allocates ~7 % less (docs/performance-history.md).
 */
class ShiftedFix implements Fix {
  readonly title: Message;
  readonly safe: boolean;
  readonly #base: Fix;
  readonly #delta: number;
  #edits: readonly Edit[] | undefined;

  private constructor(base: Fix, delta: number) {
    this.title = base.title;
    this.safe = base.safe;
    this.#base = base;
    this.#delta = delta;
  }

  /** `fix` moved by `delta`: the original itself where the moves cancel out (typed, then deleted). */
  static of(fix: Fix, delta: number): Fix {
    const shifted = fix instanceof ShiftedFix;
    const base = shifted ? fix.#base : fix;
    const by = shifted ? fix.#delta + delta : delta;
    return by === 0 ? base : new ShiftedFix(base, by);
  }

  get edits(): readonly Edit[] {
    const by = this.#delta;
    return (this.#edits ??= this.#base.edits.map((e) => ({ span: { start: e.span.start + by, end: e.span.end + by }, newText: e.newText })));
  }

  /** As a fix made in place is written. */
  toJSON(): Fix {
    return { title: this.title, edits: this.edits, safe: this.safe };
  }
}

/** `s` moved by `delta`: the finding's moved span `to` where `s` is the same as its span `from`. */
function shifted(s: Span, from: Span, to: Span, delta: number): Span {
  return s.start === from.start && s.end === from.end ? to : { start: s.start + delta, end: s.end + delta };
}

const segmenters = new WeakMap<object, number>();
let segmenterCount = 0;
/** Which segmenter a rule ran with: findings carried over are those of the same one. */
function segmenterId(ctx: RuleContext): number {
  if (!ctx.segmenter) return 0;
  let id = segmenters.get(ctx.segmenter);
  if (id === undefined) segmenters.set(ctx.segmenter, (id = ++segmenterCount));
  return id;
}

/**
 * The cross-file rules' findings on copies found in other documents, from the hits alone: the
 * CLI's main thread, which holds only the text of each file, adds them to what the file's worker
 * found (`runRules` without a corpus). `hits` gives each rule the hits for its options.
 */
export function runCrossFileRules(text: string, lines: LineIndex, rules: readonly Rule[], hits: (rule: RuleId) => readonly DupHit[], config: LintConfig | undefined): EngineResult {
  const out = new Collector(text.length, true);
  for (const rule of rules) {
    if (!rule.reportCrossFile) continue;
    const level = ruleLevel(config, rule.meta.id, rule.meta.defaultSeverity);
    if (level === 'off') continue;
    const found = hits(rule.meta.id);
    if (found.length > 0) out.run(rule, level, (report) => rule.reportCrossFile!(text, found, report, ruleOptions(config, rule.meta.id), lines));
  }
  return out.result();
}

/** A finding without related information: one empty list for them all (most findings). */
const NO_RELATED: readonly RelatedInfo[] = Object.freeze([]);

/** Findings as rules report them, made whole (severity, category) and checked. */
class Collector {
  readonly findings: Finding[] = [];
  readonly failures: RuleFailure[] = [];
  readonly pending: RuleId[] = [];
  // Findings of one series share one fix (renumber them all): its edits are checked once, not per finding.
  private readonly checked = new Map<Fix, boolean>();

  constructor(
    private readonly length: number,
    /** Findings keep their fixes (RuleContext.fixes); a fix is checked either way. */
    private readonly fixes: boolean,
  ) {}

  run(rule: Rule, level: Severity, check: (report: (draft: FindingDraft) => void) => void): void {
    const { id, category } = rule.meta;
    const { findings, length, fixes } = this;
    // A repeat of a finding (same span, same message) is dropped. While the rule reports in the
    // order of the text (most do), a repeat can only be among the findings at the last start:
    // those are compared. Once it goes back, the findings it made are looked up by number: the
    // first at each start; further ones at that start by a string key. (A string key per finding
    // was most of the cost here: ~1.2 us each, 3,800 findings per version of a 1 MB report; the
    // map ~170 KB per keystroke on it, docs/performance-history.md.)
    const started = findings.length;
    let lastStart = -1;
    let atLast = started;
    let firstAt: Map<number, { readonly span: Span; readonly message: { readonly key: string } }> | undefined;
    const more = new Set<string>();
    const known = (d: { readonly span: Span; readonly message: { readonly key: string } }): boolean => {
      const { start, end } = d.span;
      const key = d.message.key;
      const first = firstAt!.get(start);
      if (first === undefined) {
        firstAt!.set(start, d);
        return false;
      }
      if (first.span.end === end && first.message.key === key) return true;
      const other = `${start}:${end}:${key}`;
      if (more.has(other)) return true;
      more.add(other);
      return false;
    };
    const repeated = (draft: FindingDraft): boolean => {
      if (firstAt !== undefined) return known(draft);
      const { start, end } = draft.span;
      if (start > lastStart) {
        lastStart = start;
        atLast = findings.length;
        return false;
      }
      if (start === lastStart) {
        for (let i = atLast; i < findings.length; i++) if (findings[i].span.end === end && findings[i].message.key === draft.message.key) return true;
        return false;
      }
      firstAt = new Map();
      for (let i = started; i < findings.length; i++) known(findings[i]);
      return known(draft);
    };
    const report = (draft: FindingDraft): void => {
      const { start, end } = draft.span;
      if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= length)) return;
      if (draft.fix && !this.validFix(draft.fix)) return;
      if (repeated(draft)) return;
      const severity = draft.severity ?? level;
      const fix = fixes ? draft.fix : undefined;
      // One shape for every finding (a spread of the draft made one per combination of its fields).
      // A draft kept from the version before (the duplicate rules keep theirs) gives a new finding
      // of the same parts, which the editor's diagnostic compares equal. The finding was kept by
      // the draft in a WeakMap until the session after the fifty-third run: on the 1 MB report
      // its entries for the ~1,600 drafts an early keystroke makes cost more than the ~1,900
      // findings they spared, and what a WeakMap holds outlives scavenges (memo.ts).
      findings.push({ rule: id, category, severity, span: draft.span, message: draft.message, related: draft.related ?? NO_RELATED, fix, detail: draft.detail });
    };
    try {
      check(report);
    } catch (e) {
      this.failures.push({ rule: id, error: e instanceof Error ? e.message : String(e) });
    }
  }

  result(): EngineResult {
    sortByPosition(this.findings);
    return { findings: this.findings, failures: this.failures, pending: this.pending };
  }

  private validFix(fix: Fix): boolean {
    const { edits } = fix;
    // Most fixes are one edit or two: checked at once, cheaper than a lookup (~1,600 drafts with a
    // fix are reported at a keystroke in the 1 MB report).
    if (edits.length <= 2) return this.fits(edits[0]) && (edits.length < 2 || this.fits(edits[1]));
    let ok = this.checked.get(fix);
    if (ok === undefined) this.checked.set(fix, (ok = edits.every((e) => this.fits(e))));
    return ok;
  }

  private fits(e: Edit | undefined): boolean {
    return e === undefined || (e.span.start >= 0 && e.span.start <= e.span.end && e.span.end <= this.length);
  }
}

/** The working arrays of `sortByPosition`, reused from version to version. */
const sortScratch = scratchArrays({ starts: Int32Array, ends: Int32Array, order: Int32Array, into: Int32Array });

/**
 * Sorts `findings` in place, as a stable sort by `byPosition` does, and gives them back. The
 * findings come by rule, each rule's mostly in the order of the text: a few long runs in order
 * (~11 for the 1 MB report's ~3,800), merged here by their offsets, read once into arrays, and by
 * `byPosition` only where those tie. The built-in sort called the comparison ~17,000 times a
 * version, ~0.4 ms of a keystroke on the 1 MB report (docs/performance-history.md).
 */
export function sortByPosition(findings: Finding[]): Finding[] {
  const n = findings.length;
  if (n < 2) return findings;
  const scratch = sortScratch(n);
  const { starts, ends } = scratch;
  for (let i = 0; i < n; i++) {
    starts[i] = findings[i].span.start;
    ends[i] = findings[i].span.end;
  }
  // Finding x comes before finding y (indices into `findings`; on a full tie the earlier, as a stable sort).
  const before = (x: number, y: number): boolean => {
    if (starts[x] !== starts[y]) return starts[x] < starts[y];
    if (ends[x] !== ends[y]) return ends[x] < ends[y];
    const order = byPosition(findings[x], findings[y]);
    return order < 0 || (order === 0 && x < y);
  };
  const runs: number[] = [0];
  for (let i = 1; i < n; i++) if (before(i, i - 1)) runs.push(i);
  if (runs.length === 1) return findings;
  runs.push(n);
  let { order, into } = scratch;
  for (let i = 0; i < n; i++) order[i] = i;
  // Neighbouring runs merged pairwise, until one is left.
  for (let bounds = runs; bounds.length > 2; ) {
    const next: number[] = [0];
    for (let r = 0; r + 1 < bounds.length; r += 2) {
      const lo = bounds[r];
      const mid = bounds[r + 1];
      const hi = r + 2 < bounds.length ? bounds[r + 2] : mid;
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) into[k++] = before(order[j], order[i]) ? order[j++] : order[i++];
      while (i < mid) into[k++] = order[i++];
      while (j < hi) into[k++] = order[j++];
      next.push(hi);
    }
    [order, into] = [into, order];
    bounds = next;
  }
  const was = findings.slice();
  for (let i = 0; i < n; i++) findings[i] = was[order[i]];
  return findings;
}

export function byPosition(a: Finding, b: Finding): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || a.rule.localeCompare(b.rule);
}
