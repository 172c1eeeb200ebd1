import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions, type WorkspaceEdit } from 'vscode-languageclient/node';
import { Requests, serverNodeOptions, type CountResult, type LintFileResult, type RenumberResult } from '../../server/out/lsp/protocol';
import { ownProcessEnv } from '../../server/out/node/hugePages';
import { pipeNameFits } from '../../server/out/node/serverProcess';

/**
 * The thin client: starts the language server, tells it which documents to serve, and gives the
 * server's answers a place in the UI (commands, status bar, statistics view). No analysis happens
 * here; every number shown comes from the server.
 */
let client: LanguageClient | undefined;

const STATS_SCHEME = 'report-lint-stats';

function selector(config: vscode.WorkspaceConfiguration): { scheme: string; language: string }[] {
  const languages = ['workreport'];
  // Plain text and markdown are sent too; the server keeps those whose text is mostly Chinese.
  if (config.get<boolean>('serveChinesePlainText', true)) languages.push('plaintext', 'markdown');
  return languages.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration('reportLint');
  if (!config.get<boolean>('enable', true)) return;
  // The server as one file (scripts/bundle.mjs: it starts ~30 ms sooner); tsc's output when debugged.
  const bundled = context.asAbsolutePath(path.join('server', 'out', 'lsp', 'report-lint-server.js'));
  const module = context.asAbsolutePath(path.join('server', 'out', 'lsp', 'server.js'));
  // The extension host's environment, glibc's malloc on huge pages and no TLS setup (node/hugePages.ts).
  const env = ownProcessEnv(process.env);
  const nodeOptions = serverNodeOptions(availableParallelism());
  // A pipe, not Node's IPC channel: over a pipe the server writes its messages' bytes itself and
  // encodes each diagnostic once (server/src/lsp/encode.ts); the IPC channel encodes every message
  // whole. The IPC channel where no pipe's name fits (`pipeNameFits`).
  const transport = pipeNameFits() ? TransportKind.pipe : TransportKind.ipc;
  const serverOptions: ServerOptions = {
    run: { module: bundled, transport, options: { execArgv: nodeOptions, env } },
    debug: { module, transport, options: { execArgv: [...nodeOptions, '--nolazy', '--inspect=6010'], env } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector(config),
    initializationOptions: {
      serveChinesePlainText: config.get('serveChinesePlainText'),
      locale: config.get('locale'),
      rules: config.get('rules'),
      duplicates: config.get('duplicates'),
      debounce: config.get('debounce'),
      maxDocumentLength: config.get('maxDocumentLength'),
      maxIndexedLength: config.get('maxIndexedLength'),
    },
    // The server indexes the workspace's report files for cross-file duplicates and re-reads them when they change.
    synchronize: {
      configurationSection: 'reportLint',
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/*{报告,总结}*.{txt,md}'),
        // The project's config, ignore and suppressions files: a change re-checks every document.
        vscode.workspace.createFileSystemWatcher('**/{.reportlintrc.json,.reportlintignore,.reportlint-suppressions.json}'),
      ],
    },
  };
  client = new LanguageClient('reportLint', 'Report Lint', serverOptions, clientOptions);
  await client.start();
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  await client?.stop();
  client = undefined;
  await start(context);
}

/** The document a command applies to: the active editor's, if the server serves it. */
function activeDocument(): vscode.TextDocument | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || !client) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a work report first.'));
    return undefined;
  }
  return doc;
}

async function request<R>(method: string, params: object): Promise<R | null> {
  if (!client) return null;
  return client.sendRequest<R | null>(method, params);
}

async function renumberHeadings(): Promise<void> {
  const doc = activeDocument();
  if (!doc) return;
  const result = await request<RenumberResult>(Requests.renumber, { uri: doc.uri.toString() });
  if (!result) return notServed();
  if (!result.edit) {
    void vscode.window.showInformationMessage(result.message ?? vscode.l10n.t('Nothing to renumber.'));
    return;
  }
  // Typed into while the server numbered it: the edit's places are those of the older text.
  if (doc.version !== result.version) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The document changed while its headings were numbered; run the command again.'));
    return;
  }
  // One workspace edit: one undo step restores the old numbering.
  const edit = await client!.protocol2CodeConverter.asWorkspaceEdit(result.edit as WorkspaceEdit);
  if (await vscode.workspace.applyEdit(edit)) void vscode.window.showInformationMessage(vscode.l10n.t('Renumbered {0} headings.', result.count));
}

async function copyOutline(): Promise<void> {
  const doc = activeDocument();
  if (!doc) return;
  const text = await request<string>(Requests.outlineText, { uri: doc.uri.toString() });
  if (text === null) return notServed();
  await vscode.env.clipboard.writeText(text);
  void vscode.window.showInformationMessage(vscode.l10n.t('Outline copied ({0} lines).', text.split('\n').filter((l) => l).length));
}

/** Statistics are a read-only markdown document, rendered in the preview beside the report. */
class StatisticsProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const text = await request<string>(Requests.statistics, { uri: decodeURIComponent(uri.query) });
    return text ?? vscode.l10n.t('This document is not a work report served by Report Lint.');
  }
  refresh(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }
}

function statisticsUri(doc: vscode.TextDocument): vscode.Uri {
  const name = path.basename(doc.uri.path).replace(/\.[^.]*$/, '');
  return vscode.Uri.from({ scheme: STATS_SCHEME, path: `/${name}.statistics.md`, query: encodeURIComponent(doc.uri.toString()) });
}

async function showStatistics(provider: StatisticsProvider, doc?: vscode.TextDocument): Promise<void> {
  doc ??= activeDocument();
  if (!doc) return;
  const uri = statisticsUri(doc);
  provider.refresh(uri);
  try {
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
  } catch {
    const shown = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(shown, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  }
}

/**
 * Lints every report of the workspace into the Problems panel. Open documents keep their own
 * (pulled) diagnostics; files opened later drop out of this collection for the same reason.
 */
async function lintWorkspace(collection: vscode.DiagnosticCollection): Promise<void> {
  if (!client) return;
  const c = client;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Report Lint: checking the workspace'), cancellable: true },
    async (progress, token) => {
      const uris = (await c.sendRequest<string[]>(Requests.workspaceFiles, {}, token)) ?? [];
      collection.clear();
      const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
      let files = 0;
      let problems = 0;
      for (let i = 0; i < uris.length && !token.isCancellationRequested; i++) {
        progress.report({ increment: 100 / uris.length, message: `${i + 1}/${uris.length} ${decodeURIComponent(uris[i].split('/').pop() ?? '')}` });
        const linted = await c.sendRequest<LintFileResult | null>(Requests.lintFile, { uri: uris[i] }, token).catch(() => null);
        if (!linted) continue;
        files++;
        // All of a file's problems, though no more than VS Code shows are sent (the last a note of the rest).
        problems += linted.problems;
        if (!open.has(uris[i])) collection.set(vscode.Uri.parse(uris[i]), await c.protocol2CodeConverter.asDiagnostics(linted.items as never));
      }
      const message = token.isCancellationRequested
        ? vscode.l10n.t('Workspace check cancelled after {0} reports.', files)
        : vscode.l10n.t('Checked {0} reports: {1} problems.', files, problems);
      void vscode.window.showInformationMessage(message);
    },
  );
}

async function disableRule(rule: string): Promise<void> {
  const config = vscode.workspace.getConfiguration('reportLint');
  const rules = { ...(config.get<Record<string, unknown>>('rules') ?? {}), [rule]: 'off' };
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update('rules', rules, target);
  const open = vscode.l10n.t('Open Settings');
  // Not awaited: the command is done once the setting is written, whether or not the user answers.
  void vscode.window.showInformationMessage(vscode.l10n.t('Rule {0} is off (reportLint.rules).', rule), open).then((choice) => {
    if (choice === open) void vscode.commands.executeCommand('workbench.action.openSettings', 'reportLint.rules');
  });
}

function notServed(): void {
  void vscode.window.showWarningMessage(vscode.l10n.t('This document is not a work report served by Report Lint.'));
}

/** 字数 of the document, and of the selection when there is one; a click opens the statistics. */
class WordCount implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('reportLint.count', vscode.StatusBarAlignment.Right, 100);
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;

  constructor() {
    this.item.name = vscode.l10n.t('Report Lint: character count');
    this.item.command = 'reportLint.showStatistics';
  }

  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), 150);
  }

  private async update(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const generation = ++this.generation;
    if (!editor || !client || !vscode.languages.match(selector(vscode.workspace.getConfiguration('reportLint')), editor.document)) {
      this.item.hide();
      return;
    }
    const ranges = editor.selections.filter((s) => !s.isEmpty).map((s) => ({ start: s.start, end: s.end }));
    const count = await request<CountResult>(Requests.count, { uri: editor.document.uri.toString(), ranges }).catch(() => null);
    if (generation !== this.generation) return; // a newer update is on its way
    if (!count) {
      this.item.hide();
      return;
    }
    const total = count.document.toLocaleString('en-US');
    this.item.text = count.selection === undefined ? vscode.l10n.t('{0} chars', total) : vscode.l10n.t('{0} of {1} chars', count.selection.toLocaleString('en-US'), total);
    this.item.tooltip = vscode.l10n.t('字数: characters without punctuation and spaces. Click for the report statistics.');
    this.item.show();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.item.dispose();
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  await start(context);
  const statistics = new StatisticsProvider();
  const workspaceDiagnostics = vscode.languages.createDiagnosticCollection('report-lint-workspace');
  const count = new WordCount();
  context.subscriptions.push(
    workspaceDiagnostics,
    count,
    vscode.workspace.registerTextDocumentContentProvider(STATS_SCHEME, statistics),
    vscode.commands.registerCommand('reportLint.renumberHeadings', renumberHeadings),
    vscode.commands.registerCommand('reportLint.copyOutline', copyOutline),
    vscode.commands.registerCommand('reportLint.showStatistics', () => showStatistics(statistics)),
    vscode.commands.registerCommand('reportLint.lintWorkspace', () => lintWorkspace(workspaceDiagnostics)),
    vscode.commands.registerCommand('reportLint.disableRule', disableRule),
    vscode.commands.registerCommand('reportLint.restartServer', () => restart(context)),
    vscode.workspace.onDidOpenTextDocument((d) => workspaceDiagnostics.delete(d.uri)),
    vscode.window.onDidChangeActiveTextEditor(() => count.schedule()),
    vscode.window.onDidChangeTextEditorSelection(() => count.schedule()),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) count.schedule();
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      // Which documents are served is fixed when the client starts: restart to apply a change.
      if (e.affectsConfiguration('reportLint.enable') || e.affectsConfiguration('reportLint.serveChinesePlainText')) {
        await restart(context);
        count.schedule();
      }
    }),
  );
  count.schedule();
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
