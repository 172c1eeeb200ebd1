import { CodeActionKind, DocumentDiagnosticReportKind, ProposedFeatures, TextDocumentSyncKind, TextDocuments, createConnection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toLocale, type Locale } from '../core';
import { FIX_ALL, toCodeActions, toDiagnostics, toDocumentSymbols, toFoldingRanges, toSelectionRanges } from './convert';
import { AnalysisCache, DEFAULT_SETTINGS, type ServerSettings } from './service';

/**
 * The language server: each handler gets the document, asks the cache for its analysis and
 * converts. Nothing here analyses text.
 */
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let settings: ServerSettings = DEFAULT_SETTINGS;
let clientLocale: Locale = 'en';
const cache = new AnalysisCache(settings);
const locale = (): Locale => (settings.locale === 'auto' ? clientLocale : settings.locale);
const analysisOf = (uri: string) => {
  const doc = documents.get(uri);
  return doc ? cache.get(doc) : undefined;
};

function readSettings(value: unknown): ServerSettings {
  const v = (value ?? {}) as Partial<ServerSettings>;
  return {
    serveChinesePlainText: typeof v.serveChinesePlainText === 'boolean' ? v.serveChinesePlainText : DEFAULT_SETTINGS.serveChinesePlainText,
    locale: v.locale === 'zh-cn' || v.locale === 'en' ? v.locale : 'auto',
  };
}

connection.onInitialize((params) => {
  clientLocale = toLocale(params.locale);
  settings = readSettings(params.initializationOptions);
  cache.update(settings);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      documentSymbolProvider: { label: 'Report outline' },
      foldingRangeProvider: true,
      selectionRangeProvider: true,
      diagnosticProvider: { identifier: 'report-lint', interFileDependencies: false, workspaceDiagnostics: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL] },
    },
    serverInfo: { name: 'report-lint', version: '0.1.0' },
  };
});

connection.onDidChangeConfiguration((change) => {
  const section = (change.settings as { reportLint?: unknown } | undefined)?.reportLint;
  if (section === undefined) return;
  settings = readSettings(section);
  cache.update(settings);
  void connection.languages.diagnostics.refresh();
});

documents.onDidClose((e) => cache.forget(e.document.uri));

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

connection.languages.diagnostics.on(({ textDocument }) => {
  const a = analysisOf(textDocument.uri);
  return { kind: DocumentDiagnosticReportKind.Full, items: a ? toDiagnostics(a, textDocument.uri, locale()) : [] };
});

connection.onCodeAction(({ textDocument, range, context }) => {
  const a = analysisOf(textDocument.uri);
  if (!a) return null;
  return toCodeActions(a, textDocument.uri, locale(), a.lines.offsetAt(range.start), a.lines.offsetAt(range.end), context.only);
});

documents.listen(connection);
connection.listen();
