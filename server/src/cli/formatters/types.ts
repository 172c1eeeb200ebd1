import type { Analysis, Locale, Places, Position, Severity } from '../../core';

/** One linted file as the formatters see it. */
export interface FileResult {
  /** The path as given on the command line, or joined from a directory given there. */
  readonly file: string;
  readonly analysis?: Analysis;
  /** Why the file could not be linted. */
  readonly error?: string;
  /** Findings accepted in the suppressions file (not in `analysis.findings`). */
  readonly suppressed?: number;
  /** A Word document: lines are Word paragraphs, shown as ¶N. */
  readonly docx?: boolean;
  /** The encoding a text file was decoded from (decode.ts: utf-8, utf-16le, utf-16be, gb18030). */
  readonly encoding?: string;
}

export interface FormatContext {
  readonly locale: Locale;
  /** The folder paths are relative to (SARIF's %SRCROOT%). */
  readonly cwd?: string;
  readonly version?: string;
}

/** Severity as the human formats print it. */
export const SEVERITY_LABEL: Record<Locale, Record<Severity, string>> = {
  'zh-cn': { error: '错误', warning: '警告', info: '提示', hint: '建议' },
  en: { error: 'error', warning: 'warning', info: 'info', hint: 'hint' },
};

/** Where a finding is, as a reader looks it up: `77:1`, or `¶77` in a Word file (its paragraphs are its lines). */
export function locationLabel(r: FileResult, p: Position): string {
  return r.docx ? `¶${p.line + 1}` : `${p.line + 1}:${p.character + 1}`;
}

/** Control characters (C0, DEL, C1): one class, so the replacement is linear. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Text for a terminal: control characters shown as `\x1b`, never sent. A file name or a report's
 * text can hold escape sequences (a name with ESC ] 0 ; … BEL retitled the reviewer's terminal
 * when stylish output printed it), and a line break in a file name split its header in two.
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** What a finding's message counts its lines in: a Word file's are its paragraphs (¶N). */
export function placesOf(r: FileResult): Places {
  return r.docx ? 'paragraphs' : 'lines';
}
