import type { Analysis, Locale } from '../../core';

/** One linted file as the formatters see it. */
export interface FileResult {
  /** The path as given on the command line, or joined from a directory given there. */
  readonly file: string;
  readonly analysis?: Analysis;
  /** Why the file could not be linted. */
  readonly error?: string;
}

export interface FormatContext {
  readonly locale: Locale;
}
