import type { Edit, Finding } from '../model';

/**
 * The edits of several findings' fixes merged into one set that can be applied at once: sorted,
 * and an edit overlapping one already taken is left out (it is offered again after the first
 * round, as ESLint's --fix does). A punctuation fix inside a block that another fix deletes, for
 * instance, is dropped rather than applied to text that is gone.
 */
export function mergeFixes(findings: readonly Finding[], take: (f: Finding) => boolean = (f) => f.fix?.safe === true): Edit[] {
  const edits: Edit[] = [];
  for (const f of findings) if (f.fix && take(f)) edits.push(...f.fix.edits);
  edits.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const out: Edit[] = [];
  let end = -1;
  for (const e of edits) {
    const last = out[out.length - 1];
    if (last && last.span.start === e.span.start && last.span.end === e.span.end && last.newText === e.newText) continue; // the same edit offered twice
    if (e.span.start < end || (e.span.start === end && e.span.start === e.span.end)) continue;
    out.push(e);
    end = Math.max(end, e.span.end);
  }
  return out;
}

/** Applies non-overlapping edits (as mergeFixes returns them) to the text. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.span.start) + e.newText;
    at = e.span.end;
  }
  return out + text.slice(at);
}
