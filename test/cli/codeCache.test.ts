import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers';
import { serverNodeOptions } from '../../server/src/lsp/protocol';
import { CLI_V8_FLAGS } from '../../server/src/node/tiering';
// @ts-expect-error a build script in plain JavaScript, without declarations
import { asciiOnly } from '../../scripts/asciiOnly.mjs';

// V8 keeps what it compiled for the life of a process: whether a cache file was taken shows only
// in a new process, so each step below is one.
const CODE_CACHE = join(ROOT, 'server/out/node/codeCache.js');

/** Runs `bundle` through runBundle in a new node; `save` writes its cache at exit, as the build does. */
function run(bundle: string, save = false): { status: string; stdout: string } {
  const script = `
    const { runBundle, saveCodeCache } = require(${JSON.stringify(CODE_CACHE)});
    const { script, status } = runBundle(${JSON.stringify(bundle)});
    process.stderr.write(status);
    if (${save}) process.on('exit', () => saveCodeCache(${JSON.stringify(bundle)}, script));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return { status: r.stderr, stdout: r.stdout };
}

/** A bundle whose answer comes from a function compiled lazily, and from a file beside it. */
function bundleSaying(dir: string, word: string): string {
  const bundle = join(dir, 'bundle.js');
  writeFileSync(join(dir, 'beside.js'), 'module.exports = "!";');
  writeFileSync(bundle, `#!/usr/bin/env node\nfunction say() { return "${word}"; }\nconsole.log(say() + require("./beside.js") + (__dirname === ${JSON.stringify(dir)}));\n`);
  return bundle;
}

describe('code cache (node/codeCache.ts)', () => {
  it('runs a bundle as its own module, then from the cache its first run left', () => {
    const dir = tempDir('report-lint-cache-');
    const bundle = bundleSaying(dir, 'first');
    expect(run(bundle, true)).toEqual({ status: 'absent', stdout: 'first!true\n' });
    expect(run(bundle)).toEqual({ status: 'used', stdout: 'first!true\n' });
  });

  it('ignores a cache made from another bundle of the same length, which V8 alone would run', () => {
    const dir = tempDir('report-lint-cache-');
    run(bundleSaying(dir, 'first'), true);
    const bundle = bundleSaying(dir, 'other');
    expect(run(bundle)).toEqual({ status: 'stale', stdout: 'other!true\n' });
  });

  it('compiles afresh when V8 refuses the data (cut short)', () => {
    const dir = tempDir('report-lint-cache-');
    const bundle = bundleSaying(dir, 'first');
    run(bundle, true);
    const file = readFileSync(`${bundle}.cache`);
    writeFileSync(`${bundle}.cache`, file.subarray(0, file.length - 100));
    expect(run(bundle)).toEqual({ status: 'rejected', stdout: 'first!true\n' });
    writeFileSync(`${bundle}.cache`, file.subarray(0, 3));
    expect(run(bundle)).toEqual({ status: 'stale', stdout: 'first!true\n' });
  });

  it('the build leaves caches that this node takes, for the CLI and for the server as the client starts it', () => {
    const status = (bundle: string, nodeOptions: readonly string[] = []) => {
      const script = `process.stdout.write(require(${JSON.stringify(CODE_CACHE)}).compileBundle(${JSON.stringify(join(ROOT, bundle))}).status)`;
      return spawnSync(process.execPath, [...nodeOptions, '-e', script], { encoding: 'utf8' }).stdout;
    };
    // The bin sets the CLI's V8 flags before it compiles; the cache is made under them.
    expect(status('server/out/cli/report-lint-bundle.js', CLI_V8_FLAGS)).toBe('used');
    // Made after the server had changed V8 flags at run time (idleCollect), which it puts back.
    expect(status('server/out/lsp/report-lint-server-bundle.js', serverNodeOptions(availableParallelism()))).toBe('used');
    // …and on a machine with another number of cores (the package is built on one, run on others):
    // V8's pool size is node's option, outside the flags V8 checks a cache against.
    for (const cores of [1, 16]) expect(status('server/out/lsp/report-lint-server-bundle.js', serverNodeOptions(cores)), `${cores} cores`).toBe('used');
  });

  it('the build writes the bundles in ASCII, so that V8 holds their source one byte a character', () => {
    for (const bundle of ['server/out/cli/report-lint-bundle.js', 'server/out/lsp/report-lint-server-bundle.js']) {
      const text = readFileSync(join(ROOT, bundle), 'latin1');
      expect(text.length, bundle).toBeGreaterThan(100_000);
      expect(text.match(/[^\x00-\x7f]/)?.index, bundle).toBeUndefined();
    }
  });
});

describe('asciiOnly (scripts/asciiOnly.mjs)', () => {
  // Each is evaluated as written and as escaped: the values must agree.
  const snippets = [
    String.raw`/[一-龥]+/.exec("ab中文x")[0]`,
    String.raw`[/\。/.test("。"), /\。/.test("\\u")]`,
    String.raw`/\\。/.test("\\。")`,
    String.raw`/\\\。/.test("\\。")`,
    String.raw`[/^😀$/u.test("😀"), /^[😀]$/u.test("😀"), /^[😀]$/.test("😀")]`,
    String.raw`"中" + '文' + ${'`'}${'$'}{1}年${'`'}`,
    String.raw`(() => { const 名称 = 2; return 名称 + 1; })()`,
    String.raw`/* 注释 */ new RegExp(/一|二/.source + "三", "u").test("二三")`,
    String.raw`"a\u4e00" === "a一"`,
  ];

  it.each(snippets)('means the same: %s', (snippet) => {
    const escaped = asciiOnly(snippet) as string;
    expect(escaped).toMatch(/^[\x00-\x7f]*$/);
    expect((0, eval)(escaped)).toEqual((0, eval)(snippet));
  });

  it('leaves ASCII text as it is, and refuses raw template text it would change', () => {
    const ascii = String.raw`const a = /\d+\./g; // "quoted" \\ done`;
    expect(asciiOnly(ascii)).toBe(ascii);
    expect(() => asciiOnly('String.raw`一`')).toThrow(/String\.raw/);
  });
});

