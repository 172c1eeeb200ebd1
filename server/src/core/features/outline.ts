import type { Heading, HeadingKind, ReportDoc, Span } from '../model';
import { countChars } from '../text/chars';
import { isChapterFamily } from '../parse/markers';
import type { LineIndex } from '../text/lineIndex';

/**
 * The outline as plain data for every front end: the LSP's document symbols, the CLI's
 * `report-lint outline`, the golden tests.
 */
export interface OutlineNode {
  readonly kind: HeadingKind;
  /** Marker and title as the reader sees them: `一、切实强化思想引领，坚持正确政治方向`. */
  readonly name: string;
  readonly level: number;
  /** The heading's own text. */
  readonly selection: Span;
  /** The whole section. */
  readonly span: Span;
  /** 字数 of the section: characters without punctuation and white space. */
  readonly chars: number;
  readonly children: readonly OutlineNode[];
}

const NAME_MAX = 40;

/**
 * Lead-in sentences and 一是… items are outline nodes inside a paragraph, not sections: lists of
 * sections (statistics, the copied outline, the HTML report, Ctrl+T) leave them out.
 */
export function isSection(kind: HeadingKind): boolean {
  return kind !== 'lead-in' && kind !== 'enum';
}

/** Marker and title, clipped to `max` characters. */
export function headingName(h: Heading, max = NAME_MAX): string {
  const n = h.numbering;
  // 第一章 发展环境 keeps the space it is written with; 一、 needs none.
  const marker = n && h.kind === 'numbered' ? n.marker.trim() + (isChapterFamily(n.family) && n.form === ' ' ? ' ' : '') : n?.marker ?? '';
  const name = (marker + h.title).replace(/\s+/g, ' ').trim();
  return name.length > max ? name.slice(0, max - 1) + '…' : name;
}

export function outlineNodes(doc: ReportDoc): OutlineNode[] {
  const convert = (h: Heading): OutlineNode => {
    // A section's 字数 is its children's and those of the text between them, counted once each
    // (counting every section whole counted the text once per level: 2.9 ms for the outline of a
    // 1 MB report). Children's sections lie inside the parent's, in order, apart.
    let chars = 0;
    let at = h.section.start;
    const children = h.children.map((c) => {
      const node = convert(c);
      chars += countChars(doc.text, at, c.section.start) + node.chars;
      at = c.section.end;
      return node;
    });
    chars += countChars(doc.text, at, h.section.end);
    return { kind: h.kind, name: h.kind === 'front-matter' ? clip(h.title) : headingName(h), level: h.level, selection: h.span, span: h.section, chars, children };
  };
  return doc.outline.map(convert);
}

function clip(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > NAME_MAX ? t.slice(0, NAME_MAX - 1) + '…' : t;
}

const KIND_LABEL: Partial<Record<HeadingKind, string>> = { 'front-matter': '[front matter] ', 'lead-in': '· ', enum: '· ' };

/**
 * A text tree, one node a line: indentation by depth, 1-based line, name, 字数.
 *
 *     L3    [front matter] 中国人民政治协商会议 衡阳市委员会常务委员会工作报告  (88 字)
 *     L19   2018年工作回顾  (9,563 字)
 *     L23     一、切实强化思想引领，坚持正确政治方向  (1,042 字)
 */
export function renderOutlineText(nodes: readonly OutlineNode[], lines: LineIndex): string {
  const out: string[] = [];
  const walk = (n: OutlineNode, depth: number): void => {
    const line = `L${lines.lineAt(n.selection.start) + 1}`.padEnd(6);
    out.push(`${line}${'  '.repeat(depth)}${KIND_LABEL[n.kind] ?? ''}${n.name}  (${n.chars.toLocaleString('en-US')} 字)`);
    for (const c of n.children) walk(c, depth + 1);
  };
  for (const n of nodes) walk(n, 0);
  return out.join('\n') + (out.length ? '\n' : '');
}
