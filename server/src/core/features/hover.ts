import type { Finding, ReportDoc } from '../model';
import { render, type Locale } from '../messages';
import { diffChars, type DiffOp } from '../text/diff';
import type { LineIndex } from '../text/lineIndex';
import { extractFigures, type Figure } from '../parse/figures';
import { disagree, isCount, sameSubject } from '../rules/figureShared';

/**
 * Hover text for the findings at an offset: the message, and for a copy in the same document what
 * differs between the two copies (a half-updated copy differs in a figure or a word).
 *
 *     **duplicate-paragraph** · similarity 96%
 *     Compared with line 43:
 *     - …形成重大建议案~~9~~**10**份、调研报告…
 */
const CONTEXT = 8;
const MAX_HUNKS = 5;

export function findingsHover(doc: ReportDoc, findings: readonly Finding[], lines: LineIndex, offset: number, locale: Locale): string | undefined {
  const here = findings.filter((f) => f.span.start <= offset && offset <= f.span.end);
  if (here.length === 0) return undefined;
  return here.map((f) => findingHover(doc, f, lines, locale)).join('\n\n---\n\n');
}

function findingHover(doc: ReportDoc, f: Finding, lines: LineIndex, locale: Locale): string {
  const head = `**${f.rule}** · ${escapeMarkdown(render(f.message, locale))}`;
  const other = f.related[0];
  if (f.category !== 'duplicate' || !other || other.uri !== undefined || f.rule === 'repeated-word') return head;
  const line = lines.positionAt(other.span.start).line + 1;
  const ops = diffChars(doc.text.slice(other.span.start, other.span.end), doc.text.slice(f.span.start, f.span.end));
  const out = [head, '', render({ key: 'hover.compared', args: { line } }, locale)];
  if (!ops) out.push(render({ key: 'hover.too-different' }, locale));
  else if (ops.every((o) => o.kind === 'same')) out.push(render({ key: 'hover.identical' }, locale));
  else {
    const hunks = hunksOf(ops);
    for (const h of hunks.slice(0, MAX_HUNKS)) out.push(`- ${h}`);
    if (hunks.length > MAX_HUNKS) out.push(render({ key: 'hover.more', args: { count: hunks.length - MAX_HUNKS } }, locale));
  }
  return out.join('\n');
}

/** Each change with a little context: …召开~~2018~~**2019**年… */
function hunksOf(ops: readonly DiffOp[]): string[] {
  const hunks: string[] = [];
  for (let i = 0; i < ops.length; i++) {
    if (ops[i].kind === 'same') continue;
    const before = i > 0 ? ops[i - 1].text.slice(-CONTEXT) : '';
    let body = '';
    while (i < ops.length && ops[i].kind !== 'same') {
      const t = escapeMarkdown(ops[i].text);
      body += ops[i].kind === 'removed' ? `~~${t}~~` : `**${t}**`;
      i++;
    }
    const after = i < ops.length ? ops[i].text.slice(0, CONTEXT) : '';
    hunks.push(`…${escapeMarkdown(before)}${body}${escapeMarkdown(after)}…`);
  }
  return hunks;
}

export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_~[\]<>#|]/g, (c) => '\\' + c).replace(/\r?\n/g, ' ');
}

/**
 * Hover on a figure: every other mention of what it counts, with its value, line, year and
 * whether it agrees.
 *
 *     **636件** · 收到提案 (2018)
 *     - line 21: 663件 (2018) — disagrees
 */
export function figureHover(doc: ReportDoc, lines: LineIndex, offset: number, locale: Locale): string | undefined {
  const figures = extractFigures(doc);
  const here = figures.find((f) => f.span.start <= offset && offset <= f.span.end);
  if (!here) return undefined;
  const subject = here.before.length >= 3 ? here.before : here.after || here.before;
  const year = (f: Figure) => (f.year !== undefined ? ` (${f.year})` : '');
  const out = [`**${escapeMarkdown(doc.text.slice(here.span.start, here.span.end))}** · ${escapeMarkdown(subject)}${year(here)}`];
  const others = figures.filter((f) => f !== here && isCount(here) && sameSubject(here, f));
  if (others.length === 0) out.push('', render({ key: 'hover.figure-alone' }, locale));
  for (const f of others.slice(0, 8)) {
    const agrees = f.year !== here.year ? 'hover.figure-other-period' : disagree(f, here) ? 'hover.figure-disagrees' : 'hover.figure-agrees';
    out.push(`- ${render({ key: 'hover.figure-line', args: { line: lines.positionAt(f.span.start).line + 1 } }, locale)}${escapeMarkdown(doc.text.slice(f.span.start, f.span.end))}${year(f)} — ${render({ key: agrees }, locale)}`);
  }
  return out.join('\n');
}
