#!/usr/bin/env node
// Process glue for the CLI; everything else is in main.ts.
import { readFile, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { main } from './main';
import { availableParallelism } from 'node:os';
import { lazySegmenter } from '../node/segmenter';
import { TextMemo } from '../core';

// One run sees most texts once: nothing is memoised by text (see TextMemo.turnOff).
TextMemo.turnOff();

main({
  argv: process.argv.slice(2),
  env: process.env,
  readFile: (p) => readFile(p),
  kind: async (p) => {
    const s = await stat(p).catch(() => undefined);
    return s?.isDirectory() ? 'dir' : s?.isFile() ? 'file' : undefined;
  },
  readDir: (p) => readdir(p),
  joinPath: join,
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  segmenter: lazySegmenter,
  cwd: process.cwd(),
  interactive: process.stderr.isTTY === true,
  // Loaded only when a run has more than one file to share between threads.
  lintInWorkers: (files, options) => (require('./parallel') as typeof import('./parallel')).lintInWorkers(files, options),
  cpus: availableParallelism(),
  // Atomic: a temporary file beside the target, renamed over it; a crash leaves the original.
  async writeFile(path, data) {
    const tmp = join(dirname(path), `.${basename(path)}.report-lint-${process.pid}.tmp`);
    try {
      await writeFile(tmp, data);
      await rename(tmp, path);
    } catch (e) {
      await unlink(tmp).catch(() => {});
      throw e;
    }
  },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`report-lint: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
