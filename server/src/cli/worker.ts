// A worker thread of the CLI (--jobs): lints the files the main thread sends, in two steps (see
// parallelProtocol.ts). It keeps each parsed document only until its cross-file step is done.
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import {
  analyzeDoc,
  byPosition,
  DuplicateCorpus,
  dupOptions,
  locallyCopied,
  mergeConfigs,
  parseReport,
  ruleLevel,
  ruleOptions,
  RULES,
  rulesOff,
  type Analysis,
  type CrossFileSource,
  type DupHit,
  type LintConfig,
  type ReportDoc,
  type RuleId,
} from '../core';
import { isMarkdown, readInput } from './input';
import type { CrossRequest, FromWorker, ToWorker, WorkerInit } from './parallelProtocol';
import { channelSegmenter } from '../node/segmenterChannel';

const port = parentPort!;
const init = workerData as WorkerInit;
const preparer = new DuplicateCorpus(init.corpusOptions);
const segmenter = init.segmenter ? channelSegmenter(init.segmenter.buffer, init.segmenter.port) : undefined;
const CROSS_FILE_RULES = RULES.filter((r) => r.meta.crossFile);

interface Waiting {
  readonly file: string;
  readonly doc: ReportDoc;
  readonly config?: LintConfig;
  readonly crossRules: readonly RuleId[];
  readonly first: Analysis;
}
const waiting = new Map<number, Waiting>();

const post = (m: FromWorker) => port.postMessage(m);

async function lint(index: number, file: string, config: LintConfig | undefined): Promise<void> {
  const read = await readInput((p) => readFile(p), file);
  if (!read.ok) return post({ type: 'failed', index, reason: read.reason });
  const markdown = isMarkdown(file, read);
  const doc = parseReport(read.text, { markdown });
  const crossRules = CROSS_FILE_RULES.filter((r) => ruleLevel(config, r.meta.id, r.meta.defaultSeverity) !== 'off').map((r) => r.meta.id);
  // Everything but the cross-file rules now; the rules that wait for the segmenter stay pending.
  const first = analyzeDoc(doc, { config: mergeConfigs(config, rulesOff(crossRules)), uri: file });
  const requests = new Map<string, CrossRequest>();
  for (const id of crossRules) {
    const options = dupOptions(ruleOptions(config, id));
    const key = JSON.stringify(options);
    if (!requests.has(key)) requests.set(key, { key, options, skip: [...locallyCopied(doc, options)] });
  }
  waiting.set(index, { file, doc, config, crossRules, first });
  post({
    type: 'prepared',
    index,
    entry: preparer.prepare(doc),
    requests: [...requests.values()],
    meta: { encoding: read.encoding, bom: read.bom, docx: read.docx, markdown, warnings: read.warnings },
  });
}

function finish(index: number, hits: Readonly<Record<string, DupHit[]>>): void {
  const w = waiting.get(index);
  if (!w) return;
  waiting.delete(index);
  const rest = [...w.crossRules, ...w.first.pending];
  let second: Analysis | undefined;
  if (rest.length > 0) {
    const others = RULES.map((r) => r.meta.id).filter((id) => !rest.includes(id));
    const corpus: CrossFileSource = { generation: 1, detect: (_doc, _uri, options) => hits[JSON.stringify(options)] ?? [] };
    second = analyzeDoc(w.doc, { config: mergeConfigs(w.config, rulesOff(others)), corpus, uri: w.file, segmenter });
  }
  post({
    type: 'done',
    index,
    findings: second ? [...w.first.findings, ...second.findings].sort(byPosition) : [...w.first.findings],
    failures: [...w.first.failures, ...(second?.failures ?? [])],
    pending: second ? [...second.pending] : [...w.first.pending],
    disabled: w.first.disabled + (second?.disabled ?? 0),
  });
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'lint') lint(m.index, m.file, m.config).catch((e: unknown) => post({ type: 'failed', index: m.index, reason: e instanceof Error ? e.message : String(e) }));
  else finish(m.index, m.hits);
});
