import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseReport, type ReportDoc } from '../../server/src/core';
import { detectDuplicates } from '../../server/src/core/dup/detect';
import { DEFAULT_DUP_OPTIONS } from '../../server/src/core/dup/normalize';
import { seed } from '../helpers';

/**
 * The editor carries the duplicate detection over from version to version (dup/local.ts). Over
 * random sequences of edits — typing, deleting, new lines, pasting a paragraph elsewhere, deleting
 * one, undoing — every version's findings must equal those of a detection from scratch.
 */
const RUNS = Math.max(20, Math.floor(Number(process.env.PROPERTY_RUNS ?? 500) / 10));

/** Seed 002 holds copied paragraphs and passages; doubled, every paragraph has a copy. */
const BASES = [seed('002'), seed('000').slice(0, 6000) + '\n' + seed('000').slice(0, 6000), seed('004')];

type Edit = { kind: 'type' | 'delete' | 'newline' | 'paste' | 'cut' | 'undo'; at: number; len: number; from: number };
const edit = fc.record({
  kind: fc.constantFrom<Edit['kind']>('type', 'type', 'delete', 'newline', 'paste', 'paste', 'cut', 'undo'),
  at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  len: fc.integer({ min: 1, max: 40 }),
  from: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
});

/** Applies an edit; `history` holds the earlier texts for undo. */
function apply(text: string, e: Edit, history: string[]): string {
  const at = Math.floor(e.at * text.length);
  const lines = text.split('\n');
  switch (e.kind) {
    case 'type':
      return text.slice(0, at) + '的'.repeat(e.len % 3 + 1) + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + e.len);
    case 'newline':
      return text.slice(0, at) + '\n' + text.slice(at);
    case 'paste': {
      // A paragraph long enough to be compared, pasted before or after its original.
      const long = lines.filter((l) => l.length >= 40);
      const line = long.length ? long[Math.floor(e.from * long.length)] : '';
      const to = Math.floor(e.at * lines.length);
      return [...lines.slice(0, to), line, ...lines.slice(to)].join('\n');
    }
    case 'cut': {
      const i = Math.floor(e.at * lines.length);
      return [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n');
    }
    case 'undo':
      return history.length > 1 ? history[history.length - 2] : text;
  }
}

describe('duplicates carried over from version to version', () => {
  it(`equal a detection from scratch after every edit (${RUNS} sequences of up to 12 edits)`, () => {
    let versions = 0;
    let carried = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: BASES.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 12 }), (b, edits) => {
        let text = BASES[b];
        const history = [text];
        let previous: ReportDoc = parseReport(text);
        detectDuplicates(previous, DEFAULT_DUP_OPTIONS, { lineage: {} });
        for (const e of edits) {
          text = apply(text, e, history);
          history.push(text);
          const doc = parseReport(text);
          const incremental = detectDuplicates(doc, DEFAULT_DUP_OPTIONS, { lineage: { previous } });
          const scratch = detectDuplicates(parseReport(text), DEFAULT_DUP_OPTIONS);
          expect(incremental).toEqual(scratch);
          versions++;
          carried += scratch.length;
          previous = doc;
        }
      }),
      { numRuns: RUNS },
    );
    console.log(`carried-over duplicate detection: ${versions} versions checked against a fresh detection, ${carried} findings compared`);
    expect(carried).toBeGreaterThan(0);
  });
});
