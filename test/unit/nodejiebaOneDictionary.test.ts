import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oneDictionary } from '../../scripts/nodejieba-one-dictionary.mjs';

/** nodejieba 3.5's binding, where it builds the keyword extractors (lib/nodejieba.cpp). */
const BINDING = `  delete _jieba_handle;
  _jieba_handle = new cppjieba::Jieba(dictPath,
                                  modelPath,
                                  userDictPath,
                                  idfPath,
                                  stopWordsPath);

  delete _text_rank_extractor_handle;
  _text_rank_extractor_handle = new cppjieba
\t\t      ::TextRankExtractor(dictPath,
                                  modelPath,
                                  stopWordsPath,
                                  userDictPath);

  return Napi::Boolean::New(info.Env(), true);
`;
const ONCE = '_text_rank_extractor_handle = new cppjieba::TextRankExtractor(*_jieba_handle, stopWordsPath);';

describe('nodejieba built to load its dictionary once (scripts/nodejieba-one-dictionary.mjs)', () => {
  it('builds the extractor over the segmenter\'s dictionary, and changes nothing else', () => {
    const out: string = oneDictionary(BINDING);
    expect(out).toContain(ONCE);
    expect(out).not.toContain('TextRankExtractor(dictPath');
    const [before, after] = BINDING.split(/  _text_rank_extractor_handle[^;]*;/);
    expect(out).toBe(before + '  ' + ONCE + after);
  });

  it('leaves a binding already changed as it is', () => {
    const once: string = oneDictionary(BINDING);
    expect(oneDictionary(once)).toBe(once);
  });

  it('refuses a binding it does not know, or one that builds extractors from the files twice', () => {
    expect(oneDictionary(BINDING.replace('userDictPath);\n\n  return', 'userDictPath, 3);\n\n  return'))).toBeUndefined();
    expect(oneDictionary('int main() {}')).toBeUndefined();
    const twice = BINDING + BINDING.slice(BINDING.indexOf('  _text_rank'));
    expect(oneDictionary(twice)).toBeUndefined();
  });

  it('was applied to the nodejieba installed here (npm ci runs it as postinstall)', () => {
    const dir = dirname(createRequire(import.meta.url).resolve('nodejieba/package.json'));
    expect(readFileSync(join(dir, 'lib', 'nodejieba.cpp'), 'utf8')).toContain(ONCE);
  });
});
