#!/usr/bin/env node
// The package's bin: runs the CLI's bundle (bin.ts and all it imports, scripts/bundle.mjs) from
// the V8 code cache made at build time (node/codeCache.ts). The build sets
// REPORT_LINT_WRITE_CODE_CACHE for its one run over a sample report, which writes the cache at exit.
import { join } from 'node:path';
import { runBundle, saveCodeCache } from '../node/codeCache';

const bundle = join(__dirname, 'report-lint-bundle.js');
const { script } = runBundle(bundle);
if (process.env.REPORT_LINT_WRITE_CODE_CACHE === '1') process.on('exit', () => saveCodeCache(bundle, script));
