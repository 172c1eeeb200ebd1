import type { ReportDoc, Span } from '../model';

/** A foldable region: every section, and the front matter. Lines are decided at the edge. */
export interface Fold {
  readonly span: Span;
  readonly kind: 'section' | 'front-matter';
}

export function folds(doc: ReportDoc): Fold[] {
  return doc.headings.map((h) => ({ span: h.section, kind: h.kind === 'front-matter' ? 'front-matter' : 'section' }));
}
