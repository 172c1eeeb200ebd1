/**
 * The server on hostile documents and under failure: it stays up and answers, says once what it
 * switched off or what failed, and stops work for a request the editor cancelled.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  CancellationTokenSource,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  DocumentSymbolRequest,
  HoverRequest,
  type Diagnostic,
  type DocumentSymbol,
  type FullDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol';
import { RULES } from '../../server/src/core';
import { seed } from '../helpers';
import { startServer, type TestClient } from './client';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const uri = (name: string) => `file:///hostile/${name}`;
async function open(c: TestClient, name: string, text: string): Promise<string> {
  await c.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(name), languageId: 'workreport', version: 1, text } });
  return uri(name);
}
async function diagnostics(c: TestClient, u: string): Promise<Diagnostic[]> {
  return ((await c.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: u } })) as FullDocumentDiagnosticReport).items;
}
const messages = (c: TestClient) => c.received.filter((r) => r.method === 'window/showMessage').map((r) => (r.params as { message: string }).message);
const STRUCTURE = new Set(RULES.filter((r) => r.meta.category === 'structure').map((r) => r.meta.id));

/** About `bytes` of UTF-8: the seeds, one after another, again and again. */
function big(bytes: number): string {
  const all = ['000', '001', '002', '003', '004'].map((id) => seed(id as '000')).join('\n\n');
  return all.repeat(Math.ceil(bytes / Buffer.byteLength(all))).slice(0, bytes / 3);
}

describe('hostile documents', () => {
  it('a 20 MB document gets its outline and the structure checks, with one message that the heavy checks are off', async () => {
    client = await startServer({ locale: 'en' });
    const text = big(20 * 1024 * 1024);
    expect(Buffer.byteLength(text)).toBeGreaterThan(19 * 1024 * 1024);
    const u = await open(client, 'huge.txt', text);
    const symbols = (await client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: u } })) as DocumentSymbol[];
    expect(symbols.length).toBeGreaterThan(100);
    const items = await diagnostics(client, u);
    expect(items.length).toBeGreaterThan(0);
    expect(items.filter((d) => !STRUCTURE.has(String(d.code)))).toEqual([]);
    await diagnostics(client, u);
    const said = messages(client).filter((m) => m.includes('maxDocumentLength'));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/huge\.txt has [\d,]+ characters, over reportLint\.maxDocumentLength \(4,000,000\)/);
    // The server goes on serving other documents in full.
    const small = await open(client, '002.txt', seed('002'));
    expect((await diagnostics(client, small)).map((d) => d.code)).toContain('duplicate-paragraph');
  });

  it('answers on a 1 MB single line, 100,000 headings, （（（…, control characters, lone surrogates and CR-only line breaks', async () => {
    client = await startServer({ locale: 'en' });
    const docs: Record<string, string> = {
      'one-line.txt': seed('000').replace(/\r?\n/g, '').repeat(40).slice(0, 350_000),
      'headings.txt': Array.from({ length: 100_000 }, (_, i) => `${['一', '二', '三'][i % 3]}、标题${i}`).join('\n'),
      'brackets.txt': '（'.repeat(200_000) + '一）' + '）'.repeat(1000),
      'binary.txt': Array.from({ length: 50_000 }, (_, i) => String.fromCharCode((i * 7919) % 0xd800)).join(''),
      'surrogates.txt': '一、概况\n本年度\ud800完成提案\udc00 547件，𠮷𠮷办结率\ud83d达100%。\n二、问题\n',
      'cr.txt': seed('002').replace(/\r?\n/g, '\r'),
      'empty.txt': '',
    };
    for (const [name, text] of Object.entries(docs)) {
      const u = await open(client, name, text);
      const symbols = (await client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: u } })) as DocumentSymbol[] | null;
      const items = await diagnostics(client, u);
      for (const d of items) expect(d.range.start.line, name).toBeGreaterThanOrEqual(0);
      if (name === 'cr.txt') expect(items.map((d) => `${d.code}@${d.range.start.line + 1}`)).toContain('heading-sequence@77');
      if (name === 'headings.txt') expect(symbols!.length).toBe(100_000);
      if (name === 'empty.txt') expect(items).toEqual([]);
      // Still answering: a hover anywhere.
      await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri: u }, position: { line: 0, character: 1 } });
    }
  });
});

describe('server resilience', () => {
  it('a rule that throws is reported once; the other rules still run', async () => {
    client = await startServer({ locale: 'en' }, { REPORT_LINT_FAULT: 'figure-sum' });
    const a = await open(client, '002.txt', seed('002'));
    const b = await open(client, '000.txt', seed('000'));
    const codes = (await diagnostics(client, a)).map((d) => d.code);
    expect(codes).toContain('heading-sequence');
    expect(codes).toContain('duplicate-paragraph');
    expect((await diagnostics(client, b)).length).toBeGreaterThan(0);
    await diagnostics(client, a);
    const said = messages(client).filter((m) => m.includes('figure-sum'));
    expect(said).toEqual(['Report Lint: Rule figure-sum failed (injected fault) and was skipped; the other checks ran.']);
  });

  it('a hover that waits for word segmentation answers nothing, not an error, when its document is closed meanwhile', async () => {
    client = await startServer({ locale: 'en' });
    const u = await open(client, '000.txt', seed('000'));
    // On the heading 一、 of the 2018 review (line 22): the first hover on a heading waits for nodejieba.
    const hover = client.conn.sendRequest(HoverRequest.type, { textDocument: { uri: u }, position: { line: 22, character: 1 } }).then(
      (r) => r,
      (e: Error) => e,
    );
    await client.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: u } });
    expect(await hover).toBeNull();
    // Open again, the same hover shows the section's summary.
    await open(client, '000.txt', seed('000'));
    const again = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri: u }, position: { line: 22, character: 1 } });
    expect(JSON.stringify(again)).toContain('一、切实强化思想引领，坚持正确政治方向');
  });

  it('a cancelled diagnostics pull stops waiting at once', async () => {
    client = await startServer({ locale: 'en', initializationOptions: { debounce: 3000 } });
    const u = await open(client, '002.txt', seed('002'));
    await client.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: u, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '一' }] });
    const source = new CancellationTokenSource();
    const t0 = Date.now();
    const pending = client.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: u } }, source.token).then(
      (r) => r,
      (e: unknown) => e,
    );
    setTimeout(() => source.cancel(), 50);
    const answer = await pending;
    // Answered long before the 3 s quiet period would have ended, without diagnostics.
    expect(Date.now() - t0).toBeLessThan(1500);
    if ('items' in (answer as object)) expect((answer as FullDocumentDiagnosticReport).items).toEqual([]);
  });
});
