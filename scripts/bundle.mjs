#!/usr/bin/env node
/**
 * The command-line linter as one file, `server/out/cli/report-lint.js` (the package's `bin`), made
 * by esbuild from the TypeScript sources after `tsc -b` has checked them. A cold `report-lint` on
 * one report loaded ~185 modules one by one, ~36 ms of its ~160; from one file it starts ~15–20 ms
 * sooner (docs/performance.md).
 *
 * Left out, and loaded from node_modules when a run needs them: nodejieba (a native module, whose
 * load() assigns undeclared globals) and the libraries only some runs use — mammoth (Word files),
 * ignore (.reportlintignore), diff (--fix-dry-run). The worker threads (`cli/worker.js`) and the
 * segmenter's thread (`node/segmenterHost.js`) start from tsc's output beside the bundle.
 */
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(ROOT, 'server/out/cli/report-lint.js');

await build({
  entryPoints: [join(ROOT, 'server/src/cli/bin.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['nodejieba', 'mammoth', 'ignore', 'diff'],
  logLevel: 'warning',
});
chmodSync(outfile, 0o755);
