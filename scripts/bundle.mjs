#!/usr/bin/env node
/**
 * The command-line linter and the language server as one file each, made by esbuild from the
 * TypeScript sources after `tsc -b` has checked them: `server/out/cli/report-lint-bundle.js` (the
 * CLI) and `server/out/lsp/report-lint-server-bundle.js`. A cold `report-lint` on one report loaded
 * ~185 modules one by one, ~36 ms of its ~160; from one file it starts ~13 ms sooner. The server
 * answered `initialize` ~140 ms after its start, ~110 ms bundled (docs/performance-history.md).
 *
 * Each is started by a launcher (cli/launch.ts, the package's bin `server/out/cli/report-lint.js`;
 * lsp/launch.ts, `server/out/lsp/report-lint-server.js`, what the client starts) that runs it from
 * a V8 code cache, `<bundle>.cache`, which this script makes last: it runs each launcher once as a
 * user would — the CLI over a seed report with every rule, the server through an editor's first
 * requests on a seed — and the launcher writes the bytecode of every function the run compiled
 * (node/codeCache.ts): ~9 ms of a cold CLI, ~10 ms of the server's `initialize` and ~20 ms of its
 * first diagnostics.
 *
 * Left out, and loaded from node_modules when a run needs them: nodejieba (a native module, whose
 * load() assigns undeclared globals) and the libraries only some runs use — mammoth (Word files),
 * ignore (.reportlintignore), diff (--fix-dry-run). The worker threads (`cli/worker.js`) and the
 * segmenter's thread (`node/segmenterHost.js`) start from tsc's output beside the bundles, which
 * stand in the folders of their entry points so that paths written from `__dirname` still hold.
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asciiOnly } from './asciiOnly.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const CLI_BUNDLE = 'server/out/cli/report-lint-bundle.js';
const BIN = 'server/out/cli/report-lint.js';
const SERVER_BUNDLE = 'server/out/lsp/report-lint-server-bundle.js';
const SERVER = 'server/out/lsp/report-lint-server.js';
const BUNDLES = [
  { entry: 'server/src/cli/bin.ts', out: CLI_BUNDLE },
  { entry: 'server/src/cli/launch.ts', out: BIN, executable: true },
  { entry: 'server/src/lsp/server.ts', out: SERVER_BUNDLE },
  { entry: 'server/src/lsp/launch.ts', out: SERVER },
];
const SEED = join(ROOT, 'seeds/000_986a22989dbee875.txt');

// A cache left from an earlier bundle would be ignored (it holds another bundle), but not kept.
// (tsc -b has built node/codeCache.js, which names the file.)
const { codeCachePath } = require(join(ROOT, 'server/out/node/codeCache.js'));
for (const bundle of [CLI_BUNDLE, SERVER_BUNDLE]) rmSync(codeCachePath(join(ROOT, bundle)), { force: true });
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
  writeFileSync(outfile, asciiOnly(readFileSync(outfile, 'utf8')));
  if (b.executable) chmodSync(outfile, 0o755);
}

// The caches: runs as a user's would be (same node, the same V8 flags: V8 refuses a cache made
// under others), over one report, so that the one-report path is what they hold. Without a cache
// the CLI and the server work as before, only slower to start: a failed run is said, not fatal.
// With huge pages set, as the client sets them for the server: the CLI's run does not start again
// (cli/main.ts), so that the process that writes the cache is the one that ran every rule.
const { withHugePages } = require(join(ROOT, 'server/out/node/hugePages.js'));
const env = { ...withHugePages(process.env), REPORT_LINT_WRITE_CODE_CACHE: '1' };
delete env.NODE_OPTIONS;
const cli = spawnSync(process.execPath, [join(ROOT, BIN), '--format', 'json', SEED], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
if (cli.status !== 0 && cli.status !== 1) process.stderr.write(`bundle: no code cache for the CLI (the sample run exited with ${cli.status ?? cli.signal}): ${cli.stderr}\n`);
try {
  await trainServer();
} catch (e) {
  process.stderr.write(`bundle: no code cache for the language server: ${e instanceof Error ? e.message : e}\n`);
}

/** The requests an editor makes on opening a report and typing in it, then a clean exit. */
async function trainServer() {
  const { createProtocolConnection } = require('vscode-languageserver-protocol/node');
  const { serverNodeOptions } = require(join(ROOT, 'server/out/lsp/protocol.js'));
  const { startServerProcess } = require(join(ROOT, 'server/out/node/serverProcess.js'));
  // Over a pipe, as the extension's client starts it (another transport's code is then compiled
  // when first used).
  const { proc, reader, writer } = await startServerProcess(join(ROOT, SERVER), serverNodeOptions(availableParallelism()), env);
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  const conn = createProtocolConnection(reader, writer);
  conn.onNotification(() => {});
  conn.onRequest(() => null);
  conn.listen();
  const timer = setTimeout(() => proc.kill(), 30_000);
  try {
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null, initializationOptions: { debounce: 0 } });
    await conn.sendNotification('initialized', {});
    const uri = 'file:///report-lint/cache-sample.txt';
    const textDocument = { uri };
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'workreport', version: 1, text: readFileSync(SEED, 'utf8') } });
    await conn.sendRequest('textDocument/diagnostic', { textDocument });
    await conn.sendRequest('textDocument/documentSymbol', { textDocument });
    await conn.sendRequest('textDocument/foldingRange', { textDocument });
    const range = { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } };
    await conn.sendRequest('textDocument/hover', { textDocument, position: range.start });
    await conn.sendRequest('textDocument/codeAction', { textDocument, range, context: { diagnostics: [] } });
    for (let version = 2; version <= 4; version++) {
      await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: '的' }] });
      await conn.sendRequest('textDocument/diagnostic', { textDocument });
    }
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    const code = await exited;
    if (code !== 0) throw new Error(`the server exited with ${code}`);
  } finally {
    clearTimeout(timer);
    conn.dispose();
  }
}
