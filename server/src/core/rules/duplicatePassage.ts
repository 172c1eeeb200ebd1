import type { FindingDraft } from '../model';
import type { DupHit } from '../dup/detect';
import type { LineIndex } from '../text/lineIndex';
import type { Rule } from './types';
import { countChars } from '../text/chars';
import { crossFileSeverity, deleteSpanFix, findingsBySources, hitsOf, related, where } from './dupShared';

/**
 * duplicate-passage — part of a paragraph (a long sentence or a run of sentences) repeats text
 * that stands elsewhere, such as a passage spliced onto the wrong paragraph. The finding covers
 * exactly the repeated run. Across files the run must be longer (minCrossFileLength, 50), so that
 * the stock sentences every report shares do not fire by themselves.
 * Options: minPassageLength (30), crossFileSeverity (info).
 */
export const duplicatePassage: Rule = {
  meta: {
    id: 'duplicate-passage',
    category: 'duplicate',
    defaultSeverity: 'warning',
    fixable: true,
    crossFile: true,
    docs: {
      zh: '段落中的一段文字（一个或几个长句）与别处重复，如误粘贴的内容。',
      en: 'Part of a paragraph (one or more long sentences) repeats text that stands elsewhere, e.g. a spliced copy.',
    },
  },
  check(doc, report, options, ctx) {
    const at = { text: doc.text, options, lines: ctx.lines };
    const draft = findings(doc, ctx);
    for (const hit of hitsOf(doc, options, ctx)) if (hit.kind === 'passage') report(draft(hit, hit.crossFile ? crossFileSeverity(options) : undefined, at));
  },
  reportCrossFile(text, hits, report, options, lines) {
    for (const hit of hits) if (hit.kind === 'passage' && hit.crossFile) report(finding(text, hit, options, lines));
  },
};

interface At {
  readonly text: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly lines: LineIndex;
}

/** A copy within the document: its fix deletes the repeated run. */
const findings = findingsBySources<At>(
  (hit, at) => finding(at.text, hit, at.options, at.lines),
  (hit, _at, previous) => (hit.crossFile ? undefined : deleteSpanFix(hit.span, previous)),
);

/** A repeated run as a finding; a copy within the document can be deleted. */
function finding(text: string, hit: DupHit, options: Readonly<Record<string, unknown>>, lines: LineIndex): FindingDraft {
  const { line, file } = where(hit, lines);
  return {
    span: hit.span,
    severity: hit.crossFile ? crossFileSeverity(options) : undefined,
    message: { key: hit.crossFile ? 'duplicate-passage.cross-file' : 'duplicate-passage.same-file', args: { line, file, length: countChars(text, hit.span.start, hit.span.end) } },
    related: related(hit),
    fix: hit.crossFile ? undefined : deleteSpanFix(hit.span),
    detail: { similarity: Math.round(hit.similarity * 100) },
  };
}
