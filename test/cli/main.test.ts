import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, pathInfo, type CliIO } from '../../server/src/cli/main';
import { fallbackSegmenter } from '../../server/src/core';
import { ROOT, SEED_FILES, seed } from '../helpers';

/** main() over an in-memory folder, or the real one when no files are given. */
function run(argv: string[], files?: Record<string, Uint8Array | string>, env: Record<string, string> = {}, extra: Partial<CliIO> = {}) {
  let stdout = '';
  let stderr = '';
  const mem = files && new Map(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? new TextEncoder().encode(v) : v]));
  const io: CliIO = {
    argv,
    env,
    readFile: async (p) => {
      if (!mem) return readFile(join(ROOT, p));
      const b = mem.get(p);
      if (!b) throw new Error(`ENOENT: ${p}`);
      return b;
    },
    stat: async (p) => {
      if (!mem) {
        const s = await stat(join(ROOT, p)).catch(() => undefined);
        return s && pathInfo(s);
      }
      if (mem.has(p)) return { kind: 'file', size: mem.get(p)!.length };
      return [...mem.keys()].some((k) => k.startsWith(p + '/')) ? { kind: 'dir' } : undefined;
    },
    readDir: async (p) => (mem ? [...new Set([...mem.keys()].filter((k) => k.startsWith(p + '/')).map((k) => k.slice(p.length + 1).split('/')[0]))] : readdir(join(ROOT, p))),
    joinPath: (a, b) => `${a}/${b}`,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    ...extra,
  };
  return main(io).then((code) => ({ code, stdout, stderr }));
}

describe('report-lint (in process)', () => {
  it('lints the other rules while the segmenter loads, and reports what one analysis with it would', async () => {
    // Two reports with slips for repeated-word (one switched off by a comment), and one short one.
    const slips = '\n\n<!-- report-lint-disable-next-line repeated-word -->\n会议听取了了工作报告。\n\n各方的的意见都已办复，亲见、亲见。\n';
    const files = { 'd/a.txt': seed('000').replace('的', '的的') + slips, 'd/b.txt': seed('001') + slips };
    let loads = 0;
    const background = { segmenter: fallbackSegmenter, loadSegmenter: () => (loads++, fallbackSegmenter) };
    const plain = await run(['--format', 'json', '--jobs', '1', 'd'], files, {}, { segmenter: fallbackSegmenter });
    const meanwhile = await run(['--format', 'json', '--jobs', '1', 'd'], files, {}, background);
    expect(loads).toBe(1);
    expect(meanwhile.stdout).toBe(plain.stdout);
    expect(meanwhile.code).toBe(plain.code);
    const found = (JSON.parse(meanwhile.stdout) as { diagnostics: { rule: string }[] }[]).flatMap((f) => f.diagnostics.filter((d) => d.rule === 'repeated-word'));
    expect(found.length).toBeGreaterThanOrEqual(4);
    // One short report: loading in a thread would cost more than it saves.
    await run(['--format', 'json', 'd/b.txt'], files, {}, background);
    expect(loads).toBe(1);
  });

  it('starts again with huge pages when the run loads word segmentation, and only then', async () => {
    const files = { 'd/a.txt': seed('000'), 'd/b.txt': seed('001') };
    let relaunched = 0;
    const relaunch = (code: number | undefined) => ({ segmenter: fallbackSegmenter, relaunchWithHugePages: () => (relaunched++, code) });
    // repeated-word is on: the new process's exit code is the run's, and nothing is read or written here.
    // A file named but ignored is said by the new process, not twice.
    const ignoring = { 'd/.reportlintrc.json': JSON.stringify({ ignores: ['b.txt'] }) };
    const again = await run(['--format', 'json', 'd', 'd/b.txt'], { ...files, ...ignoring }, {}, relaunch(1));
    expect(relaunched).toBe(1);
    expect(again).toEqual({ code: 1, stdout: '', stderr: '' });
    expect((await run(['--format', 'json', 'd', 'd/b.txt'], { ...files, ...ignoring }, {}, { segmenter: fallbackSegmenter })).stderr).toContain('d/b.txt: ignored');
    expect((await run(['d/a.txt'], files, {}, relaunch(7))).code).toBe(2);
    relaunched = 0;
    // No rule that needs it, no segmenter, or the outline: no new process.
    const without = await run(['--format', 'json', '--rule', 'heading-sequence', '--rule', 'punctuation-width', 'd'], files, {}, relaunch(0));
    const config = { 'd/.reportlintrc.json': JSON.stringify({ rules: { 'repeated-word': 'off' } }) };
    await run(['--format', 'json', 'd'], { ...files, ...config }, {}, relaunch(0));
    await run(['--format', 'json', 'd'], files, {}, { relaunchWithHugePages: () => (relaunched++, 0) });
    await run(['outline', 'd/a.txt'], files, {}, relaunch(0));
    expect(relaunched).toBe(0);
    expect(JSON.parse(without.stdout)).toHaveLength(2);
    // A process that cannot start: the run goes on here, as one without the hook.
    const here = await run(['--format', 'json', 'd'], files, {}, relaunch(undefined));
    const plain = await run(['--format', 'json', 'd'], files, {}, { segmenter: fallbackSegmenter });
    expect(relaunched).toBe(1);
    expect(here).toEqual(plain);
  });

  it('reports heading-sequence on the 五、 of seed 002 and no structure finding elsewhere', async () => {
    const { code, stdout } = await run(['--format', 'json', 'seeds']);
    const out = JSON.parse(stdout) as { file: string; diagnostics: { rule: string; category: string; range: { start: { line: number } } }[] }[];
    expect(out.map((f) => f.file)).toEqual(Object.values(SEED_FILES).map((f) => `seeds/${f}`));
    const structure = out.flatMap((f) => f.diagnostics.filter((d) => d.category === 'structure').map((d) => `${f.file.slice(6, 9)}:${d.rule}:${d.range.start.line}`));
    expect(structure).toEqual(['002:heading-sequence:76']);
    expect(code).toBe(1);
  });

  it('prints the contract JSON shape', async () => {
    const { stdout } = await run(['--format', 'json', 'a.txt'], { 'a.txt': '一、甲\n\n正文。\n\n三、乙\n\n正文。' });
    expect(JSON.parse(stdout)).toEqual([
      {
        file: 'a.txt',
        diagnostics: [
          {
            rule: 'heading-sequence',
            category: 'structure',
            severity: 'error',
            message: 'Heading numbering skips a number: “二、” is missing before “三、”',
            range: { start: { line: 4, character: 0 }, end: { line: 4, character: 3 } },
            related: [{ file: 'a.txt', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, message: 'previous sibling heading' }],
          },
        ],
      },
    ]);
  });

  it('writes stylish output in the locale of LANG or --locale', async () => {
    const files = { 'r.txt': '一、甲\n\n正文。\n\n三、乙\n\n正文。' };
    const zh = await run(['r.txt'], files, { LANG: 'zh_CN.UTF-8' });
    expect(zh.stdout).toContain('5:1  错误  标题编号不连续：“三、”前缺少“二、”  heading-sequence');
    expect(zh.stdout).toContain('✖ 共 1 个问题（1 个错误，0 个警告）');
    const en = await run(['--locale', 'en', 'r.txt'], files, { LANG: 'zh_CN.UTF-8' });
    expect(en.stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
  });

  it('exits 0 on a clean report and prints nothing', async () => {
    expect(await run(['ok.md'], { 'ok.md': '# 报告\n\n## 一、甲\n\n正文。\n' })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('lints GB18030 and UTF-16 files like UTF-8 ones', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('一、甲\r\n正文。\r\n三、乙\r\n正文。', 'utf16le')]);
    const { stdout } = await run(['--format', 'json', 'u.txt'], { 'u.txt': utf16 });
    expect(JSON.parse(stdout)[0].diagnostics[0].range.start.line).toBe(2);
  });

  it('reports an unreadable file, still lints the others, and exits 2', async () => {
    const { code, stdout, stderr } = await run(['--format', 'json', 'bin.txt', 'missing.txt', 'ok.txt'], { 'bin.txt': Uint8Array.from([0, 1, 2, 0xff]), 'ok.txt': '一、甲\n' });
    expect(code).toBe(2);
    expect(stderr).toContain('bin.txt: binary data');
    expect(stderr).toContain('missing.txt: no such file or directory');
    expect(JSON.parse(stdout).map((f: { file: string; error?: string }) => [f.file, f.error !== undefined])).toEqual([['bin.txt', true], ['missing.txt', true], ['ok.txt', false]]);
  });

  it('reads ahead by position: where files have no identity (no inode numbers), a file named twice is linted twice, in order', async () => {
    const { stdout } = await run(['--format', 'json', 'a.txt', 'b.txt', 'a.txt'], { 'a.txt': '一、甲\n\n正文。\n\n三、乙\n', 'b.txt': '一、甲\n' });
    expect(JSON.parse(stdout).map((f: { file: string; diagnostics: unknown[] }) => [f.file, f.diagnostics.length])).toEqual([['a.txt', 1], ['b.txt', 0], ['a.txt', 1]]);
  });

  it('lints a file reached twice once, and reports a folder it cannot list while it searches the others', async () => {
    const files = { 'd/a.txt': '一、甲\n\n正文。\n\n三、乙\n', 'd/locked/x.txt': '一、甲\n', 'd/z/y.txt': '一、甲\n\n三、乙\n' };
    const mem = new Map(Object.entries(files));
    const { code, stdout, stderr } = await run(['--format', 'json', 'd', 'd/a.txt'], files, {}, {
      // Identities as a file system gives them: the path itself here.
      stat: async (p) => (mem.has(p) ? { kind: 'file', size: mem.get(p)!.length, id: p } : [...mem.keys()].some((k) => k.startsWith(p + '/')) ? { kind: 'dir', id: p } : undefined),
      readDir: async (p) => {
        if (p === 'd/locked') throw new Error("EACCES: permission denied, scandir 'd/locked'");
        return [...new Set([...mem.keys()].filter((k) => k.startsWith(p + '/')).map((k) => k.slice(p.length + 1).split('/')[0]))];
      },
    });
    expect(code).toBe(2);
    expect(stderr).toContain("report-lint: d/locked: EACCES: permission denied, scandir 'd/locked'");
    expect(JSON.parse(stdout).map((f: { file: string; error?: string; diagnostics: unknown[] }) => [f.file, f.error ?? f.diagnostics.length])).toEqual([
      ['d/a.txt', 1],
      ['d/locked', "EACCES: permission denied, scandir 'd/locked'"],
      ['d/z/y.txt', 1],
    ]);
  });

  it('searches directories recursively for .txt, .md and .docx in sorted order', async () => {
    const { stdout } = await run(['--format', 'json', 'd'], { 'd/b.md': '甲', 'd/a/z.txt': '乙', 'd/c.pdf': 'x', 'd/.git/x.txt': '丙', 'd/~$临时.docx': 'x' });
    expect(JSON.parse(stdout).map((f: { file: string }) => f.file)).toEqual(['d/a/z.txt', 'd/b.md']);
  });

  it('says on stderr where a disable comment names no rule, and lints as if it named none of them', async () => {
    const text = '<!-- report-lint-disable heading-sequense -->\n\n一、甲\n\n正文。\n\n三、乙\n';
    const { code, stdout, stderr } = await run(['--format', 'json', 'a.md'], { 'a.md': text });
    expect(JSON.parse(stdout)[0].diagnostics.map((d: { rule: string }) => d.rule)).toEqual(['heading-sequence']);
    expect(code).toBe(1);
    expect(stderr).toBe('report-lint: a.md:1:26: no rule is named heading-sequense; the comment does nothing for it\n');
  });

  it('rejects bad options with exit 2 and the usage', async () => {
    for (const argv of [['--format', 'xml', 'a.txt'], ['--bogus', 'a.txt'], [], ['--max-warnings', '-1', 'a.txt']]) {
      const r = await run(argv, {});
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toContain('Usage: report-lint');
    }
  });

  it('refuses to write the report over one of the files it lints', async () => {
    const files = { 'd/a.txt': seed('000'), 'd/b.txt': seed('002') };
    let written = '';
    const writeFile = async (p: string) => void (written += p);
    for (const [output, path] of [['d/b.txt', 'd'], ['d/a.txt', 'd/a.txt']]) {
      const r = await run(['-o', output, path], files, {}, { writeFile });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^report-lint: the report would be written over d/[ab]\\.txt, one of the files linted; give -o another file\\n$`));
    }
    expect(written).toBe('');
    // Another file, or one that is not linted: written.
    expect((await run(['-o', 'd/a.txt', 'd/b.txt'], files, {}, { writeFile })).code).toBe(1);
    expect(written).toBe('d/a.txt');
  });

  it('--fix leaves a file that changed on disk since it was read (saved from an editor meanwhile)', async () => {
    const text = '一、总体情况\n\n今年我们召开会议12次,学习文件。\n';
    const edited = text + '\n二、下一步\n\n明年继续。\n';
    for (const changed of [false, true]) {
      let reads = 0;
      let written: string | undefined;
      const r = await run(['--fix', 'r.txt'], {}, {}, {
        stat: async (p) => (p === 'r.txt' ? { kind: 'file', size: text.length } : undefined),
        readFile: async (p) => {
          if (p !== 'r.txt') throw new Error(`ENOENT: ${p}`);
          return new TextEncoder().encode(reads++ > 0 && changed ? edited : text);
        },
        writeFile: async (_p, data) => void (written = typeof data === 'string' ? data : new TextDecoder().decode(data)),
      });
      if (changed) {
        expect(written).toBeUndefined();
        expect(r.code).toBe(2);
        expect(r.stderr).toBe('report-lint: r.txt: not fixed: the file changed since it was read; run again\n');
      } else expect(written).toBe('一、总体情况\n\n今年我们召开会议12次，学习文件。\n');
    }
  });

  it('exits 1 when warnings exceed --max-warnings', async () => {
    const files = { 'w.txt': '一、甲\n\n正文。\n\n二，乙\n\n正文。' };
    expect((await run(['w.txt'], files)).code).toBe(0);
    expect((await run(['--max-warnings', '0', 'w.txt'], files)).code).toBe(1);
  });

  it('prints the outline of seed 000 with lines and 字数', async () => {
    const { code, stdout } = await run(['outline', 'seeds/000_986a22989dbee875.txt']);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[1]).toMatch(/^L3 +\[front matter\] 中国人民政治协商会议 衡阳市委员会常务委员会工作报告 +\(\d+ 字\)$/);
    expect(lines).toContain('L19   2018年工作回顾  (6,184 字)');
    expect(lines.filter((l) => /^L\d+ +[一二三四五]、/.test(l))).toHaveLength(9);
  });

  it('prints the outline as JSON with 0-based lines and ranges', async () => {
    const { stdout } = await run(['outline', '--format', 'json', 'seeds/003_d5803b60ae0d1b2b.txt']);
    const [file] = JSON.parse(stdout);
    const parts = file.outline.filter((n: { kind: string }) => n.kind === 'part');
    expect(parts.map((p: { name: string; line: number }) => [p.name, p.line])).toEqual([['2019年工作回顾', 13], ['2020年工作安排', 45]]);
    expect(parts[0].children.filter((c: { kind: string }) => c.kind === 'numbered')).toHaveLength(5);
  });

  it('shows the control characters of file names and report text as \\x1b in human output, never sends them; JSON keeps them escaped', async () => {
    // A name that retitles the terminal (ESC ] 0 ; … BEL) and breaks its line; text that turns it red.
    const name = 'd/n\x1b]0;pwned\x07\nx.txt';
    const text = '一、总体情况\x1b[31m\n全年共收到提案636件，其中立案547件。全年共收到提案600件。\n三、下一步\n' + '今年召开会议十二次，提出意见建议一百余条，推动解决问题。。\x1b[2J\n'.repeat(2);
    const bad = 'd/bad\x1b[8m.txt';
    const files = { [name]: text, [bad]: Uint8Array.from([0xff, 0xfe, 0x00, 0xd8]) };
    const stylish = await run(['--jobs', '1', 'd'], files);
    const outline = await run(['outline', name], files);
    for (const out of [stylish.stdout, stylish.stderr, outline.stdout]) expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(stylish.stdout).toContain('d/n\\x1b]0;pwned\\x07\\x0ax.txt\n');
    expect(stylish.stdout).toContain('\\x1b[2J');
    expect(stylish.stderr).toContain('report-lint: d/bad\\x1b[8m.txt: ');
    expect(outline.stdout).toMatch(/L1\s+一、总体情况\\x1b\[31m/);
    const json = JSON.parse((await run(['--format', 'json', '--jobs', '1', 'd'], files)).stdout) as { file: string }[];
    expect(json.map((f) => f.file)).toEqual([bad, name]);
  });
});
