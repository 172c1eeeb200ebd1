import { describe, expect, it } from 'vitest';
import { AnalysisCache, DEFAULT_SETTINGS, type DocumentLike } from '../../server/src/lsp/service';
import { seed } from '../helpers';

const open = (uri: string, text: string, version = 1): DocumentLike => ({ uri, languageId: 'workreport', version, getText: () => text });

describe('the JIT warm-up (AnalysisCache.warmUp)', () => {
  it('analyses a private copy through one-character versions and leaves the cache and the corpus as they were', () => {
    const cache = new AnalysisCache(DEFAULT_SETTINGS);
    const report = open('file:///r/2019.txt', seed('002'));
    // Another report that carries one long paragraph of it over (a copy, not a revision).
    const longest = seed('002').split('\n').reduce((a, b) => (b.length > a.length ? b : a));
    const other = open('file:///r/2020.txt', `某市政协2020年工作总结\n\n一、主要工作\n\n${longest}\n`);
    // Each enters the corpus when the other is analysed; then their analyses are stable.
    for (let i = 0; i < 2; i++) cache.get(report), cache.get(other);
    const before = cache.get(report)!;
    expect(cache.get(report)).toBe(before);
    const corpusSize = cache.corpus.size;

    const step = cache.warmUp(report, 40);
    const versions: string[] = [];
    for (let a = step(); a; a = step()) versions.push(a.doc.text);
    expect(versions).toHaveLength(40);
    expect(step()).toBeUndefined();
    // The whole report (one of ordinary length), then each version one character away from the one before.
    expect(versions[0]).toBe(seed('002'));
    for (let i = 1; i < versions.length; i++) expect(Math.abs(versions[i].length - versions[i - 1].length)).toBe(1);

    // Nothing of it was kept: the document's analysis is the same object, the corpus the same
    // size, and the other report's copies point at the report, never at the warm-up's copy.
    expect(cache.get(report)).toBe(before);
    expect(cache.corpus.size).toBe(corpusSize);
    const related = cache.get(open(other.uri, other.getText(), 2))!.findings.flatMap((f) => f.related.map((r) => r.uri));
    expect(related).toContain(report.uri);
    expect(related.some((u) => u !== undefined && u !== report.uri)).toBe(false);
  });

  it('copies of a long report its first 32 K characters, cut at a line break', () => {
    // Over 128 K characters (the 1 MB report is ten times that): a whole copy raised the server's peak.
    const long = Array.from({ length: 24 }, () => seed('002')).join('\n');
    expect(long.length).toBeGreaterThan(128_000);
    const first = new AnalysisCache(DEFAULT_SETTINGS).warmUp(open('file:///r/long.txt', long), 1)()!.doc.text;
    expect(first.length).toBeLessThanOrEqual(32_000);
    expect(first.length).toBeGreaterThan(30_000);
    expect(long.startsWith(first)).toBe(true);
    expect(long[first.length]).toBe('\n');
    // Up to 128 K characters, the whole.
    const whole = long.slice(0, 120_000);
    expect(new AnalysisCache(DEFAULT_SETTINGS).warmUp(open('file:///r/whole.txt', whole), 1)()!.doc.text).toBe(whole);
  });

  it('takes the document’s rules: a rule turned off in the settings does not run in the warm-up either', () => {
    const cache = new AnalysisCache({ ...DEFAULT_SETTINGS, config: { rules: { 'punctuation-width': 'off' } } });
    const report = open('file:///r/2019.txt', seed('000'));
    const step = cache.warmUp(report, 5);
    const rules = new Set<string>();
    for (let a = step(); a; a = step()) for (const f of a.findings) rules.add(f.rule);
    expect(rules.size).toBeGreaterThan(0);
    expect(rules.has('punctuation-width')).toBe(false);
    expect(new Set(new AnalysisCache(DEFAULT_SETTINGS).warmUp(report, 1)()!.findings.map((f) => f.rule)).has('punctuation-width')).toBe(true);
  });
});
