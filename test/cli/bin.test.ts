import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers';

const BIN = join(ROOT, 'server/out/cli/bin.js');

describe('report-lint (built bin)', () => {
  beforeAll(() => {
    if (!existsSync(BIN)) execFileSync('npx', ['tsc', '-b'], { cwd: ROOT });
  });

  it('lints the seeds from the command line with the contract exit code', () => {
    const r = spawnSync(process.execPath, [BIN, '--format', 'json', 'seeds'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toHaveLength(5);
    expect(out[2].diagnostics.filter((d: { category: string }) => d.category === 'structure').map((d: { rule: string }) => d.rule)).toEqual(['heading-sequence']);
  });

  it('exits 2 with a message for a path that does not exist', () => {
    const r = spawnSync(process.execPath, [BIN, 'no/such/file.txt'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no/such/file.txt: no such file or directory');
  });

  it('prints help and version', () => {
    expect(spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' }).stdout).toContain('Usage: report-lint');
    expect(spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' }).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
