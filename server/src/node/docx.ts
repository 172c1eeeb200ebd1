/**
 * Word documents (.docx) → report text, through mammoth (which reads the OOXML package and maps
 * paragraph styles to HTML). Every Word paragraph becomes one line, empty ones included, so that
 * line N of the text is paragraph N of the document as Word counts them — the locations the CLI
 * reports for a .docx are paragraph numbers a reviewer can find in Word. Heading styles
 * (标题 1…6 / Heading 1…6) become markdown `#` headings, so the outline keeps Word's levels.
 * Numbering that Word generates (a list style's 一、) is not in the text and is not recovered.
 */

export interface DocxText {
  readonly text: string;
  /** Whether any Word heading style was found (the text is then parsed as markdown). */
  readonly headings: boolean;
  /** Conversion warnings from mammoth (unsupported elements), for the reviewer. */
  readonly warnings: readonly string[];
}

// A tag never spans another '<' (mammoth escapes text): each scan stops at the next one, so linear.
const BLOCK = /<(\/?)(p|h[1-6]|li|td|th)(?:\s[^<>]*)?>/g;
const TAG = /<[^<>]*>/g;
const ENTITY = /&(?:amp|lt|gt|quot|#39|#x[0-9a-fA-F]{1,6}|#[0-9]{1,7});/g;

function decodeEntities(s: string): string {
  return s.replace(ENTITY, (e) => {
    switch (e) {
      case '&amp;':
        return '&';
      case '&lt;':
        return '<';
      case '&gt;':
        return '>';
      case '&quot;':
        return '"';
      case '&#39;':
        return "'";
    }
    const code = e[2] === 'x' ? parseInt(e.slice(3, -1), 16) : parseInt(e.slice(2, -1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/** mammoth's HTML → one line per block (paragraph, heading, list item, table cell). */
export function htmlToLines(html: string): { lines: string[]; headings: boolean } {
  const lines: string[] = [];
  let headings = false;
  let open: { tag: string; start: number } | undefined;
  const textOf = (start: number, end: number) => decodeEntities(html.slice(start, end).replace(/<br\s*\/?>/g, ' ').replace(TAG, '')).replace(/[\r\n]+/g, ' ');
  for (const m of html.matchAll(BLOCK)) {
    const [whole, closing, tag] = m;
    if (!closing) {
      // A list item's own text before a nested list is a paragraph of its own.
      if (open && textOf(open.start, m.index!).trim()) lines.push(textOf(open.start, m.index!));
      open = { tag, start: m.index! + whole.length };
      continue;
    }
    if (!open || open.tag !== tag) continue;
    const inner = textOf(open.start, m.index!);
    if (tag[0] === 'h') {
      headings = true;
      lines.push(`${'#'.repeat(Number(tag[1]))} ${inner.trim()}`);
    } else lines.push(inner);
    open = undefined;
  }
  return { lines, headings };
}

/** Reads a .docx; throws with a clear message when the file is not a Word document. */
export async function readDocx(bytes: Uint8Array): Promise<DocxText> {
  // Loaded on first use: most runs read no Word file.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mammoth = require('mammoth') as typeof import('mammoth');
  let result: { value: string; messages: { type: string; message: string }[] };
  try {
    result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { ignoreEmptyParagraphs: false, includeDefaultStyleMap: true });
  } catch (e) {
    throw new Error(`not a readable Word (.docx) file: ${(e as Error).message.split('\n')[0]}`);
  }
  const { lines, headings } = htmlToLines(result.value);
  return { text: lines.join('\n') + '\n', headings, warnings: result.messages.filter((m) => m.type === 'warning').map((m) => m.message) };
}
