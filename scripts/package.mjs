#!/usr/bin/env node
/**
 * `npm run package`: builds and packs the extension into report-lint-<version>.vsix with
 * @vscode/vsce, then checks what went in and prints its size.
 *
 * The .vsix carries the runtime dependencies only: the language client and server libraries and
 * nodejieba (its native module and dictionaries; never bundled, its load() assigns undeclared
 * globals and throws under strict mode). nodejieba's build-time dependencies (node-pre-gyp and
 * its tree, node-addon-api) are installed for `npm ci` but left out: the closure of the runtime
 * packages is computed from their package.json files and everything else under node_modules is
 * added to the ignore list given to vsce.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
/**
 * What runs inside VS Code (the client, the server with `ignore` for .reportlintignore) and the
 * CLI shipped beside it (diff for --fix-dry-run, mammoth for Word files).
 */
const RUNTIME = ['vscode-languageclient', 'vscode-languageserver', 'vscode-languageserver-textdocument', 'nodejieba', 'ignore', 'diff', 'mammoth'];
/** Dependencies of runtime packages that are only needed to build them. */
const BUILD_ONLY = new Set(['@mapbox/node-pre-gyp', 'node-addon-api']);

const out = process.argv.includes('-o') ? process.argv[process.argv.indexOf('-o') + 1] : join(ROOT, `${pkg.name}-${pkg.version}.vsix`);

/** The package folder Node would load `name` from, starting at `from` (a package folder). */
function resolvePackage(name, from) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === ROOT || dirname(dir) === dir) return undefined;
  }
}

function runtimeClosure() {
  const keep = new Set();
  const visit = (dir) => {
    if (keep.has(dir)) return;
    keep.add(dir);
    const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys({ ...meta.dependencies, ...meta.optionalDependencies })) {
      if (BUILD_ONLY.has(dep)) continue;
      const found = resolvePackage(dep, dir);
      if (found) visit(found);
      else if (!meta.optionalDependencies?.[dep]) throw new Error(`${meta.name}: dependency ${dep} is not installed`);
    }
  };
  for (const name of RUNTIME) visit(resolvePackage(name, ROOT) ?? fail(`${name} is not installed: run npm ci`));
  return keep;
}

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

/** Every installed package folder (scoped and nested), so the ones outside the closure can be ignored. */
function installedPackages(dir = join(ROOT, 'node_modules'), found = []) {
  if (!existsSync(dir)) return found;
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const p = join(dir, name);
    if (name.startsWith('@')) installedPackages(p, found);
    else if (existsSync(join(p, 'package.json'))) {
      found.push(p);
      installedPackages(join(p, 'node_modules'), found);
    }
  }
  return found;
}

execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-b'], { cwd: ROOT, stdio: 'inherit' });
execFileSync(process.execPath, [join(ROOT, 'scripts/bundle.mjs')], { cwd: ROOT, stdio: 'inherit' });
const keep = runtimeClosure();
// Every package the built code requires must be in the closure, or the server dies on start.
const builtins = new Set((await import('node:module')).builtinModules);
for (const out of ['client/out', 'server/out']) {
  for (const file of readdirSync(join(ROOT, out), { recursive: true }).filter((f) => String(f).endsWith('.js'))) {
    const code = readFileSync(join(ROOT, out, String(file)), 'utf8');
    for (const m of code.matchAll(/require\("([^".][^"]*)"\)/g)) {
      const name = m[1].startsWith('@') ? m[1].split('/').slice(0, 2).join('/') : m[1].split('/')[0];
      if (builtins.has(name) || name.startsWith('node:') || name === 'vscode') continue;
      if (![...keep].some((k) => k.endsWith(`/node_modules/${name}`))) fail(`${out}/${file} requires ${name}, which is not in the packaged runtime (RUNTIME in scripts/package.mjs)`);
    }
  }
}
const dropped = installedPackages().filter((p) => !keep.has(p));
const ignore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8') + '\n# not in the runtime closure (scripts/package.mjs)\n' + dropped.map((p) => `${relative(ROOT, p)}/**`).join('\n') + '\n';
const scratch = mkdtempSync(join(tmpdir(), 'report-lint-package-'));
const ignoreFile = join(scratch, 'vscodeignore');
writeFileSync(ignoreFile, ignore);

const t0 = Date.now();
try {
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-yarn', '--ignoreFile', ignoreFile, '--allow-missing-repository', '--no-rewrite-relative-links', '-o', out],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, CI: 'true' } },
  );
} catch (e) {
  fail(`vsce failed: ${e.message}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

// What went in: the built code and nodejieba's runtime files; nothing of the sources or tests.
const listing = zipEntries(readFileSync(out));
const must = [
  'extension/package.json',
  'extension/package.nls.zh-cn.json',
  'extension/l10n/bundle.l10n.zh-cn.json',
  'extension/client/out/extension.js',
  'extension/server/out/lsp/server.js',
  'extension/server/out/lsp/report-lint-server.js',
  'extension/server/out/lsp/report-lint-server-bundle.js',
  'extension/server/out/lsp/report-lint-server-bundle.js.cache',
  'extension/server/out/lsp/protocol.js',
  'extension/server/out/cli/bin.js',
  'extension/server/out/cli/report-lint.js',
  'extension/server/out/cli/report-lint-bundle.js',
  'extension/server/out/cli/report-lint-bundle.js.cache',
  'extension/node_modules/vscode-languageclient/package.json',
  'extension/node_modules/vscode-languageserver/package.json',
  'extension/node_modules/ignore/package.json',
  'extension/node_modules/mammoth/package.json',
  'extension/node_modules/nodejieba/build/Release/nodejieba.node',
  'extension/node_modules/nodejieba/submodules/cppjieba/dict/jieba.dict.utf8',
  'extension/node_modules/nodejieba/submodules/cppjieba/dict/hmm_model.utf8',
  // The keyword extractor's dictionaries are the project's one-line stand-ins (server/dict).
  'extension/server/dict/idf.utf8',
  'extension/server/dict/stop_words.utf8',
  'extension/node_modules/nodejieba/submodules/cppjieba/dict/user.dict.utf8',
];
const missing = must.filter((m) => !listing.includes(m));
const unwanted = listing.filter((f) => /^extension\/(test|seeds|scripts|docs|client\/src|server\/src)\//.test(f) || /\.ts$/.test(f) && !/\.d\.ts$/.test(f) || /node_modules\/@mapbox\//.test(f));
if (missing.length) fail(`missing from the .vsix: ${missing.join(', ')}`);
if (unwanted.length) fail(`should not be in the .vsix: ${unwanted.slice(0, 10).join(', ')}`);
const size = statSync(out).size;
console.log(`packaged ${relative(process.cwd(), out) || out}: ${(size / 1024 / 1024).toFixed(2)} MB, ${listing.length} files, ${dropped.length} installed packages outside the runtime closure ignored (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

/** File names in a zip archive, from its central directory. */
function zipEntries(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) fail(`${out} is not a zip archive`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) fail(`${out}: broken central directory`);
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}
