#!/usr/bin/env node
/**
 * The command-line linter and the language server as one file each, made by esbuild from the
 * TypeScript sources after `tsc -b` has checked them: `server/out/cli/report-lint-bundle.js` (the
 * CLI) and `server/out/lsp/report-lint-server.js` (what the client starts). A cold `report-lint`
 * on one report loaded ~185 modules one by one, ~36 ms of its ~160; from one file it starts ~13 ms
 * sooner. The server answered `initialize` ~140 ms after its start, ~110 ms bundled
 * (docs/performance.md).
 *
 * The package's bin, `server/out/cli/report-lint.js` (cli/launch.ts), runs the CLI's bundle from a
 * V8 code cache, `report-lint-bundle.js.cache`, which this script makes last: it runs the bin once
 * over a seed report with every rule, and the bin writes the bytecode of every function that run
 * compiled (node/codeCache.ts; ~9 ms of a cold start).
 *
 * Left out, and loaded from node_modules when a run needs them: nodejieba (a native module, whose
 * load() assigns undeclared globals) and the libraries only some runs use — mammoth (Word files),
 * ignore (.reportlintignore), diff (--fix-dry-run). The worker threads (`cli/worker.js`) and the
 * segmenter's thread (`node/segmenterHost.js`) start from tsc's output beside the bundles, which
 * stand in the folders of their entry points so that paths written from `__dirname` still hold.
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI_BUNDLE = 'server/out/cli/report-lint-bundle.js';
const BIN = 'server/out/cli/report-lint.js';
const BUNDLES = [
  { entry: 'server/src/cli/bin.ts', out: CLI_BUNDLE },
  { entry: 'server/src/cli/launch.ts', out: BIN, executable: true },
  { entry: 'server/src/lsp/server.ts', out: 'server/out/lsp/report-lint-server.js' },
];

// A cache left from an earlier bundle would be ignored (its hash no longer fits), but not kept.
rmSync(join(ROOT, `${CLI_BUNDLE}.cache`), { force: true });
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

// The cache: one run as a user's would be (same node, no extra V8 flags: V8 refuses a cache made
// under other flags), over one report, so that the one-report path is what it holds.
const env = { ...process.env, REPORT_LINT_WRITE_CODE_CACHE: '1' };
delete env.NODE_OPTIONS;
const run = spawnSync(process.execPath, [join(ROOT, BIN), '--format', 'json', join(ROOT, 'seeds/000_986a22989dbee875.txt')], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
if (run.status !== 0 && run.status !== 1) {
  // The CLI works without it, only ~9 ms slower to start.
  process.stderr.write(`bundle: no code cache for the CLI (the sample run exited with ${run.status ?? run.signal}): ${run.stderr}\n`);
}
