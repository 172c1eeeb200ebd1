import { describe, expect, it } from 'vitest';
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

  it('refuses binary data instead of linting mojibake', () => {
    const r = decode(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff, 0x00]));
    expect(r.ok).toBe(false);
  });
});
