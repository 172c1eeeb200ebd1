// What the client starts: the language server's bundle (server.ts and all it imports,
// scripts/bundle.mjs), run from the V8 code cache made at build time (node/codeCache.ts).
import { join } from 'node:path';
import { launch } from '../node/codeCache';
import { undoRuntimeFlags } from '../node/idleCollect';

launch(join(__dirname, 'report-lint-server-bundle.js'), undoRuntimeFlags);
