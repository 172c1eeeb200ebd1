import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DocumentDiagnosticReportKind,
  FileChangeType,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type ClientCapabilities,
  type Location,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { figureHover, findingsHover, render, toLocale, type LintConfig, type Locale } from '../core';
import { isSegmenterLoaded, loadSegmenter } from '../node/segmenter';
import { FIX_ALL, SHOW_LOCATION, toCodeActions, toDiagnostics, toDocumentSymbols, toFoldingRanges, toSelectionRanges } from './convert';
import { AnalysisCache, DEFAULT_SETTINGS, type ServerSettings } from './service';
import { findReportFiles, isReportFile, readReport } from './workspace';

/**
 * The language server: each handler gets the document, asks the cache for its analysis and
 * converts. Nothing here analyses text.
 */
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let settings: ServerSettings = DEFAULT_SETTINGS;
let clientLocale: Locale = 'en';
let capabilities: ClientCapabilities = {};
let folders: string[] = [];
const cache = new AnalysisCache(settings);
const locale = (): Locale => (settings.locale === 'auto' ? clientLocale : settings.locale);
const analysisOf = (uri: string) => {
  const doc = documents.get(uri);
  return doc ? cache.get(doc) : undefined;
};

function refreshDiagnostics(): void {
  if (capabilities.workspace?.diagnostics?.refreshSupport) void connection.languages.diagnostics.refresh();
}

function readSettings(value: unknown): ServerSettings {
  const v = (value ?? {}) as Record<string, unknown>;
  const dup = (v.duplicates ?? {}) as Record<string, unknown>;
  const pick = (keys: string[]) => Object.fromEntries(keys.filter((k) => dup[k] !== undefined).map((k) => [k, dup[k]]));
  const config: LintConfig = {
    rules: {
      'duplicate-paragraph': ['warning', pick(['threshold', 'minParagraphLength', 'crossFileSeverity'])],
      'duplicate-passage': ['warning', pick(['minPassageLength', 'crossFileSeverity'])],
    },
  };
  return {
    serveChinesePlainText: typeof v.serveChinesePlainText === 'boolean' ? v.serveChinesePlainText : DEFAULT_SETTINGS.serveChinesePlainText,
    locale: v.locale === 'zh-cn' || v.locale === 'en' ? v.locale : 'auto',
    config,
  };
}

/**
 * Word segmentation loads its dictionary in about a second: only once a first analysis has been
 * answered without it, and then the editor is asked to pull the diagnostics again.
 */
let segmenterScheduled = false;
function loadSegmenterSoon(): void {
  if (segmenterScheduled || isSegmenterLoaded()) return;
  segmenterScheduled = true;
  setTimeout(() => {
    cache.setSegmenter(loadSegmenter());
    refreshDiagnostics();
  }, 20);
}

connection.onInitialize((params) => {
  clientLocale = toLocale(params.locale);
  capabilities = params.capabilities;
  settings = readSettings(params.initializationOptions);
  cache.update(settings);
  folders = (params.workspaceFolders ?? []).map((f) => f.uri).filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      documentSymbolProvider: { label: 'Report outline' },
      foldingRangeProvider: true,
      selectionRangeProvider: true,
      hoverProvider: true,
      diagnosticProvider: { identifier: 'report-lint', interFileDependencies: true, workspaceDiagnostics: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL] },
      executeCommandProvider: { commands: [SHOW_LOCATION] },
    },
    serverInfo: { name: 'report-lint', version: '0.1.0' },
  };
});

/** The workspace's report files enter the corpus in the background, with a progress notification. */
connection.onInitialized(async () => {
  if (folders.length === 0) return;
  const progress = await connection.window.createWorkDoneProgress();
  progress.begin('Report Lint', 0, render({ key: 'progress.indexing' }, locale()), true);
  const files = (await Promise.all(folders.map((f) => findReportFiles(f, () => progress.token.isCancellationRequested)))).flat();
  for (let i = 0; i < files.length && !progress.token.isCancellationRequested; i++) {
    const uri = pathToFileURL(files[i]).toString();
    if (!cache.isOpen(uri)) {
      const text = await readReport(files[i]);
      if (text !== undefined) cache.index(uri, text);
    }
    progress.report(Math.round(((i + 1) * 100) / files.length), `${i + 1}/${files.length}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
  progress.done();
  refreshDiagnostics();
});

connection.onDidChangeConfiguration((change) => {
  const section = (change.settings as { reportLint?: unknown } | undefined)?.reportLint;
  if (section === undefined) return;
  settings = readSettings(section);
  cache.update(settings);
  refreshDiagnostics();
});

connection.onDidChangeWatchedFiles(async ({ changes }) => {
  for (const c of changes) {
    if (!c.uri.startsWith('file:') || cache.isOpen(c.uri) || !isReportFile(c.uri)) continue;
    if (c.type === FileChangeType.Deleted) cache.corpus.delete(c.uri);
    else {
      const text = await readReport(fileURLToPath(c.uri));
      if (text !== undefined) cache.index(c.uri, text);
    }
  }
  refreshDiagnostics();
});

documents.onDidClose(async (e) => {
  cache.forget(e.document.uri);
  if (e.document.uri.startsWith('file:') && isReportFile(e.document.uri)) {
    const text = await readReport(fileURLToPath(e.document.uri));
    if (text !== undefined) cache.index(e.document.uri, text);
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

connection.onHover(({ textDocument, position }) => {
  const a = analysisOf(textDocument.uri);
  if (!a) return null;
  const offset = a.lines.offsetAt(position);
  const parts = [findingsHover(a.doc, a.findings, a.lines, offset, locale()), figureHover(a.doc, a.lines, offset, locale())].filter((x) => x);
  return parts.length ? { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') } } : null;
});

connection.languages.diagnostics.on(({ textDocument }) => {
  const a = analysisOf(textDocument.uri);
  if (a && a.pending.length > 0) loadSegmenterSoon();
  return { kind: DocumentDiagnosticReportKind.Full, items: a ? toDiagnostics(a, textDocument.uri, locale()) : [] };
});

connection.onCodeAction(({ textDocument, range, context }) => {
  const a = analysisOf(textDocument.uri);
  if (!a) return null;
  return toCodeActions(a, textDocument.uri, locale(), a.lines.offsetAt(range.start), a.lines.offsetAt(range.end), context.only);
});

connection.onExecuteCommand(async ({ command, arguments: args }) => {
  if (command !== SHOW_LOCATION || !args?.[0]) return;
  const target = args[0] as Location;
  await connection.window.showDocument({ uri: target.uri, selection: target.range, takeFocus: true });
});

documents.listen(connection);
connection.listen();
