import { isAbsolute, relative, resolve } from 'node:path';
import {
  analyzeDoc,
  analyzePending,
  DuplicateCorpus,
  DEFAULT_CORPUS_OPTIONS,
  applyEdits,
  mergeConfigs,
  mergeFixes,
  outlineNodes,
  parseReport,
  renderOutlineText,
  RULE_CATEGORIES,
  RULES,
  ruleLevel,
  rulesOff,
  toLocale,
  unknownDirectiveRules,
  type Analysis,
  type LintConfig,
  type LineIndex,
  type Locale,
  type OutlineNode,
  type ReportDoc,
  type RuleId,
  type Segmenter,
  withPending,
} from '../core';
import { ConfigError, ConfigResolver, loadIgnoreFile, Suppressions, SUPPRESSIONS_FILE, type ProjectFs } from '../node/project';
import { decode } from './decode';
import { isMarkdown, MB, overLimit, readInput, tooLarge, type ReadResult } from './input';
import { htmlChunks } from './formatters/html';
import { jsonChunks } from './formatters/json';
import { junitChunks } from './formatters/junit';
import { sarifChunks } from './formatters/sarif';
import { formatStylish } from './formatters/stylish';
import { printable, type FileResult, type FormatContext } from './formatters/types';
import type { ParallelFile, ParallelOptions, ParallelResult } from './parallel';

/** What a path names, symlinks followed. */
export interface PathInfo {
  /** 'other': a pipe, a device or a socket — never opened (a pipe waits for a writer, /dev/zero never ends). */
  readonly kind: 'file' | 'dir' | 'other';
  /** A file's size in bytes. */
  readonly size?: number;
  /**
   * The same under every path that reaches the file or folder (device and inode): each folder is
   * searched once and each file linted once, though symlinks lead to them again — or in a loop.
   */
  readonly id?: string;
}

/**
 * A folder entry whose name is not UTF-8 (a Windows zip of Chinese reports names its files in
 * GBK): Node.js takes paths as UTF-8 strings, so the file cannot be opened by its name.
 */
export interface UnreadableName {
  /** The name as the user knows it: decoded as GB18030 where it can be (decode.ts shownName). */
  readonly shown: string;
  /** `shown` is the name decoded as GB18030 (else its bytes outside ASCII are escaped). */
  readonly gb18030: boolean;
  readonly kind: PathInfo['kind'];
}

/** A `fs.Stats` as the CLI needs it. Some file systems give no inode numbers (0): their files are not told apart. */
export function pathInfo(s: { isDirectory(): boolean; isFile(): boolean; size: number; dev: number; ino: number }): PathInfo {
  return { kind: s.isDirectory() ? 'dir' : s.isFile() ? 'file' : 'other', size: s.size, id: s.ino ? `${s.dev}:${s.ino}` : undefined };
}

/**
 * The CLI as a function: arguments and I/O in, exit code out (0 clean, 1 findings over the bar,
 * 2 the run failed). bin.ts binds it to the process; tests call it directly.
 */
export interface CliIO {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readFile(path: string): Promise<Uint8Array>;
  /**
   * All of stdin (`report-lint -`), or its first `limit` + 1 bytes when there is more: the caller
   * then reports it as too large without holding the rest. Absent where there is no stdin.
   */
  readStdin?(limit: number): Promise<Uint8Array>;
  /** What the path is (symlinks followed), undefined when it does not exist; rejects when it cannot be looked at. */
  stat(path: string): Promise<PathInfo | undefined>;
  /** A folder's entries: their names, or what can be said of a name that is not UTF-8 (bin.ts). */
  readDir(path: string): Promise<Array<string | UnreadableName>>;
  joinPath(dir: string, name: string): string;
  /** Writes to stdout; a promise when the caller should wait before writing more (a full pipe). */
  stdout(text: string): void | Promise<void>;
  stderr(text: string): void;
  /** Word segmentation for the rules that need it, loaded on first use. */
  readonly segmenter?: Segmenter;
  /**
   * Starts loading word segmentation in the background (bin.ts: nodejieba in a thread of its own,
   * ~0.8 s), so that the one-thread run lints meanwhile; the segmenter's calls wait for the load.
   */
  readonly loadSegmenter?: () => Segmenter;
  /** The working directory (config lookup above it, .reportlintignore and suppressions in it). */
  readonly cwd?: string;
  /** Replaces a file's content atomically (a temporary file renamed over it). */
  writeFile?(path: string, data: Uint8Array | string): Promise<void>;
  /** stderr is a terminal: a progress line is shown for long runs. */
  readonly interactive?: boolean;
  /** Lints files in worker threads (bin.ts; absent where the files are not on disk). */
  readonly lintInWorkers?: (files: readonly ParallelFile[], options: ParallelOptions) => Promise<ParallelResult[]>;
  /** Threads the machine can run at once (the default of --jobs). */
  readonly cpus?: number;
  /**
   * Runs the same command again in a new process whose malloc uses huge pages (node/hugePages.ts:
   * ownProcessEnv)
   * and gives its exit code, or undefined when the process could not start (this run goes on).
   * Absent where the run may not start again (bin.ts: not Linux, the environment sets the tunable
   * already, a process started again, a debugger).
   */
  readonly relaunchWithHugePages?: () => Promise<number | undefined> | number | undefined;
}

export const VERSION = '0.1.0';

const USAGE = `Usage: report-lint [options] <file|dir>...
       report-lint outline [--format text|json] <file>...

Lints Chinese work reports (工作报告, 工作总结): .txt and .md files; directories are searched
recursively. Encodings: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030.

Lints Word files (.docx) too, reporting Word paragraph numbers (¶N).
A path of - reads the report from stdin (named by --stdin-filename, else <stdin>).

Options:
  -f, --format FORMAT     stylish (default), json, sarif, junit or html (outline: text|json)
  -o, --output FILE       write the report to FILE instead of stdout
  --locale zh-cn|en       language of messages (default: from LC_ALL / LC_MESSAGES / LANG)
  --max-warnings N        exit 1 when there are more than N warnings
  --quiet                 report errors only
  --rule ID               run only this rule (repeatable)
  --config FILE           use this config instead of looking up .reportlintrc.json
  --fix                   apply the safe fixes to the files (atomic replace), then report what is left
  --fix-dry-run           print the safe fixes as a unified diff; change nothing
  --suppress-all          record every current finding in .reportlint-suppressions.json (a baseline)
  --suppressions FILE     the suppressions file (default ./.reportlint-suppressions.json)
  --max-file-size MB      report files larger than this instead of reading them (default 64)
  --stdin-filename NAME   the name of the report read from stdin: shown in the report, and
                          used for markdown (.md), Word (.docx), config and ignores
  -j, --jobs N            worker threads (default: one per core, up to 4, from 40 files; 1 = no workers)
  -h, --help              show this help
  -v, --version           print the version

Config: the nearest .reportlintrc.json above each file, e.g.
  {"extends": "recommended", "rules": {"stray-latin": "off",
   "duplicate-paragraph": ["warning", {"threshold": 0.9}]}, "ignores": ["drafts/**"]}
Files matching ./.reportlintignore (gitignore syntax) are skipped. In markdown,
<!-- report-lint-disable RULE -->, -enable and -disable-next-line switch rules off and on.

Files are also compared with each other: a paragraph of a later file that stands in an earlier
one is reported at info severity (files that are revisions of one report are not compared).

Exit status: 0 no error-severity finding, 1 findings over that bar, 2 the run failed.
`;

interface Options {
  command: 'lint' | 'outline';
  format?: string;
  output?: string;
  locale?: Locale;
  maxWarnings?: number;
  config?: string;
  quiet: boolean;
  rules: RuleId[];
  fix: boolean;
  fixDryRun: boolean;
  suppressAll: boolean;
  suppressions?: string;
  jobs?: number;
  /** Bytes. */
  maxFileSize: number;
  /** The name of the report read from stdin (`-`). */
  stdinFilename?: string;
  paths: string[];
}

/** What the report read from stdin is called when --stdin-filename does not name it. */
export const STDIN_NAME = '<stdin>';

class UsageError extends Error {}

/**
 * A report is ~30–100 KB and an archive's largest file a few MB; linting takes ~20 MB of memory
 * per MB of text, so a file of some hundreds of MB would end the run with V8 out of memory.
 */
const DEFAULT_MAX_FILE_MB = 64;

function parseArgs(argv: readonly string[]): Options | 'help' | 'version' {
  const o: Options = { command: 'lint', paths: [], quiet: false, rules: [], fix: false, fixDryRun: false, suppressAll: false, maxFileSize: DEFAULT_MAX_FILE_MB * MB };
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
    else if (flag === '--output' || flag === '-o') o.output = get();
    else if (flag === '--quiet') o.quiet = true;
    else if (flag === '--rule') {
      const id = get();
      if (!(id in RULE_CATEGORIES)) throw new UsageError(`unknown rule ${id} (rules: ${Object.keys(RULE_CATEGORIES).join(', ')})`);
      o.rules.push(id as RuleId);
    } else if (flag === '--fix') o.fix = true;
    else if (flag === '--fix-dry-run') o.fixDryRun = true;
    else if (flag === '--suppress-all') o.suppressAll = true;
    else if (flag === '--suppressions') o.suppressions = get();
    else if (flag === '--stdin-filename') o.stdinFilename = get();
    else if (flag === '--jobs' || flag === '-j') {
      const v = get();
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--jobs must be a whole number from 1 to 64, not ${v}`);
      o.jobs = n;
    } else if (flag === '--max-file-size') {
      const v = get();
      const n = Number(v);
      if (!(n > 0) || !Number.isFinite(n)) throw new UsageError(`--max-file-size takes a number of megabytes > 0, not ${v}`);
      o.maxFileSize = n * MB;
    }
    else if (a === '--') o.paths.push(...argv.slice(i + 1)), (i = argv.length);
    else if (a.startsWith('-') && a.length > 1) throw new UsageError(`unknown option ${a}`);
    else o.paths.push(a);
  }
  const formats = o.command === 'outline' ? ['text', 'json'] : Object.keys(FORMATTERS);
  if (o.fix && o.fixDryRun) throw new UsageError('--fix and --fix-dry-run exclude each other');
  if (o.format !== undefined && !formats.includes(o.format)) throw new UsageError(`--format must be one of ${formats.join(', ')}`);
  if (o.paths.length === 0) throw new UsageError('no file or directory given');
  if (o.paths.includes('-')) {
    // One report from stdin, read once: nothing to compare it with, nowhere to write a fix to.
    if (o.paths.length > 1) throw new UsageError('- (stdin) is linted alone: give no other path with it');
    if (o.fix) throw new UsageError('--fix cannot write to stdin: use --fix-dry-run to see the fixes');
    if (o.suppressAll) throw new UsageError('--suppress-all records files: give the file, not stdin');
  } else if (o.stdinFilename !== undefined) throw new UsageError('--stdin-filename needs - (stdin) as the path');
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
  const o = opts;
  const locale = o.locale ?? toLocale(io.env.LC_ALL || io.env.LC_MESSAGES || io.env.LANG);
  const cwd = io.cwd ?? process.cwd();
  const fs = projectFs(io, cwd);
  const configs = new ConfigResolver(fs, o.config);
  try {
    if (o.config !== undefined) await configs.forFile(o.config);
    const ignored = await loadIgnoreFile(fs, cwd);
    const isIgnored = async (file: string) => ignored(file) || (await configs.forFile(file)).ignores(file);
    const files = o.paths[0] === '-' ? [await fromStdin(o, isIgnored)] : await expand(io, o.paths, isIgnored, o.maxFileSize);
    const linted = files.filter((f) => !f.ignoredExplicitly);
    const overwritten = o.output === undefined ? undefined : await lintedAt(io, o.output, cwd, linted);
    if (overwritten !== undefined) {
      io.stderr(`report-lint: the report would be written over ${printable(overwritten)}, one of the files linted; give -o another file\n`);
      return 2;
    }
    // Before anything is said: the new process says it.
    const again = await relaunched(io, o, configs, linted);
    if (again !== undefined) return again;
    for (const f of files) if (f.ignoredExplicitly) io.stderr(`report-lint: ${printable(f.file)}: ignored (.reportlintignore or the config's ignores)\n`);
    return await lint(io, o, locale, cwd, fs, configs, linted);
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr(`report-lint: bad config: ${printable(e.message)}\n`);
      return 2;
    }
    throw e;
  }
}

interface Loaded {
  file: string;
  doc?: ReportDoc;
  error?: string;
  encoding?: string;
  bom?: boolean;
  docx?: boolean;
  config?: LintConfig;
}

/**
 * Word segmentation's load is ~300 MB of small allocations, three times quicker on huge pages,
 * which glibc takes only from the environment a process starts with: a run that loads it starts
 * again with them, before it has read a file or written a line. The new process's exit code, or
 * undefined when this process goes on.
 */
async function relaunched(io: CliIO, o: Options, configs: ConfigResolver, files: readonly ExpandedFile[]): Promise<0 | 1 | 2 | undefined> {
  if (o.command !== 'lint' || !io.relaunchWithHugePages || !(io.segmenter || io.loadSegmenter)) return undefined;
  if (!(await segments(configs, onlyRules(o), files))) return undefined;
  // A config read from a pipe (`--config <(…)`, /dev/stdin) cannot be read again by a new process.
  if (o.config !== undefined && (await io.stat(o.config).catch(() => undefined))?.kind !== 'file') return undefined;
  const code = await io.relaunchWithHugePages();
  return code === undefined ? undefined : code === 0 || code === 1 ? code : 2;
}

/** `--rule`: every other rule off. */
function onlyRules(o: Options): LintConfig | undefined {
  return o.rules.length ? rulesOff((Object.keys(RULE_CATEGORIES) as RuleId[]).filter((id) => !o.rules.includes(id))) : undefined;
}

async function lint(io: CliIO, o: Options, locale: Locale, cwd: string, fs: ProjectFs, configs: ConfigResolver, files: readonly ExpandedFile[]): Promise<0 | 1 | 2> {
  let failed = files.some((f) => f.error !== undefined);
  const only = onlyRules(o);
  const progress = new Progress(io, files.length);
  const jobs = jobsFor(io, o, files.length);
  let results: FileResult[];
  if (jobs > 1 && io.lintInWorkers) {
    const r = await lintInWorkers(io, io.lintInWorkers, configs, only, files, jobs, progress, { fixes: SHOWS_FIXES.has(o.format ?? 'stylish'), maxFileSize: o.maxFileSize });
    results = r.results;
    failed ||= r.failed;
  } else {
    const r = await lintHere(io, o, configs, only, files, progress);
    if (r.failed) failed = true;
    if (o.command === 'outline') {
      io.stdout(o.format === 'json' ? outlineJson(r.results) : outlineText(r.results));
      return failed ? 2 : 0;
    }
    results = r.results;
    if (o.fix || o.fixDryRun) {
      const fixed = await applyFixes(io, o, results, r.loaded, r.analyze);
      if (fixed === 2) failed = true;
      else if (o.fixDryRun) return failed ? 2 : exitCode(o, results);
      else results = fixed;
    }
  }
  return report(io, o, locale, cwd, fs, results, failed);
}

/** Files from which worker threads pay for their start (~50 ms each). */
const PARALLEL_FROM = 40;

function jobsFor(io: CliIO, o: Options, files: number): number {
  // --fix and the outline re-read their results in this thread; a few files are quicker here.
  // Workers read files by their path: stdin is read here.
  if (o.command !== 'lint' || o.fix || o.fixDryRun || o.paths[0] === '-') return 1;
  if (o.jobs !== undefined) return o.jobs;
  return files >= PARALLEL_FROM ? Math.min(4, io.cpus ?? 1) : 1;
}

async function lintInWorkers(
  io: CliIO,
  run: NonNullable<CliIO['lintInWorkers']>,
  configs: ConfigResolver,
  only: LintConfig | undefined,
  files: readonly ExpandedFile[],
  jobs: number,
  progress: Progress,
  options: Pick<ParallelOptions, 'fixes' | 'maxFileSize'>,
): Promise<{ results: FileResult[]; failed: boolean }> {
  const todo: ParallelFile[] = [];
  for (const f of files) if (f.error === undefined) todo.push({ file: f.file, config: mergeConfigs((await configs.forFile(f.file)).config, only) });
  const segment = io.segmenter !== undefined && todo.some((f) => needsSegmenter(f.config));
  const done = await run(todo, { ...options, jobs, segment, onProgress: (n) => progress.tick(n - 1, 'checking') });
  progress.done();
  const byFile = new Map(done.map((r) => [r.file, r]));
  let failed = false;
  const results = files.map((f): FileResult => {
    const r = f.error === undefined ? byFile.get(f.file) : undefined;
    if (!r || 'error' in r) {
      failed = true;
      return { file: f.file, error: f.error ?? r?.error };
    }
    for (const w of r.meta.warnings ?? []) io.stderr(`report-lint: ${printable(f.file)}: ${printable(w)}\n`);
    return { file: f.file, analysis: workerAnalysis(r), docx: r.meta.docx, encoding: r.meta.docx ? undefined : r.meta.encoding };
  });
  tellProblems(io, results);
  return { results, failed };
}

/** Files that could not be read, rules that failed and misspelt rules in disable comments, on stderr. */
function tellProblems(io: CliIO, results: readonly FileResult[]): void {
  for (const r of results) {
    if (r.error !== undefined) io.stderr(`report-lint: ${printable(r.file)}: ${printable(r.error)}\n`);
    for (const failure of r.analysis?.failures ?? []) io.stderr(`report-lint: ${printable(r.file)}: rule ${failure.rule} failed: ${printable(failure.error)}\n`);
    const lines = r.analysis?.lines;
    for (const u of lines ? unknownDirectiveRules(lines.text) : []) {
      const at = lines!.positionAt(u.span.start);
      io.stderr(`report-lint: ${printable(r.file)}:${at.line + 1}:${at.character + 1}: no rule is named ${printable(u.name)}; the comment does nothing for it\n`);
    }
  }
}

/**
 * A worker's result as an Analysis. The parse (for the HTML outline) is redone when asked for
 * and not kept: the HTML report asks once per file as it writes that file's section, and 1,000
 * parses kept to the end had made its peak twice the JSON report's.
 */
function workerAnalysis(r: Extract<ParallelResult, { lines: LineIndex }>): Analysis {
  return {
    get doc() {
      return parseReport(r.lines.text, { markdown: r.meta.markdown });
    },
    findings: r.findings,
    failures: r.failures,
    pending: r.pending,
    lines: r.lines,
    disabled: r.disabled,
  };
}

/**
 * Loading nodejieba in a thread of its own costs ~45 ms more than in this one (a thread to start),
 * and pays when the other rules take longer than that meanwhile: measured, a 30 KB report (10,000
 * characters) 921 -> 967 ms, 100 KB (35,000) 970 ms either way, 1 MB 1.19-1.30 -> 1.04-1.15 s, the
 * bench folder in one thread ~5.5 -> 4.95 s. One file below this many characters loads it here.
 */
const BACKGROUND_SEGMENTER_CHARS = 50_000;

/** Whether a rule that needs word segmentation is on for any of `files`. */
async function segments(configs: ConfigResolver, only: LintConfig | undefined, files: readonly ExpandedFile[]): Promise<boolean> {
  for (const f of files) if (f.error === undefined && needsSegmenter(mergeConfigs((await configs.forFile(f.file)).config, only))) return true;
  return false;
}

/** Whether `config` enables a rule that needs word segmentation. */
function needsSegmenter(config: LintConfig | undefined): boolean {
  return RULES.some((r) => r.meta.needsSegmenter && ruleLevel(config, r.meta.id, r.meta.defaultSeverity) !== 'off');
}

async function lintHere(
  io: CliIO,
  o: Options,
  configs: ConfigResolver,
  only: LintConfig | undefined,
  files: readonly ExpandedFile[],
  progress: Progress,
): Promise<{ results: FileResult[]; loaded: Loaded[]; analyze: (l: Loaded, doc: ReportDoc) => Analysis; failed: boolean }> {
  let failed = false;
  // Parse every file first: each is then also compared with the files before it.
  const loaded: Loaded[] = [];
  const corpus = new DuplicateCorpus(DEFAULT_CORPUS_OPTIONS, true);
  /** nodejieba loading in its own thread while this one lints (see CliIO.loadSegmenter). */
  let background: Segmenter | undefined;
  // Files are read a few at a time, so that the CPU parses one while the next is read.
  const reads: Promise<ReadResult>[] = [];
  const readAhead = (i: number) => {
    const f = files[i];
    if (f && f.error === undefined && reads[i] === undefined) reads[i] = readInput(f.stdin ? () => stdinBytes(io, o.maxFileSize) : (p) => io.readFile(p), f.file, o.maxFileSize);
  };
  for (let i = 0; i < READ_AHEAD; i++) readAhead(i);
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    readAhead(i + READ_AHEAD);
    progress.tick(i, 'reading');
    if (f.error !== undefined) {
      loaded.push({ file: f.file, error: f.error });
      continue;
    }
    const read = await reads[i];
    delete reads[i];
    if (!read.ok) {
      failed = true;
      loaded.push({ file: f.file, error: read.reason });
      continue;
    }
    for (const w of read.warnings ?? []) io.stderr(`report-lint: ${printable(f.file)}: ${printable(w)}\n`);
    const config = mergeConfigs((await configs.forFile(f.file)).config, only);
    const worthAThread = files.length > 1 || read.text.length >= BACKGROUND_SEGMENTER_CHARS;
    if (o.command === 'lint' && io.loadSegmenter && !background && worthAThread && needsSegmenter(config)) background = io.loadSegmenter();
    const doc = parseReport(read.text, { markdown: isMarkdown(f.file, read) });
    // One file has no other to copy from: its corpus data would be computed for nothing.
    if (o.command === 'lint' && files.length > 1) corpus.set(f.file, doc);
    loaded.push({ file: f.file, doc, encoding: read.encoding, bom: read.bom, docx: read.docx, config });
  }
  const segmenter = o.command === 'lint' ? (background ?? io.segmenter) : undefined;
  const optionsOf = (l: Loaded) => ({ config: l.config, corpus, uri: l.file });
  const analyze = (l: Loaded, doc: ReportDoc) => analyzeDoc(doc, { ...optionsOf(l), segmenter });
  // While the segmenter loads, every other rule runs; the rules that need it run last, once it has.
  const results: FileResult[] = loaded.map((l, i) => {
    progress.tick(i, 'checking');
    if (!l.doc) return { file: l.file, error: l.error };
    return { file: l.file, analysis: background ? analyzeDoc(l.doc, optionsOf(l)) : analyze(l, l.doc), docx: l.docx, encoding: l.docx ? undefined : l.encoding };
  });
  if (background) {
    const seg = background;
    results.forEach((r, i) => {
      const a = r.analysis;
      if (a && a.pending.length > 0) results[i] = { ...r, analysis: withPending(a, analyzePending(a.doc, a.lines, a.pending, { ...optionsOf(loaded[i]), segmenter: seg })) };
    });
  }
  progress.done();
  tellProblems(io, results);
  return { results, loaded, analyze, failed };
}

/** What every run ends with: --quiet, suppressions, the report in its format, the exit code. */
async function report(io: CliIO, o: Options, locale: Locale, cwd: string, fs: ProjectFs, input: FileResult[], failed: boolean): Promise<0 | 1 | 2> {
  let results = input;
  if (o.quiet) results = results.map((r) => (r.analysis ? { ...r, analysis: { ...r.analysis, findings: r.analysis.findings.filter((f) => f.severity === 'error') } } : r));

  const suppressionsPath = o.suppressions ?? resolve(cwd, SUPPRESSIONS_FILE);
  const suppressions = await Suppressions.load(fs, suppressionsPath);
  if (o.suppressAll) {
    let n = 0;
    for (const r of results) {
      if (!r.analysis) continue;
      suppressions.removeFile(r.file);
      suppressions.add(r.file, r.analysis.lines, r.analysis.findings);
      n += r.analysis.findings.length;
    }
    if (!(await written(io, suppressionsPath, suppressions.serialize(), 'the suppressions'))) return 2;
    io.stderr(`report-lint: ${n} findings recorded in ${relative(cwd, suppressionsPath) || suppressionsPath}; later runs report only new ones\n`);
    return failed ? 2 : 0;
  }
  results = results.map((r) => {
    if (!r.analysis) return r;
    const { findings, suppressed } = suppressions.filter(r.file, r.analysis.lines, r.analysis.findings);
    return suppressed ? { ...r, analysis: { ...r.analysis, findings }, suppressed } : r;
  });

  const ctx: FormatContext = { locale, cwd, version: VERSION };
  const format = o.format ?? 'stylish';
  const pieces = FORMATTERS[format](results, ctx);
  if (o.output !== undefined) {
    if (!(await written(io, o.output, [...pieces].join(''), 'the report'))) return 2;
  } else for (const piece of pieces) await io.stdout(piece);
  const suppressed = results.reduce((n, r) => n + (r.suppressed ?? 0), 0);
  if (suppressed && format !== 'stylish') io.stderr(`report-lint: ${suppressed} findings suppressed (${relative(cwd, suppressionsPath) || suppressionsPath})\n`);
  return failed ? 2 : exitCode(o, results);
}

function exitCode(o: Options, results: readonly FileResult[]): 0 | 1 {
  let errors = 0;
  let warnings = 0;
  for (const r of results) for (const f of r.analysis?.findings ?? []) f.severity === 'error' ? errors++ : f.severity === 'warning' && warnings++;
  return errors > 0 || (o.maxWarnings !== undefined && warnings > o.maxWarnings) ? 1 : 0;
}

/** Passes of safe fixes, as ESLint does: a fix dropped for overlapping another is applied next time. */
const FIX_PASSES = 10;

/**
 * --fix: the safe fixes of every file, applied until none is left, written back atomically in
 * the file's own encoding; the findings that remain are reported. --fix-dry-run prints the same
 * changes as a unified diff and writes nothing. Word and GB18030 files are not rewritten.
 */
async function applyFixes(io: CliIO, o: Options, results: readonly FileResult[], loaded: readonly Loaded[], analyze: (l: Loaded, doc: ReportDoc) => Analysis): Promise<FileResult[] | 2> {
  const out: FileResult[] = [];
  let failed = false;
  for (let i = 0; i < results.length; i++) {
    const r = results[i];
    const l = loaded[i];
    if (!r.analysis || !l.doc) {
      out.push(r);
      continue;
    }
    let a = r.analysis;
    for (let pass = 0; pass < FIX_PASSES; pass++) {
      const edits = mergeFixes(a.findings);
      if (edits.length === 0) break;
      a = analyze(l, parseReport(applyEdits(a.doc.text, edits), { markdown: a.doc.markdown }));
    }
    const before = r.analysis.doc.text;
    const after = a.doc.text;
    if (after !== before) {
      // jsdiff is loaded only here: a plain lint run does not pay for its start-up.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      if (o.fixDryRun) io.stdout((require('diff') as typeof import('diff')).createTwoFilesPatch(r.file, r.file, before, after, '', '(fixed)', { context: 1 }));
      else if (l.docx || !l.encoding || !ENCODERS[l.encoding]) {
        io.stderr(`report-lint: ${printable(r.file)}: not fixed (${l.docx ? 'Word file' : `${l.encoding} file`}); use --fix-dry-run to see the changes\n`);
        out.push(r);
        continue;
      } else {
        try {
          // Changed on disk since it was read (saved from an editor while a folder was linted):
          // writing the fixed old text would undo that change.
          const now = decode(await io.readFile(r.file));
          if (!now.ok || now.text !== before) throw new Error('the file changed since it was read; run again');
          await write(io, r.file, ENCODERS[l.encoding](after, l.bom));
        } catch (e) {
          io.stderr(`report-lint: ${printable(r.file)}: not fixed: ${printable(reason(e as Error))}\n`);
          failed = true;
          out.push(r);
          continue;
        }
      }
    }
    out.push({ ...r, analysis: o.fixDryRun ? r.analysis : a });
  }
  return failed ? 2 : out;
}

const ENCODERS: Record<string, (text: string, bom?: boolean) => Uint8Array> = {
  'utf-8': (text, bom) => Buffer.from((bom ? '\ufeff' : '') + text, 'utf8'),
  'utf-16le': (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
};

async function write(io: CliIO, path: string, data: Uint8Array | string): Promise<void> {
  if (!io.writeFile) throw new Error('cannot write files here');
  await io.writeFile(path, data);
}

/** Writes, or says on stderr why it could not (a folder, a missing folder, no permission). */
async function written(io: CliIO, path: string, data: string, what: string): Promise<boolean> {
  try {
    await write(io, path, data);
    return true;
  } catch (e) {
    io.stderr(`report-lint: cannot write ${what} to ${printable(path)}: ${printable(reason(e as Error))}\n`);
    return false;
  }
}

/** "ENOENT: no such file or directory, open '…'" → "no such file or directory": the path named is a temporary one. */
function reason(e: Error): string {
  return /^E[A-Z]+: ([^,]+)/.exec(e.message)?.[1] ?? e.message;
}

/** A progress line on stderr when it is a terminal and the run is long enough to need one. */
class Progress {
  private last = 0;
  private shown = false;
  constructor(
    private readonly io: CliIO,
    private readonly total: number,
  ) {}
  tick(i: number, what: string): void {
    if (!this.io.interactive || this.total < 20) return;
    const now = Date.now();
    if (now - this.last < 100) return;
    this.last = now;
    this.shown = true;
    this.io.stderr(`\r${what} ${i + 1}/${this.total} files…\x1b[K`);
  }
  done(): void {
    if (this.shown) this.io.stderr('\r\x1b[K');
  }
}

function projectFs(io: CliIO, cwd: string): ProjectFs {
  // Paths inside the working directory are passed relative, as the user gave them.
  const local = (p: string) => {
    const r = relative(cwd, p);
    return r && !r.startsWith('..') && !isAbsolute(r) ? r : p;
  };
  return {
    cwd,
    async readText(path, named = false) {
      const p = local(path);
      const kind = (await io.stat(p).catch(() => undefined))?.kind;
      if (kind === 'dir' && named) throw new Error('a folder, not a file');
      if (kind !== 'file' && !(kind === 'other' && named)) return undefined;
      const d = decode(await io.readFile(p));
      if (!d.ok) throw new Error(d.reason);
      return d.text;
    },
  };
}

/**
 * Each format's text in pieces, written to stdout as they are made so that a folder's report
 * never stands in memory whole (see jsonChunks); --output writes them joined. Stylish is a few
 * bytes per finding: one piece.
 */
const FORMATTERS: Record<string, (results: readonly FileResult[], ctx: FormatContext) => Iterable<string>> = {
  stylish: (results, ctx) => [formatStylish(results, ctx)],
  json: jsonChunks,
  sarif: sarifChunks,
  junit: junitChunks,
  html: htmlChunks,
};

/** Formats that show the findings' fixes (workers leave fixes out for the others). */
const SHOWS_FIXES: ReadonlySet<string> = new Set(['sarif']);

const LINTABLE = /\.(txt|md|markdown|docx)$/i;
const READ_AHEAD = 8;

/** Why a folder entry whose name is not UTF-8 is not read, and what to do. */
function notUtf8(e: UnreadableName): string {
  const shown = e.gb18030 ? ' (shown as GB18030)' : '';
  return e.kind === 'dir'
    ? `the folder name is not UTF-8${shown}: its files were not searched; rename it, e.g. convmv -r -f gbk -t utf8 --notest FOLDER`
    : `the file name is not UTF-8${shown}, so the file cannot be opened; rename it, e.g. convmv -f gbk -t utf8 --notest FILE`;
}

const NOT_UTF8_ARGUMENT = 'a name that is not UTF-8 cannot be passed on the command line: rename it, e.g. convmv -f gbk -t utf8 --notest FILE, or name its folder';

interface ExpandedFile {
  file: string;
  /** Read from stdin (`-`); `file` is its --stdin-filename or STDIN_NAME. */
  stdin?: boolean;
  /** Device and inode, where the file system gives them (PathInfo.id). */
  id?: string;
  error?: string;
  /** Named on the command line but ignored: said once on stderr. */
  ignoredExplicitly?: boolean;
}

/** The report of `-`: named by --stdin-filename (whose config and ignores apply to it) or STDIN_NAME. */
async function fromStdin(o: Options, isIgnored: (file: string) => Promise<boolean>): Promise<ExpandedFile> {
  const file = o.stdinFilename ?? STDIN_NAME;
  return o.stdinFilename !== undefined && (await isIgnored(file)) ? { file, stdin: true, ignoredExplicitly: true } : { file, stdin: true };
}

/** stdin's bytes; more than `maxBytes` is an error whose message readInput passes on. */
async function stdinBytes(io: CliIO, maxBytes: number): Promise<Uint8Array> {
  if (!io.readStdin) throw new Error('there is no stdin to read here');
  const bytes = await io.readStdin(maxBytes);
  if (bytes.length > maxBytes) throw new Error(overLimit(maxBytes));
  return bytes;
}

/**
 * Paths → files, directories searched recursively in sorted order (dot folders, node_modules and
 * ignored files skipped). What cannot be read is listed with the reason and the rest goes on.
 */
async function expand(io: CliIO, paths: readonly string[], isIgnored: (file: string) => Promise<boolean>, maxBytes: number): Promise<ExpandedFile[]> {
  const out: ExpandedFile[] = [];
  const seen = new Set<string>();
  /** False for a file or folder already reached by another path. */
  const first = (info: PathInfo): boolean => info.id === undefined || (!seen.has(info.id) && (seen.add(info.id), true));
  /** `ignoredExplicitly` for a path named on the command line. */
  const file = (path: string, info: PathInfo, ignoredExplicitly?: boolean): void => {
    if (!first(info)) return;
    if (!ignoredExplicitly && info.size !== undefined && info.size > maxBytes) out.push({ file: path, error: tooLarge(info.size, maxBytes) });
    else out.push(ignoredExplicitly === undefined ? { file: path, id: info.id } : { file: path, id: info.id, ignoredExplicitly });
  };
  const walk = async (dir: string, info: PathInfo): Promise<void> => {
    if (!first(info)) return;
    let entries: Array<string | UnreadableName>;
    try {
      entries = await io.readDir(dir);
    } catch (e) {
      out.push({ file: dir, error: (e as Error).message });
      return;
    }
    const searched = (name: string) => !(name.startsWith('.') || name === 'node_modules' || name.startsWith('~$'));
    const names = entries.filter((e): e is string => typeof e === 'string' && searched(e)).sort();
    // All of a folder's entries are looked up at once: one by one, 1,000 files waited ~0.1 s.
    const infos = await Promise.all(names.map((name) => io.stat(io.joinPath(dir, name)).catch((e: Error) => e)));
    for (const [i, name] of names.entries()) {
      const path = io.joinPath(dir, name);
      const entry = infos[i];
      if (entry instanceof Error) {
        // Could be a folder as well as a file: said only when the name is one that would be read.
        if (LINTABLE.test(name)) out.push({ file: path, error: entry.message });
      } else if (entry?.kind === 'dir') {
        if (!(await isIgnored(path + '/'))) await walk(path, entry);
      } else if (entry?.kind === 'file' && LINTABLE.test(name) && !(await isIgnored(path))) file(path, entry);
    }
    // Said, not skipped: a folder unzipped from Windows can hold every report under such names.
    for (const e of entries) {
      if (typeof e === 'string' || !searched(e.shown)) continue;
      const path = io.joinPath(dir, e.shown);
      if (e.kind === 'dir' ? !(await isIgnored(path + '/')) : e.kind === 'file' && LINTABLE.test(e.shown) && !(await isIgnored(path))) {
        out.push({ file: path, error: notUtf8(e) });
      }
    }
  };
  for (const p of paths) {
    const info = await io.stat(p).catch((e: Error) => e);
    if (info instanceof Error) out.push({ file: p, error: info.message });
    // Node.js gives the arguments as UTF-8 strings: a name in another encoding reaches us with U+FFFD.
    else if (info === undefined) out.push({ file: p, error: p.includes('\uFFFD') ? `no such file or directory (${NOT_UTF8_ARGUMENT})` : 'no such file or directory' });
    else if (info.kind === 'dir') await walk(p, info);
    else if (info.kind === 'file') file(p, info, await isIgnored(p));
    else out.push({ file: p, error: 'not a regular file (a pipe, a device or a socket)' });
  }
  return out;
}

/** The linted file that `output` names (by identity, or by resolved path where there is none), if any. */
async function lintedAt(io: CliIO, output: string, cwd: string, linted: readonly ExpandedFile[]): Promise<string | undefined> {
  const info = await io.stat(output).catch(() => undefined);
  if (info?.kind !== 'file') return undefined;
  const at = resolve(cwd, output);
  return linted.find((f) => f.error === undefined && (info.id !== undefined && f.id !== undefined ? f.id === info.id : resolve(cwd, f.file) === at))?.file;
}

function outlineText(results: readonly FileResult[]): string {
  return results
    .filter((r): r is FileResult & { analysis: Analysis } => r.analysis !== undefined)
    .map((r) => `${printable(r.file)}\n${renderOutlineText(outlineNodes(r.analysis.doc), r.analysis.lines).split('\n').map(printable).join('\n')}`)
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
