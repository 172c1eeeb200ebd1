/**
 * What the client and the server share: how the server is started, and the custom requests
 * between the client's commands and the server. No runtime imports: the client loads this file too.
 */
/**
 * Node options the server is started with (the client, the bench and the tests alike), on a
 * machine that runs `cores` threads at once (`os.availableParallelism()`). All are read before any
 * code runs, so they are given at start. The environment adds glibc's huge pages and drops the TLS
 * setup no server needs (node/hugePages.ts: ownProcessEnv).
 *
 * - A young generation of 32 MB semi-spaces instead of V8's 16: typing in a 1 MB report allocates
 *   ~7 MB per keystroke, most of it alive until the next one, and with 8 MB semi-spaces a scavenge
 *   fell inside nearly every edit. With nodejieba's dictionary loaded once
 *   (scripts/nodejieba-one-dictionary.mjs) the server has the memory for it: 1 MB report, segmenter
 *   loaded, 200 edits, p95 of the server's work 37–40 → 27–29 ms with the old generation's cap at 2×
 *   (heapGrowthCap), peak 270–274 → 321–328 MB (docs/performance-history.md).
 * - V8's background threads (its optimising compiler's jobs, its collector's helpers) one fewer
 *   than the cores, and at most node's own 4 (`v8PoolSize`), so that the thread serving a
 *   keystroke always has a core. With node's 4 on a 2-core machine, the compiler's jobs in the
 *   first minute after a report is opened, and the collector's, took that thread's core for whole
 *   scheduler slices: edits of ~1 ms of work took 5, 10, 15 ms. The 100 KB report right after
 *   opening, p95 of the server's work 7.6–9.3 → 4.5–6.5 ms (six pairs in turns; the 1 MB report
 *   26.8–37.5 → 26.3–30.7 ms, docs/performance.md); the price is optimised code a little later (one
 *   compiler thread: the median of the first few hundred edits ~0.3 ms higher). VS Code's desktop
 *   extension host starts the server on Electron, which takes the option but runs V8 on Chromium's
 *   own thread pool: it changes nothing there, and works where the host is node (remote SSH, WSL
 *   and container hosts, code-server). V8 does not count it among the flags a code cache is made
 *   under: the cache built on one machine serves another with other cores.
 * - No pretenuring by allocation site: V8 allocates straight into the old generation the objects
 *   of a site whose objects mostly survived a scavenge. A version's findings, spans and drafts
 *   survive one or two keystrokes, then die; made in the old generation they cost its incremental
 *   marking, run in the allocating thread, and its collections, and V8 changed its mind about a
 *   site from one scavenge to the next. 1 MB report, 200 edits after 100, in process, six pairs
 *   run at once on the two cores: p95 17.7–26.4 → 16.5–21.0 ms, medians 7.1–7.5 → 6.3–7.3 ms;
 *   through the server, six pairs in turns, p95 with the segmenter loaded 17.1–18.6 → 14.7–17.4
 *   ms, right after opening 21.3–27.4 → 18.5–23.9 ms; the 100 KB report and the peak (318–347
 *   against 327–340 MB) the same within noise (docs/performance-history.md). A V8 flag, so the code
 *   cache is made under it (scripts/bundle.mjs starts the server with these options).
 * - The young generation grown four times at a step, not two: typing in the 100 KB report right
 *   after it opened, V8 grew it from 8 to 16 MB after ~11 edits and kept it there (semi-spaces of 4
 *   and 8 MB), a scavenge every few edits; now 32 MB from the first edit. p95 of the server's work
 *   lower in 12 of 13 pairs (6.0–9.6 → 5.7–8.3 ms), with the segmenter loaded in 3 of 3 (4.9–5.7 →
 *   3.8–4.5 ms); the peak 1–3 MB higher. The 1 MB report's young generation is at its cap of 64 MB
 *   before typing starts either way (docs/performance-history.md).
 */
export function serverNodeOptions(cores: number): string[] {
  return ['--max-semi-space-size=32', '--semi-space-growth-factor=4', `--v8-pool-size=${v8PoolSize(cores)}`, '--no-allocation-site-pretenuring'];
}

/** V8's background threads beside a thread that must keep a core: the other cores, 1 to 4. */
export function v8PoolSize(cores: number): number {
  const others = Math.floor(cores) - 1;
  return others >= 1 ? Math.min(4, others) : 1;
}

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
