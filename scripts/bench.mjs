// Benchmarks of the analysis and the CLI, printed as figures (never asserted by a test).
//   npm run bench               all sections
//   npm run bench -- --quick    skip the 1,000-file folder
// Runs with --expose-gc (npm run bench does) for the memory figures. The corpus is built from the
// seeds deterministically (scripts/corpus.mjs) under .bench/.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { buildFolder, buildReport } from './corpus.mjs';

const require = createRequire(import.meta.url);
const ROOT = join(import.meta.dirname, '..');
const { analyze, parseReport, RULES, LineIndex } = require('../server/out/core/index.js');
const { loadSegmenter } = require('../server/out/node/segmenter.js');
const quick = process.argv.includes('--quick');

/** A config that runs only the rules of the given categories. */
const ONLY = (...categories) => ({ rules: Object.fromEntries(RULES.filter((r) => !categories.includes(r.meta.category)).map((r) => [r.meta.id, 'off'])) });
const STRUCTURE_ONLY = ONLY('structure');
const DUPLICATES_ONLY = ONLY('duplicate');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const heap = () => (globalThis.gc?.(), process.memoryUsage().heapUsed);

function time(fn, runs) {
  fn(); // warm-up: JIT, regex compilation
  const ts = [];
  let out;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    out = fn();
    ts.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { median: median(ts), max: Math.max(...ts), out };
}

console.log(`Node ${process.version}, ${cpus().length} cores\n`);

// 1. One report: parse + outline + rules.
const t0 = process.hrtime.bigint();
const segmenter = loadSegmenter();
const segLoad = Number(process.hrtime.bigint() - t0) / 1e6;
const rows = [];
for (const [label, bytes, runs] of [['100 KB', 100 * 1024, 30], ['1 MB', 1024 * 1024, 10]]) {
  const text = buildReport(bytes);
  const utf8 = Buffer.byteLength(text, 'utf8');
  const structure = time(() => analyze(text, { config: STRUCTURE_ONLY }), runs);
  const dups = time(() => analyze(text, { config: DUPLICATES_ONLY, segmenter }), runs);
  const all = time(() => analyze(text, { segmenter }), runs);
  const before = heap();
  const kept = analyze(text, { segmenter });
  const retained = heap() - before;
  rows.push({
    input: label,
    'UTF-8 bytes': utf8,
    headings: all.out.doc.headings.length,
    'structure ms': structure.median.toFixed(1),
    'duplicates ms': dups.median.toFixed(1),
    'all rules ms': all.median.toFixed(1),
    'all max ms': all.max.toFixed(1),
    'MB/s (all)': (utf8 / 1e6 / (all.median / 1000)).toFixed(1),
    findings: all.out.findings.length,
    'retained × text': globalThis.gc ? (retained / utf8).toFixed(1) : 'n/a',
  });
  void kept;
}
console.log(`One report (median of runs; the segmenter loaded once beforehand in ${segLoad.toFixed(0)} ms):`);
console.table(rows);

// Each rule alone on the parsed 1 MB report, to see where the time goes.
const big = buildReport(1024 * 1024);
const doc = parseReport(big);
const ctx = { lines: new LineIndex(big), segmenter };
const perRule = {};
for (const rule of RULES) {
  // Rules cache per document (the duplicate detection); a fresh parse each run measures the real cost.
  const t = time(() => {
    const d = parseReport(big);
    const t1 = process.hrtime.bigint();
    rule.check(d, () => {}, {}, { ...ctx });
    return Number(process.hrtime.bigint() - t1) / 1e6;
  }, 3);
  perRule[rule.meta.id] = { category: rule.meta.category, 'ms (1 MB)': t.out.toFixed(1) };
}
console.log(`parse alone on 1 MB: ${time(() => parseReport(big), 5).median.toFixed(1)} ms; each rule alone:`);
console.table(perRule);
void doc;
console.log('goals: 1 MB parse + outline + structure rules under 50 ms, memory under 10× the text (issue 2);');
console.log('       figure and duplicate checks on 1 MB within a few hundred ms (issues 3, 4)\n');

// 2. The CLI across a folder of reports: end to end, cross-file duplicates included.
if (!existsSync(join(ROOT, 'server/out/cli/bin.js'))) execFileSync('npx', ['tsc', '-b'], { cwd: ROOT });
const counts = quick ? [250, 500] : [250, 500, 1000];
const all = buildFolder(Math.max(...counts));
const folderRows = [];
for (const n of counts) {
  const dir = join(ROOT, '.bench', `folder-${n}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  all.slice(0, n).forEach((t, i) => {
    writeFileSync(join(dir, `report-${String(i).padStart(4, '0')}.txt`), t);
    bytes += Buffer.byteLength(t, 'utf8');
  });
  const config = join(ROOT, '.bench', 'duplicates-only.json');
  writeFileSync(config, JSON.stringify(ONLY('duplicate')));
  for (const [rules, extra] of [['duplicates', ['--config', config]], ['all', []]]) {
    const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, join(ROOT, 'server/out/cli/bin.js'), '--format', 'json', ...extra, dir], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const [secs, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
    const findings = JSON.parse(r.stdout).reduce((s, f) => s + f.diagnostics.length, 0);
    folderRows.push({ files: n, rules, MB: (bytes / 1e6).toFixed(1), 'wall s': secs.toFixed(2), 'MB/s': (bytes / 1e6 / secs).toFixed(1), 'ms/file': ((secs / n) * 1000).toFixed(1), 'peak RSS MB': (kb / 1024).toFixed(0), findings, exit: r.status });
  }
}
console.log('report-lint --format json over a folder, files compared with each other (end to end, one process):');
console.table(folderRows);
console.log('goal: the duplicate check over 1,000 files under 10 s, cost linear in the size (issue 3; flat ms/file)');
