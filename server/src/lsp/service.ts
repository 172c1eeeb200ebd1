import { analyze, hanRatio, type Analysis, type Locale } from '../core';

/** What the server is told by the client (initializationOptions and the reportLint settings). */
export interface ServerSettings {
  /** Serve plaintext and markdown documents whose text is mostly Chinese. */
  serveChinesePlainText: boolean;
  /** 'auto' follows the client's locale. */
  locale: 'auto' | Locale;
}

export const DEFAULT_SETTINGS: ServerSettings = { serveChinesePlainText: true, locale: 'auto' };

/** Han characters among the non-space characters above which plain text counts as a report. */
const CHINESE_SHARE = 0.3;

export interface DocumentLike {
  readonly uri: string;
  readonly languageId: string;
  readonly version: number;
  getText(): string;
}

/**
 * The analysis cache: one frozen Analysis per (document, version). Every request of one version
 * reads the same analysis; a keystroke makes a new version of that document only.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, { version: number; analysis: Analysis | undefined }>();

  constructor(private settings: ServerSettings) {}

  update(settings: ServerSettings): void {
    this.settings = settings;
    this.entries.clear();
  }

  /** The analysis of the document, or undefined when the server does not serve it. */
  get(doc: DocumentLike): Analysis | undefined {
    const cached = this.entries.get(doc.uri);
    if (cached && cached.version === doc.version) return cached.analysis;
    const text = doc.getText();
    const served = doc.languageId === 'workreport' || (this.settings.serveChinesePlainText && (doc.languageId === 'plaintext' || doc.languageId === 'markdown') && hanRatio(text) >= CHINESE_SHARE);
    const analysis = served ? analyze(text, { markdown: doc.languageId === 'markdown' || /\.(md|markdown)$/i.test(doc.uri) ? true : undefined }) : undefined;
    this.entries.set(doc.uri, { version: doc.version, analysis });
    return analysis;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }
}
