import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { serverNodeOptions, v8PoolSize } from '../../server/src/lsp/protocol';

describe("the server's node options", () => {
  it("leaves the keystroke's thread a core: V8's background threads are the other cores, 1 to node's 4", () => {
    expect([1, 2, 3, 4, 5, 8, 64].map(v8PoolSize)).toEqual([1, 1, 2, 3, 4, 4, 4]);
    // What os.availableParallelism() cannot give, but a caller might pass: still a valid option.
    expect([0, -3, Number.NaN, 2.9].map(v8PoolSize)).toEqual([1, 1, 1, 1]);
    expect(serverNodeOptions(2)).toEqual(['--max-semi-space-size=32', '--semi-space-growth-factor=4', '--v8-pool-size=1', '--no-allocation-site-pretenuring']);
    expect(serverNodeOptions(16)).toContain('--v8-pool-size=4');
  });

  it('are options this node takes at start', () => {
    // A misspelt or unknown one stops node before any code runs ("bad option", exit 9).
    for (const cores of [2, 16]) {
      const run = spawnSync(process.execPath, [...serverNodeOptions(cores), '-e', 'process.stdout.write("started")'], { encoding: 'utf8' });
      expect({ status: run.status, stderr: run.stderr, stdout: run.stdout }).toEqual({ status: 0, stderr: '', stdout: 'started' });
    }
  });
});
