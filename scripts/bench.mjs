// Benchmarks of the analysis, printed as figures (never asserted by a test).
//   npm run bench            # parse + outline + structure rules on 100 KB and 1 MB reports
// Run with --expose-gc for the memory figures (npm run bench does).
import { createRequire } from 'node:module';
import { buildReport } from './corpus.mjs';

const require = createRequire(import.meta.url);
const { analyze, outlineNodes } = require('../server/out/core/index.js');

const RUNS = { '100 KB': 30, '1 MB': 10 };
const SIZES = { '100 KB': 100 * 1024, '1 MB': 1024 * 1024 };

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function heapAfterGc() {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

const rows = [];
for (const [label, bytes] of Object.entries(SIZES)) {
  const text = buildReport(bytes);
  const utf8 = Buffer.byteLength(text, 'utf8');
  analyze(text); // warm-up: JIT, regex compilation
  const times = [];
  let findings = 0;
  let headings = 0;
  for (let i = 0; i < RUNS[label]; i++) {
    const t0 = process.hrtime.bigint();
    const a = analyze(text);
    outlineNodes(a.doc);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    findings = a.findings.length;
    headings = a.doc.headings.length;
  }
  const before = heapAfterGc();
  const kept = analyze(text);
  const after = heapAfterGc();
  const retained = after - before;
  rows.push({
    input: label,
    'UTF-8 bytes': utf8,
    headings,
    findings,
    'median ms': median(times).toFixed(1),
    'max ms': Math.max(...times).toFixed(1),
    'MB/s': (utf8 / 1e6 / (median(times) / 1000)).toFixed(1),
    'retained MB': globalThis.gc ? (retained / 1e6).toFixed(1) : 'n/a (--expose-gc)',
    '× text': globalThis.gc ? (retained / utf8).toFixed(1) : 'n/a',
  });
  void kept;
}
console.log('parse + outline + structure rules (analyze), Node', process.version, `${(await import('node:os')).cpus().length} cores`);
console.table(rows);
console.log('goal (issue 2): 1 MB report under 50 ms, memory under 10× the text');
