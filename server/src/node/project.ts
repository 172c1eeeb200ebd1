import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Ignore } from 'ignore';
import { resolveConfig, validateConfig, type Finding, type LintConfig } from '../core';

/**
 * A project's files around the reports, shared by the CLI and the language server:
 *
 * - `.reportlintrc.json`: the config, looked up from a file's folder upwards (the nearest wins);
 * - `.reportlintignore`: gitignore syntax, relative to its folder (with the config's `ignores`);
 * - `.reportlint-suppressions.json`: accepted findings, by rule and a fingerprint of their text.
 *
 * File access goes through `ProjectFs`, so the CLI's tests can run on an in-memory tree.
 */
export const CONFIG_FILE = '.reportlintrc.json';
export const IGNORE_FILE = '.reportlintignore';
export const SUPPRESSIONS_FILE = '.reportlint-suppressions.json';

export interface ProjectFs {
  /** What relative paths are relative to. */
  readonly cwd: string;
  /**
   * The file's text, or undefined when it does not exist. Other errors throw. `named`: the user
   * named this file (--config), so a pipe is read too (`--config <(…)`, /dev/stdin) and a folder
   * is an error; files looked up by name are read only when they are regular files.
   */
  readText(path: string, named?: boolean): Promise<string | undefined>;
}

/** A config file that cannot be used: where, at which key, and why. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly key: string,
    readonly reason: string,
  ) {
    super(`${file}: ${key ? `${key}: ` : ''}${reason}`);
  }
}

export interface LoadedConfig {
  /** The file it came from; undefined for the defaults. */
  readonly file?: string;
  /** The config with its preset expanded. */
  readonly config: LintConfig;
  /** Files it says not to lint (its `ignores`, relative to its folder). */
  readonly ignores: (path: string) => boolean;
}

const NO_CONFIG: LoadedConfig = { config: {}, ignores: () => false };

/** Parses and checks a config file's text; throws ConfigError naming the file and the key. */
export function parseConfig(file: string, text: string, cwd = process.cwd()): LoadedConfig {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ConfigError(file, '', `not valid JSON (${(e as Error).message})`);
  }
  const errors = validateConfig(value);
  if (errors.length) throw new ConfigError(file, errors[0].key, errors.map((e, i) => (i === 0 ? e.message : `${e.key}: ${e.message}`)).join('; '));
  const raw = value as LintConfig;
  const ignores = raw.ignores?.length ? ignoreMatcher([...raw.ignores], dirname(resolve(cwd, file)), cwd) : () => false;
  return { file, config: resolveConfig(raw), ignores };
}

/**
 * gitignore-style patterns (a .reportlintignore's text, or a config's `ignores`) relative to
 * `base`, as a test on paths (relative to `cwd`; a trailing `/` marks a folder). Paths outside
 * `base` are never ignored.
 */
export function ignoreMatcher(patterns: string | string[], base: string, cwd: string): (path: string) => boolean {
  // Loaded when a run has ignore patterns: a cold start without them does not pay for it.
  const ignore = require('ignore') as typeof import('ignore');
  const matcher: Ignore = ignore().add(typeof patterns === 'string' ? patterns.replace(/^\uFEFF/, '') : patterns);
  return (path) => {
    const rel = relative(base, resolve(cwd, path)) + (path.endsWith('/') ? '/' : '');
    if (!rel || rel.startsWith('..') || isAbsolute(rel)) return false;
    return matcher.ignores(rel.split(sep).join('/'));
  };
}

/** Finds and loads the nearest config of each folder, once per folder. */
export class ConfigResolver {
  private readonly byDir = new Map<string, Promise<LoadedConfig>>();
  /** `--config FILE`, read and parsed once for the whole run. */
  private explicitConfig?: Promise<LoadedConfig>;

  constructor(
    private readonly fs: ProjectFs,
    /** `--config FILE`: used for every file instead of the lookup. */
    private readonly explicit?: string,
  ) {}

  /** The config that applies to `file`. Throws ConfigError for a bad config file. */
  forFile(file: string): Promise<LoadedConfig> {
    if (this.explicit) return (this.explicitConfig ??= this.load(resolve(this.fs.cwd, this.explicit), true));
    return this.forDir(dirname(resolve(this.fs.cwd, file)));
  }

  private forDir(dir: string): Promise<LoadedConfig> {
    let p = this.byDir.get(dir);
    if (!p) {
      p = (async () => {
        const found = await this.load(join(dir, CONFIG_FILE), false);
        if (found !== NO_CONFIG) return found;
        const parent = dirname(dir);
        return parent === dir ? NO_CONFIG : this.forDir(parent);
      })();
      this.byDir.set(dir, p);
    }
    return p;
  }

  private async load(file: string, required: boolean): Promise<LoadedConfig> {
    let text: string | undefined;
    try {
      text = await this.fs.readText(file, required);
    } catch (e) {
      throw new ConfigError(file, '', (e as Error).message);
    }
    if (text === undefined) {
      if (required) throw new ConfigError(file, '', 'no such file');
      return NO_CONFIG;
    }
    return parseConfig(file, text, this.fs.cwd);
  }
}

/** `.reportlintignore` of a folder (gitignore syntax), or a matcher that ignores nothing. */
export async function loadIgnoreFile(fs: ProjectFs, dir: string): Promise<(path: string) => boolean> {
  const text = await fs.readText(join(dir, IGNORE_FILE));
  return text === undefined ? () => false : ignoreMatcher(text, resolve(fs.cwd, dir), fs.cwd);
}

/**
 * Accepted findings. An entry names the file (relative to the suppressions file), the rule, a
 * fingerprint of the text the finding stands on (whitespace removed, so re-wrapping does not
 * matter, and nothing of its position, so edits elsewhere do not either) and how many findings
 * share it.
 */
export interface SuppressionEntry {
  readonly file: string;
  readonly rule: string;
  readonly fingerprint: string;
  readonly count: number;
}

export interface SuppressionsFile {
  readonly version: 1;
  readonly suppressions: readonly SuppressionEntry[];
}

/** node:crypto, loaded by the first fingerprint (SARIF output, suppressions: a cold start without them does not pay for it), then kept. */
let crypto: typeof import('node:crypto') | undefined;

/** The fingerprint of a finding: its rule and the text it stands on. */
export function fingerprint(doc: { readonly text: string }, f: Finding): string {
  const text = doc.text.slice(f.span.start, f.span.end).replace(/\s+/g, '');
  crypto ??= require('node:crypto') as typeof import('node:crypto');
  return crypto.createHash('sha256').update(`${f.rule}\u0000${text}`).digest('hex').slice(0, 16);
}

export class Suppressions {
  private readonly counts = new Map<string, number>();

  constructor(
    readonly path: string,
    entries: readonly SuppressionEntry[] = [],
    private readonly cwd = process.cwd(),
  ) {
    for (const e of entries) {
      const k = this.key(e.file, e.rule, e.fingerprint);
      this.counts.set(k, (this.counts.get(k) ?? 0) + e.count);
    }
  }

  static async load(fs: ProjectFs, path: string): Promise<Suppressions> {
    const text = await fs.readText(path);
    return text === undefined ? new Suppressions(path, [], fs.cwd) : Suppressions.fromText(path, text, fs.cwd);
  }

  /** Parses a suppressions file; throws ConfigError naming the file and the entry. */
  static fromText(path: string, text: string, cwd = process.cwd()): Suppressions {
    let value: SuppressionsFile;
    try {
      value = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      throw new ConfigError(path, '', `not valid JSON (${(e as Error).message})`);
    }
    if (value?.version !== 1 || !Array.isArray(value.suppressions)) throw new ConfigError(path, 'version', 'expected {"version": 1, "suppressions": [...]}');
    for (const [i, e] of value.suppressions.entries()) {
      if (typeof e?.file !== 'string' || typeof e.rule !== 'string' || typeof e.fingerprint !== 'string' || !Number.isInteger(e.count)) throw new ConfigError(path, `suppressions[${i}]`, 'needs file, rule, fingerprint and count');
    }
    return new Suppressions(path, value.suppressions, cwd);
  }

  get size(): number {
    return this.counts.size;
  }

  private key(file: string, rule: string, print: string): string {
    return `${file}\u0000${rule}\u0000${print}`;
  }

  private fileKey(file: string): string {
    return relative(dirname(resolve(this.cwd, this.path)), resolve(this.cwd, file)).split(sep).join('/');
  }

  /** The findings not accepted, and how many were. Each entry absorbs up to `count` findings. */
  filter(file: string, doc: { readonly text: string }, findings: readonly Finding[]): { findings: Finding[]; suppressed: number } {
    if (this.counts.size === 0) return { findings: [...findings], suppressed: 0 };
    const left = new Map<string, number>();
    const rel = this.fileKey(file);
    const kept: Finding[] = [];
    for (const f of findings) {
      const k = this.key(rel, f.rule, fingerprint(doc, f));
      const n = left.has(k) ? left.get(k)! : this.counts.get(k) ?? 0;
      if (n > 0) left.set(k, n - 1);
      else kept.push(f);
    }
    return { findings: kept, suppressed: findings.length - kept.length };
  }

  /** Forgets a file's entries (before recording a new baseline for it). */
  removeFile(file: string): void {
    const prefix = this.fileKey(file) + '\u0000';
    for (const k of [...this.counts.keys()]) if (k.startsWith(prefix)) this.counts.delete(k);
  }

  /** Adds findings (a review round's baseline, or one accepted in the editor). */
  add(file: string, doc: { readonly text: string }, findings: readonly Finding[]): void {
    const rel = this.fileKey(file);
    for (const f of findings) {
      const k = this.key(rel, f.rule, fingerprint(doc, f));
      this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
    }
  }

  /** The file's content: sorted, so that it diffs well under version control. */
  serialize(): string {
    const suppressions = [...this.counts.entries()]
      .map(([k, count]) => {
        const [file, rule, print] = k.split('\u0000');
        return { file, rule, fingerprint: print, count };
      })
      .sort((a, b) => a.file.localeCompare(b.file) || a.rule.localeCompare(b.rule) || a.fingerprint.localeCompare(b.fingerprint));
    const value: SuppressionsFile = { version: 1, suppressions };
    return JSON.stringify(value, null, 2) + '\n';
  }
}
