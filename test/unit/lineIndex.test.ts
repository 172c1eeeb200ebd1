import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/core';
import { splitLines } from '../../server/src/core/parse/paragraphs';
import { isSpace } from '../../server/src/core/text/chars';

/** Texts of few characters, line breaks of every kind among them, often at either end. */
const linesOfText = fc.array(fc.constantFrom('\n', '\r', '\r\n', '\n\r', ' ', '\u3000', '甲', 'a', '<!-- x -->'), { maxLength: 30 }).map((parts) => parts.join(''));


/** Line starts by a loop over every character: what LineIndex found before it searched by indexOf. */
function startsByLoop(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** splitLines as a loop over every character: each line's content without white space at either end, blank if none or only a comment. */
function linesByLoop(text: string): { start: number; end: number; blank: boolean }[] {
  const lines = [];
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 10;
    if (c !== 10 && c !== 13) continue;
    let s = lineStart;
    let e = i;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    const content = text.slice(s, e);
    const comment = content.startsWith('<!--') && content.length >= 7 && content.indexOf('-->', 4) === content.length - 3;
    lines.push({ start: s, end: e, blank: s === e || comment });
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    lineStart = i + 1;
  }
  return lines;
}

describe('LineIndex', () => {
  it('finds the lines a loop over every character finds, and splitLines the same lines, with the index or without (1,000 random texts)', () => {
    fc.assert(
      fc.property(linesOfText, (text) => {
        const li = new LineIndex(text);
        const starts = startsByLoop(text);
        expect(Array.from({ length: li.lineCount }, (_, l) => li.lineStart(l))).toEqual(starts);
        const byLoop = linesByLoop(text);
        // Searched for line breaks, or read from the line index (as the parser does).
        for (const lines of [splitLines(text), splitLines(text, undefined, li)]) {
          expect(Array.from({ length: lines.count }, (_, i) => ({ start: lines.start[i], end: lines.end[i], blank: lines.blank[i] === 1 }))).toEqual(byLoop);
        }
      }),
      { numRuns: 1000 },
    );
  });

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

  it('starts from an earlier version\'s index as it would from nothing (2,000 random texts, each edited five times)', () => {
    // Edits of every kind where line breaks are decided: a CR typed before an LF, an LF after a CR,
    // a break deleted or pasted, at either end of the text.
    const edit = fc.record({ at: fc.nat(), cut: fc.nat({ max: 4 }), typed: fc.array(fc.constantFrom('\n', '\r', '\r\n', '甲', ' '), { maxLength: 3 }).map((t) => t.join('')) });
    fc.assert(
      fc.property(linesOfText, fc.array(edit, { minLength: 1, maxLength: 5 }), (text, edits) => {
        let li = new LineIndex(text);
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.typed + text.slice(at + e.cut);
          li = new LineIndex(text, li);
          expect(Array.from({ length: li.lineCount }, (_, l) => li.lineStart(l))).toEqual(startsByLoop(text));
          const lines = splitLines(text, undefined, li);
          expect(Array.from({ length: lines.count }, (_, i) => ({ start: lines.start[i], end: lines.end[i], blank: lines.blank[i] === 1 }))).toEqual(linesByLoop(text));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('takes the unchanged starts of a long text from its earlier version (a keystroke in a 1,000-line report)', () => {
    const before = Array.from({ length: 1000 }, (_, i) => `第${i}段，内容。`).join('\r\n');
    const old = new LineIndex(before);
    const at = before.indexOf('第500段');
    const after = before.slice(0, at) + '\n' + before.slice(at);
    const li = new LineIndex(after, old);
    expect(li.lineCount).toBe(1001);
    expect(li.positionAt(after.indexOf('第999段'))).toEqual({ line: 1000, character: 0 });
    expect(li.positionAt(after.indexOf('第499段'))).toEqual({ line: 499, character: 0 });
    expect(li.samePositionsBefore(old)).toBe(at + 1);
  });
});

