// Deterministic benchmark corpus built from the seeds: a report of a given size is the seeds'
// texts in a fixed order, repeated until the size is reached, cut at a paragraph boundary.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const SEEDS = join(import.meta.dirname, '..', 'seeds');

export function seedTexts() {
  return readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(SEEDS, f), 'utf8'));
}

/** A report of about `bytes` UTF-8 bytes. */
export function buildReport(bytes) {
  const seeds = seedTexts();
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const t = seeds[i % seeds.length];
    for (const para of t.split(/\n\s*\n/)) {
      if (size >= bytes) break;
      parts.push(para);
      size += Buffer.byteLength(para, 'utf8') + 2;
    }
  }
  return parts.join('\n\n') + '\n';
}
