import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decode } from '../../server/src/cli/decode';

const GB18030_REPORT = Uint8Array.from([0xb8, 0xf7, 0xce, 0xbb, 0xce, 0xaf, 0xd4, 0xb1, 0xa3, 0xba]); // 各位委员：

describe('decode', () => {
  it('reads UTF-8 with and without BOM', () => {
    expect(decode(new TextEncoder().encode('各位委员：'))).toEqual({ ok: true, text: '各位委员：', encoding: 'utf-8' });
    expect(decode(Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('一、')]))).toMatchObject({ ok: true, text: '一、' });
  });

  it('reads UTF-16 with a BOM, both byte orders', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('一、总体', 'utf16le')]);
    expect(decode(le)).toMatchObject({ ok: true, text: '一、总体', encoding: 'utf-16le' });
    const be = Buffer.from(le);
    be.swap16();
    expect(decode(be)).toMatchObject({ ok: true, text: '一、总体', encoding: 'utf-16be' });
  });

  it('falls back to GB18030 for text that is not UTF-8', () => {
    expect(decode(GB18030_REPORT)).toEqual({ ok: true, text: '各位委员：', encoding: 'gb18030' });
  });

  it('takes as UTF-8 exactly what a fatal TextDecoder takes, with the same text (fast-check)', () => {
    const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const agrees = (bytes: Uint8Array) => {
      if (bytes.includes(0) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return;
      const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
      let expected: string | undefined;
      try {
        expected = strict.decode(body);
      } catch {
        expected = undefined;
      }
      const got = decode(bytes);
      if (expected === undefined) expect(got.ok && got.encoding === 'utf-8').toBe(false);
      else expect(got).toMatchObject({ ok: true, encoding: 'utf-8', text: expected });
    };
    // Text of every plane (surrogate pairs included), and bytes that are mostly not UTF-8:
    // truncated sequences, overlong forms, encoded surrogates, stray continuation bytes.
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => agrees(new TextEncoder().encode(s))), { numRuns: 300 });
    fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), agrees), { numRuns: 500 });
    const pieces = [[0xe4, 0xb8, 0xad], [0xe4, 0xb8], [0xed, 0xa0, 0x80], [0xc0, 0x80], [0xf0, 0x9f, 0x98, 0x80], [0x80], [0x41]];
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 30 }), (ps) => agrees(Uint8Array.from(ps.flat()))), { numRuns: 500 });
  });

  it('refuses binary data instead of linting mojibake', () => {
    const r = decode(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff, 0x00]));
    expect(r.ok).toBe(false);
  });

  it('names UTF-32 and UTF-16 without a byte order mark instead of reading them as UTF-16 or binary', () => {
    const text = '一、总体情况\n\n增长5%。\n';
    const le = Buffer.from(text, 'utf16le');
    const utf32le = Buffer.alloc(4 + 4 * text.length);
    utf32le.set([0xff, 0xfe, 0, 0]);
    [...text].forEach((c, i) => utf32le.writeUInt32LE(c.codePointAt(0)!, 4 + 4 * i));
    // Read as UTF-16 after its first two bytes, this was a text with a NUL every other character.
    expect(decode(utf32le)).toEqual({ ok: false, reason: 'UTF-32 text; save it as UTF-8' });
    const utf32be = Buffer.from(utf32le);
    utf32be.swap32();
    expect(decode(utf32be)).toEqual({ ok: false, reason: 'UTF-32 text; save it as UTF-8' });
    const be = Buffer.from(le);
    be.swap16();
    for (const bytes of [le, be]) expect(decode(bytes)).toMatchObject({ ok: false, reason: expect.stringContaining('UTF-16 without a byte order mark') });
    // NUL bytes as often on either side of their pairs, a NUL pair, an odd length: binary.
    const mixed = Buffer.from([0x41, 0x00, 0x00, 0x41, 0x42, 0x00, 0x00, 0x42]);
    // NULs on one side, but in that byte order no line break, or control characters: binary too.
    const oneSided = [Uint8Array.from([0, 1, 2, 0xff]), Uint8Array.from({ length: 4096 }, (_, i) => (i * 131) % 256), Buffer.from('一、总体', 'utf16le'), Buffer.from('ab\ncd\x01ef', 'utf16le')];
    for (const bytes of [mixed, Buffer.concat([le, Buffer.from([0, 0])]), Buffer.concat([le, Buffer.from([0x41])]), ...oneSided]) {
      expect(decode(bytes)).toEqual({ ok: false, reason: 'binary data (NUL bytes); not a text file' });
    }
  });

  it('refuses binary data behind a UTF-16 byte order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('一、', 'utf16le'), Buffer.from([0, 0, 0x89, 0x50])]);
    expect(decode(bytes)).toEqual({ ok: false, reason: 'binary data (NUL bytes); not a text file' });
  });
});
