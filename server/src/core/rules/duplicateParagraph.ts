import type { FindingDraft, ReportDoc } from '../model';
import type { DupHit } from '../dup/detect';
import type { LineIndex } from '../text/lineIndex';
import type { Rule } from './types';
import { crossFileSeverity, deleteParagraphFix, findingsBySources, hitsOf, related, where } from './dupShared';

/**
 * duplicate-paragraph — a paragraph identical or nearly identical (a few characters, figures or
 * words changed) to an earlier one, or to a paragraph of another report. Compared on normalised
 * text with winnowed fingerprints, linear in the size of the text (see dup/).
 * Options: threshold (0.85), minParagraphLength (20), crossFileSeverity (info).
 */
export const duplicateParagraph: Rule = {
  meta: {
    id: 'duplicate-paragraph',
    category: 'duplicate',
    defaultSeverity: 'warning',
    fixable: true,
    crossFile: true,
    docs: {
      zh: '整段文字与前文（或其他报告中）的段落相同或几乎相同。',
      en: 'A whole paragraph is identical or nearly identical to an earlier one, or to one in another report.',
    },
  },
  check(doc, report, options, ctx) {
    const at = { doc, options, lines: ctx.lines };
    const draft = findings(doc, ctx);
    for (const hit of hitsOf(doc, options, ctx)) {
      // A copy in another file: its severity is an option; in this one, the fix deletes the paragraph.
      if (hit.kind === 'paragraph') report(draft(hit, hit.crossFile ? crossFileSeverity(options) : undefined, at));
    }
  },
  reportCrossFile(_text, hits, report, options, lines) {
    for (const hit of hits) if (hit.kind === 'paragraph' && hit.crossFile) report(finding(hit, options, lines));
  },
};

interface At {
  readonly doc: ReportDoc;
  readonly options: Readonly<Record<string, unknown>>;
  readonly lines: LineIndex;
}

const findings = findingsBySources<At>(
  (hit, at) => finding(hit, at.options, at.lines, at.doc),
  (hit, at, previous) => (hit.crossFile ? undefined : deleteParagraphFix(at.doc, hit.paragraph, previous)),
);

/** A copied paragraph as a finding; `doc` gives a copy within the document its fix (delete it). */
function finding(hit: DupHit, options: Readonly<Record<string, unknown>>, lines: LineIndex, doc?: ReportDoc): FindingDraft {
  const similarity = Math.round(hit.similarity * 100);
  const { line, file } = where(hit, lines);
  return {
    span: hit.span,
    severity: hit.crossFile ? crossFileSeverity(options) : undefined,
    message: { key: hit.crossFile ? 'duplicate-paragraph.cross-file' : similarity === 100 ? 'duplicate-paragraph.same' : 'duplicate-paragraph.similar', args: { line, file, similarity } },
    related: related(hit),
    fix: hit.crossFile || !doc ? undefined : deleteParagraphFix(doc, hit.paragraph),
    detail: { similarity },
  };
}
