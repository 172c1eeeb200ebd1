#!/usr/bin/env node
// Process glue for the CLI; everything else is in main.ts.
import * as fs from 'node:fs';
import { promisify } from 'node:util';
import { basename, dirname, join } from 'node:path';
import { isUtf8 } from 'node:buffer';
import { main, pathInfo } from './main';
import { shownName } from './decode';
import { availableParallelism } from 'node:os';
import { lazySegmenter } from '../node/segmenter';
import { TextMemo } from '../core';
import { hasHugePages, ownProcessEnv } from '../node/hugePages';

// node:fs's callbacks as promises: node:fs/promises loads node's readline with it, ~4 ms of a cold
// start.
const chmod = promisify(fs.chmod);
const readFile = promisify(fs.readFile);
const readdir = promisify(fs.readdir);
const realpath = promisify(fs.realpath);
const rename = promisify(fs.rename);
const stat = promisify(fs.stat);
const unlink = promisify(fs.unlink);
const writeFile = promisify(fs.writeFile);

/** Set in the environment of the process the CLI starts again (relaunchWithHugePages): this one's pid. */
const RELAUNCHED = 'REPORT_LINT_RELAUNCHED';
/** Signals that end this process and are passed on to the one it started (`timeout`, a CI job's end, Ctrl-C). */
const PASSED_ON: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * The same node, its options and the launcher with the same arguments, in `env`; stdin, stdout
 * and stderr are this process's. This one waits, passes on the signals that would end it, and
 * gives the new one's exit status — or, when it was ended by a signal, ends by the same one.
 * Undefined when it could not start (the run then goes on here).
 */
function relaunch(env: NodeJS.ProcessEnv): Promise<number | undefined> {
  // Loaded here, by the runs that start again: node:child_process costs every other run ~10 ms.
  const { spawn } = require('node:child_process') as typeof import('node:child_process');
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env });
  const passOn = (signal: NodeJS.Signals) => void child.kill(signal);
  for (const signal of PASSED_ON) process.on(signal, passOn);
  return new Promise((resolve) => {
    child.once('error', () => resolve(undefined));
    child.once('exit', (code, signal) => {
      for (const s of PASSED_ON) process.off(s, passOn);
      if (signal) process.kill(process.pid, signal);
      resolve(code ?? 2);
    });
  });
}

/**
 * Whether this run may start again on huge pages: on Linux, where the environment does not set
 * the tunable, once at most (a process started by this one never starts another, even where
 * something between them dropped GLIBC_TUNABLES), and not under a debugger, whose breakpoints are
 * in this process (`--inspect`, in the options or NODE_OPTIONS).
 */
function mayRelaunch(): boolean {
  if (process.platform !== 'linux' || hasHugePages(process.env) || process.env[RELAUNCHED] !== undefined) return false;
  return ![...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((a) => a.startsWith('--inspect') || a.startsWith('--debug'));
}

// The process started again stops when the one that started it has gone (killed outright, it
// could pass nothing on): nobody waits for its report any more.
const starter = process.env[RELAUNCHED];
if (starter !== undefined && /^\d+$/.test(starter)) {
  setInterval(() => {
    if (process.ppid !== Number(starter)) process.exit(2);
  }, 500).unref();
}

// One run sees most texts once: nothing is memoised by text (see TextMemo.turnOff).
TextMemo.turnOff();

// A reader that goes away (`report-lint … | head`) is no failure of the run: the rest of the report
// is dropped and the exit status still says what was found.
let stdoutClosed = false;
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') stdoutClosed = true;
  else {
    process.stderr.write(`report-lint: cannot write the report: ${e.message}\n`);
    process.exitCode = 2;
  }
});

/**
 * Writes to stdout, and when the pipe is full waits until it drains: stdout to a pipe is
 * asynchronous, and a report written faster than its reader reads (35 MB of JSON for a folder)
 * would otherwise pile up in memory.
 */
function writeOut(text: string): void | Promise<void> {
  if (stdoutClosed || process.stdout.write(text)) return;
  return new Promise((resolve) => {
    const done = () => {
      process.stdout.off('drain', done).off('close', done);
      resolve();
    };
    process.stdout.on('drain', done).on('close', done);
  });
}

main({
  argv: process.argv.slice(2),
  env: process.env,
  readFile: (p) => readFile(p),
  async readStdin(limit) {
    const chunks: Buffer[] = [];
    let n = 0;
    for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      n += chunk.length;
      // Enough to say it is too large: the rest is left unread (leaving the loop ends the stream).
      if (n > limit) break;
    }
    return Buffer.concat(chunks, Math.min(n, limit + 1));
  },
  async stat(p) {
    const s = await stat(p).catch((e: NodeJS.ErrnoException) => {
      // A dangling symlink is as good as absent; a loop of them (ELOOP) is said.
      if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return undefined;
      throw e;
    });
    return s && pathInfo(s);
  },
  // As bytes: a name that is not UTF-8 would come back with U+FFFD, and as no such file.
  readDir: async (p) =>
    Promise.all(
      (await readdir(p, { encoding: 'buffer' })).map(async (name) => {
        if (isUtf8(name)) return name.toString();
        const s = await stat(Buffer.concat([Buffer.from(join(p, '/')), name])).catch(() => undefined);
        return { ...shownName(name), kind: s ? pathInfo(s).kind : 'other' };
      }),
    ),
  joinPath: join,
  stdout: writeOut,
  stderr: (t) => process.stderr.write(t),
  segmenter: lazySegmenter,
  loadSegmenter() {
    // Loaded only by the runs that need it (the worker-thread module costs a cold start time).
    const { thread, segmenter } = (require('../node/segmenterChannel') as typeof import('../node/segmenterChannel')).startSegmenterThread();
    // If it dies, the rules that ask fail after the channel's timeout.
    thread.on('error', () => undefined);
    return segmenter;
  },
  cwd: process.cwd(),
  interactive: process.stderr.isTTY === true,
  // Loaded only when a run has more than one file to share between threads.
  lintInWorkers: (files, options) => (require('./parallel') as typeof import('./parallel')).lintInWorkers(files, options),
  cpus: availableParallelism(),
  relaunchWithHugePages: mayRelaunch() ? () => relaunch({ ...ownProcessEnv(process.env), [RELAUNCHED]: String(process.pid) }) : undefined,
  // Atomic: a temporary file beside the target, renamed over it; a crash leaves the original.
  async writeFile(path, data) {
    const old = await stat(path).catch(() => undefined);
    // Else the temporary file would be written beside the folder, in its parent, before the rename failed.
    if (old?.isDirectory()) throw new Error('EISDIR: it is a directory');
    // Through a symlink to the file it names (the rename would put a file in the link's place and
    // leave the linked file as it was), keeping the file's permissions.
    const target = old ? await realpath(path) : path;
    const tmp = join(dirname(target), `.${basename(target)}.report-lint-${process.pid}.tmp`);
    try {
      // Made with the file's mode (never readable by more, even for a moment), then given it
      // exactly (the mode of a new file passes through the umask).
      await writeFile(tmp, data, old ? { mode: old.mode & 0o7777 } : undefined);
      if (old) await chmod(tmp, old.mode & 0o7777);
      await rename(tmp, target);
    } catch (e) {
      await unlink(tmp).catch(() => {});
      throw e;
    }
  },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`report-lint: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
