/**
 * Applying every layout and typography fix to each seed, round after round as --fix and the
 * fix-all code action do, leaves text that re-lints clean of those categories, and changes nothing
 * but the removed debris, the joined line breaks and the converted punctuation.
 */
import { describe, expect, it } from 'vitest';
import { analyze, applyEdits, mergeFixes, type Edit, type Finding } from '../server/src/core';
import { strayBlocks } from '../server/src/core/layout';
import { loadSegmenter } from '../server/src/node/segmenter';
import { SEED_FILES, seed } from './helpers';

const CLEANING = (f: Finding) => (f.category === 'layout' || f.category === 'typography') && f.fix !== undefined;
const FULL: Record<string, string> = { ',': '，', ':': '：', ';': '；', '?': '？', '!': '！', '(': '（', ')': '）' };

/** What kind of change an edit is; undefined for a change the fixes must never make. */
function kindOf(text: string, e: Edit, strayStarts: Set<number>): string | undefined {
  const removed = text.slice(e.span.start, e.span.end);
  if (e.newText === '' && removed.trim() === '') return 'join';
  if (e.newText === '' && strayStarts.has(e.span.start)) return 'debris';
  if (removed.length === 1 && FULL[removed] === e.newText) return 'punctuation';
  if (removed.trim() === 'and' && e.newText === '和') return 'word';
  return undefined;
}

describe('fix everything on the seeds', () => {
  for (const id of Object.keys(SEED_FILES) as (keyof typeof SEED_FILES)[]) {
    it(`seed ${id}`, () => {
      const segmenter = loadSegmenter();
      let text = seed(id);
      const counts: Record<string, number> = {};
      for (let round = 0; round < 5; round++) {
        const a = analyze(text, { segmenter });
        const edits = mergeFixes(a.findings, CLEANING);
        if (edits.length === 0) break;
        const strayStarts = new Set(strayBlocks(a.doc).map((s) => s.span.start));
        for (const e of edits) {
          const kind = kindOf(text, e, strayStarts);
          expect(kind, `round ${round}: ${JSON.stringify(text.slice(e.span.start, e.span.end).slice(0, 40))} → ${JSON.stringify(e.newText)}`).toBeDefined();
          counts[kind!] = (counts[kind!] ?? 0) + 1;
        }
        text = applyEdits(text, edits);
      }
      const left = analyze(text, { segmenter }).findings.filter((f) => f.category === 'layout' || f.category === 'typography');
      expect(left.map((f) => `${f.rule}@${f.span.start}`)).toEqual([]);
      // Every seed has something to clean, and its characters other than those are intact.
      expect(Object.values(counts).reduce((x, y) => x + y, 0)).toBeGreaterThan(0);
    });
  }
});
