// The cross-file half of a --jobs run, as the two threads split it: a worker says what to look for
// in a file (`crossRequests`), the main thread looks once every file is in the corpus
// (`copiesFromEarlier`). scripts/folder-work.mjs times the same two calls in one thread.
import { crossFileFindings, dupOptions, locallyCopied, ruleLevel, ruleOptions, RULES, type Analysis, type DuplicateCorpus, type DupHit, type LintConfig, type ReportDoc, type RuleId } from '../core';
import type { CrossRequest } from './parallelProtocol';

const CROSS_FILE_RULES = RULES.filter((r) => r.meta.crossFile);

/** One request per set of duplicate options, for the cross-file rules on in `config` that share them. */
export function crossRequests(doc: ReportDoc, config: LintConfig | undefined): CrossRequest[] {
  const requests = new Map<string, CrossRequest & { rules: RuleId[] }>();
  for (const r of CROSS_FILE_RULES) {
    if (ruleLevel(config, r.meta.id, r.meta.defaultSeverity) === 'off') continue;
    const options = dupOptions(ruleOptions(config, r.meta.id));
    const key = JSON.stringify(options);
    const request = requests.get(key);
    if (request) request.rules.push(r.meta.id);
    else requests.set(key, { rules: [r.meta.id], options, skip: [...locallyCopied(doc, options)] });
  }
  return [...requests.values()];
}

/** The findings on `file`'s copies from the files before it in `corpus` (which holds every file). */
export function copiesFromEarlier(corpus: DuplicateCorpus, file: string, requests: readonly CrossRequest[], config: LintConfig | undefined): Omit<Analysis, 'doc' | 'lines'> {
  const lines = corpus.linesOf(file)!;
  const hits = new Map<RuleId, DupHit[]>();
  for (const r of requests) {
    const found = corpus.detectIndexed(file, r.options, new Set(r.skip));
    for (const rule of r.rules) hits.set(rule, found);
  }
  return crossFileFindings(lines.text, lines, (rule) => hits.get(rule) ?? [], config);
}
