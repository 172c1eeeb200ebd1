import type { DupOptions, Finding, LintConfig, PreparedEntry, RuleFailure, RuleId } from '../core';
import type { MessagePort } from 'node:worker_threads';

/**
 * Messages between the CLI's main thread and its worker threads (--jobs). A worker gets `lint`
 * (read, parse, every rule; the cross-file rules see copies within the file only) and answers
 * `prepared`: the findings and the file's corpus data (and, for files linted while the segmenter
 * was loading, `segmented` later: the rules that needed it). Once every file is in, the main thread
 * finds each file's copies from earlier files and adds their findings (`crossFileFindings`).
 */
export interface WorkerInit {
  readonly corpusOptions: { readonly minCrossFileLength: number; readonly minParagraphLength: number };
  /** The channel to the segmenter's thread, when a rule needs segmentation. */
  readonly segmenter?: { readonly port: MessagePort; readonly buffer: SharedArrayBuffer };
  /** The report shows fixes (SARIF): findings are sent with theirs; otherwise without. */
  readonly fixes: boolean;
  /** --max-file-size, in bytes (see readInput). */
  readonly maxFileSize: number;
}

export type ToWorker =
  | { readonly type: 'lint'; readonly index: number; readonly file: string; readonly config?: LintConfig }
  /**
   * No more files for this worker: the rules still waiting for the segmenter (see `prepared`'s
   * `waiting`) are run now, once it is loaded.
   */
  | { readonly type: 'finish' };

/** The duplicate options of some of a file's cross-file rules, and its paragraphs already copied within it. */
export interface CrossRequest {
  readonly rules: readonly RuleId[];
  readonly options: DupOptions;
  readonly skip: readonly number[];
}

export interface ReadMeta {
  readonly encoding: string;
  readonly bom?: boolean;
  readonly docx?: boolean;
  readonly markdown: boolean;
  readonly warnings?: readonly string[];
}

/** A file's worker result in the main thread, its findings parsed. */
export type Prepared = Omit<Extract<FromWorker, { type: 'prepared' }>, 'findings' | 'waiting'> & { readonly findings: readonly Finding[] };

export type FromWorker =
  | { readonly type: 'failed'; readonly index: number; readonly reason: string }
  | {
      readonly type: 'prepared';
      readonly index: number;
      readonly entry: PreparedEntry;
      readonly requests: readonly CrossRequest[];
      readonly meta: ReadMeta;
      /**
       * The findings as JSON (an array of Finding; without fixes unless `WorkerInit.fixes`).
       * Structured cloning rebuilt them in the main thread at ~5.5 us each, JSON.parse at ~3 (~90
       * findings per 30 KB report); the worker's side costs the same either way.
       */
      readonly findings: string;
      readonly failures: readonly RuleFailure[];
      readonly pending: readonly RuleId[];
      readonly disabled: number;
      /**
       * The segmenter's thread was still loading nodejieba (~0.8 s): the rules that need it (in
       * `pending`) run later, and their results follow as `segmented`. The worker does not sit
       * idle meanwhile.
       */
      readonly waiting: boolean;
    }
  /** The findings of the rules a `prepared` file left waiting, with what they add to its result. */
  | {
      readonly type: 'segmented';
      readonly index: number;
      readonly findings: string;
      readonly failures: readonly RuleFailure[];
      /** What still waits (nothing, unless a rule is enabled that no segmenter serves). */
      readonly pending: readonly RuleId[];
      readonly disabled: number;
    };
