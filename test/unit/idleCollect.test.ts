import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterPause, garbageCollector, heapGrowthCap, idleCollector } from '../../server/src/node/idleCollect';

/** Requests every `everyMs` for `forMs` (fake timers): each one touches `pause`. */
function burst(pause: { touch(): void }, forMs: number, everyMs: number): void {
  for (let t = 0; t < forMs; t += everyMs) {
    pause.touch();
    vi.advanceTimersByTime(everyMs);
  }
}

describe('idleCollector', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('collects once per pause, never while work keeps coming', () => {
    const collect = vi.fn();
    const idle = idleCollector(2000, collect);
    // A burst of edits 100 ms apart for 5 s: no collection in it.
    burst(idle, 5000, 100);
    expect(collect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(2000);
    // Two collections: the second compacts what the first left sparse.
    expect(collect).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(10_000);
    expect(collect).toHaveBeenCalledTimes(2);
    // The next burst and pause: once more.
    idle.touch();
    vi.advanceTimersByTime(2000);
    expect(collect).toHaveBeenCalledTimes(4);
  });

  it('afterPause: runs in the first pause, or at the latest bound when the requests never pause', () => {
    const task = vi.fn();
    // The segmenter's load: 300 ms of quiet, at the latest 3 s after the first request of a burst.
    const pause = afterPause(300, task, 3000);
    pause.touch();
    vi.advanceTimersByTime(200);
    pause.touch();
    vi.advanceTimersByTime(299);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledTimes(1);
    // A client that polls every 25 ms: the task still runs, 3 s after the burst began.
    burst(pause, 2975, 25);
    expect(task).toHaveBeenCalledTimes(1);
    pause.touch();
    vi.advanceTimersByTime(25);
    expect(task).toHaveBeenCalledTimes(2);
  });

  it('does nothing without a collector', () => {
    const idle = idleCollector(10, null);
    idle.touch();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('gets a collector from this Node without --expose-gc, and it frees garbage', () => {
    const gc = garbageCollector();
    expect(typeof gc).toBe('function');
    let garbage: unknown[] | undefined = Array.from({ length: 200_000 }, (_, i) => ({ i, s: `item ${i}` }));
    const before = process.memoryUsage().heapUsed;
    garbage = undefined;
    gc!();
    expect(garbage).toBeUndefined();
    expect(process.memoryUsage().heapUsed).toBeLessThan(before - 5_000_000);
  });

  it('heapGrowthCap: caps while the open documents or the live heap are large, and lifts the cap below both', () => {
    const set = vi.fn();
    const cap = heapGrowthCap({ chars: 65_536, liveBytes: 32 << 20 }, 50, set);
    // A 100 KB report (36 K characters) opened and typed in, ~12 MB live: V8 keeps its own growth.
    cap.openChars(35_874);
    cap.liveBytes(12 << 20);
    cap.openChars(35_875);
    expect(set).not.toHaveBeenCalled();
    // A 1 MB report opened beside it: capped once, not again at each of its edits.
    cap.openChars(35_875 + 366_801);
    cap.openChars(35_875 + 366_802);
    expect(set.mock.calls).toEqual([[50]]);
    // Closed: V8's own growth again (0 is its default).
    cap.openChars(35_875);
    expect(set.mock.calls).toEqual([[50], [0]]);
    // A workspace of many reports indexed: the live heap measured at the next idle collection caps it…
    cap.liveBytes(119 << 20);
    expect(set.mock.calls).toEqual([[50], [0], [50]]);
    // …while either is large; a large document closed does not lift it.
    cap.openChars(400_000);
    cap.openChars(0);
    expect(set.mock.calls).toEqual([[50], [0], [50]]);
    cap.liveBytes(32 << 20);
    cap.liveBytes((32 << 20) - 1);
    expect(set.mock.calls).toEqual([[50], [0], [50], [0]]);
    cap.openChars(65_536);
    expect(set.mock.calls).toEqual([[50], [0], [50], [0], [50]]);
  });

  it('idleCollector: tells when it has collected, so that the live heap can be read', () => {
    const order: string[] = [];
    const idle = idleCollector(2000, () => order.push('collect'), () => order.push('collected'));
    idle.touch();
    vi.advanceTimersByTime(1999);
    expect(order).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(order).toEqual(['collect', 'collect', 'collected']);
  });
});
