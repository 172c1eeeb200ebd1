/**
 * Offsets ⇄ line/character positions, in UTF-16 code units as LSP counts them.
 *
 * Line breaks are `\n`, `\r\n` and a lone `\r`, as VS Code and the LSP specification treat them.
 * Example: in `"一\r\n二"`, offset 3 (`二`) is line 1, character 0.
 */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/**
 * The offset of the next line break (`\n` or `\r`) at or after `from`, or the text's length;
 * `from` must not decrease from call to call. Found by `indexOf`, several times faster than a loop
 * over the characters (a keystroke splits a 1 MB report into lines twice: ~2 ms that way). The
 * next `\r` is remembered, so a text with none, or with one far away, is not searched again.
 */
export function lineBreaks(text: string): (from: number) => number {
  let lf = -2;
  let cr = -2;
  return (from) => {
    if (lf !== -1 && lf < from) lf = text.indexOf('\n', from);
    if (cr !== -1 && cr < from) cr = text.indexOf('\r', from);
    if (lf === -1) return cr === -1 ? text.length : cr;
    return cr === -1 || lf < cr ? lf : cr;
  };
}

export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: number[];

  /** `text`: the text the positions refer to. */
  constructor(readonly text: string) {
    const starts = [0];
    const next = lineBreaks(text);
    for (let i = next(0); i < text.length; i = next(i + 1)) {
      if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** The offset just past the line's content, before its line break. */
  lineEnd(line: number): number {
    if (line >= this.starts.length - 1) return this.text.length;
    let end = this.starts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return Math.max(end, this.starts[line]);
  }

  lineAt(offset: number): number {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(o);
    return { line, character: o - this.starts[line] };
  }

  rangeOf(span: { readonly start: number; readonly end: number }): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  /**
   * The offset before which this index and `other` give every offset the same position: where the
   * first line that starts at a different offset starts, in the earlier of the two (Infinity when
   * all lines start alike). An edit leaves the positions before its first moved line as they were.
   */
  samePositionsBefore(other: LineIndex): number {
    const a = this.starts;
    const b = other.starts;
    const n = Math.min(a.length, b.length);
    let i = 0;
    while (i < n && a[i] === b[i]) i++;
    if (i < n) return Math.min(a[i], b[i]);
    return i < a.length ? a[i] : i < b.length ? b[i] : Infinity;
  }

  /**
   * Where, in `before` (an earlier version of this text), the lines begin that this index has
   * moved by `delta` characters and no line: every offset from there on, moved by `delta`, has the
   * same position here as it had there. Infinity when the number of lines changed.
   */
  movedLinesFrom(before: LineIndex, delta: number): number {
    const a = before.starts;
    const b = this.starts;
    if (a.length !== b.length) return Infinity;
    let i = a.length;
    while (i > 0 && b[i - 1] - a[i - 1] === delta) i--;
    return i < a.length ? a[i] : Infinity;
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }
}
