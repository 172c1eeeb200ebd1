/**
 * Runs a CommonJS bundle with a V8 code cache beside it (`<bundle>.cache`), made at build time by
 * running the bundle once over a sample report (scripts/bundle.mjs). V8 compiles a function only
 * when it is first called; a cache taken after such a run holds the bytecode of every function the
 * run needed, so the next process skips compiling them: ~9 ms of a cold `report-lint`'s ~145 ms
 * (docs/performance-history.md). A cache taken before running holds only the top level, and saves nothing
 * measurable — which is all that compile-cache libraries (and Node 22's own) can take.
 *
 * V8 checks a cache against its own version, its flags and the length of the source, and refuses a
 * truncated one; but a bundle rebuilt to the same length would run the old bytecode. So the cache
 * file holds a copy of the bundle it was made from, compared byte for byte (a hash would cost more:
 * `node:crypto` alone takes ~3 ms to load), and a cache made from another bundle is ignored. V8 does
 * not check the data itself (its checksum is on in debug builds only): bytes damaged on disk could
 * stop the process, as a damaged bundle or native module would; the file is written whole or not
 * at all.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Module, createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/** How the cache was used: `used` saved the compile; the others compiled the bundle afresh. */
export type CodeCacheStatus = 'used' | 'absent' | 'stale' | 'rejected';

export function codeCachePath(bundle: string): string {
  return `${bundle}.cache`;
}

/** The file: the bundle's length (4 bytes, little-endian), the bundle, V8's data. */
function readCache(bundle: string, source: Buffer): { data?: Buffer; status: CodeCacheStatus } {
  let file: Buffer;
  try {
    file = readFileSync(codeCachePath(bundle));
  } catch {
    return { status: 'absent' };
  }
  const length = file.length >= 4 ? file.readUInt32LE(0) : -1;
  if (length !== source.length || file.length <= 4 + length || !source.equals(file.subarray(4, 4 + length))) return { status: 'stale' };
  return { data: file.subarray(4 + length), status: 'used' };
}

/** Compiles `bundle` as the body of a CommonJS module, from its cache when the cache fits. */
export function compileBundle(bundle: string): { script: Script; status: CodeCacheStatus } {
  const bytes = readFileSync(bundle);
  const cached = readCache(bundle, bytes);
  let source = bytes.toString('utf8');
  // A shebang is no JavaScript inside the function wrapper; a comment keeps the length.
  if (source.startsWith('#!')) source = `//${source.slice(2)}`;
  const script = new Script(Module.wrap(source), { filename: bundle, cachedData: cached.data });
  return { script, status: cached.data && script.cachedDataRejected ? 'rejected' : cached.status };
}

/**
 * Compiles and runs `bundle` as the CommonJS module it is (its own `require`, `__dirname`,
 * `__filename`). Returns the script (for `saveCodeCache`) and what became of the cache.
 */
export function runBundle(bundle: string): { script: Script; status: CodeCacheStatus } {
  const compiled = compileBundle(bundle);
  const run = compiled.script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  const mod = { exports: {}, filename: bundle, id: bundle, loaded: false };
  run.call(mod.exports, mod.exports, createRequire(bundle), mod, bundle, dirname(bundle));
  return compiled;
}

/**
 * What a bundle's launcher does: runs `bundle`; and in the build's one run that makes the cache
 * (REPORT_LINT_WRITE_CODE_CACHE=1), writes it at exit, after `beforeSave` — which puts back any V8
 * flag the run changed: V8 takes a cache only under the flags it was made with.
 */
export function launch(bundle: string, beforeSave?: () => void): void {
  const { script } = runBundle(bundle);
  if (process.env.REPORT_LINT_WRITE_CODE_CACHE !== '1') return;
  process.on('exit', () => {
    beforeSave?.();
    saveCodeCache(bundle, script);
  });
}

/**
 * Writes `bundle`'s cache from `script` as it stands: call it after the run whose functions the
 * cache should hold (at the process's exit).
 */
export function saveCodeCache(bundle: string, script: Script): void {
  const source = readFileSync(bundle);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(source.length);
  const path = codeCachePath(bundle);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.concat([length, source, script.createCachedData()]));
  renameSync(tmp, path);
}
