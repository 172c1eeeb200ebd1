import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterPause, garbageCollector, heapGrowthCap, idleCollector, idleScavenger } from '../../server/src/node/idleCollect';

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

  it('idleScavenger: scavenges in a pause between keystrokes, only when the young generation is fuller than asked', () => {
    const collect = vi.fn();
    let young = { used: 7 << 20, available: 1 << 20 };
    const scavenge = idleScavenger(20, 0.6, collect, () => young);
    // Keystrokes 10 ms apart: no pause, no scavenge, however full.
    burst(scavenge, 500, 10);
    expect(collect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20);
    expect(collect).toHaveBeenCalledTimes(1);
    expect(collect).toHaveBeenLastCalledWith({ type: 'minor' });
    // Half full: the next keystroke has room, nothing is collected.
    young = { used: 4 << 20, available: 4 << 20 };
    scavenge.touch();
    vi.advanceTimersByTime(100);
    expect(collect).toHaveBeenCalledTimes(1);
    expect(idleScavenger(20, 0.6, null).touch).not.toThrow();
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

  it('heapGrowthCap: caps while the server holds much text, and lifts the cap below it', () => {
    const set = vi.fn();
    const cap = heapGrowthCap(65_536, 50, set);
    // A 100 KB report (36 K characters) opened and typed in: V8 keeps its own growth.
    cap(35_874);
    cap(35_875);
    expect(set).not.toHaveBeenCalled();
    // A 1 MB report opened beside it, or a workspace's reports indexed: capped once, not again at each change.
    cap(35_875 + 366_801);
    cap(35_875 + 366_802);
    expect(set.mock.calls).toEqual([[50]]);
    // Closed: V8's own growth again (0 is its default).
    cap(35_875);
    cap(0);
    expect(set.mock.calls).toEqual([[50], [0]]);
    cap(65_536);
    expect(set.mock.calls).toEqual([[50], [0], [50]]);
  });
});
