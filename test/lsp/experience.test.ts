/**
 * What the extension's UI asks the server for: section summaries on hover, workspace symbols,
 * the disable-rule action, the commands' requests (renumber, outline text, statistics, 字数),
 * settings and the workspace lint. Over stdio, as VS Code drives the server.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ExecuteCommandRequest,
  FileChangeType,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  DocumentSymbolRequest,
  HoverRequest,
  WorkspaceSymbolRequest,
  type CodeAction,
  type Diagnostic,
  type DocumentSymbol,
  type FullDocumentDiagnosticReport,
  type MarkupContent,
  type Range,
  type TextEdit,
  type WorkspaceSymbol,
} from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/core';
import { Requests, type CountResult, type LintFileResult, type RenumberResult } from '../../server/src/lsp/protocol';
import { seed, SEED_FILES, tempDir } from '../helpers';
import { startServer, type TestClient } from './client';

let client: TestClient;
let folder: string;
const fileUri = (name: string) => pathToFileURL(join(folder, name)).toString();

async function open(name: string, text: string, languageId = 'plaintext'): Promise<string> {
  const uri = fileUri(name);
  await client.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  return uri;
}

async function diagnostics(uri: string): Promise<Diagnostic[]> {
  return ((await client.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as FullDocumentDiagnosticReport).items;
}

function flatten(symbols: readonly DocumentSymbol[]): DocumentSymbol[] {
  return symbols.flatMap((s) => [s, ...flatten(s.children ?? [])]);
}

function textOf(text: string, range: Range): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

/** Markdown of a hover back to plain text (the server escapes markdown characters). */
const unescape = (s: string) => s.replace(/\\(.)/g, '$1');

function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  return out;
}

const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'report-lint-ws-'));
  writeFileSync(join(folder, '2018年政协工作报告.txt'), seed('000'));
  writeFileSync(join(folder, '2019年政协工作报告.txt'), seed('003'));
  writeFileSync(join(folder, 'notes.md'), 'Meeting notes, in English only: nothing to lint here.\n');
  client = await startServer({ locale: 'zh-cn', workspaceFolders: [{ uri: pathToFileURL(folder).toString(), name: 'reports' }] });
});

afterAll(async () => {
  await client.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe('hover summaries', () => {
  it('gives each section of seed 000 a summary whose sentence comes from that section', async () => {
    const text = seed('000');
    const uri = await open(SEED_FILES['000'], text);
    const symbols = flatten((await client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[]);
    const sections = symbols.filter((s) => /^[一二三四五六七八九十]+、/.test(s.name));
    expect(sections.length).toBe(9);
    for (const s of sections) {
      const hover = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: s.selectionRange.start });
      const value = (hover!.contents as MarkupContent).value;
      const lines = value.split('\n');
      expect(lines.length).toBeLessThanOrEqual(15);
      // The path: part title › section title.
      expect(unescape(lines[0])).toMatch(new RegExp(`^\\*\\*20\\d\\d年工作(回顾|安排) › ${s.name.slice(0, 6)}`));
      const quote = lines.find((l) => l.startsWith('> '));
      expect(quote, s.name).toBeDefined();
      const first = unescape(quote!.slice(2)).split(/[。！？…]/)[0];
      expect(first.length).toBeGreaterThan(8);
      const section = textOf(text, s.range);
      expect(section.includes(first), `${s.name}: “${first}”`).toBe(true);
      // Not the heading itself.
      expect(textOf(text, s.selectionRange).includes(first)).toBe(false);
      expect(value).toMatch(/\d[\d,]* 字 · \d+ 段 · 第 \d+–\d+ 行/);
      expect(value).toContain('**关键词**');
    }
  });

  it('names the section’s key figures and its findings by category', async () => {
    const uri = fileUri(SEED_FILES['000']);
    const symbols = flatten((await client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[]);
    const two = symbols.find((s) => s.name.startsWith('二、忠实履行'))!;
    const value = ((await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: two.selectionRange.start }))!.contents as MarkupContent).value;
    expect(value).toContain('**关键数字** 提出民主监督建议书 26份');
    const part = symbols.find((s) => s.name === '2019年工作安排')!;
    const partHover = ((await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: part.selectionRange.start }))!.contents as MarkupContent).value;
    // The 2019 part carries copies of 2018 text (duplicate-passage) and a page-break split.
    expect(partHover).toMatch(/\*\*问题\*\* .*重复 \d/);
  });

  it('measures hover latency over every heading of seed 000 with the segmenter warm', async () => {
    const uri = fileUri(SEED_FILES['000']);
    const symbols = flatten((await client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[]).filter((s) => s.kind !== 1 /* File: the front matter */);
    await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: symbols[0].selectionRange.start });
    const times: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const s of symbols) {
        const t0 = performance.now();
        const hover = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: s.selectionRange.start });
        times.push(performance.now() - t0);
        expect(hover, s.name).not.toBeNull();
      }
    }
    times.sort((a, b) => a - b);
    // A figure for the notes, not an assertion: timing belongs to the benchmark.
    console.log(`hover on ${symbols.length} headings × 5: median ${quantile(times, 0.5).toFixed(2)} ms, p95 ${quantile(times, 0.95).toFixed(2)} ms`);
  });
});

describe('workspace symbols', () => {
  it('lists headings of open and indexed report files, filtered by the query', async () => {
    const found = await (async () => {
      for (let i = 0; i < 200; i++) {
        const r = (await client.conn.sendRequest(WorkspaceSymbolRequest.type, { query: '思想' })) as WorkspaceSymbol[];
        if (new Set(r.map((s) => s.location.uri)).size >= 2) return r;
        await new Promise((res) => setTimeout(res, 25));
      }
      throw new Error('the workspace index did not fill');
    })();
    const files = new Set(found.map((s) => decodeURIComponent(s.location.uri.split('/').pop()!)));
    expect(files.has('2018年政协工作报告.txt')).toBe(true);
    expect(files.has('2019年政协工作报告.txt')).toBe(true);
    for (const s of found) expect(s.name).toMatch(/思.*想/);
    const one = found.find((s) => s.name.startsWith('一、切实强化思想引领'))!;
    expect(one.containerName).toBe('2018年工作回顾');
    const none = (await client.conn.sendRequest(WorkspaceSymbolRequest.type, { query: '量子计算机' })) as WorkspaceSymbol[];
    expect(none).toEqual([]);
  });
});

describe('code actions and commands', () => {
  it('offers to disable the rule of a finding in the settings', async () => {
    const uri = fileUri(SEED_FILES['000']);
    const items = await diagnostics(uri);
    const stray = items.find((d) => d.code === 'stray-text')!;
    const actions = (await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: stray.range, context: { diagnostics: [stray] } })) as CodeAction[];
    const disable = actions.find((a) => a.command?.command === 'reportLint.disableRule');
    expect(disable?.title).toBe('在设置中关闭规则 stray-text');
    expect(disable?.command?.arguments).toEqual(['stray-text']);
    // The rule's own fix comes first.
    expect(actions.indexOf(actions.find((a) => a.edit)!)).toBeLessThan(actions.indexOf(disable!));
  });

  it('renumbers the headings of seed 002 in one edit that leaves no numbering finding', async () => {
    const text = seed('002');
    const uri = await open(SEED_FILES['002'], text);
    expect((await diagnostics(uri)).filter((d) => d.code === 'heading-sequence').length).toBeGreaterThan(0);
    const result = (await client.conn.sendRequest(Requests.renumber, { uri })) as RenumberResult;
    const edits = (result.edit as { changes: Record<string, TextEdit[]> }).changes[uri];
    expect(edits.length).toBe(result.count);
    // The version numbered: the client applies the edit to that version only.
    expect(result.version).toBe(1);
    await client.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }] });
    expect(((await client.conn.sendRequest(Requests.renumber, { uri })) as RenumberResult).version).toBe(2);
    const fixed = applyTextEdits(text, edits);
    // Only markers change: the text without heading markers is the same.
    expect(fixed.length - text.length).toBeLessThanOrEqual(edits.length);
    const fixedUri = await open('002-renumbered.txt', fixed);
    expect((await diagnostics(fixedUri)).filter((d) => d.code === 'heading-sequence')).toEqual([]);
    const again = (await client.conn.sendRequest(Requests.renumber, { uri: fixedUri })) as RenumberResult;
    expect(again).toMatchObject({ edit: null, count: 0, message: '标题编号已连续，无需重新编号。' });
  });

  it('copies the outline as an indented list', async () => {
    const outline = (await client.conn.sendRequest(Requests.outlineText, { uri: fileUri(SEED_FILES['000']) })) as string;
    const lines = outline.trimEnd().split('\n');
    expect(lines[0]).toBe('中国人民政治协商会议 衡阳市委员会常务委员会工作报告');
    expect(lines[1]).toBe('2018年工作回顾');
    expect(lines[2]).toBe('  一、切实强化思想引领，坚持正确政治方向');
    expect(lines).toContain('  二、聚焦新部署，为把衡阳建设成为名副其实的省域副中心城市和最美地级市献计出力');
    expect(lines.length).toBe(12);
  });

  it('gives statistics and the 字数 of a selection', async () => {
    const uri = fileUri(SEED_FILES['000']);
    const stats = (await client.conn.sendRequest(Requests.statistics, { uri })) as string;
    expect(stats).toContain('| 字数 | 8,251 |');
    expect(stats).toContain('| 编号标题 | 9 |');
    expect(stats).toMatch(/\| `broken-paragraph` \| 3 \|/);
    // Line 23 is 一、切实强化思想引领，坚持正确政治方向 (17 characters without the comma and 、).
    const count = (await client.conn.sendRequest(Requests.count, { uri, ranges: [{ start: { line: 22, character: 0 }, end: { line: 22, character: 19 } }] })) as CountResult;
    expect(count).toEqual({ document: 8251, selection: 17 });
    const none = (await client.conn.sendRequest(Requests.count, { uri, ranges: [] })) as CountResult;
    expect(none.selection).toBeUndefined();
  });

  it('lints the workspace’s files from disk, skipping what is not Chinese', async () => {
    const uris = (await client.conn.sendRequest(Requests.workspaceFiles, {})) as string[];
    expect(uris.map((u) => decodeURIComponent(u.split('/').pop()!)).sort()).toEqual(['2018年政协工作报告.txt', '2019年政协工作报告.txt', 'notes.md']);
    const results = await Promise.all(uris.map((u) => client.conn.sendRequest(Requests.lintFile, { uri: u }) as Promise<LintFileResult | null>));
    const byName = Object.fromEntries(uris.map((u, i) => [decodeURIComponent(u.split('/').pop()!), results[i]]));
    expect(byName['notes.md']).toBeNull();
    // Seed 003 repeats 雨村 and 亲见 (repeated-word) — the same findings as when it is open.
    const seed003 = byName['2019年政协工作报告.txt']!;
    expect((seed003.items as Diagnostic[]).filter((d) => d.code === 'repeated-word').length).toBeGreaterThanOrEqual(2);
    expect(seed003.problems).toBe(seed003.items.length);
  });

  it('counts every problem of a file with more than the editor shows, though it sends no more than that', async () => {
    const dir = tempDir('report-lint-many-');
    const file = join(dir, '2020年工作报告.txt');
    writeFileSync(file, Array.from({ length: 1200 }, (_, i) => `第${i + 1}项任务完成,进展顺利。`).join('\n\n'));
    const linted = (await client.conn.sendRequest(Requests.lintFile, { uri: pathToFileURL(file).toString() })) as LintFileResult;
    expect(linted.items).toHaveLength(1000);
    expect(linted.problems).toBe(1200);
  });
});

describe('settings', () => {
  it('turns a rule off through reportLint.rules and ignores an unknown rule id', async () => {
    const uri = fileUri(SEED_FILES['000']);
    expect((await diagnostics(uri)).some((d) => d.code === 'stray-text')).toBe(true);
    await client.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: { reportLint: { rules: { 'stray-text': 'off', 'no-such-rule': 'error' } } } });
    const items = await diagnostics(uri);
    expect(items.some((d) => d.code === 'stray-text')).toBe(false);
    expect(items.some((d) => d.code === 'broken-paragraph')).toBe(true);
    await client.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: { reportLint: { rules: { 'broken-paragraph': 'error' } } } });
    const again = await diagnostics(uri);
    expect(again.some((d) => d.code === 'stray-text')).toBe(true);
    expect(again.find((d) => d.code === 'broken-paragraph')!.severity).toBe(1);
  });
});

describe('disable comments', () => {
  it('marks a misspelt rule in a disable comment, which switches nothing off', async () => {
    const uri = await open('directive.md', '<!-- report-lint-disable heading-sequense -->\n\n一、甲\n\n正文。\n\n三、乙\n', 'workreport');
    const items = await diagnostics(uri);
    expect(items.map((d) => [d.code, d.severity, d.message, d.range.start])).toEqual([
      ['heading-sequence', 1, expect.any(String), { line: 6, character: 0 }],
      [undefined, 2, '没有名为“heading-sequense”的规则，此注释对它不起作用', { line: 0, character: 25 }],
    ]);
  });
});

describe('settings that are not valid', () => {
  it('names a duplicate option out of range or misspelt, and lints with the rest', async () => {
    const uri = await open('settings-002.txt', seed('002'));
    const said = client.received.length;
    const settings = { duplicates: { threshold: 0.3, minPassageLength: 12 }, rules: { 'duplicate-paragraph': ['warning', { treshold: 0.9 }], 'stray-text': 'off' } };
    await client.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: { reportLint: settings } });
    const items = await diagnostics(uri);
    expect(items.some((d) => d.code === 'stray-text')).toBe(false);
    // The copies within the report found at the default threshold (copies in the other open
    // reports are information).
    expect(items.filter((d) => d.code === 'duplicate-paragraph' && d.severity === 2).length).toBe(2);
    const messages = client.received.slice(said).filter((r) => r.method === 'window/showMessage').map((r) => (r.params as { message: string }).message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('reportLint.duplicates.threshold: must be a number from 0.5 to 1'),
        expect.stringContaining('reportLint.rules.duplicate-paragraph: unknown option treshold (options: threshold, minParagraphLength, crossFileSeverity)'),
      ]),
    );
    expect(messages.some((m) => m.includes('minPassageLength'))).toBe(false);
    await client.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: { reportLint: {} } });
  });
});

describe('project files in the editor', () => {
  it('follows .reportlintrc.json, and accepting a finding records it in the suppressions file', async () => {
    // Settings override the config file: back to none (an earlier test set some).
    await client.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: { reportLint: {} } });
    const text = seed('002');
    const uri = await open('project-002.txt', text);
    const before = await diagnostics(uri);
    expect(before.some((d) => d.code === 'broken-paragraph')).toBe(true);
    writeFileSync(join(folder, '.reportlintrc.json'), JSON.stringify({ extends: 'recommended', rules: { 'broken-paragraph': 'off' } }));
    await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: fileUri('.reportlintrc.json'), type: FileChangeType.Created }] });
    const after = await diagnostics(uri);
    expect(after.some((d) => d.code === 'broken-paragraph')).toBe(false);
    expect(after.length).toBe(before.length - before.filter((d) => d.code === 'broken-paragraph').length);

    const seq = after.find((d) => d.code === 'heading-sequence')!;
    const actions = (await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: seq.range, context: { diagnostics: [seq] } })) as CodeAction[];
    const accept = actions.find((a) => a.command?.command === 'reportLint.acceptFinding')!;
    expect(accept.title).toBe('接受此问题（heading-sequence，记入 .reportlint-suppressions.json）');
    // The analysis can change under an open menu (segmentation arrives, the cross-file index
    // grows): the click names the finding, not only its place in the list. A finding that went
    // is said, and nothing recorded; one that moved in the list is still the one accepted.
    const [u, index, at] = accept.command!.arguments as [string, number, { rule: string; start: number; end: number }];
    const said = client.received.length;
    await client.conn.sendRequest(ExecuteCommandRequest.type, { command: accept.command!.command, arguments: [u, index, { ...at, start: at.start + 1 }] });
    expect(existsSync(join(folder, '.reportlint-suppressions.json'))).toBe(false);
    expect(client.received.slice(said).filter((r) => r.method === 'window/showMessage').map((r) => (r.params as { message: string }).message)).toEqual(['Report Lint: 该问题已不再报告，未记录任何内容。']);
    await client.conn.sendRequest(ExecuteCommandRequest.type, { command: accept.command!.command, arguments: [u, index === 0 ? 1 : 0, at] });
    const recorded = JSON.parse(readFileSync(join(folder, '.reportlint-suppressions.json'), 'utf8'));
    expect(recorded.suppressions).toEqual([expect.objectContaining({ file: 'project-002.txt', rule: 'heading-sequence', count: 1 })]);
    expect((await diagnostics(uri)).some((d) => d.code === 'heading-sequence')).toBe(false);
    rmSync(join(folder, '.reportlintrc.json'));
    rmSync(join(folder, '.reportlint-suppressions.json'));
    await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: fileUri('.reportlintrc.json'), type: FileChangeType.Deleted }] });
    expect((await diagnostics(uri)).length).toBe(before.length);
  });

  it('never writes over a suppressions file it could not read, and offers no accepting outside the workspace folders', async () => {
    const uri = await open('project-002.txt', seed('002'));
    // A hand edit left a trailing comma: the one entry in it must survive a click on "accept".
    const broken = '{"version": 1, "suppressions": [{"file": "other.txt", "rule": "stray-text", "fingerprint": "0123456789abcdef", "count": 1},]}';
    writeFileSync(join(folder, '.reportlint-suppressions.json'), broken);
    await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: fileUri('.reportlint-suppressions.json'), type: FileChangeType.Created }] });
    const seq = (await diagnostics(uri)).find((d) => d.code === 'heading-sequence')!;
    const actions = (await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: seq.range, context: { diagnostics: [seq] } })) as CodeAction[];
    const accept = actions.find((a) => a.command?.command === 'reportLint.acceptFinding')!;
    const said = client.received.length;
    await client.conn.sendRequest(ExecuteCommandRequest.type, { command: accept.command!.command, arguments: accept.command!.arguments });
    expect(readFileSync(join(folder, '.reportlint-suppressions.json'), 'utf8')).toBe(broken);
    const errors = client.received.slice(said).filter((r) => r.method === 'window/showMessage').map((r) => (r.params as { type: number; message: string }));
    expect(errors).toEqual([{ type: 1, message: expect.stringMatching(/^Report Lint: 未能记录接受的问题：.*\.reportlint-suppressions\.json: not valid JSON/) }]);
    expect((await diagnostics(uri)).some((d) => d.code === 'heading-sequence')).toBe(true);
    rmSync(join(folder, '.reportlint-suppressions.json'));
    await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: fileUri('.reportlint-suppressions.json'), type: FileChangeType.Deleted }] });

    // A report outside the workspace folders has no suppressions file: no "accept" offered.
    const outside = pathToFileURL(join(tempDir('report-lint-outside-'), '2019年工作报告.txt')).toString();
    await client.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: outside, languageId: 'workreport', version: 1, text: seed('002') } });
    const there = (await diagnostics(outside)).find((d) => d.code === 'heading-sequence')!;
    const offered = (await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri: outside }, range: there.range, context: { diagnostics: [there] } })) as CodeAction[];
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.some((a) => a.command?.command === 'reportLint.acceptFinding')).toBe(false);
  });
});
