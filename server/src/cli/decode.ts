/**
 * Bytes → text for the CLI. UTF-8 (with or without BOM), UTF-16 with BOM and GB18030 are
 * recognised; anything else (binary data, another encoding that does not decode cleanly) is
 * refused with a reason rather than linted as mojibake.
 */
export type Decoded = { ok: true; text: string; encoding: string; bom?: boolean } | { ok: false; reason: string };

export function decode(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return viaDecoder('utf-16le', bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return viaDecoder('utf-16be', bytes.subarray(2));
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (bytes.indexOf(0) >= 0) return { ok: false, reason: 'binary data (NUL bytes); not a text file' };
  const utf8 = viaDecoder('utf-8', bom ? bytes.subarray(3) : bytes);
  // The BOM is kept when a fix writes the file back.
  if (utf8.ok) return bom ? { ...utf8, bom } : utf8;
  const gb = viaDecoder('gb18030', bytes);
  if (gb.ok && controlShare(gb.text) < 0.01) return gb;
  return { ok: false, reason: 'not valid UTF-8, UTF-16 (with BOM) or GB18030 text' };
}

function viaDecoder(encoding: string, bytes: Uint8Array): Decoded {
  try {
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
    return { ok: true, text, encoding };
  } catch {
    return { ok: false, reason: `not valid ${encoding}` };
  }
}

function controlShare(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) n++;
  }
  return text.length === 0 ? 0 : n / text.length;
}
