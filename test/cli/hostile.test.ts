/**
 * The CLI on hostile input: it reports what it cannot read, with the reason, and lints the rest.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, seed, tempDir } from '../helpers';

/** What `npx report-lint` runs: the bundle named by package.json's bin (scripts/bundle.mjs). */
const BIN = join(ROOT, (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['report-lint']);

interface FileEntry {
  file: string;
  diagnostics: { rule: string; range: { start: { line: number } } }[];
  error?: string;
}

describe('report-lint on hostile input', () => {
  it('reports unreadable files with their reason, lints the rest, and treats CRLF and CR like LF', () => {
    const dir = tempDir('report-lint-hostile-');
    const lf = seed('002').replace(/\r\n/g, '\n');
    const utf8 = (name: string, text: string) => writeFileSync(join(dir, name), text);
    utf8('a-lf.txt', lf);
    utf8('b-crlf.txt', lf.replace(/\n/g, '\r\n'));
    utf8('c-cr.txt', lf.replace(/\n/g, '\r'));
    utf8('d-empty.txt', '');
    utf8('e-one-line.txt', seed('000').replace(/\r?\n/g, '').repeat(12).slice(0, 350_000));
    utf8('f-headings.txt', Array.from({ length: 100_000 }, (_, i) => `${i + 1}.标题`).join('\n'));
    utf8('g-brackets.txt', '（'.repeat(300_000) + '一）');
    // About 20 MB: the seeds again and again.
    const all = ['000', '001', '003', '004'].map((id) => seed(id as '000')).join('\n\n');
    utf8('h-20mb.txt', all.repeat(Math.ceil((20 * 1024 * 1024) / Buffer.byteLength(all))));
    writeFileSync(join(dir, 'x-binary.txt'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131) % 256)));
    writeFileSync(join(dir, 'y-invalid-utf8.txt'), Buffer.concat([Buffer.from('一、工作回顾\n'), Buffer.from([0xc3, 0x28, 0xe4, 0xb8]), Buffer.from('二、')]));
    // UTF-16LE with a BOM and a lone high surrogate.
    writeFileSync(join(dir, 'z-lone-surrogate.txt'), Buffer.from([0xff, 0xfe, 0x00, 0x4e, 0x01, 0x30, 0x00, 0xd8, 0x8c, 0x4e]));

    const r = spawnSync(process.execPath, [BIN, '--format', 'json', '--jobs', '1', dir], { encoding: 'utf8', maxBuffer: 1 << 30 });
    expect(r.status).toBe(2);
    const out = JSON.parse(r.stdout) as FileEntry[];
    const by = (name: string) => out.find((e) => e.file.endsWith(name))!;
    expect(out).toHaveLength(11);
    expect(by('x-binary.txt').error).toMatch(/binary data/);
    expect(by('y-invalid-utf8.txt').error).toMatch(/not valid UTF-8, UTF-16 \(with BOM\) or GB18030/);
    expect(by('z-lone-surrogate.txt').error).toMatch(/not valid utf-16le/);
    for (const name of ['x-binary.txt', 'y-invalid-utf8.txt', 'z-lone-surrogate.txt']) expect(r.stderr).toContain(`${name}: `);

    const key = (e: FileEntry) => e.diagnostics.map((d) => `${d.rule}@${d.range.start.line}`).join(' ');
    expect(key(by('a-lf.txt'))).toContain('heading-sequence@76');
    expect(key(by('b-crlf.txt'))).toBe(key(by('a-lf.txt')));
    expect(key(by('c-cr.txt'))).toBe(key(by('a-lf.txt')));
    expect(by('d-empty.txt').diagnostics).toEqual([]);
    expect(by('e-one-line.txt').diagnostics.every((d) => d.range.start.line === 0)).toBe(true);
    expect(by('f-headings.txt').diagnostics.filter((d) => d.rule === 'heading-sequence')).toEqual([]);
    expect(by('h-20mb.txt').diagnostics.length).toBeGreaterThan(1000);
  });

  it('lints one huge paragraph of figures, dates, parts and totals without sentence ends (the rules stay linear in it)', () => {
    // Each rule that looks through a figure's sentence once per figure was quadratic in such a
    // line (a report pasted without its full stops): minutes, past this test's time limit.
    const dir = tempDir('report-lint-hostile-');
    let line = '';
    for (let i = 0; line.length < 400_000; i++) {
      line += `2019年是新中国成立${70 + (i % 3)}周年，全年共收到提案${600 + (i % 9)}件，其中立案${500 + (i % 7)}件，立案率达${90 + (i % 9)}%，分别为委员提案${300 + (i % 5)}件和集体提案${200 + (i % 4)}件；开展送医、送药、送文化、送科技“${'三五六'[i % 3]}送”活动，`;
    }
    writeFileSync(join(dir, 'one-paragraph.txt'), line);
    const r = spawnSync(process.execPath, [BIN, '--format', 'json', join(dir, 'one-paragraph.txt')], { encoding: 'utf8', maxBuffer: 1 << 30 });
    expect(r.status).toBe(1);
    const rules = new Set((JSON.parse(r.stdout) as FileEntry[])[0].diagnostics.map((d) => d.rule));
    for (const rule of ['date-arithmetic', 'figure-rate', 'figure-sum', 'count-mismatch']) expect(rules).toContain(rule);
  });

  it('lints one huge paragraph of budget balances, defined rates and structures in one pass over it', () => {
    // The balance, 城镇化率 and structure checks first looked back through the paragraph, or on to
    // the end of the text, once per sentence or per rate: 145–252 s on 1 MB of such sentences.
    const dir = tempDir('report-lint-hostile-');
    let line = '';
    for (let i = 0; line.length < 800_000; i++) {
      line += `基金收入${28 + (i % 5)}.6亿元。基金支出25.1亿元。当年收支结余3.${i % 9}亿元。收入总计32.6亿元，支出总计31.8亿元，收支相抵，结转下年支出0.${i % 9}亿元。常住人口486.3万人，城镇人口312.8万人，常住人口城镇化率为6${i % 9}.3%。三次产业结构为8.7∶4${i % 9}.4∶50.9。`;
    }
    writeFileSync(join(dir, 'one-paragraph.txt'), line);
    const r = spawnSync(process.execPath, [BIN, '--format', 'json', join(dir, 'one-paragraph.txt')], { encoding: 'utf8', maxBuffer: 1 << 30 });
    expect(r.status).toBe(1);
    const found = (JSON.parse(r.stdout) as FileEntry[])[0].diagnostics;
    expect(found.filter((d) => d.rule === 'figure-rate').length).toBeGreaterThan(1000);
    expect(found.some((d) => d.rule === 'figure-sum' && d.message.startsWith('The balance'))).toBe(true);
    expect(found.some((d) => d.rule === 'figure-sum' && d.message.startsWith('The shares of a structure'))).toBe(true);
  });

  it.skipIf(process.platform === 'win32')('never opens a pipe or a device, reads a folder or file reached again by symlinks once, and reports files over --max-file-size', () => {
    // Before: a pipe and /dev/zero were "no such file or directory"; a symlink to its own folder
    // made the walk go round until the system's limit of 40 links (each seed linted 41 times).
    const dir = tempDir('report-lint-hostile-');
    writeFileSync(join(dir, 'a.txt'), seed('000'));
    writeFileSync(join(dir, 'big.txt'), seed('003').repeat(4)); // ~100 KB
    symlinkSync('a.txt', join(dir, 'same.txt'));
    symlinkSync('.', join(dir, 'loop'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'b.txt'), seed('001'));
    symlinkSync('../sub', join(dir, 'sub', 'again'));
    symlinkSync('y.txt', join(dir, 'x.txt'));
    symlinkSync('x.txt', join(dir, 'y.txt'));
    execFileSync('mkfifo', [join(dir, 'fifo.txt')]);

    const r = spawnSync(process.execPath, [BIN, '--format', 'json', '--max-file-size', '0.05', dir, join(dir, 'fifo.txt'), '/dev/zero', join(dir, 'a.txt')], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    const out = JSON.parse(r.stdout) as FileEntry[];
    const name = (e: FileEntry) => e.file.slice(dir.length + 1) || e.file;
    // Sorted walk: a.txt, big.txt, loop/ (the folder again: skipped), same.txt (a.txt again:
    // skipped), sub/again/ (sub again: skipped), sub/b.txt, the symlink loop x.txt ⇄ y.txt; then
    // the paths named after the folder (a.txt once more: skipped).
    expect(out.map(name)).toEqual(['a.txt', 'big.txt', 'sub/b.txt', 'x.txt', 'y.txt', 'fifo.txt', '/dev/zero']);
    const by = (n: string) => out.find((e) => name(e) === n)!;
    expect(by('a.txt').diagnostics.length).toBeGreaterThan(0);
    expect(by('sub/b.txt').diagnostics.length).toBeGreaterThan(0);
    expect(by('big.txt').error).toMatch(/^larger than the --max-file-size limit \(10\d KB > 52 KB\)$/);
    expect(by('x.txt').error).toMatch(/ELOOP/);
    expect(by('fifo.txt').error).toBe('not a regular file (a pipe, a device or a socket)');
    expect(by('/dev/zero').error).toBe('not a regular file (a pipe, a device or a socket)');
    // a.txt's copy in sub/b.txt? None: the seeds differ. Its own copy under same.txt would be none
    // either (one text twice is one report), but it is not even read.
    expect(r.stderr).not.toMatch(/same\.txt|loop\//);
  });

  it('the worker threads too leave unread a Word file whose text unpacks past --max-file-size', async () => {
    const { Document, Packer, Paragraph } = await import('docx');
    const dir = tempDir('report-lint-hostile-');
    const lines = ['一、总体情况', ...Array.from({ length: 800 }, (_, i) => `今年召开专题协商会议${i + 1}次，提出意见建议一百余条。`), '三、下一步安排'];
    writeFileSync(join(dir, 'a.docx'), await Packer.toBuffer(new Document({ sections: [{ children: lines.map((text) => new Paragraph({ text })) }] })));
    writeFileSync(join(dir, 'b.txt'), seed('000'));
    const r = spawnSync(process.execPath, [BIN, '--format', 'json', '--jobs', '2', '--max-file-size', '0.05', dir], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    const out = JSON.parse(r.stdout) as FileEntry[];
    expect(out[0].error).toBe('unpacked, larger than the --max-file-size limit (more than 52 KB)');
    expect(out[1].diagnostics.length).toBeGreaterThan(0);
    // Under a limit above its text, the same file is read.
    const read = JSON.parse(spawnSync(process.execPath, [BIN, '--format', 'json', '--jobs', '2', '--rule', 'heading-sequence', dir], { encoding: 'utf8', timeout: 60_000 }).stdout) as FileEntry[];
    expect(read[0].diagnostics.map((d) => `${d.rule}@${d.range.start.line + 1}`)).toEqual(['heading-sequence@802']);
  });
});
