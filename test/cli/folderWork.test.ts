/**
 * scripts/folder-work.mjs, the bench's floor for the folder: it must time the work the CLI does,
 * or the floor it prints says nothing of the CLI's run. The same findings as the CLI on a folder
 * the bench's generator makes (copies across files, Markdown-like lines in .txt files).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFolder } from '../../scripts/corpus.mjs';
import { ROOT, tempDir } from '../helpers';

const BIN = join(ROOT, (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['report-lint']);

interface FolderWork {
  reports: number;
  findings: number;
  perReportMs: number;
  segmenterLoadMs: number;
  matchMs: number;
  twoCoresAsRunS: number;
  twoCoresEvenS: number;
}

describe('folder-work (the folder’s own work, for the bench)', () => {
  it('counts the findings the CLI reports on the same folder, copies from other files included', () => {
    const dir = tempDir('report-lint-folder-work-');
    (buildFolder(40) as string[]).forEach((text, i) => writeFileSync(join(dir, `report-${String(i).padStart(2, '0')}.txt`), text));
    // Word segmentation off: its load (~0.5 s) would be most of the test's time, and it is timed apart.
    const config = join(dir, 'no-segmentation.json');
    writeFileSync(config, JSON.stringify({ rules: { 'repeated-word': 'off' } }));

    const work = spawnSync(process.execPath, [join(ROOT, 'scripts/folder-work.mjs'), '--json', '--passes', '2', dir, config], { encoding: 'utf8' });
    expect(work.stderr).toBe('');
    expect(work.status).toBe(0);
    const w = JSON.parse(work.stdout) as FolderWork;

    const cli = spawnSync(process.execPath, [BIN, '--format', 'json', '--jobs', '1', '--config', config, dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(cli.status).toBe(1);
    const entries = JSON.parse(cli.stdout) as { diagnostics: { rule: string; message: string }[] }[];
    const diagnostics = entries.flatMap((e) => e.diagnostics);
    // Copies from other files are part of it (the corpus matched, not only each file alone).
    expect(diagnostics.some((d) => d.rule === 'duplicate-paragraph' && /report-\d\d\.txt/.test(d.message))).toBe(true);

    expect(w.reports).toBe(40);
    expect(w.findings).toBe(diagnostics.length);
    expect(w.segmenterLoadMs).toBe(0);
    expect(w.matchMs).toBeGreaterThan(0);
    expect(w.twoCoresAsRunS).toBeGreaterThanOrEqual(w.twoCoresEvenS);
    expect(w.twoCoresEvenS).toBeGreaterThan(0);
  });

  it('says how to call it when no folder is given', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/folder-work.mjs'), '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^usage: node scripts\/folder-work\.mjs/);
  });
});
