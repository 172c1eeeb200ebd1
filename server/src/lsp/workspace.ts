import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { decode } from '../cli/decode';

/**
 * The report files of a workspace folder, by the same patterns as the `workreport` language:
 * `*报告*.txt`, `*报告*.md`, `*总结*.txt`, `*总结*.md`.
 */
const REPORT_EXTENSION = /\.(?:txt|md)$/i;
const REPORT_WORD = /报告|总结/;

const MAX_FILES = 5000;
const MAX_DEPTH = 12;
/** Larger files are not indexed for cross-file duplicates (they are still linted when opened). */
const MAX_BYTES = 8 * 1024 * 1024;

export function isReportFile(path: string): boolean {
  // Two tests, not one pattern: (?:报告|总结)[^/]*\.txt$ backtracks quadratically on a long name.
  const name = basename(path);
  return REPORT_EXTENSION.test(name) && REPORT_WORD.test(name);
}

export async function findReportFiles(root: string, cancelled: () => boolean = () => false): Promise<string[]> {
  return findFiles(root, isReportFile, cancelled);
}

/**
 * What "lint the workspace" covers: every .txt and .md file (the server then keeps those that are
 * mostly Chinese, as it does for open plain text), report-named or not.
 */
export async function findLintableFiles(root: string, cancelled: () => boolean = () => false): Promise<string[]> {
  return findFiles(root, (name) => /\.(?:txt|md|markdown)$/i.test(name), cancelled);
}

async function findFiles(root: string, wanted: (name: string) => boolean, cancelled: () => boolean): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH || out.length >= MAX_FILES || cancelled()) return;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p, depth + 1);
      else if (e.isFile() && wanted(e.name) && out.length < MAX_FILES) out.push(p);
    }
  };
  await walk(root, 0);
  return out;
}

/** The text of a report file, or undefined when it is too large or not text. */
export async function readReport(path: string): Promise<string | undefined> {
  const s = await stat(path).catch(() => undefined);
  if (!s || !s.isFile() || s.size > MAX_BYTES) return undefined;
  const bytes = await readFile(path).catch(() => undefined);
  if (!bytes) return undefined;
  const d = decode(bytes);
  return d.ok ? d.text : undefined;
}
