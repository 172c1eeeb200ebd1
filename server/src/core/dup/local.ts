import type { ReportDoc, Span } from '../model';
import { comparableParagraphs, type DupOptions, type NormText } from './normalize';
import { FingerprintIndex, findRuns, mergeRuns, NONE, positionsByHash, runsBetween } from './match';
import type { Fingerprints } from './fingerprint';
import { classify, GAP, mayCount, movedHit, spanOf } from './classify';
import { textDifference } from '../text/diff';
import type { DocLike, DupHit, DupSource } from './detect';
import { docSlot } from '../memo';

/**
 * Copies within one document. Each comparable paragraph is compared with the paragraphs before
 * it: their common runs, found from shared fingerprints, are classified as a copied paragraph or
 * copied passages.
 *
 * In the editor a keystroke changes one paragraph, so the work is carried from one version to the
 * next (`Lineage`): the new version's paragraphs are paired with the old ones that are unchanged
 * (same normalised text, shifted by the edit); a paragraph is compared again only when it is new
 * or shares a fingerprint with a paragraph that came or went. Every other paragraph keeps its
 * findings, moved by the edit. The fingerprint index of the whole document passes from version
 * to version, updated by the paragraphs that changed.
 */

/** Within a document: k-grams of 8, windows of 6 (any common run of 13 characters is seen). */
const LOCAL = { k: 8, w: 6, maxPostings: 24 };

/** The editor's handle on a document's versions: the version this one was edited from. */
export interface Lineage {
  readonly previous?: ReportDoc;
}

/** What a version leaves for the next. */
interface LocalState {
  readonly key: string;
  readonly text: string;
  readonly paras: readonly NormText[];
  /** The paragraph span of each of `paras`. */
  readonly spans: readonly Span[];
  readonly ids: readonly number[];
  /**
   * The place in `paras` of each id (-1 for none), indexed by id: handed on with the index and
   * updated, where a map from id to place was built anew for every version.
   */
  readonly positions: Int32Array;
  readonly fps: readonly Fingerprints[];
  /** The hits whose later copy is each of `paras`. */
  readonly hits: readonly (readonly DupHit[])[];
  /** Postings keyed by id: owned by one version at a time (handed on, then `consumed`). */
  readonly index: FingerprintIndex;
  readonly nextId: number;
  consumed: boolean;
}

const states = docSlot<LocalState>();

export function detectLocal(doc: ReportDoc, options: DupOptions, key: string, lineage?: Lineage): DupHit[] {
  const paras = comparableParagraphs(doc, options.minParagraphLength);
  const spans = paras.map((p) => doc.paragraphs[p.paragraph].span);
  const prev = lineage?.previous && lineage.previous !== doc ? states.get(lineage.previous) : undefined;
  const state = prev && !prev.consumed && prev.key === key ? carryOver(doc, options, paras, spans, prev) : fromScratch(doc, options, key, paras, spans);
  if (lineage) states.set(doc, state);
  // Not Array.prototype.flat: over the ~5,000 lists of the 1 MB report (most empty) it took
  // ~0.35 ms of a keystroke, a loop ~0.02 (docs/performance-history.md).
  const out: DupHit[] = [];
  for (const hits of state.hits) for (let k = 0; k < hits.length; k++) out.push(hits[k]);
  return out;
}

function fromScratch(doc: ReportDoc, options: DupOptions, key: string, paras: readonly NormText[], spans: readonly Span[]): LocalState {
  // Winnowing keeps about 2/(w+1) of the positions.
  const expected = Math.ceil((2 * paras.reduce((n, p) => n + p.text.length, 0)) / (LOCAL.w + 1));
  const index = new FingerprintIndex(LOCAL.k, LOCAL.w, LOCAL.maxPostings, expected);
  const fps = paras.map((p) => index.fingerprints(p));
  const hits: DupHit[][] = [];
  // The index grows paragraph by paragraph: what it holds is what came before.
  for (let bi = 0; bi < paras.length; bi++) {
    hits.push(compare(doc, options, paras, bi, fps[bi], index, (k) => paras[k], (k) => k < bi, false));
    index.add(bi, fps[bi]);
  }
  const positions = new Int32Array(Math.max(16, 2 * paras.length));
  positions.fill(-1, paras.length);
  for (let i = 0; i < paras.length; i++) positions[i] = i;
  return { key, text: doc.text, paras, spans, ids: paras.map((_, i) => i), positions, fps, hits, index, nextId: paras.length, consumed: false };
}

function compare(
  doc: DocLike,
  options: DupOptions,
  paras: readonly NormText[],
  bi: number,
  fps: Fingerprints,
  index: FingerprintIndex,
  source: (key: number) => NormText | undefined,
  earlier: (key: number) => boolean,
  wholeIndex: boolean,
): DupHit[] {
  const b = paras[bi];
  const runs = findRuns(b, fps, index, source, earlier, wholeIndex);
  if (runs.size === 0) return [];
  // In document order, however the index orders its postings: equally similar sources are listed first to last.
  const candidates = [...runs].map(([ak, list]) => ({ a: source(ak)!, groups: mergeRuns(list, GAP) })).sort((x, y) => x.a.paragraph - y.a.paragraph);
  return classify(doc, b, candidates, options, options.minPassageLength, (a, _uri, s, e) => ({ span: spanOf(a, s, e), paragraphSpan: doc.paragraphs[a.paragraph].span }));
}

function carryOver(doc: ReportDoc, options: DupOptions, paras: readonly NormText[], spans: readonly Span[], prev: LocalState): LocalState {
  prev.consumed = true;
  const { index } = prev;
  const shift = textShift(prev.text, doc.text);
  const { move } = shift;
  // Pair the unchanged paragraphs: same normalisation (one memoised object), moved by the edit.
  // Both lists are in document order, and so are the old spans moved (those the edit overlaps
  // have no place): one walk pairs them.
  const pairedOld = new Int32Array(paras.length).fill(-1);
  const ids: number[] = new Array(paras.length);
  const gone: number[] = [];
  for (let i = 0, j = 0; i < prev.paras.length; i++) {
    const old = prev.spans[i];
    const by = old.end <= shift.prefix ? 0 : old.start >= shift.from ? shift.delta : undefined;
    if (by !== undefined) {
      while (j < spans.length && spans[j].start < old.start + by) j++;
      if (j < spans.length && spans[j].start === old.start + by && spans[j].end === old.end + by && paras[j].map === prev.paras[i].map) {
        pairedOld[j] = i;
        ids[j] = prev.ids[i];
        continue;
      }
    }
    gone.push(i);
  }
  // Paragraphs that share a fingerprint with one that went or came are compared again, if they
  // stand after it: a paragraph's copies are found among the paragraphs before it only, so one
  // that went or came later changes nothing for it. (What went or came is the edited stretch;
  // the paragraphs kept keep their order around it.)
  const touched = new Set<number>();
  const touch = (f: Fingerprints) => {
    for (const hash of f.hashes) for (let p = index.postingsOf(hash); p !== NONE; p = index.next(p)) touched.add(index.keyAt(p));
  };
  for (const i of gone) {
    touch(prev.fps[i]);
    index.remove(prev.ids[i], prev.fps[i]);
  }
  let nextId = prev.nextId;
  const fps = paras.map((p, j) => (pairedOld[j] >= 0 ? prev.fps[pairedOld[j]] : index.fingerprints(p)));
  const added: number[] = [];
  paras.forEach((_, j) => {
    if (pairedOld[j] >= 0) return;
    ids[j] = nextId++;
    index.add(ids[j], fps[j]);
    added.push(j);
  });
  for (const j of added) touch(fps[j]);
  let positions = prev.positions;
  for (const i of gone) positions[prev.ids[i]] = -1;
  if (nextId > positions.length) {
    const grown = new Int32Array(2 * nextId).fill(-1);
    grown.set(positions);
    positions = grown;
  }
  for (let j = 0; j < ids.length; j++) positions[ids[j]] = j;
  const source = (id: number) => {
    const j = positions[id];
    return j < 0 ? undefined : paras[j];
  };
  const firstGone = gone.length > 0 ? gone[0] : Infinity;
  const firstAdded = added.length > 0 ? added[0] : Infinity;
  const lastGone = gone.length > 0 ? gone[gone.length - 1] : -1;
  const lastAdded = added.length > 0 ? added[added.length - 1] : -1;
  // Made when a paragraph first needs them (a keystroke in a 1 MB line touches no other).
  let changes: Changes | false | undefined;
  const changesNow = (): Changes | false =>
    changes === undefined ? (changes = gone.length + added.length <= FEW_CHANGES && changedSources(index, gone.map((i) => [prev.paras[i], prev.fps[i]]), added.map((j) => [paras[j], fps[j]]))) : changes;
  // The paragraphs before paragraph j, by id: its candidates.
  const before = (j: number) => (id: number) => positions[id] >= 0 && positions[id] < j;
  const hits = paras.map((_, j) => {
    const i = pairedOld[j];
    if (i >= 0) {
      const again =
        touched.has(ids[j]) &&
        (i > firstGone || j > firstAdded) &&
        !(i > lastGone && j > lastAdded && quiet(changesNow(), paras[j], fps[j], index, options, before(j)));
      if (!again) {
        const moved = moveHits(prev.hits[i], paras[j].paragraph, move);
        if (moved) return moved;
      }
    }
    return compare(doc, options, paras, j, fps[j], index, source, before(j), true);
  });
  return { key: prev.key, text: doc.text, paras, spans, ids, positions, fps, hits, index, nextId, consumed: false };
}

/** With more paragraphs than this gone or come, every later paragraph sharing a fingerprint with one is compared again. */
const FEW_CHANGES = 8;

/** The paragraphs that went or came, with their fingerprints by hash, and the hashes whose boilerplate status may have moved. */
interface Changes {
  readonly sources: readonly { readonly n: NormText; readonly at: ReadonlyMap<number, readonly number[]> }[];
  /**
   * Hashes whose postings grew or shrank while there were more than `maxPostings` of them, before
   * or after: for a later paragraph the ones before it may have crossed the bound (findRuns counts
   * only those), so a seed of it may be boilerplate now and not before, or the other way.
   */
  readonly unsettled: ReadonlySet<number>;
}

function changedSources(index: FingerprintIndex, gone: readonly (readonly [NormText, Fingerprints])[], added: readonly (readonly [NormText, Fingerprints])[]): Changes {
  const delta = new Map<number, number>();
  for (const [, f] of gone) for (const h of f.hashes) delta.set(h | 0, (delta.get(h | 0) ?? 0) - 1);
  for (const [, f] of added) for (const h of f.hashes) delta.set(h | 0, (delta.get(h | 0) ?? 0) + 1);
  const unsettled = new Set<number>();
  for (const [h, d] of delta) {
    const now = index.countOf(h);
    if (d !== 0 && Math.max(now, now - d) > index.maxPostings) unsettled.add(h);
  }
  return { sources: [...gone, ...added].map(([n, f]) => ({ n, at: positionsByHash(f) })), unsettled };
}

/**
 * Whether the paragraphs that went or came leave what paragraph `b`, unchanged and after all of
 * them, repeats as it was: they are candidates of b's like any other, and only ones that can weigh
 * in the classification change it (`mayCount`), so when none of them could, before the edit or
 * after, b's findings are the old ones moved. Their runs with b are found as findRuns finds them,
 * with the same seeds refused as boilerplate. Not when b holds a hash whose status may have moved,
 * nor after too many changes (`false`): b is compared again.
 */
function quiet(changes: Changes | false, b: NormText, fps: Fingerprints, index: FingerprintIndex, options: DupOptions, earlier: (key: number) => boolean): boolean {
  if (!changes) return false;
  for (const h of fps.hashes) if (changes.unsettled.has(h | 0)) return false;
  const seeds = (h: number) => index.lookup(h, earlier) !== NONE;
  for (const { n, at } of changes.sources) {
    const runs = runsBetween(b, fps, n, at, index.k, seeds);
    if (runs.length > 0 && mayCount(b, { a: n, groups: mergeRuns(runs, GAP) }, options, options.minPassageLength)) return false;
  }
  return true;
}

/**
 * Where the spans of the old text went in the new one: the text before the first difference stays,
 * the text after the last one moves by the change in length; a span that overlaps the change has
 * no place (undefined).
 */
function textShift(before: string, after: string): { readonly prefix: number; readonly from: number; readonly delta: number; readonly move: (s: Span) => Span | undefined } {
  const { prefix, suffix } = textDifference(before, after);
  const from = before.length - suffix;
  const delta = after.length - before.length;
  return { prefix, from, delta, move: (s) => (s.end <= prefix ? s : s.start >= from ? { start: s.start + delta, end: s.end + delta } : undefined) };
}

/**
 * A paragraph's findings in the new version, or undefined when a span has no place there. Hits
 * that did not move (before the edit, same paragraph index) are the old objects, and when none
 * moved so is the list: a keystroke re-makes only what lies after it. Moved sources are written
 * out field by field as `classify` makes them (those of copies within a document have no `range`),
 * for the reason `movedHit` is.
 */
function moveHits(hits: readonly DupHit[], paragraph: number, move: (s: Span) => Span | undefined): readonly DupHit[] | undefined {
  let out: DupHit[] | undefined;
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i];
    const span = move(h.span);
    if (!span) return undefined;
    let sources: DupSource[] | undefined;
    for (let k = 0; k < h.sources.length; k++) {
      const src = h.sources[k];
      const at = move(src.span);
      const paragraphSpan = move(src.paragraphSpan);
      if (!at || !paragraphSpan) return undefined;
      if (!sources && (at !== src.span || paragraphSpan !== src.paragraphSpan)) sources = h.sources.slice(0, k);
      sources?.push(at === src.span && paragraphSpan === src.paragraphSpan ? src : { uri: src.uri, span: at, paragraphSpan });
    }
    const same = !sources && span === h.span && paragraph === h.paragraph;
    if (!out && !same) out = hits.slice(0, i);
    out?.push(same ? h : movedHit(h, paragraph, span, sources ?? h.sources));
  }
  return out ?? hits;
}
