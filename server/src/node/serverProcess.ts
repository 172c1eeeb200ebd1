import { spawn, type ChildProcess } from 'node:child_process';
import { createClientPipeTransport, generateRandomPipeName, type MessageReader, type MessageWriter } from 'vscode-languageserver-protocol/node';

export interface ServerProcess {
  readonly proc: ChildProcess;
  readonly reader: MessageReader;
  readonly writer: MessageWriter;
}

/**
 * Starts the language server at `script` as the extension's client does (TransportKind.pipe): a
 * pipe made first, its name given as `--pipe=`, the server connecting to it. For the tests, the
 * bench and the code cache's training run, which talk to the server as an editor would. Rejects
 * when the server exits before it connects.
 */
export async function startServerProcess(script: string, execArgv: readonly string[], env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const name = generateRandomPipeName();
  const transport = await createClientPipeTransport(name);
  const proc = spawn(process.execPath, [...execArgv, script, `--pipe=${name}`], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  let onExit: ((code: number | null) => void) | undefined;
  const exited = new Promise<never>((_resolve, reject) => {
    onExit = (code) => reject(new Error(`the language server exited (${code}) before it connected`));
    proc.once('exit', onExit);
  });
  try {
    const [reader, writer] = await Promise.race([transport.onConnected(), exited]);
    return { proc, reader, writer };
  } catch (e) {
    transport.close();
    throw e;
  } finally {
    proc.off('exit', onExit!);
  }
}

/**
 * Whether a pipe can be made here: its name is a Unix socket's path under the temporary folder
 * (or XDG_RUNTIME_DIR), at most ~100 bytes, which a long folder's path leaves no room for (then
 * vscode-jsonrpc's `generateRandomPipeName` throws, and the client uses Node's IPC channel).
 */
export function pipeNameFits(): boolean {
  try {
    generateRandomPipeName();
    return true;
  } catch {
    return false;
  }
}
