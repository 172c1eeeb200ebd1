import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type DocumentSelector, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/**
 * The thin client: starts the language server and tells it which documents to serve. No analysis
 * happens here.
 */
let client: LanguageClient | undefined;

function selector(config: vscode.WorkspaceConfiguration): DocumentSelector {
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
  const module = context.asAbsolutePath(path.join('server', 'out', 'lsp', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector(config),
    initializationOptions: {
      serveChinesePlainText: config.get<boolean>('serveChinesePlainText', true),
      locale: config.get<string>('locale', 'auto'),
    },
    // The server indexes the workspace's report files for cross-file duplicates and re-reads them when they change.
    synchronize: { configurationSection: 'reportLint', fileEvents: vscode.workspace.createFileSystemWatcher('**/*{报告,总结}*.{txt,md}') },
  };
  client = new LanguageClient('reportLint', 'Report Lint', serverOptions, clientOptions);
  await client.start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  await start(context);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      // Which documents are served is fixed when the client starts: restart to apply a change.
      if (e.affectsConfiguration('reportLint.enable') || e.affectsConfiguration('reportLint.serveChinesePlainText')) {
        await client?.stop();
        client = undefined;
        await start(context);
      }
    }),
  );
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
