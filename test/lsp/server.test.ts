/**
 * The built language server over a pipe, as the extension starts it, driven by a real JSON-RPC
 * client (vscode-languageserver-protocol), as an editor would drive it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  SelectionRangeRequest,
  type DocumentSymbol,
  type FullDocumentDiagnosticReport,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol';
import { seed } from '../helpers';
import { Requests } from '../../server/src/lsp/protocol';
import { MAX_DIAGNOSTICS } from '../../server/src/lsp/convert';
import { analyze } from '../../server/src/core';
import { startServer, type TestClient } from './client';

let client: TestClient;
let conn: ProtocolConnection;
const uri = (name: string) => `file:///reports/${name}`;

async function open(name: string, text: string, languageId = 'workreport', version = 1): Promise<void> {
  await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(name), languageId, version, text } });
}

beforeAll(async () => {
  client = await startServer({ locale: 'zh-cn' });
  conn = client.conn;
  expect(client.init.capabilities.documentSymbolProvider).toBeTruthy();
  // Cross-file duplicates: a change in one report can change another's diagnostics.
  expect(client.init.capabilities.diagnosticProvider).toMatchObject({ interFileDependencies: true });
});

afterAll(async () => {
  await client.stop();
});

describe('language server', () => {
  it('answers document symbols with the outline of seed 000', async () => {
    await open('000.txt', seed('000'));
    const symbols = (await conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uri('000.txt') } })) as DocumentSymbol[];
    expect(symbols.map((s) => s.name)).toEqual(['中国人民政治协商会议 衡阳市委员会常务委员会工作报告', '2018年工作回顾', '2019年工作安排']);
    const review = symbols[1];
    expect(review.range.start.line).toBe(18);
    expect(review.children!.map((c) => c.name.slice(0, 2))).toEqual(['一、', '二、', '三、', '四、', '五、']);
    expect(review.children![0].children!.map((c) => c.name)).toEqual(['切实加强思想政治建设', '始终坚持和依靠市委的正确领导', '全面加强政协系统的党的建设']);
    expect(review.detail).toMatch(/^[\d,]+ 字$/);
  });

  it('folds the front matter and every section of more than one line', async () => {
    const folds = await conn.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: uri('000.txt') } });
    const byStart = new Map(folds!.map((f) => [f.startLine, f.endLine]));
    expect(byStart.get(2)).toBe(14); // title … salutation
    expect(byStart.get(18)).toBe(88); // 2018年工作回顾 up to the line before 2019年工作安排
    expect(byStart.get(22)).toBe(30); // 一、 … its last lead-in paragraph
    expect(byStart.get(90)).toBe(110);
  });

  it('expands the selection sentence → paragraph → sections → document', async () => {
    const [range] = await conn.sendRequest(SelectionRangeRequest.type, { textDocument: { uri: uri('000.txt') }, positions: [{ line: 26, character: 15 }] });
    const chain: number[][] = [];
    for (let r: typeof range | undefined = range; r; r = r.parent) chain.push([r.range.start.line, r.range.start.character, r.range.end.line, r.range.end.character]);
    const line = seed('000').split('\n')[26];
    const lead = line.indexOf('。') + 1;
    expect(chain[0]).toEqual([26, lead, 26, line.indexOf('。', lead) + 1]); // the sentence after the lead-in
    expect(chain[1]).toEqual([26, 0, 26, line.length]); // the paragraph
    expect(chain.map((c) => c[0])).toContain(22); // 一、's section
    expect(chain.map((c) => c[0])).toContain(18); // the part
    expect(chain[chain.length - 1]).toEqual([0, 0, 110, expect.any(Number)]);
  });

  it('pulls diagnostics in the client locale: the missing 四、 of seed 002', async () => {
    await open('002.txt', seed('002'));
    const report = (await conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: uri('002.txt') } })) as FullDocumentDiagnosticReport;
    expect(report.kind).toBe('full');
    const structure = report.items.filter((d) => d.code === 'heading-sequence');
    expect(structure.map((d) => [d.range.start.line, d.message])).toEqual([[76, '标题编号不连续：“五、”前缺少“四、”']]);
    expect(structure[0].relatedInformation![0].location.range.start.line).toBe(64);
    // A finding with nothing related carries no empty list (every pull's bytes).
    const bare = report.items.filter((d) => d.code === 'punctuation-width');
    expect(bare.length).toBeGreaterThan(0);
    expect(bare.every((d) => !('relatedInformation' in d))).toBe(true);
  });

  it('offers the renumbering quick fix as one edit per wrong heading', async () => {
    const actions = await conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri('002.txt') },
      range: { start: { line: 76, character: 0 }, end: { line: 76, character: 0 } },
      context: { diagnostics: [] },
    });
    const fix = actions!.find((a) => 'edit' in a && a.edit) as { title: string; edit: { changes: Record<string, { range: { start: { line: number; character: number } }; newText: string }[]> } };
    expect(fix.title).toBe('重新为本级标题编号（1 处）');
    expect(fix.edit.changes[uri('002.txt')]).toEqual([{ range: { start: { line: 76, character: 0 }, end: { line: 76, character: 1 } }, newText: '四' }]);
  });

  it('re-analyses a document after an incremental change', async () => {
    await open('edit.txt', '一、甲\n\n正文。\n\n三、乙\n\n正文。');
    const before = (await conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: uri('edit.txt') } })) as FullDocumentDiagnosticReport;
    expect(before.items).toHaveLength(1);
    await conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uri('edit.txt'), version: 2 },
      contentChanges: [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 1 } }, text: '二' }],
    });
    const after = (await conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: uri('edit.txt') } })) as FullDocumentDiagnosticReport;
    expect(after.items).toEqual([]);
  });

  it('answers a pull unchanged when the client holds the same diagnostics, as vscode-languageclient asks', async () => {
    await open('typing.txt', '一、甲\n\n正文。\n\n三、乙\n\n正文。');
    const pull = (previousResultId?: string) => conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: uri('typing.txt') }, previousResultId });
    const type = (version: number, line: number, character: number, text: string) =>
      conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri('typing.txt'), version }, contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text }] });
    const first = (await pull()) as FullDocumentDiagnosticReport;
    expect(first.items.map((d) => d.range.start)).toEqual([{ line: 4, character: 0 }]);
    await type(2, 2, 1, '的');
    expect(await pull(first.resultId)).toEqual({ kind: 'unchanged', resultId: first.resultId });
    // Without the id (a client that holds nothing) the same diagnostics come in full.
    expect((await pull()).kind).toBe('full');
    const held = (await pull()).resultId;
    await type(3, 1, 0, '\n');
    const moved = (await pull(held)) as FullDocumentDiagnosticReport;
    expect(moved.kind).toBe('full');
    expect(moved.items.map((d) => d.range.start)).toEqual([{ line: 5, character: 0 }]);
  });

  it('groups half-width punctuation per paragraph and fixes the whole document in one action', async () => {
    const text = '一、总体情况\n\n一年来,我们认真履职,成效明显:提案办复率100%;委员满意(95%以上)!\n\n二、下步打算\n\n继续加强学习,提升能力。\n';
    await open('commas.txt', text);
    const report = (await conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: uri('commas.txt') } })) as FullDocumentDiagnosticReport;
    expect(report.items.filter((d) => d.code === 'punctuation-width').map((d) => [d.range.start.line, d.message])).toEqual([
      [2, '本段有 7 处半角标点（, : ; ( ) ? !），中文应使用全角标点'],
      [6, '本段有 1 处半角标点（, : ; ( ) ? !），中文应使用全角标点'],
    ]);
    const actions = await conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri('commas.txt') },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.reportLint'] },
    });
    expect(actions).toHaveLength(1);
    const edits = (actions![0] as { edit: { changes: Record<string, { newText: string }[]> } }).edit.changes[uri('commas.txt')];
    expect(edits.map((e) => e.newText).join('')).toBe('，，：；（）！，');
  });

  it('sends no more diagnostics than VS Code shows (1,000 a file): the most severe, and a note of the rest', async () => {
    // 1,200 paragraphs with a half-width comma (a warning each), and two numbering gaps at the end
    // (errors): the errors must be among those shown.
    const text = Array.from({ length: 1200 }, (_, i) => `第${i + 1}项任务完成,进展顺利。`).join('\n\n') + '\n\n一、甲\n\n正文。\n\n三、乙\n\n正文。\n\n五、丙\n';
    await open('many.txt', text);
    const report = (await conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: uri('many.txt') } })) as FullDocumentDiagnosticReport;
    const findings = analyze(text).findings;
    expect(findings.length).toBeGreaterThan(MAX_DIAGNOSTICS);
    expect(report.items).toHaveLength(MAX_DIAGNOSTICS);
    const rank = (s: string) => ['error', 'warning', 'info', 'hint'].indexOf(s);
    const kept = findings
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f.severity) - rank(b.f.severity) || a.i - b.i)
      .slice(0, MAX_DIAGNOSTICS - 1)
      .sort((a, b) => a.i - b.i);
    expect(kept.filter((k) => k.f.severity === 'error').length).toBe(findings.filter((f) => f.severity === 'error').length);
    expect(report.items.slice(0, -1).map((d) => [d.code, d.range.start.line])).toEqual(kept.map((k) => [k.f.rule, text.slice(0, k.f.span.start).split('\n').length - 1]));
    const note = report.items.at(-1)!;
    expect(note.message).toBe(`另有 ${findings.length - 999} 个问题未显示：编辑器每个文件最多显示 1000 个，此处显示了最严重的 999 个。命令行 report-lint 会列出全部。`);
    expect(note.code).toBeUndefined();
    // At the first finding left out: the 998th paragraph's comma (999 shown: 2 errors, 997 warnings).
    expect(note.range.start.line).toBe(2 * 997);
  });

  it('serves mostly-Chinese plain text and leaves other plain text alone', async () => {
    await open('notes.txt', '一、甲\n\n正文。\n\n三、乙\n\n正文。', 'plaintext');
    await open('readme.txt', 'Install with npm.\n\n1. Run it.\n\n3. Done.', 'plaintext');
    const zh = (await conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: uri('notes.txt') } })) as FullDocumentDiagnosticReport;
    const en = (await conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: uri('readme.txt') } })) as FullDocumentDiagnosticReport;
    expect(zh.items).toHaveLength(1);
    expect(en.items).toEqual([]);
    expect(await conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uri('readme.txt') } })).toBeNull();
  });

  it('tells how long its main thread has been busy: the work of a pull counts, a pause does not', async () => {
    const busy = () => conn.sendRequest(Requests.busyTime) as Promise<number>;
    const idle0 = await busy();
    await new Promise((r) => setTimeout(r, 300));
    const idle1 = await busy();
    // Five seeds one after the other: every rule over ~150 KB, tens of milliseconds of work.
    const text = ['000', '001', '002', '003', '004'].map((s) => seed(s)).join('\n\n');
    await open('busy.txt', text);
    await conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: uri('busy.txt') } });
    const worked = await busy();
    expect(idle1 - idle0).toBeGreaterThanOrEqual(0);
    expect(idle1 - idle0).toBeLessThan(100);
    expect(worked - idle1).toBeGreaterThan(10);
  });
});

describe('the transports other editors start the server with', () => {
  /** Seed 002's diagnostics from a server of its own started with `transport`. */
  async function pull(transport: 'pipe' | 'stdio' | 'node-ipc'): Promise<FullDocumentDiagnosticReport> {
    const other = await startServer({ locale: 'zh-cn' }, {}, transport);
    try {
      const textDocument = { uri: uri('002.txt'), languageId: 'workreport', version: 1, text: seed('002') };
      await other.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument });
      return (await other.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: textDocument.uri } })) as FullDocumentDiagnosticReport;
    } finally {
      await other.stop();
    }
  }

  it('--stdio and --node-ipc serve the diagnostics the pipe does', async () => {
    const [piped, stdio, ipc] = await Promise.all([pull('pipe'), pull('stdio'), pull('node-ipc')]);
    // Enough diagnostics for the pipe to write each one's kept bytes (encode.ts).
    expect(piped.items.length).toBeGreaterThan(16);
    expect(stdio.items).toEqual(piped.items);
    expect(ipc.items).toEqual(piped.items);
  });
});
