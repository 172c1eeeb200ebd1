// nodejieba's load() builds its dictionary twice: once for the segmenter (cppjieba::Jieba) and
// once more, from the same files, for a TextRank keyword extractor report-lint never calls
// (lib/nodejieba.cpp). Measured here: the segmenter 113 MB and 474 ms, the extractor another
// 110 MB and 425 ms. cppjieba has a constructor that gives the extractor the segmenter's own
// dictionary and model; this script makes nodejieba's binding use it and rebuilds the module
// (~8 s), so that load() takes half the time and half the memory. The extractor still works.
//
// Run after install (package.json's postinstall). It never fails an install: where the source is
// not the one expected (another nodejieba version), or the rebuild fails (no compiler where a
// prebuilt binary was downloaded), the module nodejieba installed stays as it was and a line
// says why.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The binding's construction of the extractor from the dictionary files (nodejieba 3.x). */
const TWICE = /_text_rank_extractor_handle = new cppjieba\s*::TextRankExtractor\(dictPath,\s*modelPath,\s*stopWordsPath,\s*userDictPath\);/;
/** The same extractor over the segmenter's dictionary and model (cppjieba's TextRankExtractor(const Jieba&, stopWordPath)). */
const ONCE = '_text_rank_extractor_handle = new cppjieba::TextRankExtractor(*_jieba_handle, stopWordsPath);';

/**
 * The binding's source with the extractor built over the segmenter's dictionary; the same text
 * when it already is; undefined when it holds neither form (a nodejieba this script does not know).
 */
export function oneDictionary(source) {
  if (source.includes(ONCE)) return source;
  const m = TWICE.exec(source);
  if (!m || TWICE.exec(source.slice(m.index + m[0].length))) return undefined;
  return source.slice(0, m.index) + ONCE + source.slice(m.index + m[0].length);
}

function say(line) {
  console.log(`report-lint: ${line}`);
}

/** Whether nodejieba in `dir` loads and segments, in a fresh process. */
function works(dir) {
  const check = `const j = require(${JSON.stringify(dir)}); j.load(); if (j.cut('在新的一年里').length < 2) process.exit(1);`;
  return spawnSync(process.execPath, ['-e', check], { stdio: 'ignore', timeout: 60_000 }).status === 0;
}

function main() {
  const require = createRequire(import.meta.url);
  let dir;
  try {
    dir = dirname(require.resolve('nodejieba/package.json'));
  } catch {
    return say('nodejieba is not installed; word segmentation will use the fallback.');
  }
  const file = join(dir, 'lib', 'nodejieba.cpp');
  const binary = join(dir, 'build', 'Release', 'nodejieba.node');
  if (!existsSync(file)) return say('nodejieba has no binding source here; left as installed.');
  const source = readFileSync(file, 'utf8');
  const patched = oneDictionary(source);
  if (patched === undefined) return say('nodejieba\'s binding is not the one expected; left as installed (its dictionary loads twice).');
  if (patched === source && existsSync(binary)) return;
  // Rebuilt in place, as nodejieba's own `rebuild` script does; what was there is put back on
  // failure (kept outside build/, which the rebuild removes first).
  const kept = join(dir, 'nodejieba.node.installed');
  if (existsSync(binary)) copyFileSync(binary, kept);
  writeFileSync(file, patched);
  const preGyp = require.resolve('@mapbox/node-pre-gyp/bin/node-pre-gyp');
  const built = spawnSync(process.execPath, [preGyp, 'rebuild'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 600_000 });
  if (built.status === 0 && works(dir)) {
    rmSync(kept, { force: true });
    return say('nodejieba rebuilt to load its dictionary once.');
  }
  writeFileSync(file, source);
  if (existsSync(kept)) {
    mkdirSync(dirname(binary), { recursive: true });
    copyFileSync(kept, binary);
    rmSync(kept, { force: true });
  }
  const lines = (built.stderr ?? '').split('\n');
  const reason = built.status !== 0 ? (lines.find((l) => /ERR!.*Error:/.test(l)) ?? lines.find((l) => l.includes('ERR!')) ?? built.error?.message ?? 'the build failed').trim() : 'the rebuilt module did not load';
  say(`nodejieba could not be rebuilt (${reason}); left as installed (its dictionary loads twice).`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    main();
  } catch (e) {
    say(`nodejieba left as installed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
