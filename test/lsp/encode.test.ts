/**
 * The pipe's writer (server/src/lsp/encode.ts): each message framed as vscode-jsonrpc frames it,
 * its JSON what `JSON.stringify` writes, though each diagnostic's bytes are made once and kept.
 */
import { mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClientPipeTransport, generateRandomPipeName, type Message } from 'vscode-languageserver-protocol/node';
import { seed, tempDir } from '../helpers';
import { forgetDiagnostics, toDiagnostics } from '../../server/src/lsp/convert';
import { frameMessage, pipeArgument, PipeMessageWriter } from '../../server/src/lsp/encode';
import { AnalysisCache, DEFAULT_SETTINGS } from '../../server/src/lsp/service';
import { pipeNameFits } from '../../server/src/node/serverProcess';

/** What vscode-jsonrpc's own writer sends for `msg`: its header, then `JSON.stringify`'s UTF-8. */
function expected(msg: unknown): string {
  const json = JSON.stringify(msg);
  return `Content-Length: ${Buffer.byteLength(json, 'utf8')}\r\n\r\n${json}`;
}

const report = (id: number, items: unknown[]) => ({ jsonrpc: '2.0', id, result: { kind: 'full', resultId: `1.${id}`, items } });

describe('frameMessage', () => {
  it('writes a report typed in as JSON.stringify does, version after version, with most diagnostics kept', () => {
    const uri = 'file:///reports/002.txt';
    forgetDiagnostics(uri);
    const cache = new AnalysisCache(DEFAULT_SETTINGS);
    let text = seed('002');
    let last: unknown[] = [];
    let kept = 0;
    let compared = 0;
    for (let version = 1; version <= 40; version++) {
      // A character typed at a place spread over the text, every fifth a full-width comma made half-width.
      const at = Math.floor(((version * 7919) % 1000) / 1000 * text.length);
      if (version > 1) text = version % 5 === 0 ? text.replace('，', ',') : text.slice(0, at) + '的' + text.slice(at);
      const items = toDiagnostics(cache.get({ uri, languageId: 'workreport', version, getText: () => text })!, uri, version % 10 === 0 ? 'zh-cn' : 'en');
      const msg = report(version, items);
      expect(frameMessage(msg as Message).toString('utf8')).toBe(expected(msg));
      compared += items.length;
      kept += items.filter((d) => last.includes(d)).length;
      last = items;
    }
    // The kept bytes were read: most diagnostics are the last version's objects.
    expect(compared).toBeGreaterThan(40 * 50);
    expect(kept).toBeGreaterThan(compared / 2);
  });

  it('writes every other message whole: pushed diagnostics, a short list, errors, requests', () => {
    const items = toDiagnostics(new AnalysisCache(DEFAULT_SETTINGS).get({ uri: 'file:///a.txt', languageId: 'workreport', version: 1, getText: () => seed('002') })!, 'file:///a.txt', 'zh-cn');
    expect(items.length).toBeGreaterThan(20);
    const messages = [
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///报告/a.txt', version: 3, diagnostics: items } },
      report(2, items.slice(0, 3)),
      report(3, []),
      { jsonrpc: '2.0', id: 4, result: { kind: 'unchanged', resultId: '1.2' } },
      { jsonrpc: '2.0', id: 5, error: { code: -32603, message: '规则出错：“\u0000diagnostics”' } },
      { jsonrpc: '2.0', id: 6, method: 'workspace/diagnostic/refresh' },
      { jsonrpc: '2.0', id: 7, result: null },
      // The same diagnostics twice in one message: the list written is the one that is replaced.
      { jsonrpc: '2.0', id: 8, result: { kind: 'full', resultId: '\u0000diagnostics', items, relatedDocuments: { 'file:///b.txt': { kind: 'full', items } } } },
    ];
    for (const msg of messages) expect(frameMessage(msg as Message).toString('utf8')).toBe(expected(msg));
  });
});

describe('PipeMessageWriter', () => {
  it('sends messages over a pipe that vscode-jsonrpc reads back, in order', async () => {
    // The client's end as vscode-languageclient makes it; the server's end the socket the server connects.
    const name = generateRandomPipeName();
    const transport = await createClientPipeTransport(name);
    const socket = createConnection(name);
    const [reader] = await transport.onConnected();
    const got: Message[] = [];
    const all = new Promise<void>((resolve) => reader.listen((m) => void (got.push(m) === 3 && resolve())));
    const writer = new PipeMessageWriter(socket);
    const items = toDiagnostics(new AnalysisCache(DEFAULT_SETTINGS).get({ uri: 'file:///b.txt', languageId: 'workreport', version: 1, getText: () => seed('002') })!, 'file:///b.txt', 'zh-cn');
    const sent = [report(1, items), { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: '已加载分词' } }, report(2, items)];
    for (const m of sent) await writer.write(m as Message);
    await all;
    expect(got).toEqual(JSON.parse(JSON.stringify(sent)));
    writer.dispose();
    reader.dispose();
  });
});

describe('pipeArgument', () => {
  it('reads the pipe as vscode-languageclient and vscode-languageserver write it', () => {
    expect(pipeArgument(['--pipe=/run/user/0/lsp-ab12.sock', '--clientProcessId=7'])).toBe('/run/user/0/lsp-ab12.sock');
    expect(pipeArgument(['--pipe', '\\\\.\\pipe\\lsp-ab12-sock'])).toBe('\\\\.\\pipe\\lsp-ab12-sock');
    expect(pipeArgument(['--node-ipc'])).toBeUndefined();
    expect(pipeArgument(['--stdio'])).toBeUndefined();
  });
});

describe('pipeNameFits', () => {
  // vscode-jsonrpc reads XDG_RUNTIME_DIR once, when loaded; the temporary folder at each call.
  it.skipIf(process.env.XDG_RUNTIME_DIR !== undefined)('says no where the temporary folder leaves no room for a socket\'s name, so that the client takes the IPC channel', () => {
    expect(pipeNameFits()).toBe(true);
    const deep = join(tempDir('pipe-'), 'a-folder-with-a-long-name'.repeat(4));
    mkdirSync(deep);
    const tmp = process.env.TMPDIR;
    process.env.TMPDIR = deep;
    try {
      expect(deep.length).toBeGreaterThan(90);
      expect(pipeNameFits()).toBe(false);
    } finally {
      if (tmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmp;
    }
    expect(pipeNameFits()).toBe(true);
  });
});
