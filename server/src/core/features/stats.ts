import { CATEGORIES, type Category, type Finding, type Heading, type HeadingKind, type ReportDoc, type RuleId, type Span } from '../model';
import { render, type Locale } from '../messages';
import { countChars } from '../text/chars';
import { extractFigures } from '../parse/figures';
import { headingName, isSection, outlineNodes, type OutlineNode } from './outline';

/**
 * Statistics of a report for the "show statistics" command and the status bar: 字数, sections,
 * paragraphs, figures, findings per category and rule, and each top-level section's length.
 */
export interface ReportStatistics {
  readonly chars: number;
  readonly paragraphs: number;
  /** Outline nodes by kind (numbered headings, part titles, lead-ins…). */
  readonly headings: Readonly<Partial<Record<HeadingKind, number>>>;
  readonly figures: number;
  readonly findings: Readonly<Partial<Record<Category, number>>>;
  readonly rules: Readonly<Partial<Record<RuleId, number>>>;
  readonly sections: readonly { readonly name: string; readonly chars: number; readonly depth: number }[];
}

export function statistics(doc: ReportDoc, findings: readonly Finding[]): ReportStatistics {
  const headings: Partial<Record<HeadingKind, number>> = {};
  for (const h of doc.headings) headings[h.kind] = (headings[h.kind] ?? 0) + 1;
  const byCategory: Partial<Record<Category, number>> = {};
  const byRule: Partial<Record<RuleId, number>> = {};
  for (const f of findings) {
    byCategory[f.category] = (byCategory[f.category] ?? 0) + 1;
    byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  }
  const sections: { name: string; chars: number; depth: number }[] = [];
  const walk = (n: OutlineNode, depth: number) => {
    if (!isSection(n.kind) || n.kind === 'front-matter') return;
    sections.push({ name: n.name, chars: n.chars, depth });
    for (const c of n.children) walk(c, depth + 1);
  };
  for (const n of outlineNodes(doc)) walk(n, 0);
  return {
    chars: countChars(doc.text),
    paragraphs: doc.paragraphs.length,
    headings,
    figures: extractFigures(doc).length,
    findings: byCategory,
    rules: byRule,
    sections,
  };
}

/** 字数 of the given spans together (the status bar's selection count). */
export function charsIn(text: string, spans: readonly Span[]): number {
  let n = 0;
  for (const s of spans) n += countChars(text, Math.max(0, s.start), Math.min(text.length, s.end));
  return n;
}

const KINDS: readonly HeadingKind[] = ['part', 'numbered', 'markdown', 'news', 'lead-in', 'enum'];

/** The statistics as a markdown document, in the user's language. */
export function renderStatistics(s: ReportStatistics, title: string, locale: Locale): string {
  const t = (key: string, args?: Record<string, string | number>) => render({ key, args }, locale);
  const num = (n: number) => n.toLocaleString('en-US');
  const out = [`# ${t('stats.title', { name: title })}`, '', `| ${t('stats.item')} | ${t('stats.value')} |`, '|---|---:|'];
  out.push(`| ${t('stats.chars')} | ${num(s.chars)} |`, `| ${t('stats.paragraphs')} | ${num(s.paragraphs)} |`);
  for (const k of KINDS) if (s.headings[k]) out.push(`| ${t(`stats.kind.${k}`)} | ${num(s.headings[k]!)} |`);
  out.push(`| ${t('stats.figures')} | ${num(s.figures)} |`);
  const total = CATEGORIES.reduce((n, c) => n + (s.findings[c] ?? 0), 0);
  out.push(`| ${t('stats.findings')} | ${num(total)} |`);
  for (const c of CATEGORIES) if (s.findings[c]) out.push(`| &nbsp;&nbsp;${t(`category.${c}`)} | ${num(s.findings[c]!)} |`);
  const rules = Object.entries(s.rules).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (rules.length) {
    out.push('', `## ${t('stats.by-rule')}`, '', `| ${t('stats.rule')} | ${t('stats.count')} |`, '|---|---:|');
    for (const [rule, n] of rules) out.push(`| \`${rule}\` | ${num(n)} |`);
  }
  if (s.sections.length) {
    out.push('', `## ${t('stats.sections')}`, '', `| ${t('stats.section')} | ${t('stats.chars')} |`, '|---|---:|');
    for (const sec of s.sections) out.push(`| ${'&nbsp;&nbsp;'.repeat(sec.depth)}${sec.name.replace(/\|/g, '\\|')} | ${num(sec.chars)} |`);
  }
  return out.join('\n') + '\n';
}

/**
 * The outline as an indented text list to paste elsewhere (a table of contents, a review memo):
 * the report's own numbering, two spaces per level, lead-ins and 一是… items left out.
 *
 *     2018年工作回顾
 *       一、切实强化思想引领，坚持正确政治方向
 */
export function outlineAsText(doc: ReportDoc): string {
  const out: string[] = [];
  const walk = (h: Heading, depth: number) => {
    if (!isSection(h.kind)) return;
    out.push(`${'  '.repeat(depth)}${headingName(h, Infinity)}`);
    for (const c of h.children) walk(c, depth + 1);
  };
  for (const h of doc.outline) {
    // The front matter's first line is the report's title.
    if (h.kind === 'front-matter') out.push(h.title.split('\n')[0].trim());
    else walk(h, 0);
  }
  return out.join('\n') + (out.length ? '\n' : '');
}
