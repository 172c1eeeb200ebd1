import { analyzeDoc, DuplicateCorpus, hanRatio, parseReport, type Analysis, type LintConfig, type Locale, type ReportDoc, type Segmenter } from '../core';

/** What the server is told by the client (initializationOptions and the reportLint settings). */
export interface ServerSettings {
  /** Serve plaintext and markdown documents whose text is mostly Chinese. */
  serveChinesePlainText: boolean;
  /** 'auto' follows the client's locale. */
  locale: 'auto' | Locale;
  /** Rule severities and options, from the reportLint.* settings. */
  config: LintConfig;
}

export const DEFAULT_SETTINGS: ServerSettings = { serveChinesePlainText: true, locale: 'auto', config: {} };

/** Han characters among the non-space characters above which plain text counts as a report. */
const CHINESE_SHARE = 0.3;

export interface DocumentLike {
  readonly uri: string;
  readonly languageId: string;
  readonly version: number;
  getText(): string;
}

interface Entry {
  readonly version: number;
  readonly generation: number;
  readonly segmented: boolean;
  readonly analysis: Analysis | undefined;
}

export function isMarkdown(uri: string, languageId?: string): boolean {
  return languageId === 'markdown' || /\.(md|markdown)$/i.test(uri);
}

/**
 * The analysis cache: one analysis per (document, version), shared by every request of that
 * version. The corpus of documents for cross-file duplicates is updated when a document gets a
 * new version — per change, never rebuilt. When the corpus or the segmenter changes, the other
 * documents' analyses are redone on their next request from the same parsed document.
 */
export class AnalysisCache {
  readonly corpus = new DuplicateCorpus();
  private readonly entries = new Map<string, Entry>();
  private readonly indexedVersion = new Map<string, number>();
  private segmenter: Segmenter | undefined;

  constructor(private settings: ServerSettings) {}

  update(settings: ServerSettings): void {
    this.settings = settings;
    this.entries.clear();
  }

  setSegmenter(segmenter: Segmenter): void {
    this.segmenter = segmenter;
  }

  /** The analysis of the document, or undefined when the server does not serve it. */
  get(doc: DocumentLike): Analysis | undefined {
    const cached = this.entries.get(doc.uri);
    const fresh = cached && cached.version === doc.version;
    if (fresh && (!cached.analysis || (cached.generation === this.corpus.generation && cached.segmented === (this.segmenter !== undefined)))) return cached.analysis;
    let parsed: ReportDoc | undefined = fresh ? cached.analysis?.doc : undefined;
    if (!fresh) {
      const text = doc.getText();
      const served = doc.languageId === 'workreport' || (this.settings.serveChinesePlainText && (doc.languageId === 'plaintext' || doc.languageId === 'markdown') && hanRatio(text) >= CHINESE_SHARE);
      parsed = served ? parseReport(text, { markdown: isMarkdown(doc.uri, doc.languageId) ? true : undefined }) : undefined;
    }
    if (parsed && this.indexedVersion.get(doc.uri) !== doc.version) {
      this.corpus.set(doc.uri, parsed);
      this.indexedVersion.set(doc.uri, doc.version);
    }
    const analysis = parsed ? analyzeDoc(parsed, { config: this.settings.config, corpus: this.corpus, uri: doc.uri, segmenter: this.segmenter }) : undefined;
    this.entries.set(doc.uri, { version: doc.version, generation: this.corpus.generation, segmented: this.segmenter !== undefined, analysis });
    return analysis;
  }

  /** A report file of the workspace that is not open: indexed for cross-file duplicates only. */
  index(uri: string, text: string): void {
    if (this.entries.has(uri)) return;
    this.corpus.set(uri, parseReport(text, { markdown: isMarkdown(uri) ? true : undefined }));
  }

  /** A closed document leaves the corpus (the workspace index reads it back from disk). */
  forget(uri: string): void {
    this.entries.delete(uri);
    this.indexedVersion.delete(uri);
    this.corpus.delete(uri);
  }

  isOpen(uri: string): boolean {
    return this.entries.has(uri);
  }
}
