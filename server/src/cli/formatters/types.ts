import type { Analysis, Locale } from '../../core';

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
}

export interface FormatContext {
  readonly locale: Locale;
  /** The folder paths are relative to (SARIF's %SRCROOT%). */
  readonly cwd?: string;
  readonly version?: string;
}
