// @ts-check
/**
 * End-to-end tests, run inside a real VS Code (code-server's extension host) against the
 * installed .vsix: only the public VS Code API and the extension's commands, as a user's editor
 * drives them. Each test polls until the language server has answered (never a fixed sleep for
 * results). Results go to $REPORT_LINT_E2E_REPORT; a failure makes run() reject, and the
 * workbench exits with code 1.
 */
const vscode = require('vscode');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const EXTENSION_ID = 'report-lint.report-lint';
const SEED_000 = '000_986a22989dbee875.txt';
const SEED_002 = '002_123356d434bd18c3.txt';

/** @type {{ name: string, fn: () => Promise<void> }[]} */
const tests = [];
/** @param {string} name @param {() => Promise<void>} fn */
const test = (name, fn) => tests.push({ name, fn });

/**
 * @template T
 * @param {() => Promise<T | undefined> | T | undefined} probe
 * @param {string} what
 */
async function until(probe, what, ms = 30000) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function workspaceFile(name) {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function show(name) {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** @param {vscode.Uri} uri @returns {Promise<vscode.DocumentSymbol[]>} */
async function outline(uri) {
  return until(async () => {
    const symbols = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri);
    return Array.isArray(symbols) && symbols.length > 0 ? /** @type {vscode.DocumentSymbol[]} */ (symbols) : undefined;
  }, 'document symbols');
}

/** @param {vscode.Uri} uri @param {(d: vscode.Diagnostic[]) => boolean} ready */
async function diagnostics(uri, ready) {
  return until(() => {
    const items = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'report-lint');
    return ready(items) ? items : undefined;
  }, `diagnostics of ${path.basename(uri.path)}`);
}

const code = (/** @type {vscode.Diagnostic} */ d) => String(typeof d.code === 'object' ? d.code.value : d.code);

test('the installed .vsix is the extension under test, and it activates', async () => {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  assert.ok(!ext.extensionPath.includes('stand-in'), ext.extensionPath);
  await show(SEED_000);
  await until(() => (ext.isActive ? true : undefined), 'activation');
});

test('seed 000: the outline has the front matter, both parts and their numbered sections', async () => {
  const uri = workspaceFile(SEED_000);
  const symbols = await outline(uri);
  assert.deepEqual(symbols.map((s) => s.name), ['中国人民政治协商会议 衡阳市委员会常务委员会工作报告', '2018年工作回顾', '2019年工作安排']);
  assert.deepEqual(symbols[1].children.map((c) => c.name.slice(0, 2)), ['一、', '二、', '三、', '四、', '五、']);
  assert.deepEqual(symbols[2].children.map((c) => c.name.slice(0, 2)), ['一、', '二、', '三、', '四、']);
  assert.match(symbols[1].detail, /^[\d,]+ 字$/);
});

test('seed 000: each numbered section folds from its heading to the line before the next one', async () => {
  const uri = workspaceFile(SEED_000);
  const symbols = await outline(uri);
  /** @type {vscode.FoldingRange[]} */
  const ranges = await vscode.commands.executeCommand('vscode.executeFoldingRangeProvider', uri);
  for (const part of symbols.slice(1)) {
    const starts = part.children.map((c) => c.selectionRange.start.line);
    for (let i = 0; i < starts.length; i++) {
      const fold = ranges.find((r) => r.start === starts[i]);
      assert.ok(fold, `a fold at line ${starts[i] + 1}`);
      if (i + 1 < starts.length) assert.ok(fold.end < starts[i + 1], `the fold at ${starts[i] + 1} ends before ${starts[i + 1] + 1}`);
    }
  }
});

test('seed 000: the hover on 一、 of the 2018 review summarises that section', async () => {
  const uri = workspaceFile(SEED_000);
  const doc = await vscode.workspace.openTextDocument(uri);
  const one = (await outline(uri))[1].children[0];
  /** @type {vscode.Hover[]} */
  const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, one.selectionRange.start);
  const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
  const plain = text.replace(/\\(.)/g, '$1');
  assert.match(plain, /2018年工作回顾 › 一、切实强化思想引领，坚持正确政治方向/);
  assert.match(plain, /[\d,]+ characters · \d+ paragraphs · lines \d+–\d+/);
  const quote = plain.split('\n').find((l) => l.startsWith('> '));
  assert.ok(quote, 'a summary sentence');
  const first = quote.slice(2).split(/[。！？…]/)[0];
  assert.ok(doc.getText(one.range).includes(first), `“${first}” comes from the section`);
});

test('seed 002: the diagnostics name the missing 四、, the copies, the page breaks and the web debris', async () => {
  await show(SEED_002);
  const uri = workspaceFile(SEED_002);
  const items = await diagnostics(uri, (d) => d.some((x) => code(x) === 'heading-sequence') && d.some((x) => code(x) === 'duplicate-paragraph'));
  const at = (rule) => items.filter((d) => code(d) === rule).map((d) => d.range.start.line + 1);
  assert.deepEqual(at('heading-sequence'), [77]);
  assert.match(items.find((d) => code(d) === 'heading-sequence').message, /“四、” is missing before “五、”/);
  assert.deepEqual(at('duplicate-paragraph'), [103, 105]);
  assert.deepEqual(at('broken-paragraph'), [49, 69, 83, 97]);
  assert.deepEqual(at('stray-text'), [3, 5, 7, 9, 11, 23]);
  assert.equal(items.find((d) => code(d) === 'heading-sequence').severity, vscode.DiagnosticSeverity.Error);
});

test('seed 002: the quick fix of heading-sequence changes exactly 五、 into 四、, and undo restores it', async () => {
  const uri = workspaceFile(SEED_002);
  const doc = await vscode.workspace.openTextDocument(uri);
  const before = doc.getText();
  const diag = (await diagnostics(uri, (d) => d.some((x) => code(x) === 'heading-sequence'))).find((d) => code(d) === 'heading-sequence');
  /** @type {vscode.CodeAction[]} */
  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, diag.range, vscode.CodeActionKind.QuickFix.value);
  const fix = actions.find((a) => a.edit && a.title.startsWith('Renumber the headings of this level'));
  assert.ok(fix, `a fix among: ${actions.map((a) => a.title).join(' | ')}`);
  assert.ok(actions.some((a) => a.command?.command === 'reportLint.disableRule'), 'the disable-rule action is offered');
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  const lines = before.split('\n');
  assert.ok(lines[76].startsWith('五、'));
  lines[76] = '四、' + lines[76].slice(2);
  assert.equal(doc.getText(), lines.join('\n'));
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('undo');
  assert.equal(doc.getText(), before);
});

test('commands: renumber all headings, copy the outline, show the statistics', async () => {
  const doc002 = await show(SEED_002);
  const before = doc002.getText();
  await vscode.commands.executeCommand('reportLint.renumberHeadings');
  await until(() => (doc002.getText() !== before ? true : undefined), 'the renumbering edit');
  assert.equal(doc002.lineAt(76).text.slice(0, 2), '四、');
  assert.equal(doc002.getText().length, before.length);
  await vscode.commands.executeCommand('undo');
  assert.equal(doc002.getText(), before);

  await show(SEED_000);
  await vscode.commands.executeCommand('reportLint.copyOutline');
  const copied = await vscode.env.clipboard.readText();
  assert.deepEqual(copied.split('\n').slice(1, 3), ['2018年工作回顾', '  一、切实强化思想引领，坚持正确政治方向']);

  await vscode.commands.executeCommand('reportLint.showStatistics');
  const stats = await until(() => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'report-lint-stats' && d.uri.path.startsWith('/000_')), 'the statistics document');
  assert.match(stats.getText(), /\| Characters \(字数\) \| 8,251 \|/);
  assert.match(stats.getText(), /\| 2018年工作回顾 \| 6,184 \|/);
});

test('workspace symbols find headings by their Chinese text', async () => {
  /** @type {vscode.SymbolInformation[]} */
  const found = await until(async () => {
    const r = await vscode.commands.executeCommand('vscode.executeWorkspaceSymbolProvider', '思想引领');
    return Array.isArray(r) && r.length ? r : undefined;
  }, 'workspace symbols');
  assert.ok(found.some((s) => s.name === '一、切实强化思想引领，坚持正确政治方向' && s.location.uri.path.endsWith(SEED_000)));
});

test('settings: messages follow reportLint.locale, and "disable this rule" switches a rule off', async () => {
  const uri = workspaceFile(SEED_002);
  await show(SEED_002);
  const config = vscode.workspace.getConfiguration('reportLint');
  await config.update('locale', 'zh-cn', vscode.ConfigurationTarget.Global);
  try {
    await diagnostics(uri, (d) => d.some((x) => code(x) === 'heading-sequence' && x.message.includes('标题编号不连续')));
  } finally {
    await config.update('locale', undefined, vscode.ConfigurationTarget.Global);
  }
  await vscode.commands.executeCommand('reportLint.disableRule', 'stray-text');
  try {
    await diagnostics(uri, (d) => d.length > 0 && !d.some((x) => code(x) === 'stray-text'));
    assert.equal(vscode.workspace.getConfiguration('reportLint').get('rules')['stray-text'], 'off');
  } finally {
    await vscode.workspace.getConfiguration('reportLint').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
  }
  await diagnostics(uri, (d) => d.some((x) => code(x) === 'stray-text'));
});

test('"check all reports" fills the Problems panel for files that are not open', async () => {
  await vscode.commands.executeCommand('reportLint.lintWorkspace');
  const uri = workspaceFile('004_26a1485d52dc385d.txt');
  assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'seed 004 is not open');
  const items = vscode.languages.getDiagnostics(uri);
  assert.ok(items.some((d) => code(d) === 'punctuation-width'), `diagnostics of 004: ${items.length}`);
});

/** The command lines of the installed extension's language server processes. */
function serverProcesses() {
  const { execFileSync } = require('node:child_process');
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    // The client starts the bundle (scripts/bundle.mjs), not tsc's output.
    .filter((l) => ext && l.includes(path.join(ext.extensionPath, 'server', 'out', 'lsp', 'report-lint-server.js')))
    .map((l) => l.trim());
}

/** The language server processes of the installed extension, by pid. */
function serverPids() {
  return serverProcesses().map((l) => Number(l.split(/\s+/)[0]));
}

test('a crashed server is restarted by the client, and the outline and diagnostics come back', async () => {
  const before = serverPids();
  assert.equal(before.length, 1, `one server process (${before.join(', ')})`);
  // Started with the node options the bench measured (the young generation's size, V8's threads).
  const { serverNodeOptions } = require(path.join(vscode.extensions.getExtension(EXTENSION_ID).extensionPath, 'server', 'out', 'lsp', 'protocol.js'));
  const [commandLine] = serverProcesses();
  for (const option of serverNodeOptions(require('node:os').availableParallelism())) assert.ok(commandLine.split(/\s+/).includes(option), `${option} in: ${commandLine}`);
  // …and glibc's malloc on huge pages (node/hugePages.ts), in its environment.
  const environ = require('node:fs').readFileSync(`/proc/${before[0]}/environ`, 'utf8').split('\0');
  const tunables = environ.find((v) => v.startsWith('GLIBC_TUNABLES='));
  assert.ok(tunables && tunables.split(/[=:]/).includes('glibc.malloc.hugetlb'), `GLIBC_TUNABLES in the server's environment: ${tunables}`);
  process.kill(before[0], 'SIGKILL');
  const after = await until(() => {
    const pids = serverPids();
    return pids.length === 1 && pids[0] !== before[0] ? pids : undefined;
  }, 'a new server process');
  assert.notEqual(after[0], before[0]);
  const uri = workspaceFile(SEED_000);
  await show(SEED_000);
  const symbols = await outline(uri);
  assert.deepEqual(symbols.map((s) => s.name).slice(1), ['2018年工作回顾', '2019年工作安排']);
  await show(SEED_002);
  await diagnostics(workspaceFile(SEED_002), (d) => d.some((x) => code(x) === 'heading-sequence'));
});

test('screenshot: the outline view and a hover summary', async () => {
  const shots = process.env.REPORT_LINT_E2E_SHOTS;
  if (!shots) return;
  const uri = workspaceFile(SEED_000);
  const one = (await outline(uri))[1].children[0];
  // As a Chinese user sees it.
  await vscode.workspace.getConfiguration('reportLint').update('locale', 'zh-cn', vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('workbench.files.action.collapseExplorerFolders');
  await vscode.commands.executeCommand('outline.focus');
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
  editor.selection = new vscode.Selection(one.selectionRange.start.translate(0, 2), one.selectionRange.start.translate(0, 2));
  editor.revealRange(new vscode.Range(one.selectionRange.start.translate(-3), one.selectionRange.start), vscode.TextEditorRevealType.AtTop);
  await new Promise((r) => setTimeout(r, 1500)); // let the outline view render its tree
  await vscode.commands.executeCommand('editor.action.showHover');
  await new Promise((r) => setTimeout(r, 1500)); // and the hover widget appear
  fs.writeFileSync(path.join(shots, 'outline-hover.request'), '');
  await until(() => (fs.existsSync(path.join(shots, 'outline-hover.png')) ? true : undefined), 'the screenshot', 20000);
  await vscode.workspace.getConfiguration('reportLint').update('locale', undefined, vscode.ConfigurationTarget.Global);
});

async function run() {
  const report = process.env.REPORT_LINT_E2E_REPORT;
  const lines = [];
  let failed = 0;
  const start = Date.now();
  for (const t of tests) {
    const t0 = Date.now();
    try {
      await t.fn();
      lines.push(`  ✓ ${t.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      lines.push(`  ✗ ${t.name} (${Date.now() - t0} ms)\n      ${String(e && e.stack ? e.stack : e).split('\n').slice(0, 6).join('\n      ')}`);
    }
  }
  lines.push(`e2e: ${tests.length - failed} passed, ${failed} failed in ${((Date.now() - start) / 1000).toFixed(1)} s (VS Code ${vscode.version})`);
  const text = lines.join('\n') + '\n';
  if (report) fs.writeFileSync(report, text);
  console.log(text);
  if (failed) throw new Error(`${failed} end-to-end test(s) failed`);
}

module.exports = { run };
