import type { DupHit, DupOptions, Finding, LintConfig, PreparedEntry, RuleFailure, RuleId } from '../core';
import type { MessagePort } from 'node:worker_threads';

/**
 * Messages between the CLI's main thread and its worker threads (--jobs). A file goes through
 * two steps in a worker: `lint` (read, parse, every rule that needs nothing from other files,
 * the corpus data) → `prepared`; the main thread adds the data to the corpus in file order and
 * finds the copies from earlier files → `cross`; the worker runs the cross-file rules and the
 * rules that waited for the segmenter → `done`.
 */
export interface WorkerInit {
  readonly corpusOptions: { readonly minCrossFileLength: number; readonly minParagraphLength: number };
  /** The channel to the segmenter's thread, when a rule needs segmentation. */
  readonly segmenter?: { readonly port: MessagePort; readonly buffer: SharedArrayBuffer };
}

export type ToWorker =
  | { readonly type: 'lint'; readonly index: number; readonly file: string; readonly config?: LintConfig }
  | { readonly type: 'cross'; readonly index: number; readonly hits: Readonly<Record<string, DupHit[]>> };

/** The duplicate options a file's cross-file rules use, and its paragraphs already copied within it. */
export interface CrossRequest {
  readonly key: string;
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

export type FromWorker =
  | { readonly type: 'failed'; readonly index: number; readonly reason: string }
  | { readonly type: 'prepared'; readonly index: number; readonly entry: PreparedEntry; readonly requests: readonly CrossRequest[]; readonly meta: ReadMeta }
  | { readonly type: 'done'; readonly index: number; readonly findings: Finding[]; readonly failures: RuleFailure[]; readonly pending: RuleId[]; readonly disabled: number };
