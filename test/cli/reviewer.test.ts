/**
 * The reviewer's CLI on a real folder: config lookup and presets, ignores, --rule / --quiet,
 * --fix and --fix-dry-run, suppressions, the sarif / junit / html formats and --output, Word files.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
// The SARIF 2.1.0 schema is written in JSON Schema draft-04.
import Ajv from 'ajv-draft-04';
import { Document, Packer, Paragraph } from 'docx';
import { beforeEach, describe, expect, it } from 'vitest';
import { main, pathInfo, type CliIO } from '../../server/src/cli/main';
import { fallbackSegmenter } from '../../server/src/core';
import { ROOT, seed, SEED_FILES, tempDir } from '../helpers';

let dir: string;

/** main() over the real file system, with `dir` as the working directory. */
async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const at = (p: string) => (p.startsWith('/') ? p : join(dir, p));
  const io: CliIO = {
    argv,
    env: { LANG: 'en_US.UTF-8' },
    cwd: dir,
    readFile: (p) => readFile(at(p)),
    stat: async (p) => {
      const s = await stat(at(p)).catch(() => undefined);
      return s && pathInfo(s);
    },
    readDir: (p) => readdir(at(p)),
    joinPath: (a, b) => `${a}/${b}`,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    segmenter: fallbackSegmenter,
    async writeFile(p, data) {
      await writeFile(at(p) + '.tmp', data);
      await rename(at(p) + '.tmp', at(p));
    },
  };
  const code = await main(io);
  return { code, stdout, stderr };
}

function put(path: string, text: string | Uint8Array): void {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
}

type Json = { file: string; diagnostics: { rule: string; severity: string; range: { start: { line: number } } }[] }[];
const rulesOf = (out: string, file?: string) => (JSON.parse(out) as Json).filter((f) => !file || f.file === file).flatMap((f) => f.diagnostics.map((d) => d.rule));

beforeEach(() => {
  dir = tempDir('report-lint-cli-');
});

describe('configuration', () => {
  it('uses the nearest .reportlintrc.json above each file', async () => {
    put('top.txt', seed('000'));
    put('a/b/inner.txt', seed('000'));
    put('a/.reportlintrc.json', JSON.stringify({ rules: { 'stray-text': 'off', 'broken-paragraph': 'error' } }));
    const { stdout } = await run(['--format', 'json', '.']);
    const out = JSON.parse(stdout) as Json;
    const top = out.find((f) => f.file === './top.txt')!;
    const inner = out.find((f) => f.file === './a/b/inner.txt')!;
    expect(top.diagnostics.some((d) => d.rule === 'stray-text')).toBe(true);
    expect(inner.diagnostics.some((d) => d.rule === 'stray-text')).toBe(false);
    expect(inner.diagnostics.filter((d) => d.rule === 'broken-paragraph').every((d) => d.severity === 'error')).toBe(true);
  });

  it('extends the strict preset: warnings become errors', async () => {
    put('r.txt', seed('002'));
    put('.reportlintrc.json', JSON.stringify({ extends: 'strict' }));
    const { stdout, code } = await run(['--format', 'json', 'r.txt']);
    const severities = new Set((JSON.parse(stdout) as Json)[0].diagnostics.map((d) => d.severity));
    expect([...severities]).toEqual(['error']);
    expect(code).toBe(1);
  });

  it('stops with one clear error naming the file and the key, exit 2', async () => {
    put('r.txt', seed('000'));
    put('.reportlintrc.json', JSON.stringify({ extends: 'lenient', rules: { 'stray-text': 'off' } }));
    let r = await run(['r.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`report-lint: bad config: ${join(dir, '.reportlintrc.json')}: extends: must be one of recommended, strict\n`);
    put('.reportlintrc.json', '{"rules": {"stray-text": "of"}}');
    r = await run(['r.txt']);
    expect(r.stderr).toContain('.reportlintrc.json: rules.stray-text: must be one of error, warning, info, hint, off');
    // An option out of range used to be replaced by its default without a word.
    put('.reportlintrc.json', '{"rules": {"duplicate-paragraph": ["warning", {"threshold": 0.3}]}}');
    r = await run(['r.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.reportlintrc.json: rules.duplicate-paragraph: threshold must be a number from 0.5 to 1');
    put('.reportlintrc.json', '{"rules": ');
    r = await run(['r.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.reportlintrc\.json: not valid JSON/);
    r = await run(['--config', 'missing.json', 'r.txt']);
    expect(r.stderr).toMatch(/missing\.json: no such file/);
  });

  it('skips what .reportlintignore and the config’s ignores name', async () => {
    put('reports/2019.txt', seed('000'));
    put('reports/drafts/old.txt', seed('000'));
    put('reports/tmp.txt', seed('000'));
    put('.reportlintignore', '# drafts are not checked\ndrafts/\n');
    put('reports/.reportlintrc.json', JSON.stringify({ ignores: ['tmp.txt'] }));
    const { stdout } = await run(['--format', 'json', 'reports']);
    expect((JSON.parse(stdout) as Json).map((f) => f.file)).toEqual(['reports/2019.txt']);
    const named = await run(['--format', 'json', 'reports/tmp.txt']);
    expect(named.stderr).toContain('reports/tmp.txt: ignored');
    expect(JSON.parse(named.stdout)).toEqual([]);
  });

  it('runs a subset with --rule and only errors with --quiet', async () => {
    put('r.txt', seed('002'));
    expect(new Set(rulesOf((await run(['--format', 'json', '--rule', 'stray-text', 'r.txt'])).stdout))).toEqual(new Set(['stray-text']));
    const quiet = await run(['--format', 'json', '--quiet', 'r.txt']);
    expect(rulesOf(quiet.stdout)).toEqual(['heading-sequence']);
    expect((await run(['--rule', 'no-such-rule', 'r.txt'])).code).toBe(2);
  });
});

describe('fixes', () => {
  it('--fix rewrites the file with the safe fixes; a re-run finds nothing safely fixable', async () => {
    put('r.txt', seed('002'));
    const before = readFileSync(join(dir, 'r.txt'), 'utf8');
    const { code } = await run(['--fix', '--format', 'json', 'r.txt']);
    expect(code).toBe(1); // the missing 四、 is an error a safe fix does not touch
    const after = readFileSync(join(dir, 'r.txt'), 'utf8');
    expect(after).not.toBe(before);
    const again = await run(['--fix-dry-run', 'r.txt']);
    expect(again.stdout).toBe('');
    const left = new Set(rulesOf((await run(['--format', 'json', 'r.txt'])).stdout));
    for (const safe of ['punctuation-width', 'broken-paragraph', 'stray-text']) expect(left.has(safe), safe).toBe(false);
    expect(left.has('heading-sequence')).toBe(true);
  });

  it('--fix-dry-run prints a unified diff and keeps the original', async () => {
    put('r.txt', '一、总体情况\n\n今年我们召开会议12次,学习文件。\n');
    const { stdout } = await run(['--fix-dry-run', 'r.txt']);
    expect(stdout).toContain('--- r.txt');
    expect(stdout).toContain('-今年我们召开会议12次,学习文件。');
    expect(stdout).toContain('+今年我们召开会议12次，学习文件。');
    expect(readFileSync(join(dir, 'r.txt'), 'utf8')).toBe('一、总体情况\n\n今年我们召开会议12次,学习文件。\n');
  });
});

describe('suppressions', () => {
  it('--suppress-all records a baseline; later runs report only new findings, after edits elsewhere too', async () => {
    put('r.txt', seed('002'));
    const first = await run(['--suppress-all', 'r.txt']);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/\d+ findings recorded in \.reportlint-suppressions\.json/);
    const file = JSON.parse(readFileSync(join(dir, '.reportlint-suppressions.json'), 'utf8'));
    expect(file.version).toBe(1);
    expect(file.suppressions[0]).toMatchObject({ file: 'r.txt', rule: expect.any(String), fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/), count: expect.any(Number) });
    const clean = await run(['r.txt']);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/suppressed/);
    // An edit elsewhere: a new paragraph in the body with a new problem moves every line below it.
    const lines = seed('002').split('\n');
    expect(lines[28]).toMatch(/^2023年/);
    lines.splice(28, 0, '我们认真组织学习，开展调研and视察，形成一批成果。', '');
    put('r.txt', lines.join('\n'));
    const later = await run(['--format', 'json', 'r.txt']);
    expect(rulesOf(later.stdout)).toEqual(['stray-latin']);
    expect(later.stderr).toMatch(/\d+ findings suppressed/);
  });
});

describe('output formats', () => {
  it('writes SARIF 2.1.0 that validates against the official schema', async () => {
    for (const f of Object.values(SEED_FILES)) put(`seeds/${f}`, readFileSync(join(ROOT, 'seeds', f)));
    const { stdout } = await run(['--format', 'sarif', 'seeds']);
    const log = JSON.parse(stdout);
    const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
    const valid = ajv.validate(schema, log);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The validator does reject what the schema forbids.
    expect(ajv.validate(schema, { ...log, runs: [{ ...log.runs[0], results: [{ ...log.runs[0].results[0], level: 'fatal' }] }] })).toBe(false);
    const run0 = log.runs[0];
    expect(run0.tool.driver.rules).toHaveLength(17);
    expect(run0.tool.driver.rules[0].help.text.length).toBeGreaterThan(10);
    const seq = run0.results.find((r: { ruleId: string }) => r.ruleId === 'heading-sequence');
    expect(seq.locations[0].physicalLocation).toMatchObject({ artifactLocation: { uri: `seeds/${SEED_FILES['002']}`, uriBaseId: '%SRCROOT%' }, region: { startLine: 77, startColumn: 1 } });
    expect(seq.relatedLocations.length).toBeGreaterThan(0);
    expect(run0.results.length).toBe((JSON.parse((await run(['--format', 'json', 'seeds'])).stdout) as Json).reduce((n, f) => n + f.diagnostics.length, 0));
  });

  it('writes the same SARIF, JUnit and HTML to --output as to stdout (written piece by piece), and a valid log with no results', async () => {
    for (const f of Object.values(SEED_FILES)) put(`seeds/${f}`, readFileSync(join(ROOT, 'seeds', f)));
    for (const format of ['junit', 'html']) {
      const streamed = (await run(['--format', format, 'seeds'])).stdout;
      await run(['--format', format, '--output', `out.${format}`, 'seeds']);
      expect(streamed.length).toBeGreaterThan(10_000);
      expect(readFileSync(join(dir, `out.${format}`), 'utf8')).toBe(streamed);
    }
    const { stdout } = await run(['--format', 'sarif', 'seeds']);
    await run(['--format', 'sarif', '--output', 'out.sarif', 'seeds']);
    expect(readFileSync(join(dir, 'out.sarif'), 'utf8')).toBe(stdout);
    // One result per line between the pretty-printed frame's parts.
    expect(stdout.split('\n').filter((l) => l.startsWith('        {"ruleId":')).length).toBe(JSON.parse(stdout).runs[0].results.length);
    put('empty.txt', '');
    put('bin.txt', new Uint8Array([0, 1, 2, 0xff]));
    const none = JSON.parse((await run(['--format', 'sarif', 'empty.txt', 'bin.txt'])).stdout);
    expect(none.runs[0].results).toEqual([]);
    expect(none.runs[0].invocations[0].toolExecutionNotifications).toHaveLength(1);
  });

  it('writes JUnit XML and HTML to --output', async () => {
    put('r.txt', seed('002'));
    await run(['--format', 'junit', '--output', 'out.xml', 'r.txt']);
    const xml = readFileSync(join(dir, 'out.xml'), 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="report-lint" tests="\d+" failures="\d+" errors="0">/);
    expect(xml).toContain('<testcase name="heading-sequence 77:1" classname="r.txt"><failure message="Heading numbering skips a number: “四、” is missing before “五、”" type="error">');
    const { stdout, code } = await run(['--format', 'html', '--output', 'report.html', '--locale', 'zh-cn', 'r.txt']);
    expect(stdout).toBe('');
    expect(code).toBe(1);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<title>工作报告检查结果</title>');
    expect(html).not.toMatch(/<script|<link |src="http/);
    expect(html).toMatch(/五、落实自身建设之责[^<]*<\/a><span class="len">[\d,]+ 字<\/span>/);
    expect(html).toContain('标题编号不连续：“五、”前缺少“四、”');
  });
});

describe('Word files', () => {
  it('lints a .docx made from seed 002 with the same findings as the .txt, at Word paragraph numbers', async () => {
    const text = seed('002');
    const lines = text.replace(/\r?\n$/, '').split(/\r?\n/);
    const doc = new Document({ sections: [{ children: lines.map((l) => new Paragraph({ text: l })) }] });
    put('r.docx', await Packer.toBuffer(doc));
    put('r.txt', text);
    const keyOf = (d: { rule: string; range: { start: { line: number } } }) => `${d.rule}@${d.range.start.line}`;
    // Separately, so that neither is a copy of the other.
    const docx = (JSON.parse((await run(['--format', 'json', 'r.docx'])).stdout) as Json)[0];
    const txt = (JSON.parse((await run(['--format', 'json', 'r.txt'])).stdout) as Json)[0];
    expect(docx.diagnostics.length).toBeGreaterThan(40);
    expect(docx.diagnostics.map(keyOf)).toEqual(txt.diagnostics.map(keyOf));
    // The messages name the other place as a reader finds it: a Word paragraph, a text's line.
    const copies = (r: Json[number]) => r.diagnostics.filter((d: { rule: string }) => d.rule === 'duplicate-paragraph').map((d: { message: string }) => d.message);
    expect(copies(docx).length).toBeGreaterThan(0);
    expect(copies(docx)[0]).toMatch(/at ¶\d+/);
    expect(copies(docx).map((m: string) => m.replace('¶', 'line '))).toEqual(copies(txt));
    const stylish = (await run(['r.docx'])).stdout;
    expect(stylish).toMatch(/¶77\s+error\s+Heading numbering skips a number/);
    // SARIF: the text file's fixes, with its encoding, but none for the Word file — their offsets
    // are in its paragraphs' text, and a viewer that applied them to the .docx would break the zip.
    const sarif = JSON.parse((await run(['--format', 'sarif', 'r.docx', 'r.txt'])).stdout).runs[0];
    expect(sarif.artifacts.map((a: { mimeType: string; encoding?: string }) => [a.mimeType, a.encoding])).toEqual([
      ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', undefined],
      ['text/plain', 'UTF-8'],
    ]);
    const fixed = (index: number) => sarif.results.filter((r: { locations: { physicalLocation: { artifactLocation: { index: number } } }[]; fixes?: unknown[] }) => r.locations[0].physicalLocation.artifactLocation.index === index && r.fixes);
    expect(fixed(1).length).toBeGreaterThan(0);
    expect(fixed(0)).toEqual([]);
  });

  it('reads the cells of a table as cells: no cell is a sentence broken off before the next, and the paragraph numbers stay those of Word', async () => {
    const { Table, TableRow, TableCell } = await import('docx');
    const cell = (t: string) => new TableCell({ children: [new Paragraph(t)] });
    const long = ['围绕优化营商环境、推动产业转型升级和培育新兴产业集群提出的意见建议', '围绕教育、医疗、养老等民生领域的突出问题提出的意见和建议'];
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph('一、提案办理情况'),
            new Paragraph('全年共收到提案456件，办复率100%。'),
            new Table({ rows: [new TableRow({ children: [cell('经济建设'), cell(long[0]), cell('200件')] }), new TableRow({ children: [cell('社会事业'), cell(long[1]), cell('')] })] }),
            new Paragraph('三、下一步工作'),
          ],
        },
      ],
    });
    put('t.docx', await Packer.toBuffer(doc));
    const out = (JSON.parse((await run(['--format', 'json', 't.docx'])).stdout) as Json)[0];
    // Before, each long cell was "broken off" before the cell after it.
    expect(out.diagnostics.map((d) => [d.rule, d.range.start.line + 1])).toEqual([['heading-sequence', 9]]);
  });

  it('reads the numbers Word draws from a list style (一、 （一） 1.) as the headings they are', async () => {
    const { LevelFormat, AlignmentType } = await import('docx');
    const level = (n: number, format: (typeof LevelFormat)[keyof typeof LevelFormat], text: string) => ({ level: n, format, text, alignment: AlignmentType.LEFT });
    const numbering = { config: [{ reference: 'gw', levels: [level(0, LevelFormat.CHINESE_COUNTING, '%1、'), level(1, LevelFormat.CHINESE_COUNTING, '（%2）'), level(2, LevelFormat.DECIMAL, '%3.')] }] };
    const item = (text: string, n: number) => new Paragraph({ text, numbering: { reference: 'gw', level: n } });
    const doc = new Document({
      numbering,
      sections: [
        {
          children: [
            new Paragraph('2023年工作总结'),
            item('主要工作', 0),
            new Paragraph('一年来，我们重点抓了以下三个方面的工作。'),
            item('加强学习', 1),
            item('深入学习党的二十大精神', 2),
            item('开展主题教育', 2),
            item('加强调研', 1),
            item('存在问题', 0),
            item('学习不够深入', 1),
          ],
        },
      ],
    });
    put('n.docx', await Packer.toBuffer(doc));
    const outline = (await run(['outline', 'n.docx'])).stdout;
    const titles = outline.split('\n').slice(2).map((l) => l.replace(/\s+\([\d,]+ 字\)$/, ''));
    expect(titles).toEqual(['L2    一、主要工作', 'L4      （一）加强学习', 'L5        1.深入学习党的二十大精神', 'L6        2.开展主题教育', 'L7      （二）加强调研', 'L8    二、存在问题', 'L9      （一）学习不够深入', '']);
    // The numbers are in the analysis: three aspects announced, two （一）（二） follow.
    const out = (JSON.parse((await run(['--format', 'json', 'n.docx'])).stdout) as Json)[0];
    expect(out.diagnostics.map((d) => `${d.rule}@${d.range.start.line + 1}`)).toEqual(['count-mismatch@3']);
  });

  it('reads a title in Word title styles as the front matter, without a warning', async () => {
    const { HeadingLevel } = await import('docx');
    const doc = new Document({
      styles: { paragraphStyles: [{ id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', run: { italics: true } }] },
      sections: [
        {
          children: [
            new Paragraph({ text: '某某市“十四五”科技创新规划', heading: HeadingLevel.TITLE }),
            new Paragraph({ text: '（2021年6月）', style: 'Subtitle' }),
            new Paragraph('一、发展基础'),
            new Paragraph('全社会研发经费投入占地区生产总值比重达到2.4%。'),
          ],
        },
      ],
    });
    put('title.docx', await Packer.toBuffer(doc));
    const r = await run(['outline', 'title.docx']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/L1\s+\[front matter\] 某某市“十四五”科技创新规划/);
    expect(r.stdout).toMatch(/L3\s+一、发展基础/);
  });

  it('keeps Word heading styles as outline levels and reports a corrupt file without stopping', async () => {
    const { HeadingLevel } = await import('docx');
    const doc = new Document({
      sections: [{ children: [new Paragraph({ text: '一、总体情况', heading: HeadingLevel.HEADING_1 }), new Paragraph({ text: '今年召开会议12次，学习文件。' }), new Paragraph({ text: '三、下一步安排', heading: HeadingLevel.HEADING_1 }), new Paragraph({ text: '明年继续召开会议，加强学习。' })] }],
    });
    put('h.docx', await Packer.toBuffer(doc));
    put('bad.docx', 'not a zip');
    const r = await run(['--format', 'json', 'bad.docx', 'h.docx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.docx: not a readable Word \(\.docx\) file/);
    const out = JSON.parse(r.stdout) as Json;
    expect(out[1].diagnostics.map((d) => `${d.rule}@${d.range.start.line + 1}`)).toEqual(['heading-sequence@3']);
    const outline = await run(['outline', 'h.docx']);
    expect(outline.stdout).toMatch(/L1\s+一、总体情况/);
  });

  it('reads a Word file only if its text parts unpack to no more than --max-file-size, whatever its zip directory declares; pictures do not count', async () => {
    const { ImageRun } = await import('docx');
    const body = '一、总体情况\n' + '今年召开专题协商会议十二次，提出意见建议一百余条。\n'.repeat(800) + '三、下一步安排';
    const text = await Packer.toBuffer(new Document({ sections: [{ children: body.split('\n').map((l) => new Paragraph({ text: l })) }] }));
    // A megabyte of zeros as a picture: a few KB in the zip, a megabyte unpacked.
    const picture = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(1 << 20)]);
    const pictured = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph({ text: '一、总体情况' }), new Paragraph({ children: [new ImageRun({ type: 'png', data: picture, transformation: { width: 10, height: 10 } })] }), new Paragraph({ text: '三、下一步安排' })] }] }));
    put('text.docx', text);
    put('understated.docx', understate(text, 'word/document.xml'));
    put('pictured.docx', pictured);
    expect(text.length).toBeLessThan(20_000);
    expect(pictured.length).toBeLessThan(20_000);
    // 0.05 MB: more than each file, less than the text of the first two unpacked.
    const r = await run(['--format', 'json', '--max-file-size', '0.05', 'text.docx', 'understated.docx', 'pictured.docx']);
    expect(r.code).toBe(2);
    for (const name of ['text', 'understated']) expect(r.stderr).toContain(`${name}.docx: unpacked, larger than the --max-file-size limit (more than 52 KB)`);
    const out = JSON.parse(r.stdout) as Json;
    expect(out.map((f) => f.file)).toEqual(['text.docx', 'understated.docx', 'pictured.docx']);
    expect(out[2].diagnostics.map((d) => `${d.rule}@${d.range.start.line + 1}`)).toEqual(['heading-sequence@3']);
    // Within the limit the first is read; the second's parts are inflated whole by mammoth, which then finds them longer than declared.
    const within = await run(['--format', 'json', '--rule', 'heading-sequence', 'text.docx', 'understated.docx']);
    expect(within.stderr).toContain('understated.docx: not a readable Word (.docx) file: a part unpacks to another size than the zip says (a damaged or crafted file)');
    expect((JSON.parse(within.stdout) as Json)[0].diagnostics.map((d) => `${d.rule}@${d.range.start.line + 1}`)).toEqual(['heading-sequence@802']);
  });
});

/** `zip` with the unpacked size of `name` declared as 100 bytes, in its local header and in the central directory. */
function understate(zip: Uint8Array, name: string): Buffer {
  const b = Buffer.from(zip);
  for (let at = b.indexOf('PK\x01\x02', 0, 'latin1'); at >= 0; at = b.indexOf('PK\x01\x02', at + 4, 'latin1')) {
    if (b.toString('latin1', at + 46, at + 46 + b.readUInt16LE(at + 28)) !== name) continue;
    b.writeUInt32LE(100, at + 24);
    b.writeUInt32LE(100, b.readUInt32LE(at + 42) + 22);
    return b;
  }
  throw new Error(`${name} not in the zip`);
}
