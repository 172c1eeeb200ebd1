import type { Heading } from '../model';
import { RANK, isChapterFamily } from './markers';

/**
 * Finds numbered headings written with the marker of another level than the series they stand in:
 * `二、 … （三） … 四、` or `(二) … 三、 … (四)`. The heading fills exactly the gap between its
 * neighbours' ordinals, and no other heading of its own family stands between them, so it is a
 * mis-marked sibling rather than a real sub-heading. Such headings take the rank of the series
 * (the outline then nests them as siblings) and carry `misplacedAmong`.
 */
export function markMisplaced(headings: readonly Heading[]): void {
  const numbered = headings.filter((h) => h.kind === 'numbered');
  for (let i = 1; i + 1 < numbered.length; i++) {
    const prev = numbered[i - 1];
    const x = numbered[i];
    const next = numbered[i + 1];
    const family = prev.numbering!.family;
    if (next.numbering!.family !== family || x.numbering!.family === family) continue;
    // 第二章 between 一、 and 三、 is a chapter of its own: the chapters stand outside GB/T 9704's levels.
    if (isChapterFamily(family) || isChapterFamily(x.numbering!.family)) continue;
    const k = x.numbering!.ordinal;
    if (prev.numbering!.ordinal !== k - 1 || next.numbering!.ordinal !== k + 1) continue;
    x.misplacedAmong = family;
    x.rank = RANK[family];
  }
}
