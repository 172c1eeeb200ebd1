import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers';

/**
 * Every regular expression in the code runs in linear time on hostile text. The patterns are read
 * from the sources (every regex literal, through the TypeScript parser, so none is forgotten) and
 * run over adversarial strings built from their own characters: each one repeated, pairs of them
 * alternating, all of them in turn — 100 KB each. A run over budget is measured again on 10 KB:
 * a linear pattern takes about a tenth; a superlinear one fails.
 */
const SIZE = 100 * 1024;
/** One pass of one pattern over 100 KB; generous, as a linear pass takes well under a millisecond. */
const BUDGET_MS = 60;
/** t(100 KB) / t(10 KB): 10 for linear time, 100 for quadratic. */
const MAX_GROWTH = 25;

interface Pattern {
  readonly where: string;
  readonly re: RegExp;
}

function literals(dir: string, out: Pattern[] = []): Pattern[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) literals(path, out);
    else if (name.endsWith('.ts')) {
      const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (n: ts.Node): void => {
        if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
          const text = n.getText(source);
          const slash = text.lastIndexOf('/');
          const line = source.getLineAndCharacterOfPosition(n.getStart(source)).line + 1;
          out.push({ where: `${relative(ROOT, path)}:${line}`, re: new RegExp(text.slice(1, slash), text.slice(slash + 1)) });
        }
        ts.forEachChild(n, visit);
      };
      visit(source);
    }
  }
  return out;
}

/** Characters that can make the pattern work: its literals and a member of each class it names. */
function alphabet(re: RegExp): string[] {
  const src = re.source.replace(/\\u\{?([0-9a-fA-F]{4,5})\}?/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)));
  const chars = new Set<string>();
  for (const c of src) if (!'\\^$.|?*+()[]{}-'.includes(c)) chars.add(c);
  if (/\\d|0-9/.test(src)) chars.add('7');
  if (/\\s/.test(src)) chars.add(' ');
  if (/\\w|a-z/i.test(src)) chars.add('x');
  if (/\./.test(src)) chars.add('q');
  // Characters of the genre that many patterns stop on or skip over.
  for (const c of ['中', '一', '（', '）', '、', '。', '，', '\n', '\u3000', '１', '#', '*']) chars.add(c);
  return [...chars];
}

function adversarial(chars: readonly string[]): string[] {
  const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
  const out = chars.map((c) => fill(c));
  out.push(fill(chars.join('')));
  // Pairs of neighbours in the pattern's own order (a term and what may follow it), and a
  // repeated run ending in a character that breaks the match at the very end.
  for (let i = 0; i + 1 < chars.length; i++) out.push(fill(chars[i] + chars[i + 1]));
  for (const c of chars.slice(0, 12)) out.push(c.repeat(SIZE - 1) + '\u0001');
  return out;
}

function run(re: RegExp, text: string): number {
  const t0 = performance.now();
  if (re.global || re.sticky) {
    re.lastIndex = 0;
    let n = 0;
    for (let m = re.exec(text); m && n < SIZE; m = re.exec(text), n++) if (m[0].length === 0) re.lastIndex++;
  } else re.exec(text);
  return performance.now() - t0;
}

describe('regular expressions run in linear time', () => {
  const patterns = literals(join(ROOT, 'server/src')).concat(literals(join(ROOT, 'client/src')));

  it('finds the patterns of the code', () => {
    expect(patterns.length).toBeGreaterThan(100);
  });

  it('every pattern over 100 KB adversarial strings stays within budget and grows linearly', () => {
    const slow: string[] = [];
    let runs = 0;
    let worst = { ms: 0, where: '' };
    for (const { where, re } of patterns) {
      for (const text of adversarial(alphabet(re))) {
        runs++;
        let t = Math.min(run(re, text), run(re, text));
        // A pattern that looks slow but within twice the budget is timed again, up to five times:
        // a garbage collection in both runs (a global pattern matching at every position makes
        // 100,000 match arrays) is noise, while a superlinear pattern is slow every time.
        for (let i = 0; i < 5 && t > BUDGET_MS / 10 && t < 2 * BUDGET_MS; i++) t = Math.min(t, run(re, text));
        if (t > worst.ms) worst = { ms: t, where };
        if (t <= BUDGET_MS / 10) continue;
        const small = text.slice(0, SIZE / 10);
        const ts10 = Math.max(0.05, Math.min(...Array.from({ length: 5 }, () => run(re, small))));
        if (t > BUDGET_MS || (t > BUDGET_MS / 4 && t / ts10 > MAX_GROWTH)) slow.push(`${where} /${re.source.slice(0, 60)}/ on ${JSON.stringify(text.slice(0, 6))}…: ${t.toFixed(1)} ms (10 KB: ${ts10.toFixed(1)} ms)`);
      }
    }
    console.log(`regex: ${patterns.length} patterns, ${runs} runs over 100 KB; slowest ${worst.ms.toFixed(2)} ms at ${worst.where}`);
    expect(slow).toEqual([]);
  });

  it('the measure tells a quadratic pattern from a linear one', () => {
    // Unanchored \s*\n on blanks without a line break: every start scans to the end.
    const quadratic = /\s*\n/;
    const linear = /\n/;
    const blanks = ' '.repeat(SIZE / 5);
    const growth = (re: RegExp) => Math.min(run(re, blanks), run(re, blanks)) / Math.max(0.05, Math.min(run(re, blanks.slice(0, SIZE / 50)), run(re, blanks.slice(0, SIZE / 50))));
    expect(growth(quadratic)).toBeGreaterThan(MAX_GROWTH);
    expect(growth(linear)).toBeLessThan(MAX_GROWTH);
  });
});
