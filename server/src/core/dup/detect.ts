import type { ReportDoc, Span } from '../model';
import type { Range } from '../text/lineIndex';
import type { DupOptions } from './normalize';
import { perDocumentKeyed, whileEditedFrom } from '../memo';
import { detectLocal, type Lineage } from './local';

/**
 * Copies of text within a document and against other documents. The finding stands on the later
 * copy; `sources` are the earlier places (other documents: any place, for the editor).
 */
export interface DupSource {
  /** Another document; absent for the same one. */
  readonly uri?: string;
  readonly span: Span;
  /** Position in that other document (its own line index). */
  readonly range?: Range;
  readonly paragraphSpan: Span;
}

export interface DupHit {
  readonly kind: 'paragraph' | 'passage';
  readonly paragraph: number;
  readonly span: Span;
  /** 0–1: share of the two texts that is common. */
  readonly similarity: number;
  readonly sources: readonly DupSource[];
  readonly crossFile: boolean;
}

/** What classification reads of the document a copy stands in: its text and paragraph spans. */
export interface DocLike {
  readonly text: string;
  readonly paragraphs: readonly { readonly span: Span }[];
}

/**
 * Other documents, as the duplicate rules see them: the corpus itself, or (in the CLI's worker
 * threads) the hits the main thread found against it. `generation` changes with its content.
 */
export interface CrossFileSource {
  readonly generation: number;
  /** Copies of `doc`'s paragraphs in other documents, skipping the paragraphs in `skip`. */
  detect(doc: ReportDoc, uri: string | undefined, options: DupOptions, skip: ReadonlySet<number>): DupHit[];
}

export interface DetectContext {
  readonly corpus?: CrossFileSource;
  /** This document's key in the corpus. */
  readonly uri?: string;
  /** Set by the editor: the work of the previous version is reused (see local.ts). */
  readonly lineage?: Lineage;
}

/** One detection per document, options and corpus state; both duplicate rules read it. */
export function detectDuplicates(doc: ReportDoc, options: DupOptions, ctx: DetectContext = {}): DupHit[] {
  const key = JSON.stringify(options) + '\u0000' + (ctx.corpus ? `${ctx.uri}@${ctx.corpus.generation}` : '');
  // Outside an analysis too (whileEditedFrom nests), the comparable paragraphs may take the previous version's over.
  return detected(doc, key, () => whileEditedFrom(doc, ctx.lineage?.previous, () => {
    const local = localDuplicates(doc, options, ctx.lineage);
    const cross = ctx.corpus ? ctx.corpus.detect(doc, ctx.uri, options, locallyCopied(doc, options)) : [];
    return [...local, ...cross].sort((a, b) => a.span.start - b.span.start);
  }));
}

const detected = perDocumentKeyed<string, DupHit[]>();
const local = perDocumentKeyed<string, DupHit[]>();

/** Copies within the document (computed once per document and options). */
export function localDuplicates(doc: ReportDoc, options: DupOptions, lineage?: Lineage): DupHit[] {
  const key = JSON.stringify(options);
  return local(doc, key, () => detectLocal(doc, options, key, lineage));
}

/** Paragraphs already reported as copies within the document: not compared with other files. */
export function locallyCopied(doc: ReportDoc, options: DupOptions): Set<number> {
  return new Set(localDuplicates(doc, options).map((h) => h.paragraph));
}
