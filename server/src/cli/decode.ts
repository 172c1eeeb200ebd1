import { isUtf8, transcode } from 'node:buffer';

/**
 * Bytes → text for the CLI. UTF-8 (with or without BOM), UTF-16 with BOM and GB18030 are
 * recognised; anything else (binary data, another encoding that does not decode cleanly) is
 * refused with a reason rather than linted as mojibake. UTF-32 and UTF-16 without its mark are
 * refused by name, so that the user knows what to save the file as.
 */
export type Decoded = { ok: true; text: string; encoding: string; bom?: boolean } | { ok: false; reason: string };

export function decode(bytes: Uint8Array): Decoded {
  // UTF-32's byte order marks begin with UTF-16's (FF FE 00 00): decoded as UTF-16, its text was
  // every other character a NUL, and linted as such it gave no finding at all.
  if (bytes.length >= 4 && ((bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) || (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff))) {
    return { ok: false, reason: 'UTF-32 text; save it as UTF-8' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return textual(viaDecoder('utf-16le', bytes.subarray(2)));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return textual(viaDecoder('utf-16be', bytes.subarray(2)));
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (bytes.indexOf(0) >= 0) {
    return { ok: false, reason: utf16WithoutBom(bytes) ? 'UTF-16 without a byte order mark; save it as UTF-8, or as UTF-16 with one' : BINARY };
  }
  const utf8 = fromUtf8(bom ? bytes.subarray(3) : bytes);
  // The BOM is kept when a fix writes the file back.
  if (utf8.ok) return bom ? { ...utf8, bom } : utf8;
  const gb = viaDecoder('gb18030', bytes);
  if (gb.ok && controlShare(gb.text) < 0.01) return gb;
  return { ok: false, reason: 'not valid UTF-8, UTF-16 (with BOM) or GB18030 text' };
}

/**
 * UTF-8, strictly (as a fatal TextDecoder). V8 makes its UTF-16 string from UTF-8 a character at a
 * time (~4 ns a byte: 130 ms over the bench folder's 31 MB); validated (isUtf8), transcoded to
 * UTF-16LE bytes and taken as they are, the same strings cost 18 ms.
 */
function fromUtf8(bytes: Uint8Array): Decoded {
  if (!isUtf8(bytes)) return { ok: false, reason: 'not valid utf-8' };
  try {
    return { ok: true, text: transcode(bytes, 'utf8', 'utf16le').toString('utf16le'), encoding: 'utf-8' };
  } catch {
    // A Node.js without the transcoder (built without ICU).
    return viaDecoder('utf-8', bytes);
  }
}

function viaDecoder(encoding: string, bytes: Uint8Array): Decoded {
  try {
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
    return { ok: true, text, encoding };
  } catch {
    return { ok: false, reason: `not valid ${encoding}` };
  }
}

const BINARY = 'binary data (NUL bytes); not a text file';

/** Binary data behind a UTF-16 byte order mark is no text either. */
function textual(d: Decoded): Decoded {
  return d.ok && d.text.includes('\0') ? { ok: false, reason: BINARY } : d;
}

/**
 * Whether NUL bytes look like UTF-16 without its mark: an even length, most NULs on one side of
 * their pairs (the high byte of ASCII characters: line breaks, digits; 一 is 00 4E in
 * little-endian order, so a few stand on the other side), and in that byte order a text.
 */
function utf16WithoutBom(bytes: Uint8Array): boolean {
  if (bytes.length % 2 !== 0) return false;
  const nuls = [0, 0];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0) nuls[i % 2]++;
  if (Math.max(nuls[0], nuls[1]) <= 4 * Math.min(nuls[0], nuls[1])) return false;
  const d = viaDecoder(nuls[1] > nuls[0] ? 'utf-16le' : 'utf-16be', bytes);
  // Text has line breaks, and no control character besides them and tabs (C1 ones included).
  return d.ok && /[\n\r]/.test(d.text) && !/[\0-\x08\x0b\x0e-\x1f\x7f-\x9f]/.test(d.text);
}

function controlShare(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) n++;
  }
  return text.length === 0 ? 0 : n / text.length;
}

/**
 * A file name that is not UTF-8, as the user knows it: GB18030 where it decodes as such (Windows
 * names files in the system's code page, GBK on a Chinese system), else its bytes outside ASCII
 * escaped as \xNN.
 */
export function shownName(bytes: Uint8Array): { shown: string; gb18030: boolean } {
  const gb = viaDecoder('gb18030', bytes);
  if (gb.ok && controlShare(gb.text) === 0) return { shown: gb.text, gb18030: true };
  let shown = '';
  for (const b of bytes) shown += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
  return { shown, gb18030: false };
}
