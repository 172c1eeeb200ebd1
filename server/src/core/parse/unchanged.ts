import type { Paragraph } from '../model';

/**
 * How many paragraphs an edit left alone at either end of a document: the first `front` and the
 * last `back` of both versions have the same text (the parser's shared strings: pointers
 * compared). Given `delta` (the change in the text's length), they also stand where they stood:
 * at the same place before the edit, moved by `delta` after it. `alike(j, i)`, when given, asks
 * more of the old version's paragraph `j`, now paragraph `i` (the same headings in it, for
 * instance).
 */
export function unchangedAround(old: readonly Paragraph[], now: readonly Paragraph[], delta?: number, alike?: (j: number, i: number) => boolean): { readonly front: number; readonly back: number } {
  const most = Math.min(old.length, now.length);
  const same = (j: number, i: number, by: number): boolean => old[j].text === now[i].text && (delta === undefined || old[j].span.start + by === now[i].span.start) && (!alike || alike(j, i));
  let front = 0;
  while (front < most && same(front, front, 0)) front++;
  let back = 0;
  while (back < most - front && same(old.length - 1 - back, now.length - 1 - back, delta ?? 0)) back++;
  return { front, back };
}
