/**
 * Guards the invariants of ARCHITECTURE.md that a compiler does not: the core is pure, and the
 * word segmenter is not on the path to the first outline.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = join(__dirname, '../../server/src/core');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('architecture', () => {
  // Code without comments: a comment may well say "no process".
  const code = (t: string) => t.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const sources = files(CORE).map((p) => ({ path: relative(CORE, p), text: code(readFileSync(p, 'utf8')) }));

  it('has a core that imports no editor, protocol, file system or process', () => {
    expect(sources.length).toBeGreaterThan(10);
    for (const { path, text } of sources) {
      for (const m of text.matchAll(/(?:from|require\()\s*['"]([^'"]+)['"]/g)) {
        expect(m[1].startsWith('.'), `${path} imports ${m[1]}`).toBe(true);
      }
      expect(/\bprocess\./.test(text), `${path} uses process`).toBe(false);
    }
  });

  it('does not load the word segmenter on the path to the outline and structure rules', () => {
    for (const { path, text } of sources) {
      if (path === 'segment.ts') continue;
      expect(/nodejieba/.test(text), `${path} mentions nodejieba`).toBe(false);
    }
  });
});
