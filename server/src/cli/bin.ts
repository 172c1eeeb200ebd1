#!/usr/bin/env node
// Process glue for the CLI; everything else is in main.ts.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { main } from './main';
import { lazySegmenter } from '../node/segmenter';

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
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`report-lint: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
