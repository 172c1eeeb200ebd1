/**
 * The extension manifest and its translations stay complete: every %key% has an English and a
 * Chinese text, every client string has a Chinese translation, every rule has a setting and
 * every contributed command is registered.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_CATEGORIES, RULE_OPTIONS, validateConfig, type RuleId } from '../../server/src/core';
import { ROOT } from '../helpers';

const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');
const manifest = read('package.json');
const pkg = JSON.parse(manifest);
const en = JSON.parse(read('package.nls.json')) as Record<string, string>;
const zh = JSON.parse(read('package.nls.zh-cn.json')) as Record<string, string>;
const client = read('client/src/extension.ts');

describe('extension manifest', () => {
  it('has an English and a Chinese text for every %key%', () => {
    const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    expect(keys.length).toBeGreaterThan(15);
    for (const k of keys) {
      expect(en[k], k).toBeTruthy();
      expect(zh[k], k).toBeTruthy();
      expect(zh[k], k).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('translates every client string into Chinese', () => {
    const bundle = JSON.parse(read('l10n/bundle.l10n.zh-cn.json')) as Record<string, string>;
    const strings = [...client.matchAll(/vscode\.l10n\.t\(\s*'([^']*)'/g)].map((m) => m[1]);
    expect(strings.length).toBeGreaterThan(10);
    for (const s of strings) expect(bundle[s], s).toMatch(/[\u4e00-\u9fff]/);
    // Placeholders survive translation.
    for (const s of strings) expect([...bundle[s].matchAll(/\{\d\}/g)].map((m) => m[0]).sort()).toEqual([...s.matchAll(/\{\d\}/g)].map((m) => m[0]).sort());
  });

  it('offers a severity setting for every rule of the contract', () => {
    expect([...pkg.contributes.configuration.properties['reportLint.rules'].propertyNames.enum].sort()).toEqual(Object.keys(RULE_CATEGORIES).sort());
  });

  it('gives the server every setting it reads when it starts, not only after the first change', () => {
    const read = new Set(Object.keys(pkg.contributes.configuration.properties).map((k: string) => k.split('.')[1]));
    read.delete('enable'); // the client's own: whether to start the server at all
    expect(read.size).toBeGreaterThan(5);
    for (const name of read) expect(client, name).toContain(`${name}: config.get('${name}')`);
  });

  it('registers every contributed command in the client', () => {
    for (const c of pkg.contributes.commands as { command: string }[]) expect(client).toContain(`registerCommand('${c.command}'`);
  });
});

describe('.reportlintrc.json schema', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv = require('ajv').default;
  const schema = JSON.parse(read('schemas/reportlintrc.schema.json'));
  const validate = new Ajv({ strict: false }).compile(schema);

  it('is contributed for .reportlintrc.json and names every rule', () => {
    expect(pkg.contributes.jsonValidation).toEqual([{ fileMatch: '.reportlintrc.json', url: './schemas/reportlintrc.schema.json' }]);
    expect(Object.keys(schema.properties.rules.properties).sort()).toEqual(Object.keys(RULE_CATEGORIES).sort());
  });

  it('accepts what the CLI accepts and rejects what it rejects', () => {
    const good = { extends: 'strict', rules: { 'stray-latin': 'off', 'duplicate-paragraph': ['warning', { threshold: 0.9 }] }, ignores: ['drafts/**'] };
    expect(validate(good)).toBe(true);
    expect(validateConfig(good)).toEqual([]);
    const options = (id: string, o: object) => ({ rules: { [id]: ['warning', o] } });
    const goodOptions = [
      options('duplicate-paragraph', { threshold: 1, minParagraphLength: 5, crossFileSeverity: 'hint' }),
      options('duplicate-passage', { minPassageLength: 10000 }),
      options('stray-text', {}),
    ];
    for (const ok of goodOptions) {
      expect(validate(ok), JSON.stringify(ok)).toBe(true);
      expect(validateConfig(ok), JSON.stringify(ok)).toEqual([]);
    }
    const badOptions = [
      // Out of range, a fraction where a whole number is meant, a typo, another rule's option,
      // an option for a rule that takes none, a severity that is none.
      options('duplicate-paragraph', { threshold: 0.3 }),
      options('duplicate-paragraph', { minParagraphLength: 7.5 }),
      options('duplicate-paragraph', { minParagraphLength: 20000 }),
      options('duplicate-paragraph', { treshold: 0.9 }),
      options('duplicate-passage', { threshold: 0.9 }),
      options('heading-style', { strict: true }),
      options('duplicate-passage', { crossFileSeverity: 'fatal' }),
      { rules: { 'stray-text': ['warning', []] } },
    ];
    for (const bad of [{ extends: 'lenient' }, { rules: { 'stray-text': 'of' } }, { rules: { 'no-such-rule': 'off' } }, { ignore: [] }, ...badOptions]) {
      expect(validate(bad), JSON.stringify(bad)).toBe(false);
      expect(validateConfig(bad).length, JSON.stringify(bad)).toBeGreaterThan(0);
    }
    expect(validateConfig(options('duplicate-paragraph', { treshold: 0.9, threshold: 0.3 }))).toEqual([
      { key: 'rules.duplicate-paragraph', message: 'unknown option treshold (options: threshold, minParagraphLength, crossFileSeverity)' },
      { key: 'rules.duplicate-paragraph', message: 'threshold must be a number from 0.5 to 1' },
    ]);
  });

  it('gives each rule the options, ranges and kinds that the rules read (RULE_OPTIONS)', () => {
    for (const [id, entry] of Object.entries(schema.properties.rules.properties) as [string, { anyOf: { items: { properties: Record<string, { type?: string; minimum?: number; maximum?: number; enum?: string[] }> }[] }[] }][]) {
      const props = entry.anyOf[1].items[1].properties;
      const specs = RULE_OPTIONS[id as RuleId] ?? {};
      expect(Object.keys(props), id).toEqual(Object.keys(specs));
      for (const [name, spec] of Object.entries(specs)) {
        const p = props[name];
        expect(spec.kind === 'severity' ? p.enum : [p.type, p.minimum, p.maximum], `${id}.${name}`).toEqual(spec.kind === 'severity' ? ['error', 'warning', 'info', 'hint'] : [spec.kind, spec.min, spec.max]);
        // The editor's reportLint.duplicates.* settings, too.
        const setting = pkg.contributes.configuration.properties[`reportLint.duplicates.${name}`];
        expect(spec.kind === 'severity' ? setting.enum : [setting.type, setting.minimum, setting.maximum], `reportLint.duplicates.${name}`).toEqual(spec.kind === 'severity' ? ['error', 'warning', 'info', 'hint'] : [spec.kind, spec.min, spec.max]);
      }
    }
  });
});
