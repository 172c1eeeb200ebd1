import { afterEach, describe, expect, it, vi } from 'vitest';
import { garbageCollector, idleCollector } from '../../server/src/node/idleCollect';

describe('idleCollector', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('collects once per pause, never while work keeps coming', () => {
    vi.useFakeTimers();
    const collect = vi.fn();
    const idle = idleCollector(2000, collect);
    // A burst of edits 100 ms apart for 5 s: no collection in it.
    for (let t = 0; t < 5000; t += 100) {
      idle.touch();
      vi.advanceTimersByTime(100);
    }
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

  it('does nothing without a collector', () => {
    vi.useFakeTimers();
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
});
