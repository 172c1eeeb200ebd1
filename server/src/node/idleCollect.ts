import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Gives the garbage of a burst of work back once the process has been idle for `delayMs`.
 *
 * Typing in a 1 MB report makes ~27 MB of short-lived objects per version; V8 lets the heap grow
 * while the edits come (about 110 MB over the live data after 200 quick edits) and keeps it after
 * they stop. A full collection in the pause returns the server to the size it had when the report
 * was opened. Call `touch()` after each piece of work; the collection runs once per pause, never
 * while requests keep coming. Without a way to collect (a runtime that refuses the flag) it does
 * nothing.
 */
export function idleCollector(delayMs: number, collect: Collect | null = garbageCollector()): { touch(): void } {
  if (!collect) return { touch() {} };
  // The first collection frees the garbage; the second moves what survived out of the pages the
  // first left sparse, so that they go back to the system.
  return afterPause(delayMs, () => {
    collect();
    collect();
  });
}

/** What `gc()` takes: a full collection by default, or a scavenge of the young generation. */
export type Collect = (options?: { type?: 'major' | 'minor' }) => void;

/**
 * A scavenge in the short pause after a piece of work, when the young generation is more than
 * `fraction` full: the next keystroke then finds room for its garbage instead of stopping for a
 * scavenge in the middle of its work. Typing in the 100 KB report makes ~0.9 MB of garbage per
 * version, so about one keystroke in twelve paid for a scavenge (~3–4 ms here), and the p95 fell
 * on those. Only in a pause: typing back to back has none, and its scavenges stay where they are.
 * `youngUse` gives the young generation's bytes in use and the room left before its next scavenge.
 */
export function idleScavenger(delayMs: number, fraction: number, collect: Collect | null = garbageCollector(), youngUse: () => { used: number; available: number } | undefined = newSpace): { touch(): void } {
  if (!collect) return { touch() {} };
  return afterPause(delayMs, () => {
    const young = youngUse();
    if (young && young.used > fraction * (young.used + young.available)) collect({ type: 'minor' });
  });
}

function newSpace(): { used: number; available: number } | undefined {
  for (const s of getHeapSpaceStatistics()) if (s.space_name === 'new_space') return { used: s.space_used_size, available: s.space_available_size };
  return undefined;
}

/**
 * Runs `task` once `touch()` has not been called for `delayMs`, and again after each later burst.
 * `latestMs`, when given, bounds the wait from the first touch of a burst: a client that never
 * pauses (one that polls) still gets the task done.
 */
export function afterPause(delayMs: number, task: () => void, latestMs = Infinity): { touch(): void } {
  let timer: NodeJS.Timeout | undefined;
  let since = 0;
  return {
    touch() {
      const now = Date.now();
      const wait = Math.min(delayMs, timer ? since + latestMs - now : latestMs);
      // Every request touches: restarting the timer in place is the cheap common case.
      if (timer && wait === delayMs) return void timer.refresh();
      if (timer) clearTimeout(timer);
      else since = now;
      timer = setTimeout(
        () => {
          timer = undefined;
          task();
        },
        Math.max(0, wait),
      ).unref();
    },
  };
}

/**
 * Caps how far V8 lets the heap grow past the live data before its next full collection: to
 * (1 + `percent`/100)× the live size, 2× by default, where V8 chose ~4.6× for this server (its
 * collections are cheap next to its work). The figures that follow are of a cap at 1.5×, before
 * nodejieba's dictionary was loaded once and of 8 MB semi-spaces (lsp/protocol.ts says why 2× and
 * 32 MB now). Typing in a 1 MB report kept ~27 MB live, yet the heap reached ~125 MB between full
 * collections; the server's peak over 200 quick edits was ~490 MB, ~410 MB with the cap (~390 MB
 * with the 8 MB semi-spaces), at ~15 ms more per edit on that report (56–60 → 70–77 ms,
 * same-minute A/B). The flag is read at every collection, so setting it at run time works.
 *
 * Only while the server holds much text: call the function returned with the characters of the
 * open documents and of the cross-file corpus (a workspace's reports) after each change. Below
 * `threshold` V8 grows the heap its own way — on a 100 KB report alone (36 K characters) the cap
 * made 5–7 full collections in 200 edits instead of 2–3 and raised the p95 of the server's work
 * per edit, for ~10 MB less at the peak; with 100 workspace reports indexed (~1 M characters) the
 * peak uncapped was ~420 MB against ~390 MB (docs/performance-history.md).
 */
export function heapGrowthCap(threshold: number, percent = 100, set: (percent: number) => void = setHeapGrowing): (chars: number) => void {
  let capped = false;
  return (chars) => {
    const want = chars >= threshold;
    if (want === capped) return;
    capped = want;
    set(want ? percent : 0);
  };
}

/** `--heap-growing-percent`: 0 is V8's own choice. A runtime that refuses flags keeps V8's own. */
function setHeapGrowing(percent: number): void {
  try {
    setFlagsFromString(`--heap-growing-percent=${percent}`);
  } catch {
    // keeps V8's own growth
  }
}

/**
 * Puts back the V8 flags that heapGrowthCap and garbageCollector set, as a fresh process has them
 * (`--expose-gc` only when the process was not started with it): the language server's code cache
 * is made at the end of a run, and V8 takes a cache only under the flags it was made with.
 */
export function undoRuntimeFlags(): void {
  setHeapGrowing(0);
  if (!process.execArgv.includes('--expose-gc')) setFlagsFromString('--no-expose-gc');
}

/** `gc()`: given with --expose-gc, or exposed now (the flag only adds the function). */
export function garbageCollector(): Collect | null {
  const given = (globalThis as { gc?: Collect }).gc;
  if (typeof given === 'function') return given;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as Collect) : null;
  } catch {
    return null;
  }
}
