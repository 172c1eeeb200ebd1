import { render, type Locale, type Severity } from '../../core';
import { locationLabel, placesOf, printable, SEVERITY_LABEL, type FileResult, type FormatContext } from './types';

/**
 * Human output in the manner of ESLint's stylish formatter: findings grouped by file with
 * 1-based line:column, then the totals and a count per rule.
 *
 *     seeds/002_123356d434bd18c3.txt
 *       77:1  error  Heading numbering skips a number: “四、” is missing before “五、”  heading-sequence
 *
 *     ✖ 1 problem (1 error, 0 warnings)
 *       heading-sequence  1
 */

export function formatStylish(results: readonly FileResult[], ctx: FormatContext): string {
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const perRule = new Map<string, number>();
  for (const r of results) {
    if (!r.analysis) {
      lines.push(printable(r.file), `  ${ctx.locale === 'zh-cn' ? '无法读取' : 'cannot read'}: ${printable(r.error ?? '')}`, '');
      continue;
    }
    const { findings, lines: index } = r.analysis;
    if (findings.length === 0) continue;
    lines.push(printable(r.file));
    const rows = findings.map((f) => {
      const p = index.positionAt(f.span.start);
      counts[f.severity]++;
      perRule.set(f.rule, (perRule.get(f.rule) ?? 0) + 1);
      return [locationLabel(r, p), SEVERITY_LABEL[ctx.locale][f.severity], printable(render(f.message, ctx.locale, placesOf(r))), f.rule];
    });
    const w0 = Math.max(...rows.map((x) => x[0].length));
    const w1 = Math.max(...rows.map((x) => x[1].length));
    for (const [pos, sev, msg, rule] of rows) lines.push(`  ${pos.padEnd(w0)}  ${sev.padEnd(w1)}  ${msg}  ${rule}`);
    lines.push('');
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const suppressed = results.reduce((n, r) => n + (r.suppressed ?? 0), 0);
  const note = suppressed ? (ctx.locale === 'zh-cn' ? `（另有 ${suppressed} 个已接受的问题未列出，见 suppressions 文件）` : ` (${suppressed} suppressed)`) : '';
  if (total === 0) return (lines.length ? lines.join('\n') + '\n' : '') + (note ? `✔ 0 problems${note}\n` : '');
  lines.push(summary(total, counts, ctx.locale) + note);
  const width = Math.max(...[...perRule.keys()].map((k) => k.length));
  for (const [rule, n] of [...perRule].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) lines.push(`  ${rule.padEnd(width)}  ${n}`);
  return lines.join('\n') + '\n';
}

function summary(total: number, c: Record<Severity, number>, locale: Locale): string {
  if (locale === 'zh-cn') {
    const extra = c.info + c.hint ? `，${c.info + c.hint} 个提示` : '';
    return `✖ 共 ${total} 个问题（${c.error} 个错误，${c.warning} 个警告${extra}）`;
  }
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const extra = c.info + c.hint ? `, ${plural(c.info + c.hint, 'info')}`.replace(/infos$/, 'info') : '';
  return `✖ ${plural(total, 'problem')} (${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}${extra})`;
}
