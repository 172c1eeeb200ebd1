#!/usr/bin/env node
// The package's bin: runs the CLI's bundle (bin.ts and all it imports, scripts/bundle.mjs) from
// the V8 code cache made at build time (node/codeCache.ts).
import { join } from 'node:path';
import { launch } from '../node/codeCache';

launch(join(__dirname, 'report-lint-bundle.js'));
