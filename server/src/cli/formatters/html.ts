import { isSection, outlineNodes, render, RULES, type Finding, type Locale, type OutlineNode, type ReportDoc } from '../../core';
import { placesOf, SEVERITY_LABEL, type FileResult, type FormatContext } from './types';

/**
 * One self-contained HTML file a reviewer opens in a browser (no script, no external resource):
 * a summary per rule, then per report its outline as a tree with each section's 字数 and number of
 * findings, and the findings grouped by section with the text around each one, the flagged part
 * marked.
 */
const CONTEXT = 50;

const LABELS: Record<Locale, Record<string, string>> = {
  'zh-cn': {
    title: '工作报告检查结果',
    summary: '各规则问题数',
    rule: '规则',
    category: '类别',
    count: '数量',
    files: '份报告',
    problems: '个问题',
    outline: '大纲',
    findings: '问题',
    none: '未发现问题。',
    unreadable: '无法读取',
    line: '第 {n} 行',
    paragraph: '第 {n} 段',
    outside: '标题之外',
    chars: '字',
    suppressed: '另有 {n} 个问题已在 suppressions 文件中接受',
  },
  en: {
    title: 'Work report lint results',
    summary: 'Findings per rule',
    rule: 'Rule',
    category: 'Category',
    count: 'Count',
    files: 'reports',
    problems: 'problems',
    outline: 'Outline',
    findings: 'Findings',
    none: 'No problems found.',
    unreadable: 'cannot read',
    line: 'line {n}',
    paragraph: '¶{n}',
    outside: 'Before the first heading',
    chars: '字',
    suppressed: '{n} more accepted in the suppressions file',
  },
};


const STYLE = `
body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei","PingFang SC",sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
header{background:#24292f;color:#fff;padding:16px 32px}header h1{margin:0;font-size:22px}header p{margin:4px 0 0;color:#d0d7de}
main{padding:16px 32px;max-width:1200px}
section.file{background:#fff;border:1px solid #d0d7de;border-radius:6px;margin:16px 0;padding:8px 20px}
h2{font-size:18px;word-break:break-all}h3{font-size:15px;margin:18px 0 6px;border-bottom:1px solid #eaeef2;padding-bottom:4px}
table{border-collapse:collapse;background:#fff}th,td{border:1px solid #d0d7de;padding:4px 10px;text-align:left}td.n{text-align:right}
.cols{display:grid;grid-template-columns:minmax(260px,1fr) 2fr;gap:24px}
ul.outline{list-style:none;padding-left:0;margin:0;font-size:14px}ul.outline ul{list-style:none;padding-left:18px}
ul.outline li{margin:3px 0}ul.outline a{color:#0969da;text-decoration:none}.len{color:#57606a;font-size:12px;margin-left:6px}
.badge{display:inline-block;border-radius:10px;padding:0 7px;font-size:12px;margin-left:6px;background:#ffebe9;color:#cf222e}
.finding{border-left:4px solid #d4a72c;padding:4px 10px;margin:8px 0;background:#fffbeb}.finding.error{border-color:#cf222e;background:#fff5f5}.finding.info,.finding.hint{border-color:#0969da;background:#f3f8ff}
.meta{font-size:12px;color:#57606a}.sev{font-weight:bold;margin-right:6px}.rule{font-family:monospace;margin-left:6px}
.ctx{font-size:14px;margin-top:4px;color:#424a53}mark{background:#ffd8b5;padding:0 1px}
.ok{color:#1a7f37}
`;

export function formatHtml(results: readonly FileResult[], ctx: FormatContext): string {
  return [...htmlChunks(results, ctx)].join('');
}

/**
 * The same page in pieces: the head and the summary, then a file's section at a time (a folder's
 * page is ~70 MB for 1,000 reports, and each section parses its file again for the outline).
 */
export function* htmlChunks(results: readonly FileResult[], ctx: FormatContext): Generator<string> {
  const t = LABELS[ctx.locale];
  const perRule = new Map<string, number>();
  let total = 0;
  for (const r of results) for (const f of r.analysis?.findings ?? []) perRule.set(f.rule, (perRule.get(f.rule) ?? 0) + 1), total++;
  const category = new Map(RULES.map((r) => [r.meta.id as string, r.meta.category]));
  const summaryRows = [...perRule].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([rule, n]) => `<tr><td><code>${rule}</code></td><td>${render({ key: `category.${category.get(rule)}` }, ctx.locale)}</td><td class="n">${n}</td></tr>`);
  yield `<!DOCTYPE html>
<html lang="${ctx.locale === 'zh-cn' ? 'zh-CN' : 'en'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="generator" content="report-lint ${ctx.version ?? ''}">
<title>${esc(t.title)}</title><style>${STYLE}</style></head>
<body>
<header><h1>${esc(t.title)}</h1><p>${results.length} ${t.files} · ${total} ${t.problems}</p></header>
<main>
<h3 id="summary">${t.summary}</h3>
${summaryRows.length ? `<table><tr><th>${t.rule}</th><th>${t.category}</th><th>${t.count}</th></tr>${summaryRows.join('')}</table>` : `<p class="ok">${t.none}</p>`}
`;
  for (const [i, r] of results.entries()) yield (i > 0 ? '\n' : '') + fileSection(r, i, ctx.locale);
  yield `
</main>
</body>
</html>
`;
}

function fileSection(r: FileResult, index: number, locale: Locale): string {
  const t = LABELS[locale];
  if (!r.analysis) return `<section class="file"><h2>${esc(r.file)}</h2><p>${t.unreadable}: ${esc(r.error ?? '')}</p></section>`;
  const { doc, findings, lines } = r.analysis;
  const nodes = outlineNodes(doc).filter((n) => n.kind !== 'front-matter');
  // Findings by section: the deepest node (not a lead-in or 一是 item) that holds their start.
  const groups = new Map<OutlineNode | undefined, Finding[]>();
  const holder = (offset: number): OutlineNode | undefined => {
    let found: OutlineNode | undefined;
    const walk = (list: readonly OutlineNode[]) => {
      for (const n of list) {
        if (!isSection(n.kind)) continue;
        if (n.span.start <= offset && offset < n.span.end) {
          found = n;
          walk(n.children);
        }
      }
    };
    walk(nodes);
    return found;
  };
  for (const f of findings) {
    const h = holder(f.span.start);
    const list = groups.get(h) ?? [];
    list.push(f);
    groups.set(h, list);
  }
  const ids = new Map<OutlineNode, string>();
  let next = 0;
  const idOf = (n: OutlineNode) => ids.get(n) ?? (ids.set(n, `f${index}-s${next++}`), ids.get(n)!);
  const items = (list: readonly OutlineNode[]): string[] =>
    list
      .filter((n) => isSection(n.kind))
      .map((n) => {
        const count = countIn(n, groups);
        const badge = count ? `<span class="badge">${count}</span>` : '';
        const children = items(n.children);
        return `<li><a href="#${idOf(n)}">${esc(n.name)}</a><span class="len">${n.chars.toLocaleString('en-US')} ${t.chars}</span>${badge}${children.length ? `<ul>${children.join('')}</ul>` : ''}</li>`;
      });
  const where = (offset: number) => {
    const n = lines.lineAt(offset) + 1;
    return (r.docx ? t.paragraph : t.line).replace('{n}', String(n));
  };
  const sections: string[] = [];
  const emit = (n: OutlineNode | undefined, title: string) => {
    const list = groups.get(n);
    if (!list?.length) return;
    sections.push(`<h3${n ? ` id="${idOf(n)}"` : ''}>${esc(title)} <span class="badge">${list.length}</span></h3>`);
    for (const f of list) {
      sections.push(
        `<div class="finding ${f.severity}"><div><span class="sev">${SEVERITY_LABEL[locale][f.severity]}</span>${esc(render(f.message, locale, placesOf(r)))}<span class="rule">${f.rule}</span></div>` +
          `<div class="meta">${where(f.span.start)}</div><div class="ctx">${context(doc, f)}</div></div>`,
      );
    }
  };
  emit(undefined, t.outside);
  const walk = (list: readonly OutlineNode[]) => {
    for (const n of list) {
      if (!isSection(n.kind)) continue;
      emit(n, n.name);
      walk(n.children);
    }
  };
  walk(nodes);
  const suppressed = r.suppressed ? `<p class="meta">${t.suppressed.replace('{n}', String(r.suppressed))}</p>` : '';
  return `<section class="file"><h2>${esc(r.file)}</h2>${suppressed}
<div class="cols"><div><h3>${t.outline}</h3><ul class="outline">${items(nodes).join('')}</ul></div>
<div><h3>${t.findings}</h3>${sections.length ? sections.join('\n') : `<p class="ok">${t.none}</p>`}</div></div></section>`;
}

function countIn(n: OutlineNode, groups: Map<OutlineNode | undefined, Finding[]>): number {
  let c = groups.get(n)?.length ?? 0;
  for (const child of n.children) c += countIn(child, groups);
  return c;
}

/** The flagged text with up to CONTEXT characters either side, within its line. */
function context(doc: ReportDoc, f: Finding): string {
  const text = doc.text;
  const start = f.span.start;
  const end = Math.max(start, Math.min(f.span.end, f.span.start + 300));
  let from = start;
  while (from > 0 && start - from < CONTEXT && text[from - 1] !== '\n') from--;
  let to = end;
  while (to < text.length && to - end < CONTEXT && text[to] !== '\n' && text[to] !== '\r') to++;
  const before = (from > 0 && text[from - 1] !== '\n' ? '…' : '') + text.slice(from, start);
  const after = text.slice(end, to) + (to < text.length && text[to] !== '\n' && text[to] !== '\r' ? '…' : '');
  const marked = text.slice(start, end) + (f.span.end > end ? '…' : '');
  return `${esc(before)}<mark>${esc(marked) || '&#8203;'}</mark>${esc(after)}`;
}

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
