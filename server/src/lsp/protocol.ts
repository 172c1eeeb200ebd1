/**
 * What the client and the server share: how the server is started, and the custom requests
 * between the client's commands and the server. No runtime imports: the client loads this file too.
 */
/**
 * Node options the server is started with (the client, the bench and the tests alike). A young
 * generation of 32 MB semi-spaces instead of V8's 16: typing in a 1 MB report allocates ~7 MB per
 * keystroke, most of it alive until the next one, and with 8 MB semi-spaces a scavenge fell inside
 * nearly every edit. With nodejieba's dictionary loaded once (scripts/nodejieba-one-dictionary.mjs)
 * the server has the memory for it: 1 MB report, segmenter loaded, 200 edits, p95 of the server's
 * work 37–40 → 27–29 ms with the old generation's cap at 2× (heapGrowthCap), peak 270–274 → 321–328
 * MB (docs/performance-history.md). This one must be given at start. The environment adds glibc's
 * huge pages and drops the TLS setup no server needs (node/hugePages.ts: ownProcessEnv).
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=32'];

export const Requests = {
  /** Edits that renumber every heading series of the document. */
  renumber: 'reportLint/renumber',
  /** The outline as an indented text list. */
  outlineText: 'reportLint/outlineText',
  /** The report statistics as a markdown document. */
  statistics: 'reportLint/statistics',
  /** 字数 of the document and of the given ranges (the status bar). */
  count: 'reportLint/count',
  /** The files a workspace lint covers. */
  workspaceFiles: 'reportLint/workspaceFiles',
  /** Diagnostics of one file, read from disk unless it is open (LintFileResult). */
  lintFile: 'reportLint/lintFile',
  /**
   * The milliseconds the server's main thread has been busy since it started (its event loop's
   * active time: handlers, reading and writing JSON, collections in that thread). Taken before a
   * keystroke and after its diagnostics, it is the server's work for that keystroke, apart from the
   * pipe and the client's reading of the answer (`npm run bench`).
   */
  busyTime: 'reportLint/busyTime',
} as const;

export interface UriParams {
  readonly uri: string;
}

export interface LspPosition {
  readonly line: number;
  readonly character: number;
}

export interface CountParams extends UriParams {
  readonly ranges: readonly { readonly start: LspPosition; readonly end: LspPosition }[];
}

/**
 * A file linted for the workspace check: its diagnostics (no more than the editor shows, see
 * `MAX_DIAGNOSTICS`) and how many problems it has in all, for the check's summary.
 */
export interface LintFileResult {
  readonly items: readonly object[];
  readonly problems: number;
}

export interface CountResult {
  readonly document: number;
  /** Absent when nothing is selected. */
  readonly selection?: number;
}

export interface RenumberResult {
  /** An LSP WorkspaceEdit, or null when the numbering is already in sequence. */
  readonly edit: unknown;
  /** The version of the document the edit was made for: applied to another, it would misplace text. */
  readonly version: number;
  readonly count: number;
  /** Said to the user when there is nothing to do. */
  readonly message?: string;
}
