import type { Fix, FindingDraft, ReportDoc, RelatedInfo, Span } from '../model';
import { DEFAULT_DUP_OPTIONS, type DupOptions } from '../dup/normalize';
import { detectDuplicates, type DupHit } from '../dup/detect';
import type { RuleContext } from './types';
import { optionProblem, RULE_OPTIONS } from '../config';
import type { LineIndex } from '../text/lineIndex';

/** What the two duplicate rules' options take (the passage rule's threshold and paragraph length are the defaults). */
const DUP_SPECS = { ...RULE_OPTIONS['duplicate-paragraph'], ...RULE_OPTIONS['duplicate-passage'] };

/** Options of the duplicate rules, with their documented defaults (see README) where not given. */
export function dupOptions(options: Readonly<Record<string, unknown>>): DupOptions {
  const num = (k: keyof DupOptions) => (optionProblem(DUP_SPECS[k], options[k]) === undefined ? (options[k] as number) : DEFAULT_DUP_OPTIONS[k]);
  return { threshold: num('threshold'), minParagraphLength: num('minParagraphLength'), minPassageLength: num('minPassageLength') };
}

export function hitsOf(doc: ReportDoc, options: Readonly<Record<string, unknown>>, ctx: RuleContext): DupHit[] {
  return detectDuplicates(doc, dupOptions(options), { corpus: ctx.corpus, uri: ctx.uri, lineage: ctx.lineage });
}

/** `file:///a/2023年报告.txt` → `2023年报告.txt`. */
export function displayName(uri: string): string {
  const last = uri.split(/[\\/]/).pop() ?? uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

export function related(hit: DupHit): RelatedInfo[] {
  return hit.sources.map((s) => ({ uri: s.uri, span: s.span, range: s.range, message: { key: 'duplicate.related' } }));
}

/** Where the first other copy is, for the message: its line (1-based) and file. */
export function where(hit: DupHit, lines: LineIndex): { line: number; file: string } {
  const s = hit.sources[0];
  const line = s.range ? s.range.start.line : lines.positionAt(s.span.start).line;
  return { line: line + 1, file: s.uri ? displayName(s.uri) : '' };
}

/**
 * Deleting a whole paragraph takes the line breaks after it too, so no empty line is left behind;
 * the last paragraph goes with what follows it. The spans of neighbouring paragraphs never overlap,
 * so several blocks can be deleted at once.
 */
export function deleteParagraphFix(doc: ReportDoc, paragraph: number): Fix {
  const ps = doc.paragraphs;
  const p = ps[paragraph];
  const span: Span = { start: p.span.start, end: deletedUpTo(doc, paragraph) };
  return { title: { key: 'duplicate.fix-delete' }, edits: [{ span, newText: '' }], safe: false };
}

/**
 * A duplicate rule's findings by hit: the last version's draft for a hit that is the same object
 * (the detection carries the hits before an edit over, dup/local.ts) and whose `key` — what else
 * the draft depends on: its severity, its fix's end — is the same. A hit before the edit has its
 * copies before it too, so their lines are the same. The draft's message and related information
 * being the same objects, the editor keeps the diagnostic too (lsp/convert.ts): on the 1 MB report
 * ~1,000 findings of copies were made anew, and converted, at every keystroke.
 */
export function draftsByHit(): (hit: DupHit, key: number | string | undefined, make: () => FindingDraft) => FindingDraft {
  const kept = new WeakMap<DupHit, { readonly key: number | string | undefined; readonly draft: FindingDraft }>();
  return (hit, key, make) => {
    const last = kept.get(hit);
    if (last !== undefined && last.key === key) return last.draft;
    const draft = make();
    kept.set(hit, { key, draft });
    return draft;
  };
}

/** The end of deleteParagraphFix's span: where the paragraph after it starts. */
export function deletedUpTo(doc: ReportDoc, paragraph: number): number {
  const ps = doc.paragraphs;
  return paragraph + 1 < ps.length ? ps[paragraph + 1].span.start : doc.text.length;
}

/** Copies across files are information unless configured: carrying text over can be deliberate. */
export const DEFAULT_CROSS_FILE_SEVERITY = 'info';

export function crossFileSeverity(options: Readonly<Record<string, unknown>>): 'error' | 'warning' | 'info' | 'hint' {
  const v = options.crossFileSeverity;
  return v === 'error' || v === 'warning' || v === 'hint' ? v : DEFAULT_CROSS_FILE_SEVERITY;
}
