import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { ExitNotification, InitializedNotification, InitializeRequest, ShutdownRequest, type InitializeParams, type InitializeResult, type ProtocolConnection } from 'vscode-languageserver-protocol';
import { createProtocolConnection, IPCMessageReader, IPCMessageWriter, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { ROOT } from '../helpers';
import { serverNodeOptions } from '../../server/src/lsp/protocol';
import { ownProcessEnv } from '../../server/src/node/hugePages';
import { startServerProcess, type ServerProcess } from '../../server/src/node/serverProcess';

export interface TestClient {
  readonly conn: ProtocolConnection;
  /** The server's answer to initialize. */
  readonly init: InitializeResult;
  /** Server → client requests received, by method. */
  readonly received: { method: string; params: unknown }[];
  stop(): Promise<void>;
}

/**
 * Starts the server as the client does (its bundle, scripts/bundle.mjs, over a pipe), with the
 * client's node options, and initializes it as an editor would. Other editors start it with
 * `--stdio` or `--node-ipc`: `transport` says which.
 */
export async function startServer(params: Partial<InitializeParams> = {}, env: Record<string, string> = {}, transport: 'pipe' | 'stdio' | 'node-ipc' = 'pipe'): Promise<TestClient> {
  const script = join(ROOT, 'server/out/lsp/report-lint-server.js');
  const execArgv = serverNodeOptions(availableParallelism());
  const processEnv = { ...ownProcessEnv(process.env), ...env };
  let server: ServerProcess;
  if (transport === 'pipe') server = await startServerProcess(script, execArgv, processEnv);
  else {
    const proc = spawn(process.execPath, [...execArgv, script, `--${transport}`], { env: processEnv, stdio: transport === 'stdio' ? ['pipe', 'pipe', 'inherit'] : ['ignore', 'ignore', 'inherit', 'ipc'] });
    server = transport === 'stdio' ? { proc, reader: new StreamMessageReader(proc.stdout!), writer: new StreamMessageWriter(proc.stdin!) } : { proc, reader: new IPCMessageReader(proc), writer: new IPCMessageWriter(proc) };
  }
  const { proc, reader, writer } = server;
  const conn = createProtocolConnection(reader, writer);
  const received: { method: string; params: unknown }[] = [];
  for (const method of ['window/workDoneProgress/create', 'workspace/diagnostic/refresh', 'window/showDocument']) {
    conn.onRequest(method, (p: unknown) => {
      received.push({ method, params: p });
      return method === 'window/showDocument' ? { success: true } : null;
    });
  }
  conn.onNotification('$/progress', (p: unknown) => received.push({ method: '$/progress', params: p }));
  conn.onNotification('window/showMessage', (p: unknown) => received.push({ method: 'window/showMessage', params: p }));
  conn.onNotification('window/logMessage', () => undefined);
  conn.listen();
  const init = await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null, ...params });
  await conn.sendNotification(InitializedNotification.type, {});
  return {
    conn,
    init,
    received,
    async stop() {
      await conn.sendRequest(ShutdownRequest.type);
      await conn.sendNotification(ExitNotification.type);
      conn.dispose();
      proc.kill();
    },
  };
}

/** Polls `probe` until it returns a value (never a fixed sleep); fails after `ms`. */
export async function until<T>(probe: () => Promise<T | undefined>, ms = 10000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
