import { DocxTooLarge, readDocx } from '../node/docx';
import { decode } from './decode';

export type ReadResult =
  | { ok: true; text: string; encoding: string; bom?: boolean; docx?: boolean; markdown?: boolean; warnings?: readonly string[] }
  | { ok: false; reason: string };

export const MB = 1024 * 1024;

const size = (n: number) => (n < MB ? `${Math.ceil(n / 1024).toLocaleString('en')} KB` : `${(n / MB).toLocaleString('en', { maximumFractionDigits: 1 })} MB`);

/** Why a file over --max-file-size (`maxBytes`) is not read. */
export function tooLarge(bytes: number, maxBytes: number): string {
  return `larger than the --max-file-size limit (${size(bytes)} > ${size(maxBytes)})`;
}

/** Why a stream (stdin) that goes on past --max-file-size (`maxBytes`) is not read on. */
export function overLimit(maxBytes: number): string {
  return `larger than the --max-file-size limit (more than ${size(maxBytes)})`;
}

/** Why a Word file whose text unpacks to more than --max-file-size is not read. */
function unpacksTooLarge({ limit }: DocxTooLarge): string {
  return `unpacked, ${overLimit(limit)}`;
}

/**
 * A file's text: Word files through mammoth, text files decoded (UTF-8±BOM, UTF-16, GB18030). A
 * Word file is read only when what it unpacks to is within `maxBytes` (--max-file-size); the
 * caller has checked the size of the file itself.
 */
export async function readInput(readFile: (path: string) => Promise<Uint8Array>, file: string, maxBytes = Infinity): Promise<ReadResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
  if (/\.docx$/i.test(file)) {
    try {
      const d = await readDocx(bytes, maxBytes);
      return { ok: true, text: d.text, encoding: 'docx', docx: true, markdown: d.headings || undefined, warnings: d.warnings };
    } catch (e) {
      if (e instanceof DocxTooLarge) return { ok: false, reason: unpacksTooLarge(e) };
      return { ok: false, reason: (e as Error).message };
    }
  }
  return decode(bytes);
}

/** Markdown is parsed as such (# headings, comments): by extension, or a Word file with heading styles. */
export function isMarkdown(file: string, read: { markdown?: boolean }): boolean {
  return /\.(md|markdown)$/i.test(file) || read.markdown === true;
}
