/**
 * Data-driven tests at the boundary. Expectations live in sidecar files next to each input, never
 * inside it (a marker in one copy of a duplicated paragraph would break the very check under test).
 *
 * - fixtures/outline/<case>/input.txt|input.md → expected.txt: the outline tree as `report-lint
 *   outline` prints it.
 * - fixtures/rules/<rule>/<case>/input.txt|input.md → expected.json: that rule's findings (1-based
 *   line, English message); fixed.txt: the text after applying each finding's fix.
 *
 * `UPDATE_EXPECT=1 npx vitest run test/golden.test.ts` rewrites the expectations; review the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, outlineNodes, render, renderOutlineText, type Edit } from '../server/src/core';
import { applyEdits } from './helpers';
import { loadSegmenter } from '../server/src/node/segmenter';

const FIXTURES = join(__dirname, 'fixtures');
const UPDATE = process.env.UPDATE_EXPECT === '1';

function inputOf(dir: string): { path: string; text: string; markdown: boolean } {
  const md = join(dir, 'input.md');
  const path = existsSync(md) ? md : join(dir, 'input.txt');
  return { path, text: readFileSync(path, 'utf8'), markdown: path.endsWith('.md') };
}

function check(file: string, actual: string): void {
  if (UPDATE || !existsSync(file)) {
    writeFileSync(file, actual);
    if (!UPDATE) throw new Error(`${file} was missing and has been written: review it and run again`);
    return;
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const dirs = (p: string): string[] => (existsSync(p) ? readdirSync(p, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : []);

describe('outline fixtures', () => {
  for (const name of dirs(join(FIXTURES, 'outline'))) {
    it(name, () => {
      const dir = join(FIXTURES, 'outline', name);
      const { text, markdown } = inputOf(dir);
      const a = analyze(text, { markdown });
      check(join(dir, 'expected.txt'), renderOutlineText(outlineNodes(a.doc), a.lines));
    });
  }
});

describe('rule fixtures', () => {
  for (const rule of dirs(join(FIXTURES, 'rules'))) {
    describe(rule, () => {
      const cases = dirs(join(FIXTURES, 'rules', rule));
      it('has cases that must flag and cases that must not', () => {
        expect(cases.some((c) => c.startsWith('flag-'))).toBe(true);
        expect(cases.some((c) => c.startsWith('ok-'))).toBe(true);
      });
      for (const name of cases) {
        it(name, () => {
          const dir = join(FIXTURES, 'rules', rule, name);
          const { text, markdown } = inputOf(dir);
          const a = analyze(text, { markdown, segmenter: loadSegmenter() });
          const findings = a.findings.filter((f) => f.rule === rule);
          const rows = findings.map((f) => {
            const s = a.lines.positionAt(f.span.start);
            return { line: s.line + 1, character: s.character + 1, severity: f.severity, message: render(f.message, 'en'), fix: f.fix ? render(f.fix.title, 'en') : undefined };
          });
          check(join(dir, 'expected.json'), JSON.stringify(rows, null, 2) + '\n');
          if (name.startsWith('flag-')) expect(findings.length).toBeGreaterThan(0);
          else expect(findings).toEqual([]);
          const edits = uniqueEdits(findings.flatMap((f) => f.fix?.edits ?? []));
          if (edits.length > 0) check(join(dir, 'fixed.txt'), applyEdits(text, edits));
        });
      }
    });
  }
});

/** The same edit offered by several findings (a series renumbering) is applied once. */
function uniqueEdits(edits: readonly Edit[]): Edit[] {
  const seen = new Map<string, Edit>();
  for (const e of edits) seen.set(`${e.span.start}:${e.span.end}:${e.newText}`, e);
  return [...seen.values()];
}
