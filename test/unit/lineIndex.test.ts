import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../server/src/core';

describe('LineIndex', () => {
  it('counts LF, CRLF and lone CR as line breaks, as LSP does', () => {
    const text = 'a\nb\r\nc\rd';
    const li = new LineIndex(text);
    expect(li.lineCount).toBe(4);
    expect(li.positionAt(text.indexOf('b'))).toEqual({ line: 1, character: 0 });
    expect(li.positionAt(text.indexOf('c'))).toEqual({ line: 2, character: 0 });
    expect(li.positionAt(text.indexOf('d'))).toEqual({ line: 3, character: 0 });
    expect(li.lineEnd(1)).toBe(text.indexOf('\r'));
  });

  it('measures characters in UTF-16 code units (a surrogate pair is two)', () => {
    const text = '𠀋一\n二';
    const li = new LineIndex(text);
    expect(li.positionAt(text.indexOf('一'))).toEqual({ line: 0, character: 2 });
    expect(li.offsetAt({ line: 1, character: 0 })).toBe(text.indexOf('二'));
  });

  it('round-trips every offset and clamps out-of-range positions', () => {
    const text = '第一行\r\n\r\n第三行\n';
    const li = new LineIndex(text);
    for (let o = 0; o <= text.length; o++) {
      const p = li.positionAt(o);
      // Offsets inside a CRLF pair map to the end of the line: the editor cannot address them.
      if (text[o - 1] === '\r' && text[o] === '\n') continue;
      expect(li.offsetAt(p)).toBe(o);
    }
    expect(li.offsetAt({ line: 99, character: 0 })).toBe(text.length);
    expect(li.offsetAt({ line: 0, character: 99 })).toBe(3);
    expect(li.positionAt(-5)).toEqual({ line: 0, character: 0 });
  });
});
