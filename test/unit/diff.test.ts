import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { textDifference } from '../../server/src/core/text/diff';

/** The common prefix, and the common suffix of what is left, by a loop over the characters. */
function byLoop(a: string, b: string): { prefix: number; suffix: number } {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < Math.min(a.length, b.length) - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return { prefix, suffix };
}

describe('textDifference', () => {
  it('finds where two versions of a text differ, as a loop does, long texts or short, edited once (1,000 random pairs)', () => {
    // Texts of few characters, so that the edit's edges repeat what stands beside them (甲甲 → 甲甲甲).
    const text = fc.array(fc.constantFrom('甲', '乙', '\n', 'a'), { maxLength: 300 }).map((cs) => cs.join(''));
    const edit = fc.record({ at: fc.nat(), cut: fc.nat({ max: 5 }), typed: fc.array(fc.constantFrom('甲', '乙', '\n'), { maxLength: 4 }).map((cs) => cs.join('')) });
    fc.assert(
      fc.property(text, edit, (before, e) => {
        const at = e.at % (before.length + 1);
        const after = before.slice(0, at) + e.typed + before.slice(at + e.cut);
        const expected = byLoop(before, after);
        expect({ ...textDifference(before, after) }).toMatchObject(expected);
        // Asked again (the parse, the line index and the duplicates ask in turn): the same answer.
        expect({ ...textDifference(before, after) }).toMatchObject(expected);
        expect({ ...textDifference(after, before) }).toMatchObject(byLoop(after, before));
      }),
      { numRuns: 1000 },
    );
  });
});
