import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding, LintConfig, ReportDoc } from '../core';
import { CONFIG_FILE, ConfigError, IGNORE_FILE, ignoreMatcher, parseConfig, Suppressions, SUPPRESSIONS_FILE } from '../node/project';

/**
 * The project files as the language server sees them: the nearest `.reportlintrc.json` of each
 * document (VS Code settings are merged over it), the workspace folder's suppressions file and
 * `.reportlintignore`. Read synchronously (they are small) and cached until a watched change.
 */
export class ProjectState {
  private readonly configs = new Map<string, { config: LintConfig; ignores: (p: string) => boolean } | undefined>();
  private readonly suppressions = new Map<string, Suppressions>();
  /** Folders whose suppressions file is not valid, with why. */
  private readonly unreadable = new Map<string, string>();
  private readonly ignores = new Map<string, (p: string) => boolean>();
  /** Config errors seen, to tell the user once each. */
  readonly problems: string[] = [];

  constructor(private folders: readonly string[]) {}

  setFolders(folders: readonly string[]): void {
    this.folders = folders;
    this.reset();
  }

  reset(): void {
    this.configs.clear();
    this.suppressions.clear();
    this.unreadable.clear();
    this.ignores.clear();
  }

  private folderOf(path: string): string | undefined {
    return this.folders.filter((f) => isInside(f, path)).sort((a, b) => b.length - a.length)[0];
  }

  /** The config file's rules for a document (file: URIs only), or undefined. */
  configFor(uri: string): LintConfig | undefined {
    if (!uri.startsWith('file:')) return undefined;
    return this.nearest(dirname(fileURLToPath(uri)))?.config;
  }

  private nearest(dir: string): { config: LintConfig; ignores: (p: string) => boolean } | undefined {
    if (this.configs.has(dir)) return this.configs.get(dir);
    const file = join(dir, CONFIG_FILE);
    let found: { config: LintConfig; ignores: (p: string) => boolean } | undefined;
    if (existsSync(file)) {
      try {
        const loaded = parseConfig(file, readFileSync(file, 'utf8'), dir);
        found = { config: loaded.config, ignores: loaded.ignores };
      } catch (e) {
        this.problems.push(e instanceof ConfigError ? e.message : String(e));
      }
    } else if (dirname(dir) !== dir) found = this.nearest(dirname(dir));
    this.configs.set(dir, found);
    return found;
  }

  /** Whether "lint the workspace" skips the file (.reportlintignore, the config's ignores). */
  isIgnored(path: string): boolean {
    const folder = this.folderOf(path);
    if (folder) {
      let matcher = this.ignores.get(folder);
      if (!matcher) {
        const file = join(folder, IGNORE_FILE);
        matcher = existsSync(file) ? ignoreMatcher(readFileSync(file, 'utf8'), folder, folder) : () => false;
        this.ignores.set(folder, matcher);
      }
      if (matcher(path)) return true;
    }
    return this.nearest(dirname(path))?.ignores(path) ?? false;
  }

  private suppressionsOf(path: string): Suppressions | undefined {
    const folder = this.folderOf(path);
    if (!folder) return undefined;
    let s = this.suppressions.get(folder);
    if (!s) {
      const file = join(folder, SUPPRESSIONS_FILE);
      try {
        s = existsSync(file) ? Suppressions.fromText(file, readFileSync(file, 'utf8'), folder) : new Suppressions(file, [], folder);
      } catch (e) {
        const reason = e instanceof ConfigError ? e.message : String(e);
        this.problems.push(reason);
        // Nothing accepted applies, and nothing may be written over it (see accept).
        this.unreadable.set(folder, reason);
        s = new Suppressions(file, [], folder);
      }
      this.suppressions.set(folder, s);
    }
    return s;
  }

  /** Whether a finding of this document can be accepted: it lies in a workspace folder, whose suppressions file records it. */
  canAccept(uri: string): boolean {
    return uri.startsWith('file:') && this.folderOf(fileURLToPath(uri)) !== undefined;
  }

  /** The findings the suppressions file has not accepted. */
  filter(uri: string, doc: ReportDoc, findings: readonly Finding[]): readonly Finding[] {
    if (!uri.startsWith('file:')) return findings;
    const path = fileURLToPath(uri);
    const s = this.suppressionsOf(path);
    return s && s.size ? s.filter(path, doc, findings).findings : findings;
  }

  /**
   * Records the finding in the folder's suppressions file and returns its path. Throws, changing
   * nothing, when the file cannot be written or could not be read: a file that is not valid
   * (a hand edit left a trailing comma) would otherwise be replaced by one holding this entry alone.
   */
  accept(uri: string, doc: ReportDoc, finding: Finding): string {
    const path = fileURLToPath(uri);
    const folder = this.folderOf(path);
    const s = this.suppressionsOf(path);
    if (!folder || !s) throw new Error(`${path} is not in a workspace folder`);
    const unreadable = this.unreadable.get(folder);
    if (unreadable !== undefined) throw new Error(unreadable);
    const tmp = `${s.path}.tmp-${process.pid}`;
    try {
      s.add(path, doc, [finding]);
      writeFileSync(tmp, s.serialize());
      renameSync(tmp, s.path);
    } catch (e) {
      // Read again from the file as it is: the entry added in memory goes.
      this.suppressions.delete(folder);
      try {
        unlinkSync(tmp);
      } catch {
        // Not written at all.
      }
      throw e;
    }
    return s.path;
  }
}

/** Whether `path` lies inside `folder` (not the folder itself). */
export function isInside(folder: string, path: string): boolean {
  const r = relative(folder, path);
  return !!r && !r.startsWith('..') && !isAbsolute(r);
}
