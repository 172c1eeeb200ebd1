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

/** A Word file whose parts, unpacked, hold more than the caller's limit: it is not unpacked. */
export class DocxTooLarge extends Error {
  constructor(
    /** The unpacked size its zip directory declares, or undefined when the parts inflate past what they declare. */
    readonly declared: number | undefined,
    readonly limit: number,
  ) {
    super('unpacked, larger than the limit');
  }
}

/** The parts mammoth never reads here: pictures and embedded files (see readDocx's convertImage). */
const UNREAD_PART = /^word\/(?:media|embeddings)\//;

/**
 * Throws DocxTooLarge when the parts of the zip in `bytes` that mammoth reads unpack to more than
 * `limit` bytes. A zip's directory declares each part's size, and a small file can declare (and
 * hold) gigabytes of XML: mammoth would inflate them whole and make strings of them (a 1.5 MB file
 * took 3 GB and 19 s before failing on V8's string length). What is declared is checked first;
 * then the parts are inflated, each bounded by what is left of the limit, since a directory can
 * understate. Anything this reading does not follow (not a zip, a method other than stored or
 * deflated, a damaged part) is left to mammoth, which says what is wrong.
 */
export function checkUnpackedSize(bytes: Uint8Array, limit: number): void {
  if (!Number.isFinite(limit)) return;
  const parts = zipParts(bytes);
  if (!parts) return;
  const read = parts.filter((p) => !UNREAD_PART.test(p.name));
  const declared = read.reduce((sum, p) => sum + p.size, 0);
  if (declared > limit) throw new DocxTooLarge(declared, limit);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const zlib = require('node:zlib') as typeof import('node:zlib');
  let left = limit;
  for (const p of read) {
    const data = bytes.subarray(p.start, p.start + p.compressed);
    let size = p.method === 0 ? data.length : -1;
    if (p.method === 8) {
      try {
        size = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, left) }).length;
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new DocxTooLarge(undefined, limit);
        return;
      }
    }
    if (size < 0) return;
    left -= size;
    if (left < 0) throw new DocxTooLarge(undefined, limit);
  }
}

interface ZipPart {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  /** Unpacked size, as declared. */
  readonly size: number;
  readonly compressed: number;
  /** Offset of the part's data. */
  readonly start: number;
}

/** The parts listed in a zip's central directory (zip64 included), or undefined when it has none this can read. */
function zipParts(bytes: Uint8Array): ZipPart[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => u32(at) + u32(at + 4) * 2 ** 32;
  const inside = (at: number, length: number) => at >= 0 && at + length <= bytes.length;
  // The end record: 22 bytes and a comment of at most 65,535, read backwards.
  let end = -1;
  for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - 0xffff; at--) {
    if (u32(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return undefined;
  let count = u16(end + 10);
  let offset = u32(end + 16);
  if ((count === 0xffff || offset === 0xffffffff) && inside(end - 20, 20) && u32(end - 20) === 0x07064b50) {
    const end64 = u64(end - 12);
    if (!inside(end64, 56) || u32(end64) !== 0x06064b50) return undefined;
    count = u64(end64 + 32);
    offset = u64(end64 + 48);
  }
  const parts: ZipPart[] = [];
  for (let i = 0, at = offset; i < count; i++) {
    if (!inside(at, 46) || u32(at) !== 0x02014b50) return undefined;
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    if (!inside(at + 46, nameLength + extraLength)) return undefined;
    let compressed = u32(at + 20);
    let size = u32(at + 24);
    let local = u32(at + 42);
    // The zip64 field holds, in this order, those of the three that did not fit in 32 bits.
    for (let x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength; x += 4 + u16(x + 2)) {
      if (u16(x) !== 1) continue;
      let y = x + 4;
      if (size === 0xffffffff && inside(y, 8)) (size = u64(y)), (y += 8);
      if (compressed === 0xffffffff && inside(y, 8)) (compressed = u64(y)), (y += 8);
      if (local === 0xffffffff && inside(y, 8)) local = u64(y);
    }
    if (!inside(local, 30) || u32(local) !== 0x04034b50) return undefined;
    const start = local + 30 + u16(local + 26) + u16(local + 28);
    if (!inside(start, compressed)) return undefined;
    const name = Buffer.from(bytes.buffer, bytes.byteOffset + at + 46, nameLength).toString('utf8');
    parts.push({ name, method: u16(at + 10), size, compressed, start });
    at += 46 + nameLength + extraLength + u16(at + 32);
  }
  return parts;
}

/**
 * Reads a .docx; throws with a clear message when the file is not a Word document, and
 * DocxTooLarge when its parts unpack to more than `maxUnpacked` bytes. Pictures are not read:
 * their bytes would become base64 in mammoth's HTML, and the report is text.
 */
export async function readDocx(bytes: Uint8Array, maxUnpacked = Infinity): Promise<DocxText> {
  checkUnpackedSize(bytes, maxUnpacked);
  // Loaded on first use: most runs read no Word file.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mammoth = require('mammoth') as typeof import('mammoth');
  let result: { value: string; messages: { type: string; message: string }[] };
  try {
    const convertImage = mammoth.images.imgElement(() => Promise.resolve({ src: '' }));
    result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { ignoreEmptyParagraphs: false, includeDefaultStyleMap: true, convertImage });
  } catch (e) {
    throw new Error(`not a readable Word (.docx) file: ${(e as Error).message.split('\n')[0]}`);
  }
  const { lines, headings } = htmlToLines(result.value);
  return { text: lines.join('\n') + '\n', headings, warnings: result.messages.filter((m) => m.type === 'warning').map((m) => m.message) };
}
