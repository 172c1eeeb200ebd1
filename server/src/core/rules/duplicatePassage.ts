import type { FindingDraft, Fix } from '../model';
import type { DupHit } from '../dup/detect';
import type { LineIndex } from '../text/lineIndex';
import type { Rule } from './types';
import { countChars } from '../text/chars';
import { crossFileSeverity, findingsBySources, hitsOf, related, where } from './dupShared';

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
    for (const hit of hitsOf(doc, options, ctx)) {
      if (hit.kind !== 'passage') continue;
      const fix = () => (hit.crossFile ? undefined : deletePassageFix(hit));
      report(findings(hit, hit.crossFile ? crossFileSeverity(options) : undefined, () => finding(doc.text, hit, options, ctx.lines), fix));
    }
  },
  reportCrossFile(text, hits, report, options, lines) {
    for (const hit of hits) if (hit.kind === 'passage' && hit.crossFile) report(finding(text, hit, options, lines));
  },
};

const findings = findingsBySources();

/** Deleting the repeated run. */
function deletePassageFix(hit: DupHit): Fix {
  return { title: { key: 'duplicate.fix-delete' }, edits: [{ span: hit.span, newText: '' }], safe: false };
}

/** A repeated run as a finding; a copy within the document can be deleted. */
function finding(text: string, hit: DupHit, options: Readonly<Record<string, unknown>>, lines: LineIndex): FindingDraft {
  const { line, file } = where(hit, lines);
  return {
    span: hit.span,
    severity: hit.crossFile ? crossFileSeverity(options) : undefined,
    message: { key: hit.crossFile ? 'duplicate-passage.cross-file' : 'duplicate-passage.same-file', args: { line, file, length: countChars(text, hit.span.start, hit.span.end) } },
    related: related(hit),
    fix: hit.crossFile ? undefined : deletePassageFix(hit),
    detail: { similarity: Math.round(hit.similarity * 100) },
  };
}
