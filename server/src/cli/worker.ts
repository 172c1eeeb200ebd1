// A worker thread of the CLI (--jobs): lints the files the main thread sends, everything but the
// copies from other files, and hands over the file's corpus data (see parallelProtocol.ts). It
// keeps nothing of a file once it is sent: the main thread adds the cross-file findings from the
// text alone.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeDoc, analyzePending, DuplicateCorpus, parseReport, TextMemo, lineIndexOf, type LintConfig, type RuleId } from '../core';
import { crossRequests } from './crossFile';
import { isMarkdown, readInput } from './input';
import type { FromWorker, ToWorker, WorkerInit } from './parallelProtocol';
import { awaitSegmenter, channelSegmenter, segmenterLoaded } from '../node/segmenterChannel';

TextMemo.turnOff();
const port = parentPort!;
const init = workerData as WorkerInit;
const preparer = new DuplicateCorpus(init.corpusOptions);
const segmenter = init.segmenter ? channelSegmenter(init.segmenter.buffer, init.segmenter.port) : undefined;

const post = (m: FromWorker) => port.postMessage(m);

/**
 * Files linted while the segmenter's thread was loading nodejieba, kept until the rules that need
 * segmentation can run. Asking before the load ends would leave this thread asleep for most of a
 * second at the start of every run (measured: first file in at 1.2 s against 0.34 s without those
 * rules), with a core idle. Their text is kept, not their parse, which holds every derivation the
 * rules made of it (several times the text); it is parsed again (~0.3 ms per 30 KB report). Past
 * `WAITING_CHARS` (a folder of very large reports), the worker waits for the load after all.
 */
const waiting: { index: number; file: string; config: LintConfig | undefined; text: string; markdown: boolean; pending: readonly RuleId[] }[] = [];
const WAITING_CHARS = 1 << 24;
let waitingChars = 0;

async function lint(index: number, file: string, config: LintConfig | undefined): Promise<void> {
  // Read synchronously: this thread has nothing else to do meanwhile, and the promise API cost
  // ~0.3 ms per file in opening, stat and callbacks (~10 times the read itself from the cache).
  const read = await readInput(async (p) => readFileSync(p), file, init.maxFileSize);
  if (!read.ok) return post({ type: 'failed', index, reason: read.reason });
  const markdown = isMarkdown(file, read);
  const doc = parseReport(read.text, { markdown });
  let loaded = segmenter !== undefined && segmenterLoaded(init.segmenter!.buffer);
  if (segmenter !== undefined && !loaded && waitingChars + read.text.length > WAITING_CHARS) loaded = awaitSegmenter(init.segmenter!.buffer);
  if (loaded) runWaiting();
  // Every rule; without a corpus the cross-file rules report the copies within the file only.
  const analysis = analyzeDoc(doc, { config, uri: file, segmenter: loaded ? segmenter : undefined, fixes: init.fixes });
  const wait = segmenter !== undefined && !loaded && analysis.pending.length > 0;
  if (wait) {
    waiting.push({ index, file, config, text: read.text, markdown, pending: analysis.pending });
    waitingChars += read.text.length;
  }
  post({
    type: 'prepared',
    index,
    entry: preparer.prepare(doc),
    requests: crossRequests(doc, config),
    meta: { encoding: read.encoding, bom: read.bom, docx: read.docx, markdown, warnings: read.warnings },
    findings: JSON.stringify(analysis.findings),
    failures: analysis.failures,
    pending: analysis.pending,
    disabled: analysis.disabled,
    waiting: wait,
  });
}

/**
 * Runs the rules the waiting files left pending, and sends what they found. Their questions wait
 * for the load; a segmenter's thread that never answers fails the first after the channel's
 * timeout and the others at once (channelSegmenter).
 */
function runWaiting(): void {
  waitingChars = 0;
  for (const w of waiting.splice(0)) {
    const doc = parseReport(w.text, { markdown: w.markdown });
    const more = analyzePending(doc, lineIndexOf(doc), w.pending, { config: w.config, uri: w.file, segmenter: segmenter!, fixes: init.fixes });
    post({ type: 'segmented', index: w.index, findings: JSON.stringify(more.findings), failures: more.failures, pending: more.pending, disabled: more.disabled });
  }
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'finish') return runWaiting();
  lint(m.index, m.file, m.config).catch((e: unknown) => post({ type: 'failed', index: m.index, reason: e instanceof Error ? e.message : String(e) }));
});
