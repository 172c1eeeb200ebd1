/**
 * Duplicates in the editor: across the workspace's report files (indexed in the background with
 * progress), in open documents, with hover, go-to-copy, and repeated-word once the segmenter has
 * loaded.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWorkspaceFoldersNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  HoverRequest,
  type CodeAction,
  type FullDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol';
import { seed, tempDir } from '../helpers';
import { startServer, until, type TestClient } from './client';

let client: TestClient;
const dir = tempDir('report-lint-ws-');
const lastYear = join(dir, '2018年工作报告.txt');
const lastYearUri = pathToFileURL(lastYear).toString();
const thisYearUri = pathToFileURL(join(dir, '2019年工作总结.txt')).toString();
const carried = seed('000').split('\n')[74]; // 充分发挥政协委员的主体作用。…

// This year's summary carries over one paragraph of last year's report, half-updates another of
// its own, and has a doubled word.
const intro = '一年来，市政协在市委的坚强领导下，紧紧围绕全市工作大局，认真履行政治协商、民主监督、参政议政职能，各项工作取得新成效。';
const thisYear = [
  '中国人民政治协商会议某市委员会2019年工作总结',
  '一、主要工作',
  intro,
  carried,
  '围绕全市经济社会发展的重大问题，组织委员深入开展专题调研，形成重大建议案9份、调研报告52份，得到市委市政府高度重视。',
  '二、下步打算',
  '围绕全市经济社会发展的重大问题，组织委员深入开展专题调研，形成重大建议案10份、调研报告55份，得到市委市政府高度重视。',
  '继续在在基层开展调研，推动协商民主向基层延伸，为全市高质量发展贡献政协力量。',
].join('\n\n');

const pull = async (uri: string) => ((await client.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as FullDocumentDiagnosticReport).items;

beforeAll(async () => {
  writeFileSync(lastYear, seed('000'));
  client = await startServer({
    locale: 'en',
    workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'reports' }],
    capabilities: { window: { workDoneProgress: true }, workspace: { diagnostics: { refreshSupport: true } } },
  });
  await client.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: thisYearUri, languageId: 'workreport', version: 1, text: thisYear } });
});

afterAll(() => client.stop());

describe('duplicates in the editor', () => {
  it('indexes the workspace with a progress notification and reports the carried-over paragraph as information', async () => {
    const item = await until(async () => (await pull(thisYearUri)).find((d) => d.code === 'duplicate-paragraph' && d.relatedInformation?.[0].location.uri === lastYearUri));
    expect(item.severity).toBe(3); // Information
    expect(item.range.start.line).toBe(6);
    expect(item.message).toBe('This paragraph also stands in 2018年工作报告.txt, line 75 (similarity 100%)');
    expect(item.relatedInformation![0].location.range.start.line).toBe(74);
    const progress = client.received.filter((r) => r.method === '$/progress').map((r) => (r.params as { value: { kind: string } }).value.kind);
    expect(progress[0]).toBe('begin');
    expect(progress[progress.length - 1]).toBe('end');
  });

  it('reports the half-updated copy in the same document as a warning with the similarity', async () => {
    const item = (await pull(thisYearUri)).find((d) => d.code === 'duplicate-paragraph' && d.range.start.line === 12)!;
    expect(item.severity).toBe(2);
    expect(item.message).toMatch(/^This paragraph nearly repeats the one at line 9 \(similarity 9\d%\)/);
  });

  it('shows in the hover what differs between the two copies', async () => {
    const hover = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri: thisYearUri }, position: { line: 12, character: 5 } });
    const value = (hover!.contents as { value: string }).value;
    expect(value).toContain('Compared with line 9:');
    expect(value).toContain('~~9~~**10**');
    expect(value).toContain('~~2~~**5**');
  });

  it('offers to delete the copy and to go to the other one', async () => {
    const actions = (await client.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: thisYearUri },
      range: { start: { line: 12, character: 0 }, end: { line: 12, character: 0 } },
      context: { diagnostics: [] },
    })) as CodeAction[];
    const del = actions.find((a) => a.title === 'Delete this copy')!;
    const edit = del.edit!.changes![thisYearUri][0];
    expect(edit).toEqual({ range: { start: { line: 12, character: 0 }, end: { line: 14, character: 0 } }, newText: '' });
    const go = actions.find((a) => a.title === 'Go to the other copy (line 9)')!;
    await client.conn.sendRequest(ExecuteCommandRequest.type, { command: go.command!.command, arguments: go.command!.arguments });
    const shown = client.received.find((r) => r.method === 'window/showDocument')!.params as { uri: string; selection: { start: { line: number } } };
    expect(shown.uri).toBe(thisYearUri);
    expect(shown.selection.start.line).toBe(8);
  });

  it('answers first without the segmenter, then asks for a refresh and reports the doubled word', async () => {
    const item = await until(async () => (await pull(thisYearUri)).find((d) => d.code === 'repeated-word'));
    expect(item.message).toBe('Accidental repetition: “在” appears 2 times in a row');
    expect(client.received.some((r) => r.method === 'workspace/diagnostic/refresh')).toBe(true);
  });

  it('typed in beside another open report, says of its last version what a fresh server says', async () => {
    // A draft that repeats paragraphs of last year's report and of this year's summary (open); the
    // server carries its cross-file matches from version to version, and puts its versions into the
    // corpus whenever the summary is pulled again (as the editor does every 500 ms).
    const draftUri = pathToFileURL(join(dir, '2020年工作总结.txt')).toString();
    const lines = seed('000').split('\n');
    let text = [lines[0], carried, intro, ...lines.slice(60, 90)].join('\n');
    await client.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: draftUri, languageId: 'workreport', version: 1, text } });
    await pull(draftUri);
    for (let version = 2; version <= 13; version++) {
      // Typing in different paragraphs, and a new line now and then.
      const at = (version * 7919) % text.length;
      const typed = version % 4 === 0 ? '\n' : '的';
      const position = { line: text.slice(0, at).split('\n').length - 1, character: at - text.lastIndexOf('\n', at - 1) - 1 };
      text = text.slice(0, at) + typed + text.slice(at);
      await client.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: draftUri, version }, contentChanges: [{ range: { start: position, end: position }, text: typed }] });
      await pull(draftUri);
      if (version % 3 === 0) await pull(thisYearUri);
    }
    const carriedOver = await pull(draftUri);
    expect(carriedOver.some((d) => d.relatedInformation?.some((r) => r.location.uri === lastYearUri))).toBe(true);
    expect(carriedOver.some((d) => d.relatedInformation?.some((r) => r.location.uri === thisYearUri))).toBe(true);

    const fresh = await startServer({
      locale: 'en',
      workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'reports' }],
      capabilities: { window: { workDoneProgress: true }, workspace: { diagnostics: { refreshSupport: true } } },
    });
    try {
      await until(async () => (fresh.received.some((r) => r.method === 'workspace/diagnostic/refresh') ? true : undefined));
      await fresh.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: thisYearUri, languageId: 'workreport', version: 1, text: thisYear } });
      await fresh.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: thisYearUri } });
      await fresh.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: draftUri, languageId: 'workreport', version: 1, text } });
      const report = (await fresh.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: draftUri } })) as FullDocumentDiagnosticReport;
      const duplicates = (items: typeof carriedOver) => items.filter((d) => d.code === 'duplicate-paragraph' || d.code === 'duplicate-passage');
      expect(duplicates(carriedOver)).toEqual(duplicates(report.items));
    } finally {
      await fresh.stop();
    }
  });
});

/** A draft that carries over a paragraph of seed 000 (`carried`) and one of `other`. */
function draftCopying(other: string): string {
  return ['2020年工作总结', '一、主要工作', carried, other.split('\n').filter((l) => l.length > 60)[2]].join('\n\n');
}

/** How many indexing runs the server has ended, and whose reports the draft's copies come from (the last two parts of their paths). */
function watch(c: TestClient, draftUri: string) {
  return {
    indexed: () => c.received.filter((r) => r.method === '$/progress' && (r.params as { value: { kind: string } }).value.kind === 'end').length,
    async copiedFrom(): Promise<string[]> {
      const items = ((await c.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: draftUri } })) as FullDocumentDiagnosticReport).items;
      return items.filter((d) => d.code === 'duplicate-paragraph').map((d) => decodeURIComponent(d.relatedInformation![0].location.uri.split('/').slice(-2).join('/')));
    },
  };
}

describe('the cross-file index of a large workspace', () => {
  it('takes the workspace reports up to reportLint.maxIndexedLength characters, says once which was the first left out, and takes the rest when the setting grows', async () => {
    const folder = tempDir('report-lint-ws-full-');
    const [first, second, third] = ['000', '001', '003'].map((id) => seed(id as '000'));
    writeFileSync(join(folder, '2017年工作报告.txt'), first);
    writeFileSync(join(folder, '2018年工作报告.txt'), second);
    writeFileSync(join(folder, '2019年工作报告.txt'), third);
    const draftUri = pathToFileURL(join(folder, '2020年工作总结.txt')).toString();
    const draft = draftCopying(third);
    // Room for the first two reports (and the draft, if it is in the index by then), not the third.
    const limit = first.length + second.length + draft.length + 100;
    const c = await startServer({
      locale: 'en',
      workspaceFolders: [{ uri: pathToFileURL(folder).toString(), name: 'reports' }],
      capabilities: { window: { workDoneProgress: true }, workspace: { diagnostics: { refreshSupport: true } } },
      initializationOptions: { maxIndexedLength: limit },
    });
    const { indexed, copiedFrom } = watch(c, draftUri);
    const said = () => c.received.filter((r) => r.method === 'window/showMessage').map((r) => (r.params as { message: string }).message).filter((m) => m.includes('maxIndexedLength'));
    const name = folder.split('/').pop();
    try {
      await c.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: draftUri, languageId: 'workreport', version: 1, text: draft } });
      await until(async () => (indexed() === 1 ? true : undefined));
      expect(await copiedFrom()).toEqual([`${name}/2017年工作报告.txt`]);
      expect(said()).toEqual([
        `Report Lint: The cross-file index is full (reportLint.maxIndexedLength, ${limit.toLocaleString('en')} characters): 2019年工作报告.txt and the workspace reports after it are not indexed, and copies of them are not found. Raise the setting to index more.`,
      ]);
      await c.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: { reportLint: { maxIndexedLength: 10_000_000 } } });
      await until(async () => (indexed() === 2 ? true : undefined));
      expect(await copiedFrom()).toEqual([`${name}/2017年工作报告.txt`, `${name}/2019年工作报告.txt`]);
      expect(said()).toHaveLength(1);
    } finally {
      await c.stop();
    }
  });
});

describe('workspace folders added and removed', () => {
  it('indexes the reports of a folder added to the workspace, and drops those of a folder taken out', async () => {
    const root = tempDir('report-lint-ws-folders-');
    const [a, b] = ['a', 'b'].map((name) => join(root, name));
    mkdirSync(a);
    mkdirSync(b);
    const inB = seed('003');
    writeFileSync(join(a, '2018年工作报告.txt'), seed('000'));
    writeFileSync(join(b, '2019年工作报告.txt'), inB);
    const draftUri = pathToFileURL(join(root, '2020年工作总结.txt')).toString();
    const folder = (path: string) => ({ uri: pathToFileURL(path).toString(), name: path.slice(-1) });
    const c = await startServer({
      locale: 'en',
      workspaceFolders: [folder(a)],
      capabilities: { window: { workDoneProgress: true }, workspace: { workspaceFolders: true, diagnostics: { refreshSupport: true } } },
    });
    const { indexed, copiedFrom } = watch(c, draftUri);
    try {
      expect(c.init.capabilities.workspace?.workspaceFolders).toEqual({ supported: true, changeNotifications: true });
      await c.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: draftUri, languageId: 'workreport', version: 1, text: draftCopying(inB) } });
      await until(async () => (indexed() === 1 ? true : undefined));
      expect(await copiedFrom()).toEqual(['a/2018年工作报告.txt']);
      await c.conn.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [folder(b)], removed: [folder(a)] } });
      await until(async () => (indexed() === 2 ? true : undefined));
      expect(await copiedFrom()).toEqual(['b/2019年工作报告.txt']);
    } finally {
      await c.stop();
    }
  });

  it('a folder taken out of a full index makes room for the reports it had left out', async () => {
    const root = tempDir('report-lint-ws-room-');
    const [a, b] = ['a', 'b'].map((name) => join(root, name));
    mkdirSync(a);
    mkdirSync(b);
    const [inA, inB] = ['000', '003'].map((id) => seed(id as '000'));
    writeFileSync(join(a, '2018年工作报告.txt'), inA);
    writeFileSync(join(b, '2019年工作报告.txt'), inB);
    const draftUri = pathToFileURL(join(root, '2020年工作总结.txt')).toString();
    const draft = draftCopying(inB);
    const folder = (path: string) => ({ uri: pathToFileURL(path).toString(), name: path.slice(-1) });
    // Room for a's report (and the draft), not b's as well.
    const c = await startServer({
      locale: 'en',
      workspaceFolders: [folder(a), folder(b)],
      capabilities: { window: { workDoneProgress: true }, workspace: { workspaceFolders: true, diagnostics: { refreshSupport: true } } },
      initializationOptions: { maxIndexedLength: inA.length + draft.length + 100 },
    });
    const { indexed, copiedFrom } = watch(c, draftUri);
    try {
      await c.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: draftUri, languageId: 'workreport', version: 1, text: draft } });
      await until(async () => (indexed() === 1 ? true : undefined));
      expect(await copiedFrom()).toEqual(['a/2018年工作报告.txt']);
      await c.conn.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [], removed: [folder(a)] } });
      await until(async () => (indexed() === 2 ? true : undefined));
      expect(await copiedFrom()).toEqual(['b/2019年工作报告.txt']);
    } finally {
      await c.stop();
    }
  });
});
