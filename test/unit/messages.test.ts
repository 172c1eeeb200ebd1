import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { render, toLocale } from '../../server/src/core';
import { hasMessage, messageKeys } from '../../server/src/core/messages';

describe('messages', () => {
  it('renders a key in Chinese and English with its arguments', () => {
    const m = { key: 'heading-sequence.gap', args: { got: '五、', expected: '四、' } };
    expect(render(m, 'zh-cn')).toBe('标题编号不连续：“五、”前缺少“四、”');
    expect(render(m, 'en')).toBe('Heading numbering skips a number: “四、” is missing before “五、”');
  });

  it('has every key the rules use', () => {
    const dir = join(__dirname, '../../server/src/core/rules');
    const keys = new Set<string>();
    for (const f of readdirSync(dir)) for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/key: '([\w.-]+)'/g)) keys.add(m[1]);
    expect(keys.size).toBeGreaterThan(10);
    for (const k of keys) expect(hasMessage(k), k).toBe(true);
  });

  it('has a name for every kind of stray text, in both languages', () => {
    const kinds = readFileSync(join(__dirname, '../../server/src/core/layout.ts'), 'utf8').match(/export type StrayKind = ([^;]+);/)![1].match(/'([\w-]+)'/g)!.map((k) => k.slice(1, -1));
    expect(kinds.length).toBeGreaterThan(5);
    for (const k of kinds) {
      expect(hasMessage(`stray-text.kind.${k}`), k).toBe(true);
      expect(render({ key: 'stray-text.message', args: { kind: `stray-text.kind.${k}` } }, 'zh-cn')).not.toContain('stray-text.kind');
    }
  });

  it('names a Word file\'s paragraphs where a message names a line of the same file, in both languages', () => {
    const args = { line: 7, file: 'other.txt', value: 'a', other: 'b', subject: 'c', similarity: 99, length: 40, tail: 'x', head: 'y' };
    let same = 0;
    for (const key of messageKeys()) {
      for (const locale of ['zh-cn', 'en'] as const) {
        const asLines = render({ key, args }, locale);
        if (!asLines.includes('7')) continue;
        const asParagraphs = render({ key, args }, locale, 'paragraphs');
        if (asLines.includes('other.txt')) expect(asParagraphs, key).toBe(asLines);
        else {
          same++;
          expect(asParagraphs, key).toMatch(locale === 'en' ? /¶7/ : /第 7 段/);
          expect(asParagraphs, key).not.toMatch(/line 7|第 7 行/);
        }
      }
    }
    expect(same).toBeGreaterThanOrEqual(12);
  });

  it('maps locale tags', () => {
    expect(['zh-cn', 'zh-CN', 'zh_CN.UTF-8', 'zh-tw', 'en', 'en_US.UTF-8', undefined, 'C'].map(toLocale)).toEqual(['zh-cn', 'zh-cn', 'zh-cn', 'zh-cn', 'en', 'en', 'en', 'en']);
  });
});
