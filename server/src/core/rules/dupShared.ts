import type { Fix, FindingDraft, Message, ReportDoc, RelatedInfo, Span } from '../model';
import { DEFAULT_DUP_OPTIONS, type DupOptions } from '../dup/normalize';
import { detectDuplicates, type DupHit, type DupSource } from '../dup/detect';
import type { RuleContext } from './types';
import { optionProblem, RULE_OPTIONS } from '../config';
import { docSlot } from '../memo';
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

/** What a copy's related information says of its source: one object for them all. */
const RELATED: Message = { key: 'duplicate.related' };

export function related(hit: DupHit): RelatedInfo[] {
  return hit.sources.map((s) => ({ uri: s.uri, span: s.span, range: s.range, message: RELATED }));
}

/** Where the first other copy is, for the message: its line (1-based) and file. */
export function where(hit: DupHit, lines: LineIndex): { line: number; file: string } {
  const s = hit.sources[0];
  const line = s.range ? s.range.start.line : lines.positionAt(s.span.start).line;
  return { line: line + 1, file: s.uri ? displayName(s.uri) : '' };
}

/** The title of the fix that deletes a copy: one object for them all. */
const DELETE_TITLE: Message = { key: 'duplicate.fix-delete' };

/**
 * Deleting a whole paragraph takes the line breaks after it too, so no empty line is left behind;
 * the last paragraph goes with what follows it. The spans of neighbouring paragraphs never overlap,
 * so several blocks can be deleted at once. `previous` is given back when it deletes the same.
 */
export function deleteParagraphFix(doc: ReportDoc, paragraph: number, previous?: Fix): Fix {
  const ps = doc.paragraphs;
  const start = ps[paragraph].span.start;
  const end = paragraph + 1 < ps.length ? ps[paragraph + 1].span.start : doc.text.length;
  return sameDeletion(previous, start, end) ? previous! : { title: DELETE_TITLE, edits: [{ span: { start, end }, newText: '' }], safe: false };
}

/** Deleting `span` (a copied passage); `previous` is given back when it deletes the same. */
export function deleteSpanFix(span: Span, previous?: Fix): Fix {
  return sameDeletion(previous, span.start, span.end) ? previous! : { title: DELETE_TITLE, edits: [{ span, newText: '' }], safe: false };
}

function sameDeletion(fix: Fix | undefined, start: number, end: number): boolean {
  if (fix === undefined || fix.title !== DELETE_TITLE || fix.edits.length !== 1) return false;
  const { span } = fix.edits[0];
  return span.start === start && span.end === end;
}

/**
 * A duplicate rule's findings, their message, related information and detail kept by the copy's
 * sources: the detection carries a hit over as the same object before an edit, and moved, with the
 * same sources, after it, as long as those stay where they were (dup/local.ts, dup/corpus.ts).
 * Sources in place stand where their lines are the same, so what the message says of them holds.
 * `key` is what else those parts depend on (the severity of a copy in another file). The finding's
 * span is the hit's, its fix made by `fix` for each version from the last one (given back when it
 * is the same). With the same message and related objects the editor keeps the diagnostic too
 * (lsp/convert.ts): on the 1 MB report ~1,000 findings of copies were made anew, and converted, at
 * every keystroke. A hit the edit left in place, with the same fix, gives the same draft: on the
 * 1 MB report a keystroke makes ~1,900 fewer drafts and fixes.
 */
export function findingsBySources<C>(
  make: (hit: DupHit, ctx: C) => FindingDraft,
  fix: (hit: DupHit, ctx: C, previous: Fix | undefined) => Fix | undefined,
): (doc: ReportDoc, ctx: RuleContext) => (hit: DupHit, key: string | undefined, at: C) => FindingDraft {
  // Each version's drafts by their copies' sources, on the version (docSlot): the next one looks
  // there, through its lineage. A WeakMap over all versions cost a set per new draft (~1,600 for a
  // keystroke near the start of the 1 MB report) and kept its values through scavenges (memo.ts).
  // Without a lineage (the CLI) drafts are made and not kept.
  const kept = docSlot<Map<readonly DupSource[], Kept>>();
  const made = (hit: DupHit, _key: string | undefined, at: C) => make(hit, at);
  return (doc, ctx) => {
    if (!ctx.lineage) return made;
    const drafts = kept.get(doc) ?? new Map<readonly DupSource[], Kept>();
    kept.set(doc, drafts);
    const theirs = ctx.lineage.previous && kept.get(ctx.lineage.previous);
    return (hit, key, at) => {
      const last = drafts.get(hit.sources) ?? theirs?.get(hit.sources);
      let draft: FindingDraft;
      if (last === undefined || last.key !== key) draft = make(hit, at);
      else {
        const { span, severity, message, related, detail, fix: lastFix } = last.draft;
        const f = fix(hit, at, lastFix);
        draft = span === hit.span && f === lastFix ? last.draft : { span: hit.span, severity, message, related, fix: f, detail };
      }
      drafts.set(hit.sources, draft === last?.draft ? last : { key, draft });
      return draft;
    };
  };
}

/** A draft and what else it was made for (see findingsBySources). */
interface Kept {
  readonly key: string | undefined;
  readonly draft: FindingDraft;
}

/** Copies across files are information unless configured: carrying text over can be deliberate. */
export const DEFAULT_CROSS_FILE_SEVERITY = 'info';

export function crossFileSeverity(options: Readonly<Record<string, unknown>>): 'error' | 'warning' | 'info' | 'hint' {
  const v = options.crossFileSeverity;
  return v === 'error' || v === 'warning' || v === 'hint' ? v : DEFAULT_CROSS_FILE_SEVERITY;
}
