import { createConnection as createSocket } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DocumentDiagnosticReportKind,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  SocketMessageReader,
  type Connection,
  type WorkspaceFolder,
  type WorkspaceFoldersChangeEvent,
  type CancellationToken,
  type ClientCapabilities,
  type Location,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { charsIn, displayName, figureHover, RULES, type Analysis, type Rule, headingAt, findingsHover, outlineAsText, render, renderStatistics, sectionHover, statistics, toLocale, type Locale, type Segmenter } from '../core';
import { loadSegmenter } from '../node/segmenter';
import { startSegmenterThread } from '../node/segmenterChannel';
import type { SegmenterReady } from '../node/segmenterHost';
import { FIX_ALL, SHOW_LOCATION, forgetDiagnostics, toCodeActions, toDiagnostics, toDocumentSymbols, toFoldingRanges, toRenumberEdits, toSelectionRanges, toWorkspaceSymbols } from './convert';
import { Requests, type CountParams, type CountResult, type LintFileResult, type RenumberResult, type UriParams } from './protocol';
import { AnalysisCache, DEFAULT_SETTINGS, readSettings, WARM_URI, type ServerSettings } from './service';
import { findLintableFiles, findReportFiles, isReportFile, readReport } from './workspace';
import { isInside, ProjectState } from './project';
import { ACCEPT_FINDING, findingAt, type FindingRef } from './convert';
import { CONFIG_FILE, IGNORE_FILE, SUPPRESSIONS_FILE } from '../node/project';
import { afterPause, heapGrowthCap, idleCollector, idleScavenger } from '../node/idleCollect';
import { PullResults } from './pullResults';
import { PipeMessageWriter, pipeArgument } from './encode';

/** A pause in the requests this long (ms) is taken for the end of a burst of typing. */
const IDLE_COLLECT_MS = 2000;
/**
 * …and this long (ms) for a pause between two keystrokes (people type ~5–10 keys a second), in
 * which the young generation is scavenged when it is more than YOUNG_FULL full (idleScavenger).
 */
const IDLE_SCAVENGE_MS = 20;
const YOUNG_FULL = 0.6;
/**
 * The heap cap applies while the open documents and the cross-file corpus hold this many
 * characters in all (~190 KB of Chinese in UTF-8; the 100 KB report has 36 K, a workspace of 100
 * reports ~1 M).
 */
const HEAP_CAP_CHARS = 65_536;

/**
 * The language server: each handler gets the document, asks the cache for its analysis and
 * converts. Nothing here analyses text.
 */
const connection = connect();

/**
 * The connection the command line asks for. Over a pipe (as the extension starts the server) the
 * messages are encoded with the diagnostics' bytes kept (`encode.ts`); `--node-ipc` and `--stdio`
 * as vscode-languageserver sets them up, for other editors.
 */
function connect(): Connection {
  const pipe = pipeArgument(process.argv.slice(2));
  if (pipe === undefined) return createConnection(ProposedFeatures.all);
  const socket = createSocket(pipe);
  return createConnection(ProposedFeatures.all, new SocketMessageReader(socket), new PipeMessageWriter(socket));
}

// Fault injection for the resilience tests: REPORT_LINT_FAULT=<rule id> makes that rule throw.
const fault = process.env.REPORT_LINT_FAULT;
if (fault) {
  for (const r of RULES as readonly { meta: Rule['meta']; check: Rule['check']; checkParagraphs?: Rule['checkParagraphs']; checkDocument?: Rule['checkDocument'] }[]) {
    if (r.meta.id !== fault) continue;
    const fail = () => { throw new Error('injected fault'); };
    r.check = fail;
    if (r.checkParagraphs) r.checkParagraphs = fail;
    if (r.checkDocument) r.checkDocument = fail;
  }
}
const documents = new TextDocuments(TextDocument);
let settings: ServerSettings = DEFAULT_SETTINGS;
let clientLocale: Locale = 'en';
let capabilities: ClientCapabilities = {};
let folders: string[] = [];
const project = new ProjectState([]);
const cache = new AnalysisCache(settings, project);
/** What the last pull of each open document answered (see PullResults). */
const pulled = new PullResults();
const locale = (): Locale => (settings.locale === 'auto' ? clientLocale : settings.locale);
// After a burst of edits the heap holds the garbage of every version: collected in the pause.
const idle = idleCollector(IDLE_COLLECT_MS);
// …and between keystrokes, the young generation's, so that the next one finds room for its own.
const scavenge = idleScavenger(IDLE_SCAVENGE_MS, YOUNG_FULL);
// …and while they come, the heap grows to 2× the live data, not ~4.6×, when the server holds
// much text (1 MB report: peak 401–416 MB uncapped with 32 MB semi-spaces, 321–328 MB capped); on a
// small heap the cap costs more collections than it saves. At 1.5× it made a full collection every
// ~4 keystrokes of the 1 MB report.
const capHeap = heapGrowthCap(HEAP_CAP_CHARS);
const sizeHeapCap = () => capHeap(documents.all().reduce((n, d) => n + d.getText().length, cache.corpus.chars));
const analysisOf = (uri: string) => {
  const doc = documents.get(uri);
  if (!doc) return undefined;
  idle.touch();
  if (segmenterWanted) segmenterPause.touch();
  lastRequest = Date.now();
  const analysis = cache.get(doc);
  if (analysis && !warmUpStarted) {
    warmUpStarted = true;
    warmUpStep = cache.warmUp(doc, WARM_UP_STEPS);
  }
  if (warmUpStep) warmUpPause.touch();
  return analysis;
};

/**
 * The JIT's warm-up (AnalysisCache.warmUp), once per server run, on the first report analysed:
 * only while requests pause (it stops when one comes and goes on in the next pause), one version
 * per turn of the event loop, after the segmenter if one is loading (so that its rule is warmed
 * too). ~1–3 s of one core on its copy (AnalysisCache.warmUp). After 100 versions V8 was still optimising ~70
 * functions over the first 30 keystrokes (--trace-opt); with 400, typing on the 100 KB report 8 s
 * after it opened took the server a p95 of 4.85–7.14 ms against 6.25–9.26 ms (six interleaved
 * pairs of 200 edits: lower in five, the median lower in all six).
 */
const WARM_UP_STEPS = 400;
const WARM_UP_PAUSE_MS = 300;
let warmUpStarted = false;
let warmUpStep: (() => Analysis | undefined) | undefined;
/** A warm-up loop is waiting for the segmenter or stepping: a later pause does not start another. */
let warmUpRunning = false;
let lastRequest = 0;
const warmUpPause = afterPause(WARM_UP_PAUSE_MS, () => void warmUp());

async function warmUp(): Promise<void> {
  if (warmUpRunning) return;
  warmUpRunning = true;
  if (segmenterReady) await segmenterReady;
  const step = (): void => {
    const a = warmUpStep && Date.now() - lastRequest >= WARM_UP_PAUSE_MS ? warmUpStep() : undefined;
    if (a) {
      toDiagnostics(a, WARM_URI, locale());
      return void setImmediate(step);
    }
    warmUpRunning = false;
    // The warm-up's copy keeps no diagnostics once it stops (a next warm-up starts from nothing).
    forgetDiagnostics(WARM_URI);
    if (!warmUpStep) return;
    // A request came: go on in the next pause, or stop for good once every version is done.
    if (Date.now() - lastRequest < WARM_UP_PAUSE_MS) warmUpPause.touch();
    else {
      warmUpStep = undefined;
      idle.touch();
    }
  };
  step();
}

function refreshDiagnostics(): void {
  if (capabilities.workspace?.diagnostics?.refreshSupport) void connection.languages.diagnostics.refresh();
}

/**
 * Word segmentation loads its dictionary in about a second, in a thread of its own so that the
 * server keeps answering meanwhile: only once a first analysis has been answered without it (and
 * the requests pause, see below), and then the editor is asked to pull the diagnostics again.
 * The rules then ask that thread synchronously through a shared buffer
 * (node/segmenterChannel.ts).
 */
let segmenterReady: Promise<Segmenter> | undefined;
/**
 * The load keeps a core busy for ~0.7 s, so it starts in the first pause of the requests (typing
 * right after a report is opened is not slowed by it), and at the latest 3 s after an analysis
 * first needed it (a client that never pauses). A hover that needs it starts it at once.
 */
const SEGMENTER_PAUSE_MS = 300;
const SEGMENTER_LATEST_MS = 3000;
let segmenterWanted = false;
const segmenterPause = afterPause(SEGMENTER_PAUSE_MS, () => void startSegmenter(), SEGMENTER_LATEST_MS);

function wantSegmenter(): void {
  if (segmenterReady || segmenterWanted) return;
  segmenterWanted = true;
  segmenterPause.touch();
}

function startSegmenter(): Promise<Segmenter> {
  segmenterWanted = false;
  segmenterReady ??= new Promise<Segmenter>((resolve) => {
    const inThisThread = (why: string) => {
      connection.console.log(`word segmentation thread failed (${why}); loading it in the server thread`);
      resolve(loadSegmenter());
    };
    try {
      const { thread, segmenter } = startSegmenterThread();
      thread.once('message', (m: SegmenterReady) => {
        if (m.error) connection.console.log(`word segmentation without a dictionary: ${m.error}`);
        resolve(segmenter);
      });
      thread.once('error', (e: Error) => inThisThread(e.message));
    } catch (e) {
      inThisThread(e instanceof Error ? e.message : String(e));
    }
  }).then((segmenter) => {
    cache.setSegmenter(segmenter);
    refreshDiagnostics();
    return segmenter;
  });
  return segmenterReady;
}

connection.onInitialize((params) => {
  clientLocale = toLocale(params.locale);
  capabilities = params.capabilities;
  settings = readSettings(params.initializationOptions);
  cache.update(settings);
  folders = (params.workspaceFolders ?? []).map((f) => f.uri).filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  project.setFolders(folders);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      documentSymbolProvider: { label: 'Report outline' },
      foldingRangeProvider: true,
      selectionRangeProvider: true,
      hoverProvider: true,
      workspaceSymbolProvider: true,
      diagnosticProvider: { identifier: 'report-lint', interFileDependencies: true, workspaceDiagnostics: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL] },
      executeCommandProvider: { commands: [SHOW_LOCATION, ACCEPT_FINDING] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'report-lint', version: '0.1.0' },
  };
});

/** The workspace's report files enter the corpus in the background, with a progress notification. */
connection.onInitialized(() => {
  if (capabilities.workspace?.workspaceFolders) connection.workspace.onDidChangeWorkspaceFolders(changeFolders);
  void indexWorkspace(folders);
});

/**
 * Folders added to the workspace or taken out of it (a multi-root workspace): their suppressions,
 * ignore files and "lint the workspace" follow, the reports of an added folder are indexed, and
 * those of a removed one leave the index unless open.
 */
function changeFolders({ added, removed }: WorkspaceFoldersChangeEvent): void {
  const paths = (list: readonly WorkspaceFolder[]) => list.map((f) => f.uri).filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  const gone = new Set(paths(removed));
  const fresh = paths(added).filter((f) => !folders.includes(f));
  folders = [...folders.filter((f) => !gone.has(f)), ...fresh];
  project.setFolders(folders);
  const wasFull = cache.leftOut !== undefined;
  cache.dropClosed((uri) => !uri.startsWith('file:') || folders.some((f) => isInside(f, fileURLToPath(uri))));
  cache.update(settings);
  sizeHeapCap();
  refreshDiagnostics();
  void indexWorkspace(hasRoomAgain(wasFull) ? folders : fresh);
}

/** A full index that has room again (a larger limit, reports taken out): what was left out is indexed now. */
function hasRoomAgain(wasFull: boolean): boolean {
  return wasFull && cache.leftOut === undefined;
}

async function indexWorkspace(roots: readonly string[]): Promise<void> {
  if (roots.length === 0) return;
  const progress = await connection.window.createWorkDoneProgress();
  progress.begin('Report Lint', 0, render({ key: 'progress.indexing' }, locale()), true);
  const files = (await Promise.all(roots.map((f) => findReportFiles(f, () => progress.token.isCancellationRequested)))).flat();
  // Up to the first file the index has no room for (maxIndexedLength): reading and parsing the
  // rest would be work for the workspace's symbols alone.
  for (let i = 0; i < files.length && !progress.token.isCancellationRequested && cache.leftOut === undefined; i++) {
    const uri = pathToFileURL(files[i]).toString();
    // A folder taken out of the workspace while this ran: its files stay out.
    if (!cache.isOpen(uri) && !cache.isIndexed(uri) && folders.some((f) => isInside(f, files[i]))) {
      const text = await readReport(files[i]);
      if (text !== undefined) cache.index(uri, text);
      sizeHeapCap();
    }
    progress.report(Math.round(((i + 1) * 100) / files.length), `${i + 1}/${files.length}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
  progress.done();
  tellIndexFull();
  // Indexing made garbage: collected in the pause.
  idle.touch();
  refreshDiagnostics();
}

connection.onDidChangeConfiguration((change) => {
  const section = (change.settings as { reportLint?: unknown } | undefined)?.reportLint;
  if (section === undefined) return;
  const wasFull = cache.leftOut !== undefined;
  settings = readSettings(section);
  cache.update(settings);
  refreshDiagnostics();
  if (hasRoomAgain(wasFull)) void indexWorkspace(folders);
});

const PROJECT_FILES = new Set([CONFIG_FILE, IGNORE_FILE, SUPPRESSIONS_FILE]);

connection.onDidChangeWatchedFiles(async ({ changes }) => {
  if (changes.some((c) => PROJECT_FILES.has(displayName(c.uri)))) {
    // A config, ignore or suppressions file changed: every document is analysed again.
    project.reset();
    cache.update(settings);
  }
  for (const c of changes) {
    if (PROJECT_FILES.has(displayName(c.uri))) continue;
    if (!c.uri.startsWith('file:') || cache.isOpen(c.uri) || !isReportFile(c.uri)) continue;
    if (c.type === FileChangeType.Deleted) cache.forget(c.uri);
    else {
      const text = await readReport(fileURLToPath(c.uri));
      if (text !== undefined) cache.index(c.uri, text);
    }
  }
  tellIndexFull();
  sizeHeapCap();
  refreshDiagnostics();
});

documents.onDidClose(async (e) => {
  cache.forget(e.document.uri);
  pulled.forget(e.document.uri);
  forgetDiagnostics(e.document.uri);
  sizeHeapCap();
  lastChange.delete(e.document.uri);
  openedVersion.delete(e.document.uri);
  if (e.document.uri.startsWith('file:') && isReportFile(e.document.uri)) {
    const text = await readReport(fileURLToPath(e.document.uri));
    if (text !== undefined) cache.index(e.document.uri, text);
    tellIndexFull();
    sizeHeapCap();
  }
});

connection.onDocumentSymbol(({ textDocument }) => {
  const a = analysisOf(textDocument.uri);
  return a ? toDocumentSymbols(a) : null;
});

connection.onFoldingRanges(({ textDocument }) => {
  const a = analysisOf(textDocument.uri);
  return a ? toFoldingRanges(a) : null;
});

connection.onSelectionRanges(({ textDocument, positions }) => {
  const a = analysisOf(textDocument.uri);
  return a ? toSelectionRanges(a, positions) : null;
});

connection.onHover(async ({ textDocument, position }) => {
  let a = analysisOf(textDocument.uri);
  if (!a) return null;
  const offset = a.lines.offsetAt(position);
  let section: string | undefined;
  const heading = headingAt(a.doc, offset);
  if (heading && heading.kind !== 'front-matter') {
    // The summary's keywords need word segmentation: the first hover on a heading may wait for it.
    const segmenter = await startSegmenter();
    // Closed while the segmenter loaded: nothing to show.
    const now = analysisOf(textDocument.uri);
    if (!now) return null;
    a = now;
    section = sectionHover(a.doc, a.findings, a.lines, a.lines.offsetAt(position), segmenter, locale());
  }
  const parts = [section, findingsHover(a.doc, a.findings, a.lines, offset, locale()), figureHover(a.doc, a.lines, offset, locale())].filter((x) => x);
  return parts.length ? { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') } } : null;
});

connection.onWorkspaceSymbol(({ query }) => toWorkspaceSymbols(cache.symbols(documents.all()), query));

/**
 * While the user types, the editor pulls diagnostics after every change; the analysis waits
 * until the document has been quiet for `debounce` ms, and a newer pull cancels the older one.
 */
const lastChange = new Map<string, number>();
const openedVersion = new Map<string, number>();
documents.onDidOpen((e) => openedVersion.set(e.document.uri, e.document.version));
documents.onDidChangeContent((e) => {
  sizeHeapCap();
  scavenge.touch();
  // Opening is not typing: the first diagnostics are never delayed.
  if (openedVersion.get(e.document.uri) !== e.document.version) lastChange.set(e.document.uri, Date.now());
});

async function quiet(uri: string, token: CancellationToken): Promise<boolean> {
  for (;;) {
    const wait = (lastChange.get(uri) ?? 0) + settings.debounce - Date.now();
    if (wait <= 0 || token.isCancellationRequested) return !token.isCancellationRequested;
    // A cancelled pull (the editor sends a newer one) ends its wait at once.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, wait);
      const sub = token.onCancellationRequested(done);
      function done() {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      }
    });
  }
}

/**
 * Said once per server run, as a notification (nothing to answer, nothing to wait for): invalid
 * settings and config entries, a rule that failed (the others ran), a document over the size limit.
 */
const said = new Set<string>();
function sayOnce(key: string, type: MessageType, message: string): void {
  if (said.has(key)) return;
  said.add(key);
  connection.console.log(message);
  say(type, message);
}

/** A message in the editor's notifications. */
function say(type: MessageType, message: string): void {
  void connection.sendNotification(ShowMessageNotification.type, { type, message: `Report Lint: ${message}` }).catch(() => undefined);
}

function tellProblems(): void {
  for (const p of [...project.problems, ...settings.problems]) sayOnce(`problem:${p}`, MessageType.Warning, p);
}

function tellIndexFull(): void {
  if (cache.leftOut === undefined) return;
  const args = { file: displayName(cache.leftOut), limit: settings.maxIndexedLength.toLocaleString('en') };
  sayOnce(`index-full:${settings.maxIndexedLength}`, MessageType.Warning, render({ key: 'server.index-full', args }, locale()));
}

function tellAbout(uri: string, a: Analysis): void {
  for (const f of a.failures) sayOnce(`rule:${f.rule}`, MessageType.Error, render({ key: 'server.rule-failed', args: { rule: f.rule, error: f.error } }, locale()));
  if (cache.oversized(a.doc.text)) {
    const args = { file: displayName(uri), length: a.doc.text.length.toLocaleString('en'), limit: cache.maxDocumentLength.toLocaleString('en') };
    sayOnce(`size:${uri}`, MessageType.Warning, render({ key: 'server.too-large', args }, locale()));
  }
}

connection.languages.diagnostics.on(async ({ textDocument, previousResultId }, token) => {
  if (!(await quiet(textDocument.uri, token))) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  const a = analysisOf(textDocument.uri);
  tellProblems();
  if (a) tellAbout(textDocument.uri, a);
  if (a && a.pending.length > 0) wantSegmenter();
  const report = pulled.report(textDocument.uri, previousResultId, a ? toDiagnostics(a, textDocument.uri, locale()) : []);
  // From the end of the answer: a pause before the next keystroke is time to make room for its garbage.
  scavenge.touch();
  return report;
});

connection.onCodeAction(({ textDocument, range, context }) => {
  const a = analysisOf(textDocument.uri);
  if (!a) return null;
  return toCodeActions(a, textDocument.uri, locale(), a.lines.offsetAt(range.start), a.lines.offsetAt(range.end), context.only, project.canAccept(textDocument.uri));
});

// The client's commands (see client/src/extension.ts): each asks for data and shows it.
connection.onRequest(Requests.renumber, ({ uri }: UriParams): RenumberResult | null => {
  const a = analysisOf(uri);
  if (!a) return null;
  const edits = toRenumberEdits(a);
  const version = documents.get(uri)!.version;
  return { edit: edits.length ? { changes: { [uri]: edits } } : null, version, count: edits.length, message: edits.length ? undefined : render({ key: 'command.renumber-none' }, locale()) };
});

connection.onRequest(Requests.outlineText, ({ uri }: UriParams): string | null => {
  const a = analysisOf(uri);
  return a ? outlineAsText(a.doc) : null;
});

connection.onRequest(Requests.statistics, ({ uri }: UriParams): string | null => {
  const a = analysisOf(uri);
  if (!a) return null;
  return renderStatistics(statistics(a.doc, a.findings), displayName(uri), locale());
});

// The status bar asks after every edit: counting needs the text only, not an analysis.
connection.onRequest(Requests.count, ({ uri, ranges }: CountParams): CountResult | null => {
  const doc = documents.get(uri);
  if (!doc || !cache.serves(doc)) return null;
  const text = doc.getText();
  const spans = ranges.map((r) => ({ start: doc.offsetAt(r.start), end: doc.offsetAt(r.end) })).filter((s) => s.end > s.start);
  return { document: charsIn(text, [{ start: 0, end: text.length }]), selection: spans.length ? charsIn(text, spans) : undefined };
});

connection.onRequest(Requests.workspaceFiles, async (_params: unknown, token): Promise<string[]> => {
  const files = (await Promise.all(folders.map((f) => findLintableFiles(f, () => token.isCancellationRequested)))).flat();
  return files.filter((f) => !project.isIgnored(f)).map((f) => pathToFileURL(f).toString());
});

/** A file of the workspace, linted from disk as if it were open (for "lint the workspace"). */
connection.onRequest(Requests.lintFile, async ({ uri }: UriParams): Promise<LintFileResult | null> => {
  const open = documents.get(uri);
  let a: Analysis | undefined;
  if (open) a = cache.get(open);
  else {
    const text = await readReport(fileURLToPath(uri));
    if (text === undefined) return null;
    a = cache.analyzeClosed(uri, text);
    tellIndexFull();
  }
  return a ? { items: toDiagnostics(a, uri, locale()), problems: a.findings.length } : null;
});

connection.onRequest(Requests.busyTime, (): number => performance.eventLoopUtilization().active);

connection.onExecuteCommand(async ({ command, arguments: args }) => {
  if (command === ACCEPT_FINDING && args?.length === 3) {
    const [uri, index, at] = args as [string, number, FindingRef];
    const a = analysisOf(uri);
    const finding = a && at && findingAt(a.findings, index, at);
    if (!a || !finding) {
      say(MessageType.Warning, render({ key: 'server.accept-gone' }, locale()));
      return;
    }
    try {
      project.accept(uri, a.doc, finding);
    } catch (e) {
      say(MessageType.Error, render({ key: 'server.accept-failed', args: { error: e instanceof Error ? e.message : String(e) } }, locale()));
      return;
    }
    cache.update(settings);
    refreshDiagnostics();
    return;
  }
  if (command !== SHOW_LOCATION || !args?.[0]) return;
  const target = args[0] as Location;
  await connection.window.showDocument({ uri: target.uri, selection: target.range, takeFocus: true });
});

documents.listen(connection);
connection.listen();
