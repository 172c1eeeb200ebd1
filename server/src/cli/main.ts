import {
  analyzeDoc,
  DuplicateCorpus,
  DEFAULT_CORPUS_OPTIONS,
  outlineNodes,
  parseReport,
  renderOutlineText,
  toLocale,
  validateConfig,
  type Analysis,
  type LintConfig,
  type Locale,
  type OutlineNode,
  type LineIndex,
  type ReportDoc,
  type Segmenter,
} from '../core';
import { decode } from './decode';
import { formatJson } from './formatters/json';
import { formatStylish } from './formatters/stylish';
import type { FileResult } from './formatters/types';

/**
 * The CLI as a function: arguments and I/O in, exit code out (0 clean, 1 findings over the bar,
 * 2 the run failed). bin.ts binds it to the process; tests call it directly.
 */
export interface CliIO {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readFile(path: string): Promise<Uint8Array>;
  /** 'file', 'dir', or undefined when the path does not exist. */
  kind(path: string): Promise<'file' | 'dir' | undefined>;
  readDir(path: string): Promise<string[]>;
  joinPath(dir: string, name: string): string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Word segmentation for the rules that need it, loaded on first use. */
  readonly segmenter?: Segmenter;
}

export const VERSION = '0.1.0';

const USAGE = `Usage: report-lint [options] <file|dir>...
       report-lint outline [--format text|json] <file>...

Lints Chinese work reports (工作报告, 工作总结): .txt and .md files; directories are searched
recursively. Encodings: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030.

Options:
  --format stylish|json   output format (default stylish; outline: text|json)
  --locale zh-cn|en       language of messages (default: from LC_ALL / LC_MESSAGES / LANG)
  --max-warnings N        exit 1 when there are more than N warnings
  --config FILE           rule severities and options, e.g.
                          {"rules": {"duplicate-paragraph": ["warning", {"threshold": 0.9}]}}
  -h, --help              show this help
  -v, --version           print the version

Files are also compared with each other: a paragraph of a later file that stands in an earlier
one is reported at info severity (files that are revisions of one report are not compared).

Exit status: 0 no error-severity finding, 1 findings over that bar, 2 the run failed.
`;

interface Options {
  command: 'lint' | 'outline';
  format?: string;
  locale?: Locale;
  maxWarnings?: number;
  config?: string;
  paths: string[];
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Options | 'help' | 'version' {
  const o: Options = { command: 'lint', paths: [] };
  let i = 0;
  if (argv[0] === 'outline') {
    o.command = 'outline';
    i = 1;
  }
  const value = (name: string): string => {
    const v = argv[++i];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${name} needs a value`);
    return v;
  };
  for (; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const [flag, inline] = eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const get = (): string => inline ?? value(flag);
    if (flag === '-h' || flag === '--help') return 'help';
    if (flag === '-v' || flag === '--version') return 'version';
    if (flag === '--format' || flag === '-f') o.format = get();
    else if (flag === '--locale') {
      const l = get().toLowerCase();
      if (l !== 'zh-cn' && l !== 'en' && l !== 'zh') throw new UsageError(`--locale must be zh-cn or en, not ${l}`);
      o.locale = toLocale(l);
    } else if (flag === '--max-warnings') {
      const n = Number(get());
      if (!Number.isInteger(n) || n < 0) throw new UsageError('--max-warnings takes a whole number ≥ 0');
      o.maxWarnings = n;
    } else if (flag === '--config') o.config = get();
    else if (a === '--') o.paths.push(...argv.slice(i + 1)), (i = argv.length);
    else if (a.startsWith('-') && a.length > 1) throw new UsageError(`unknown option ${a}`);
    else o.paths.push(a);
  }
  const formats = o.command === 'outline' ? ['text', 'json'] : ['stylish', 'json'];
  if (o.format !== undefined && !formats.includes(o.format)) throw new UsageError(`--format must be one of ${formats.join(', ')}`);
  if (o.paths.length === 0) throw new UsageError('no file or directory given');
  return o;
}

export async function main(io: CliIO): Promise<0 | 1 | 2> {
  let opts: Options | 'help' | 'version';
  try {
    opts = parseArgs(io.argv);
  } catch (e) {
    io.stderr(`report-lint: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (opts === 'help') return io.stdout(USAGE), 0;
  if (opts === 'version') return io.stdout(VERSION + '\n'), 0;
  const locale = opts.locale ?? toLocale(io.env.LC_ALL || io.env.LC_MESSAGES || io.env.LANG);

  let config: LintConfig | undefined;
  if (opts.config !== undefined) {
    const loaded = await readConfig(io, opts.config);
    if (typeof loaded === 'string') {
      io.stderr(`report-lint: ${loaded}\n`);
      return 2;
    }
    config = loaded;
  }

  const files = await expand(io, opts.paths);
  let failed = files.some((f) => f.error !== undefined);
  // Parse every file first: each is then also compared with the files before it.
  const parsed: { file: string; doc?: ReportDoc; error?: string }[] = [];
  const corpus = new DuplicateCorpus(DEFAULT_CORPUS_OPTIONS, true);
  // Files are read a few at a time, so that the CPU parses one while the next is read.
  const reads: Promise<Awaited<ReturnType<typeof readText>>>[] = [];
  const readAhead = (i: number) => {
    const f = files[i];
    if (f && f.error === undefined && reads[i] === undefined) reads[i] = readText(io, f.file);
  };
  for (let i = 0; i < READ_AHEAD; i++) readAhead(i);
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    readAhead(i + READ_AHEAD);
    if (f.error !== undefined) {
      parsed.push(f);
      continue;
    }
    const read = await reads[i];
    delete reads[i];
    if (!read.ok) {
      failed = true;
      parsed.push({ file: f.file, error: read.reason });
      continue;
    }
    const doc = parseReport(read.text, { markdown: /\.(md|markdown)$/i.test(f.file) });
    if (opts.command === 'lint') corpus.set(f.file, doc);
    parsed.push({ file: f.file, doc });
  }
  const results: FileResult[] = parsed.map((p) =>
    p.doc ? { file: p.file, analysis: analyzeDoc(p.doc, { config, corpus, uri: p.file, segmenter: opts.command === 'lint' ? io.segmenter : undefined }) } : { file: p.file, error: p.error },
  );
  for (const r of results) {
    if (r.error !== undefined) io.stderr(`report-lint: ${r.file}: ${r.error}\n`);
    for (const failure of r.analysis?.failures ?? []) io.stderr(`report-lint: ${r.file}: rule ${failure.rule} failed: ${failure.error}\n`);
  }

  if (opts.command === 'outline') {
    io.stdout(opts.format === 'json' ? outlineJson(results) : outlineText(results));
    return failed ? 2 : 0;
  }
  io.stdout(opts.format === 'json' ? formatJson(results, { locale }) : formatStylish(results, { locale }));
  if (failed) return 2;
  let errors = 0;
  let warnings = 0;
  for (const r of results) for (const f of r.analysis?.findings ?? []) f.severity === 'error' ? errors++ : f.severity === 'warning' && warnings++;
  return errors > 0 || (opts.maxWarnings !== undefined && warnings > opts.maxWarnings) ? 1 : 0;
}

const LINTABLE = /\.(txt|md|markdown)$/i;
const READ_AHEAD = 8;

/** Paths → files, directories searched recursively in sorted order (dot folders and node_modules skipped). */
async function expand(io: CliIO, paths: readonly string[]): Promise<{ file: string; error?: string }[]> {
  const out: { file: string; error?: string }[] = [];
  const walk = async (dir: string): Promise<void> => {
    const names = (await io.readDir(dir)).sort();
    for (const name of names) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const path = io.joinPath(dir, name);
      const kind = await io.kind(path);
      if (kind === 'dir') await walk(path);
      else if (kind === 'file' && LINTABLE.test(name)) out.push({ file: path });
    }
  };
  for (const p of paths) {
    const kind = await io.kind(p).catch(() => undefined);
    if (kind === 'dir') await walk(p).catch((e: Error) => out.push({ file: p, error: e.message }));
    else if (kind === 'file') out.push({ file: p });
    else out.push({ file: p, error: 'no such file or directory' });
  }
  return out;
}

async function readConfig(io: CliIO, path: string): Promise<LintConfig | string> {
  let value: unknown;
  try {
    const read = await readText(io, path);
    if (!read.ok) return `${path}: ${read.reason}`;
    value = JSON.parse(read.text);
  } catch (e) {
    return `${path}: ${(e as Error).message}`;
  }
  const errors = validateConfig(value);
  if (errors.length > 0) return errors.map((e) => `${path}: ${e.key || '(root)'}: ${e.message}`).join('\n');
  return value as LintConfig;
}

async function readText(io: CliIO, file: string): Promise<{ ok: true; text: string } | { ok: false; reason: string }> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(file);
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
  const d = decode(bytes);
  return d.ok ? { ok: true, text: d.text } : d;
}

function outlineText(results: readonly FileResult[]): string {
  return results
    .filter((r): r is FileResult & { analysis: Analysis } => r.analysis !== undefined)
    .map((r) => `${r.file}\n${renderOutlineText(outlineNodes(r.analysis.doc), r.analysis.lines)}`)
    .join('\n');
}

function outlineJson(results: readonly FileResult[]): string {
  const node = (n: OutlineNode, lines: LineIndex): unknown => ({
    name: n.name,
    kind: n.kind,
    level: n.level,
    line: lines.lineAt(n.selection.start),
    range: lines.rangeOf(n.span),
    selectionRange: lines.rangeOf(n.selection),
    chars: n.chars,
    children: n.children.map((c) => node(c, lines)),
  });
  const out = results.map((r) => (r.analysis ? { file: r.file, outline: outlineNodes(r.analysis.doc).map((n) => node(n, r.analysis!.lines)) } : { file: r.file, error: r.error }));
  return JSON.stringify(out, null, 2) + '\n';
}
