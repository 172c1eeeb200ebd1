import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { sortByPosition, DuplicateCorpus, DEFAULT_CORPUS_OPTIONS, withPending, type Finding, type LineIndex, type LintConfig, type RuleFailure, type RuleId } from '../core';
import { copiesFromEarlier } from './crossFile';
import type { FromWorker, Prepared, ReadMeta, ToWorker, WorkerInit } from './parallelProtocol';
import { newChannel, startSegmenterHost, type ChannelEnd } from '../node/segmenterChannel';

export interface ParallelFile {
  readonly file: string;
  readonly config?: LintConfig;
}

export type ParallelResult =
  | { readonly file: string; readonly error: string }
  | { readonly file: string; readonly lines: LineIndex; readonly meta: ReadMeta; readonly findings: readonly Finding[]; readonly failures: readonly RuleFailure[]; readonly pending: readonly RuleId[]; readonly disabled: number };

export interface ParallelOptions {
  readonly jobs: number;
  /** A rule needs word segmentation: one more thread loads nodejieba and serves all workers. */
  readonly segment?: boolean;
  /**
   * The report shows the findings' fixes (SARIF). Other formats, and the exit code, do not read
   * them (--fix runs in one thread), and they are most of what a worker sends: punctuation-width
   * carries an edit per mark.
   */
  readonly fixes?: boolean;
  /** --max-file-size, in bytes: Word files that unpack to more are not read. */
  readonly maxFileSize?: number;
  readonly onProgress?: (done: number) => void;
}

/** Files sent to a worker ahead of its reading them (reading overlaps parsing). */
const WINDOW = 4;

/**
 * Lints `files` in `jobs` worker threads. The corpus of cross-file duplicates lives here, in the
 * main thread: files enter it in their order, and once all are in (what stands in very many files
 * is boilerplate, and that is known only then), each file's copies from earlier files are found
 * and their findings added to the worker's. Workers keep nothing of a file they have sent. The
 * results are those of the sequential run.
 */
export function lintInWorkers(files: readonly ParallelFile[], options: ParallelOptions): Promise<ParallelResult[]> {
  const corpus = new DuplicateCorpus(DEFAULT_CORPUS_OPTIONS, true);
  const results: ParallelResult[] = new Array(files.length);
  const prepared: (Prepared | undefined)[] = new Array(files.length);
  const count = Math.max(1, Math.min(options.jobs, files.length));
  /** `waiting`: files whose segmenting rules the worker has still to run (see FromWorker); `finished`: told there is nothing more. */
  const workers: { worker: Worker; inFlight: number; waiting: number; finished: boolean }[] = [];
  const threads: Worker[] = [];
  let next = 0;
  let preparedCount = 0;
  let done = 0;
  /** The threads were stopped on purpose. */
  let released = false;

  if (files.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      for (const t of threads) void t.terminate();
      reject(e instanceof Error ? e : new Error(String(e)));
    };
    const assign = (w: (typeof workers)[number]) => {
      while (w.inFlight < WINDOW && next < files.length) {
        const index = next++;
        w.inFlight++;
        w.worker.postMessage({ type: 'lint', index, file: files[index].file, config: files[index].config } satisfies ToWorker);
      }
    };
    const complete = (index: number, result: ParallelResult) => {
      results[index] = result;
      // Counted apart from the call: `onProgress?.(++done)` skips its argument, and the count, when
      // there is no listener, and the promise never settled.
      done++;
      options.onProgress?.(done);
      // The threads were stopped once every file was in (matchAll), failed files included.
      if (done === files.length) resolve(results);
    };
    /** A file's result came (`whole`: all of it; otherwise its segmenting rules follow). */
    const arrived = (w: (typeof workers)[number], whole = true) => {
      w.inFlight--;
      if (!whole) w.waiting++;
      assign(w);
      // Nothing left to send it: the worker runs what it kept waiting now, not at its next file.
      if (w.inFlight === 0 && next === files.length && w.waiting > 0 && !w.finished) {
        w.finished = true;
        w.worker.postMessage({ type: 'finish' } satisfies ToWorker);
      }
      if (whole) counted();
    };
    const counted = () => {
      if (++preparedCount === files.length) matchAll();
    };
    // All files enter the corpus in order; then each is matched against those before it.
    // Matching yields to the event loop every few milliseconds, so that progress is drawn and a
    // thread's failure is heard while it goes on.
    const matchAll = () => {
      // Every file is in: the threads have nothing left to do, and their heaps (and the
      // segmenter's dictionary, ~225 MB) are freed before matching builds up its own.
      released = true;
      for (const t of threads) void t.terminate();
      prepared.forEach((p, index) => p && corpus.setPrepared(files[index].file, p.entry));
      let index = 0;
      const slice = () => {
        const until = Date.now() + 5;
        for (; index < files.length && Date.now() < until && !failed; index++) {
          const p = prepared[index];
          if (!p) continue;
          prepared[index] = undefined;
          complete(index, withCopies(files[index], p));
        }
        if (index < files.length && !failed) setImmediate(slice);
      };
      slice();
    };
    /** A file's result: its worker's findings and those on its copies from earlier files. */
    const withCopies = (f: ParallelFile, p: Prepared): ParallelResult => {
      const lines = corpus.linesOf(f.file)!;
      const result = { file: f.file, lines, meta: p.meta, findings: p.findings, failures: p.failures, pending: p.pending, disabled: p.disabled };
      if (p.requests.length === 0) return result;
      const cross = copiesFromEarlier(corpus, f.file, p.requests, f.config);
      // A copy switched off by a comment leaves no finding, and is counted as the one thread counts it.
      if (cross.findings.length === 0 && cross.failures.length === 0 && cross.disabled === 0) return result;
      return { ...result, findings: sortByPosition([...p.findings, ...cross.findings]), failures: [...p.failures, ...cross.failures], disabled: p.disabled + cross.disabled };
    };
    const channels: ChannelEnd[] = [];
    for (let i = 0; i < count; i++) {
      let segmenter: WorkerInit['segmenter'];
      if (options.segment) {
        const { asker, host } = newChannel();
        channels.push(host);
        segmenter = asker;
      }
      const init: WorkerInit = { corpusOptions: DEFAULT_CORPUS_OPTIONS, segmenter, fixes: options.fixes === true, maxFileSize: options.maxFileSize ?? Infinity };
      const worker = new Worker(join(__dirname, 'worker.js'), { workerData: init, transferList: segmenter ? [segmenter.port] : [] });
      const w = { worker, inFlight: 0, waiting: 0, finished: false };
      workers.push(w);
      threads.push(worker);
      watch(worker);
      worker.on('message', (m: FromWorker) => {
        try {
          switch (m.type) {
            case 'failed':
              complete(m.index, { file: files[m.index].file, error: m.reason });
              return arrived(w);
            case 'prepared': {
              // Parsed now, while the workers run: the main thread has time to spare until every file is in.
              const { waiting, ...rest } = m;
              prepared[m.index] = { ...rest, findings: JSON.parse(m.findings) as Finding[] };
              return arrived(w, !waiting);
            }
            case 'segmented':
              // As one analysis with the segmenter would have given them.
              prepared[m.index] = withPending(prepared[m.index]!, { ...m, findings: JSON.parse(m.findings) as Finding[] });
              w.waiting--;
              return counted();
          }
        } catch (e) {
          fail(e);
        }
      });
      assign(w);
    }
    if (channels.length > 0) {
      const host = startSegmenterHost(channels);
      threads.push(host);
      watch(host);
    }
    function watch(t: Worker) {
      t.on('error', fail);
      t.on('exit', (code) => {
        if (done < files.length && !failed && !released) fail(new Error(`worker thread stopped (exit code ${code})`));
      });
    }
  });
}
