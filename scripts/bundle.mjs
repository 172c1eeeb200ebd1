#!/usr/bin/env node
/**
 * The command-line linter and the language server as one file each, made by esbuild from the
 * TypeScript sources after `tsc -b` has checked them: `server/out/cli/report-lint.js` (the
 * package's `bin`) and `server/out/lsp/report-lint-server.js` (what the client starts). A cold
 * `report-lint` on one report loaded ~185 modules one by one, ~36 ms of its ~160; from one file it
 * starts ~13 ms sooner. The server answered `initialize` ~140 ms after its start, ~110 ms bundled
 * (docs/performance.md).
 *
 * Left out, and loaded from node_modules when a run needs them: nodejieba (a native module, whose
 * load() assigns undeclared globals) and the libraries only some runs use — mammoth (Word files),
 * ignore (.reportlintignore), diff (--fix-dry-run). The worker threads (`cli/worker.js`) and the
 * segmenter's thread (`node/segmenterHost.js`) start from tsc's output beside the bundles, which
 * stand in the folders of their entry points so that paths written from `__dirname` still hold.
 */
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLES = [
  { entry: 'server/src/cli/bin.ts', out: 'server/out/cli/report-lint.js', executable: true },
  { entry: 'server/src/lsp/server.ts', out: 'server/out/lsp/report-lint-server.js' },
];

for (const b of BUNDLES) {
  const outfile = join(ROOT, b.out);
  await build({
    entryPoints: [join(ROOT, b.entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['nodejieba', 'mammoth', 'ignore', 'diff'],
    logLevel: 'warning',
  });
  if (b.executable) chmodSync(outfile, 0o755);
}
