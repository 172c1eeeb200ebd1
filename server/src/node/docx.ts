import { writeNumbers } from './docxNumbering';

/**
 * Word documents (.docx) → report text, through mammoth (which reads the OOXML package and maps
 * paragraph styles to HTML). Every Word paragraph becomes one line, empty ones included, so that
 * line N of the text is paragraph N of the document as Word counts them — the locations the CLI
 * reports for a .docx are paragraph numbers a reviewer can find in Word. Heading styles
 * (标题 1…6 / Heading 1…6) become markdown `#` headings, so the outline keeps Word's levels.
 * Numbering that Word generates (a list style's 一、) is not in document.xml: it is written into
 * the text first (docxNumbering.ts), as Word shows it.
 * Table cells are written as one-cell markdown table rows (see htmlToLines).
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

/**
 * mammoth's HTML → one line per block (paragraph, heading, list item, table cell). The text of a
 * table cell is written as a markdown table row of one cell, `| 围绕…提出的意见建议 |`: a cell is
 * no sentence broken off before the next cell, nor a heading, and Word's paragraph numbers stay
 * as they are (locations in a Word file are paragraphs, not columns).
 */
export function htmlToLines(html: string): { lines: string[]; headings: boolean } {
  const lines: string[] = [];
  let headings = false;
  let open: { tag: string; start: number } | undefined;
  let cells = 0;
  const textOf = (start: number, end: number) => decodeEntities(html.slice(start, end).replace(/<br\s*\/?>/g, ' ').replace(TAG, '')).replace(/[\r\n]+/g, ' ');
  const pushText = (text: string) => lines.push(cells > 0 && text.trim() ? `| ${text.trim()} |` : text);
  for (const m of html.matchAll(BLOCK)) {
    const [whole, closing, tag] = m;
    const cell = tag === 'td' || tag === 'th';
    if (!closing) {
      // A list item's own text before a nested list is a paragraph of its own.
      if (open && textOf(open.start, m.index!).trim()) pushText(textOf(open.start, m.index!));
      if (cell) cells++;
      open = { tag, start: m.index! + whole.length };
      continue;
    }
    if (open && open.tag === tag) {
      const inner = textOf(open.start, m.index!);
      if (tag[0] === 'h') {
        headings = true;
        lines.push(`${'#'.repeat(Number(tag[1]))} ${inner.trim()}`);
      } else pushText(inner);
      open = undefined;
    }
    // A cell's close, once what it held is pushed as a cell's.
    if (cell) cells = Math.max(0, cells - 1);
  }
  return { lines, headings };
}

/** A Word file whose text parts unpack to more than the caller's limit: it is not read. */
export class DocxTooLarge extends Error {
  constructor(readonly limit: number) {
    super('unpacked, larger than the limit');
  }
}

/** The parts mammoth never reads here: pictures and embedded files (see readDocx's convertImage). */
const UNREAD_PART = /^word\/(?:media|embeddings)\//;

/**
 * Throws DocxTooLarge when the parts of `zip` that mammoth reads unpack to more than
 * `limit` bytes. A small file can hold gigabytes of XML (deflate packs a repeated byte ~1,000 to
 * 1), and mammoth would inflate every part whole and make strings of them: a 1.5 MB file took
 * 3 GB and 19 s before failing on V8's longest string. Each part is inflated as a stream here,
 * counted and dropped, and the count stops at the limit; what the zip's directory declares is not
 * trusted (it can understate: jszip compares the two only once a part is whole). What this reading
 * cannot follow (not a zip, a damaged part) is left to mammoth, which says what is wrong.
 */
async function checkUnpackedSize(zip: import('jszip'), limit: number): Promise<void> {
  if (!Number.isFinite(limit)) return;
  let left = limit;
  for (const part of Object.values(zip.files)) {
    if (part.dir || UNREAD_PART.test(part.name)) continue;
    const fits = await new Promise<boolean | undefined>((resolve) => {
      const stream = part.nodeStream('nodebuffer');
      stream.on('data', (chunk: Buffer) => {
        left -= chunk.length;
        if (left >= 0) return;
        // Paused, the stream stops jszip's inflation once its buffer is full (jszip's stream
        // has no way to be destroyed: it would push after the end).
        stream.pause();
        stream.removeAllListeners('data');
        resolve(false);
      });
      stream.on('end', () => resolve(true));
      stream.on('error', () => resolve(undefined));
    });
    if (fits === false) throw new DocxTooLarge(limit);
    if (fits === undefined) return;
  }
}

/**
 * The file with Word's automatic numbering written into its text (see docxNumbering.ts), or the
 * same bytes when nothing is numbered or the parts cannot be read.
 */
async function withNumbersWritten(zip: import('jszip'), bytes: Uint8Array): Promise<Uint8Array> {
  const part = (name: string) => zip.file(name)?.async('string').catch(() => undefined);
  const numbering = await part('word/numbering.xml');
  const document = numbering === undefined ? undefined : await part('word/document.xml');
  if (numbering === undefined || document === undefined) return bytes;
  const numbered = writeNumbers(document, numbering, await part('word/styles.xml'));
  if (numbered === document) return bytes;
  zip.file('word/document.xml', numbered);
  return zip.generateAsync({ type: 'uint8array' });
}

/**
 * Word's title styles, read as plain paragraphs: the front matter is found in the text. mammoth's
 * default map has no entry for them and warned on every report whose title uses one.
 */
const PLAIN_STYLES = ["p[style-name='Title'] => p:fresh", "p[style-name='Subtitle'] => p:fresh"];

/**
 * Reads a .docx; throws with a clear message when the file is not a Word document, and
 * DocxTooLarge when its parts unpack to more than `maxUnpacked` bytes. Pictures are not read:
 * their bytes would become base64 in mammoth's HTML, and the report is text.
 */
export async function readDocx(bytes: Uint8Array, maxUnpacked = Infinity): Promise<DocxText> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const JSZip = require('jszip') as typeof import('jszip');
  // What this reading cannot open (not a zip) is left to mammoth, which says what is wrong.
  const zip = await JSZip.loadAsync(bytes).catch(() => undefined);
  if (zip) {
    await checkUnpackedSize(zip, maxUnpacked);
    bytes = await withNumbersWritten(zip, bytes);
  }
  // Loaded on first use: most runs read no Word file.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mammoth = require('mammoth') as typeof import('mammoth');
  let result: { value: string; messages: { type: string; message: string }[] };
  try {
    const convertImage = mammoth.images.imgElement(() => Promise.resolve({ src: '' }));
    result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { ignoreEmptyParagraphs: false, includeDefaultStyleMap: true, convertImage, styleMap: PLAIN_STYLES });
  } catch (e) {
    const first = (e as Error).message.split('\n')[0];
    // jszip's words for a part that inflates to another size than its zip directory gives.
    const why = /uncompressed data size mismatch/.test(first) ? 'a part unpacks to another size than the zip says (a damaged or crafted file)' : first;
    throw new Error(`not a readable Word (.docx) file: ${why}`);
  }
  const { lines, headings } = htmlToLines(result.value);
  return { text: lines.join('\n') + '\n', headings, warnings: result.messages.filter((m) => m.type === 'warning').map((m) => m.message) };
}
