import { textDifference } from './diff';

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
function lineBreaks(text: string): (from: number) => number {
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
  private readonly starts: Int32Array;

  /**
   * `text`: the text the positions refer to. `before`, an index of an earlier version of it (the
   * one an edit was made to), lends its line starts: those before the first character that differs
   * stay, those after the last one move by the change in length, and only the lines in between are
   * searched. A keystroke in the 1 MB report searched all of its 5,200 lines (~0.2 ms) and grew an
   * array of them (~160 KB made per keystroke, docs/performance-history.md).
   */
  constructor(
    readonly text: string,
    before?: LineIndex,
  ) {
    if (before) this.starts = before.text === text ? before.starts : carriedStarts(before.text, before.starts, text);
    else {
      const starts = [0];
      startsOf(text, 0, starts, Infinity);
      this.starts = Int32Array.from(starts);
    }
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

/**
 * Pushes onto `starts` the starts of the lines after the one that starts at `from`, up to and with
 * the first whose line break begins at or past `until`: that start is returned; undefined when the
 * text ended first.
 */
function startsOf(text: string, from: number, starts: number[], until: number): number | undefined {
  const next = lineBreaks(text);
  for (let i = next(from); i < text.length; i = next(i + 1)) {
    const brk = i;
    if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10) i++;
    starts.push(i + 1);
    if (brk >= until) return i + 1;
  }
  return undefined;
}

/**
 * The line starts of `text` from `a`, those of an earlier version `old`. A start depends on the one
 * or two characters before it (LF, CR, CR LF) and on the one at it (no LF after a CR): the starts
 * before the first difference are kept; the text is searched from the last of them until a line
 * break that lies wholly after the last difference; from the start that break gives, the text is
 * the old one moved, and so are the starts.
 */
function carriedStarts(old: string, a: Int32Array, text: string): Int32Array {
  const { prefix, suffix } = textDifference(old, text);
  const afterEdit = text.length - suffix;
  const delta = text.length - old.length;
  // a[0] is 0, kept always.
  const kept = Math.max(1, firstAtLeast(a, prefix));
  const between: number[] = [];
  const last = startsOf(text, a[kept - 1], between, afterEdit);
  // The old starts after the one `last` was (always there; the text is searched to its end if not).
  let from = a.length;
  if (last !== undefined) {
    const j = firstAtLeast(a, last - delta);
    if (a[j] === last - delta) from = j + 1;
    else startsOf(text, last, between, Infinity);
  }
  const starts = new Int32Array(kept + between.length + a.length - from);
  starts.set(a.subarray(0, kept));
  for (let k = 0; k < between.length; k++) starts[kept + k] = between[k];
  for (let i = from, k = kept + between.length; i < a.length; i++, k++) starts[k] = a[i] + delta;
  return starts;
}

/** The index of the first of the ascending `xs` at or past `at` (`xs.length` when none). */
function firstAtLeast(xs: Int32Array, at: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
