import { readDocx } from '../node/docx';
import { decode } from './decode';

export type ReadResult =
  | { ok: true; text: string; encoding: string; bom?: boolean; docx?: boolean; markdown?: boolean; warnings?: readonly string[] }
  | { ok: false; reason: string };

/** A file's text: Word files through mammoth, text files decoded (UTF-8±BOM, UTF-16, GB18030). */
export async function readInput(readFile: (path: string) => Promise<Uint8Array>, file: string): Promise<ReadResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
  if (/\.docx$/i.test(file)) {
    try {
      const d = await readDocx(bytes);
      return { ok: true, text: d.text, encoding: 'docx', docx: true, markdown: d.headings || undefined, warnings: d.warnings };
    } catch (e) {
      return { ok: false, reason: (e as Error).message };
    }
  }
  return decode(bytes);
}

/** Markdown is parsed as such (# headings, comments): by extension, or a Word file with heading styles. */
export function isMarkdown(file: string, read: { markdown?: boolean }): boolean {
  return /\.(md|markdown)$/i.test(file) || read.markdown === true;
}
