import { carver, scratchArrays } from '../scratch';

/**
 * Winnowed k-gram fingerprints (Schleimer, Wilkerson and Aiken, "Winnowing", 2003): of every
 * window of `w` consecutive k-gram hashes the minimum is kept. Any common run of at least
 * `k + w - 1` characters shares a fingerprint, while only about 2/(w+1) of the positions are
 * stored. Linear in the text length.
 */
/** Fingerprints as two parallel arrays: the hash, and the start of its k-gram in the text. */
export interface Fingerprints {
  readonly hashes: Uint32Array;
  readonly positions: Int32Array;
}

const BASE = 0x01000193;

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Working arrays of `winnow` (see scratchArrays). */
const scratch = scratchArrays({ hashes: Uint32Array, positions: Int32Array });
/** Its results: views into blocks shared with the next paragraphs' (see carver). */
const uint32s = carver(Uint32Array);
const int32s = carver(Int32Array);

/** Hashes of every k-gram of `s` (polynomial rolling hash, mixed) into `out`; their number. */
function kgramHashes(s: string, k: number, out: Uint32Array): number {
  const n = s.length - k + 1;
  if (n <= 0) return 0;
  let pow = 1;
  for (let i = 1; i < k; i++) pow = Math.imul(pow, BASE);
  let h = 0;
  for (let i = 0; i < k; i++) h = (Math.imul(h, BASE) + s.charCodeAt(i)) | 0;
  out[0] = mix(h);
  for (let i = 1; i < n; i++) {
    h = (Math.imul(h - Math.imul(s.charCodeAt(i - 1), pow), BASE) + s.charCodeAt(i + k - 1)) | 0;
    out[i] = mix(h);
  }
  return n;
}

export function winnow(s: string, k: number, w: number): Fingerprints {
  const { hashes, positions: outPositions } = scratch(s.length);
  const count = kgramHashes(s, k, hashes);
  if (count === 0) return { hashes: new Uint32Array(0), positions: new Int32Array(0) };
  if (count <= w) {
    let best = 0;
    for (let i = 1; i < count; i++) if (hashes[i] <= hashes[best]) best = i;
    return { hashes: Uint32Array.of(hashes[best]), positions: Int32Array.of(best) };
  }
  let n = 0;
  // The minimum of each window of w hashes, the rightmost of equal ones (robust winnowing), kept
  // when it changes. The window's minimum is looked for again only when it leaves the window: w
  // is small (6, 12), and a rescan now and then beat a monotone deque's unpredictable branches on
  // every hash (~20 % faster over the bench folder's paragraphs).
  let min = 0;
  for (let j = 1; j < w; j++) if (hashes[j] <= hashes[min]) min = j;
  outPositions[n++] = min;
  for (let i = w; i < count; i++) {
    const from = i - w + 1;
    if (min < from) {
      min = from;
      for (let j = from + 1; j <= i; j++) if (hashes[j] <= hashes[min]) min = j;
    } else if (hashes[i] <= hashes[min]) min = i;
    if (min !== outPositions[n - 1]) outPositions[n++] = min;
  }
  const out = uint32s(n);
  for (let j = 0; j < n; j++) out[j] = hashes[outPositions[j]];
  const positions = int32s(n);
  positions.set(outPositions.subarray(0, n));
  return { hashes: out, positions };
}
