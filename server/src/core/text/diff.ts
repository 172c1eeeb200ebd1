import { scratchArrays } from '../scratch';
/**
 * Character diff (Myers, "An O(ND) Difference Algorithm", 1986) for showing what differs between
 * two copies of a paragraph. Gives up beyond `maxEdits` differences: copies that far apart are
 * summarised, not diffed, so a hover never costs more than O((N + M) · maxEdits).
 */
export type DiffOp = { readonly kind: 'same' | 'removed' | 'added'; readonly text: string };

export function diffChars(a: string, b: string, maxEdits = 200): DiffOp[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a.charCodeAt(x) === b.charCodeAt(y)) x++, y++;
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return undefined;
  // Walk the trace back from (n, m), collecting single-character operations in reverse.
  const ops: { kind: DiffOp['kind']; ch: string }[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = vd[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ kind: 'same', ch: a[--x] }), y--;
    if (x === prevX) ops.push({ kind: 'added', ch: b[--y] });
    else ops.push({ kind: 'removed', ch: a[--x] });
  }
  while (x > 0 && y > 0) ops.push({ kind: 'same', ch: a[--x] }), y--;
  ops.reverse();
  const out: { kind: DiffOp['kind']; text: string }[] = [];
  for (const op of ops) {
    const last = out[out.length - 1];
    if (last && last.kind === op.kind) last.text += op.ch;
    else out.push({ kind: op.kind, text: op.ch });
  }
  return out;
}

/** Working array of `editDistance` (see scratchArrays). */
const scratch = scratchArrays({ v: Int32Array });

/**
 * Edit distance (insertions and deletions, Myers' forward pass), or undefined beyond `max`.
 * `(a.length + b.length - d) / (a.length + b.length)` is then the share of the two texts in common.
 */
export function editDistance(a: string, b: string, max: number): number | undefined {
  const n = a.length;
  const m = b.length;
  const limit = Math.min(n + m, max);
  const offset = limit + 1;
  // Reused from call to call (matching measures ~100,000 pairs over a folder): only v[offset + 1]
  // is read before it is written.
  const { v } = scratch(2 * limit + 3);
  v[offset + 1] = 0;
  for (let d = 0; d <= limit; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a.charCodeAt(x) === b.charCodeAt(y)) x++, y++;
      v[offset + k] = x;
      if (x >= n && y >= m) return d;
    }
  }
  return undefined;
}

/**
 * Length of the common prefix. Short strings (figure clauses) are compared character by
 * character; long ones (two versions of a document) by halving comparisons of slices, which the
 * engine compares in bulk.
 */
export function commonPrefix(a: string, b: string): number {
  let lo = 0;
  let hi = Math.min(a.length, b.length);
  if (hi <= 64) {
    while (lo < hi && a.charCodeAt(lo) === b.charCodeAt(lo)) lo++;
    return lo;
  }
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a.slice(lo, mid) === b.slice(lo, mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Length of the common suffix, at most `max`. */
export function commonSuffix(a: string, b: string, max = Math.min(a.length, b.length)): number {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a.slice(a.length - mid, a.length - lo) === b.slice(b.length - mid, b.length - lo)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The last pair of texts `textDifference` was asked of, and its answer. */
let lastDifference: { readonly before: string; readonly after: string; readonly prefix: number; readonly suffix: number } | undefined;

/**
 * Where two versions of a text differ: the length of their common prefix, and of their common
 * suffix after it (the two never overlap). The last pair's answer is kept: the parse, the line
 * index and the copies within the document each ask it of every keystroke (three walks of the
 * 1 MB report's text, ~0.15 ms; docs/performance-history.md).
 */
export function textDifference(before: string, after: string): { readonly prefix: number; readonly suffix: number } {
  const last = lastDifference;
  if (last !== undefined && last.before === before && last.after === after) return last;
  const prefix = commonPrefix(before, after);
  const suffix = commonSuffix(before, after, Math.min(before.length, after.length) - prefix);
  lastDifference = { before, after, prefix, suffix };
  return lastDifference;
}
