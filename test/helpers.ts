import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, onTestFinished } from 'vitest';
import type { Edit } from '../server/src/core';

export const ROOT = join(__dirname, '..');
export const SEEDS = join(ROOT, 'seeds');

export const SEED_FILES = {
  '000': '000_986a22989dbee875.txt',
  '001': '001_e800698201df5abc.txt',
  '002': '002_123356d434bd18c3.txt',
  '003': '003_d5803b60ae0d1b2b.txt',
  '004': '004_26a1485d52dc385d.txt',
} as const;

export function seed(id: keyof typeof SEED_FILES): string {
  return readFileSync(join(SEEDS, SEED_FILES[id]), 'utf8');
}

/**
 * A new folder in the system's temporary one, removed when the test that made it ends — or, made
 * outside a test (a file's or a describe's top level), when the tests around it end. A test run
 * left ~25 folders behind, some of 20 MB.
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    onTestFinished(remove);
  } catch {
    afterAll(remove);
  }
  return dir;
}

/** Applies non-overlapping edits (any order) to a text. Throws on overlap: fixes must never collide. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start);
  let out = text;
  let floor = Infinity;
  for (const e of sorted) {
    if (e.span.end > floor) throw new Error(`overlapping edits at ${e.span.start}`);
    out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
    floor = e.span.start;
  }
  return out;
}

/** 1-based line of a line-0-based position's text, for messages. */
export function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
