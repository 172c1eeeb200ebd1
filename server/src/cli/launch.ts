#!/usr/bin/env node
// The package's bin: runs the CLI's bundle (bin.ts and all it imports, scripts/bundle.mjs) from
// the V8 code cache made at build time (node/codeCache.ts), under the CLI's V8 flags
// (node/tiering.ts) — set first: the cache is made and taken under them.
import { join } from 'node:path';
import { launch } from '../node/codeCache';
import { CLI_V8_FLAGS, setV8Flags } from '../node/tiering';

setV8Flags(CLI_V8_FLAGS);
launch(join(__dirname, 'report-lint-bundle.js'));
