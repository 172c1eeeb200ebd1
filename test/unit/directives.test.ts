import { describe, expect, it } from 'vitest';
import { analyze, unknownDirectiveRules } from '../../server/src/core';

/** A report with one half-width comma (punctuation-width) and a missing 二、 (heading-sequence). */
const body = (before: string, between = '') => `一、总体情况\n\n${before}今年完成了任务,增长了5%。\n\n${between}三、下一步\n\n继续努力。\n`;
const rules = (text: string) => analyze(text).findings.map((f) => f.rule).sort();

describe('disable comments', () => {
  it('switch off every rule, the rules named, or one line', () => {
    expect(rules(body(''))).toEqual(['heading-sequence', 'punctuation-width']);
    expect(rules(`<!-- report-lint-disable -->\n\n${body('')}`)).toEqual([]);
    expect(rules(`<!-- report-lint-disable heading-sequence -->\n\n${body('')}`)).toEqual(['punctuation-width']);
    expect(rules(body('<!-- report-lint-disable-next-line punctuation-width -->\n'))).toEqual(['heading-sequence']);
    expect(rules(`<!-- report-lint-disable -->\n\n${body('', '<!-- report-lint-enable -->\n\n')}`)).toEqual(['heading-sequence']);
  });

  it('a misspelt rule switches nothing off, instead of every rule; the rules named rightly beside it still go', () => {
    expect(rules(`<!-- report-lint-disable heading-sequense -->\n\n${body('')}`)).toEqual(['heading-sequence', 'punctuation-width']);
    expect(rules(body('<!-- report-lint-disable-next-line punctuaton-width -->\n'))).toEqual(['heading-sequence', 'punctuation-width']);
    expect(rules(`<!-- report-lint-disable heading-sequense, punctuation-width -->\n\n${body('')}`)).toEqual(['heading-sequence']);
    // A name every object has is no rule's either.
    expect(rules(`<!-- report-lint-disable constructor -->\n\n${body('')}`)).toEqual(['heading-sequence', 'punctuation-width']);
  });

  it('names the misspelt rules where they stand', () => {
    const text = `<!-- report-lint-disable heading-sequense,punctuation-width  toString -->\n${body('<!-- report-lint-disable-line figure-sun -->')}`;
    const found = unknownDirectiveRules(text);
    expect(found.map((u) => [u.name, text.slice(u.span.start, u.span.end)])).toEqual([
      ['heading-sequense', 'heading-sequense'],
      ['toString', 'toString'],
      ['figure-sun', 'figure-sun'],
    ]);
    expect(unknownDirectiveRules(body(''))).toEqual([]);
  });
});
