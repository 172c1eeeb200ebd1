// The folder's work in one thread, warm, in process: what the CLI's workers do per report (parse,
// rules, corpus entry), then what its main thread does once every report is in (the corpus filled,
// each report matched against those before it). No start, no reading, no threads, no compiling
// after the first pass, no output: the least time this code's work can take, against which the
// folder's goals can be read (docs/performance.md).
//   node scripts/folder-work.mjs [--json] [--passes N] FOLDER [CONFIG.json]
// Needs the built server (npm run build); the bench runs it on its folder with every rule and
// without segmentation (section 1b).
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { parseReport, analyzeDoc, DuplicateCorpus, DEFAULT_CORPUS_OPTIONS, TextMemo, RULES, resolveConfig, ruleLevel } = require('../server/out/core/index.js');
// The CLI's own steps, so that what is timed is what it runs.
const { crossRequests, copiesFromEarlier } = require('../server/out/cli/crossFile.js');
const { isMarkdown } = require('../server/out/cli/input.js');

const args = process.argv.slice(2);
const json = args.includes('--json');
const passes = args.includes('--passes') ? Math.max(2, Number(args[args.indexOf('--passes') + 1]) || 3) : 3;
const [folder, configPath] = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--passes');
if (!folder) {
  console.error('usage: node scripts/folder-work.mjs [--json] [--passes N] FOLDER [CONFIG.json]');
  process.exit(2);
}
// As the CLI takes --config: its preset (`extends`) expanded.
const config = configPath ? resolveConfig(JSON.parse(readFileSync(configPath, 'utf8'))) : undefined;
// As in the CLI's workers: one run sees most texts once, and memoises none (cli/worker.ts).
TextMemo.turnOff();
const files = readdirSync(folder)
  .filter((f) => /\.(txt|md|markdown)$/i.test(f))
  .sort()
  .map((f) => join(folder, f));
if (files.length === 0) {
  console.error(`folder-work: no reports (.txt, .md) in ${folder}`);
  process.exit(2);
}
const texts = files.map((f) => readFileSync(f, 'utf8'));
// A rule that needs word segmentation: nodejieba is loaded first (in the CLI, in a thread of its own
// while the workers lint), and its load is timed apart.
const needsSegmenter = RULES.some((r) => r.meta.needsSegmenter && ruleLevel(config, r.meta.id, r.meta.defaultSeverity) !== 'off');
let segmenter;
let loadMs = 0;
if (needsSegmenter) {
  const at = process.hrtime.bigint();
  segmenter = require('../server/out/node/segmenter.js').loadSegmenter();
  loadMs = Number(process.hrtime.bigint() - at) / 1e6;
}
const ms = (from) => Number(process.hrtime.bigint() - from) / 1e6;

/** One pass over the folder, timed in its parts (ms). */
function pass() {
  const preparer = new DuplicateCorpus(DEFAULT_CORPUS_OPTIONS);
  const corpus = new DuplicateCorpus(DEFAULT_CORPUS_OPTIONS, true);
  const t = { parse: 0, rules: 0, entry: 0, fill: 0, match: 0, findings: 0 };
  const kept = [];
  for (let i = 0; i < texts.length; i++) {
    let at = process.hrtime.bigint();
    // As the CLI reads a file: Markdown by its extension, not guessed from the text.
    const doc = parseReport(texts[i], { markdown: isMarkdown(files[i], {}) });
    t.parse += ms(at);
    at = process.hrtime.bigint();
    const analysis = analyzeDoc(doc, { config, uri: files[i], segmenter, fixes: false });
    t.rules += ms(at);
    at = process.hrtime.bigint();
    kept.push({ entry: preparer.prepare(doc), requests: crossRequests(doc, config), findings: analysis.findings.length });
    t.entry += ms(at);
  }
  let at = process.hrtime.bigint();
  kept.forEach((k, i) => corpus.setPrepared(files[i], k.entry));
  t.fill = ms(at);
  at = process.hrtime.bigint();
  for (let i = 0; i < files.length; i++) t.findings += kept[i].findings + copiesFromEarlier(corpus, files[i], kept[i].requests, config).findings.length;
  t.match = ms(at);
  return t;
}

const total = (t) => t.parse + t.rules + t.entry + t.fill + t.match;
let best;
for (let p = 0; p < passes; p++) {
  const t = pass();
  // The first pass compiles; of the others, the quickest (this machine's speed varies by the minute).
  if (p > 0 && (!best || total(t) < total(best))) best = t;
}
const perReport = best.parse + best.rules + best.entry;
const result = {
  reports: files.length,
  perReportMs: perReport / files.length,
  segmenterLoadMs: loadMs,
  parseMs: best.parse,
  rulesMs: best.rules,
  entryMs: best.entry,
  fillMs: best.fill,
  matchMs: best.match,
  findings: best.findings,
  // Two cores: the reports (and the segmenter's load) split evenly between them, then the corpus
  // filled and matched on one (the CLI's shape) …
  twoCoresAsRunS: ((perReport + loadMs) / 2 + best.fill + best.match) / 1000,
  // … or every part split evenly between the two, matching included.
  twoCoresEvenS: (perReport + loadMs + best.fill + best.match) / 2000,
};
if (json) console.log(JSON.stringify(result));
else {
  const f = (x) => x.toFixed(0);
  console.log(`${result.reports} reports, one thread, warm (the quickest of ${passes - 1} passes after the first): per report ${result.perReportMs.toFixed(2)} ms`);
  if (needsSegmenter) console.log(`  word segmentation loaded first in ${f(loadMs)} ms`);
  console.log(`  parse ${f(best.parse)} ms, rules ${f(best.rules)} ms, corpus entries ${f(best.entry)} ms; corpus filled ${f(best.fill)} ms, matching ${f(best.match)} ms; ${best.findings} findings`);
  console.log(`  on two cores at best: ${result.twoCoresAsRunS.toFixed(2)} s as the CLI runs it (reports on both, then matching on one), ${result.twoCoresEvenS.toFixed(2)} s with every part on both`);
}
