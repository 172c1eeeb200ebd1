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

/** A deterministic pseudo-random generator (LCG), so the corpus is the same on every machine. */
export function rng(seedValue) {
  let x = seedValue >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

/**
 * `count` reports of about `bytes` each: paragraphs drawn from all seeds in a seeded random order,
 * with their figures changed per report, so that files resemble each other as real archives do
 * without being copies.
 */
export function buildFolder(count, bytes = 30 * 1024) {
  const pool = seedTexts().flatMap((t) => t.split(/\n\s*\n/).filter((p) => p.trim().length > 0));
  const files = [];
  for (let f = 0; f < count; f++) {
    const next = rng(f + 1);
    const parts = [];
    let size = 0;
    while (size < bytes) {
      const p = pool[Math.floor(next() * pool.length)].replace(/[0-9]+/g, (d) => String(Math.floor(next() * 10 ** d.length)));
      parts.push(p);
      size += Buffer.byteLength(p, 'utf8') + 2;
    }
    files.push(parts.join('\n\n') + '\n');
  }
  return files;
}
