#!/usr/bin/env node
// The installed command runs the compiled build; `npm ci` builds it through the prepare script.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runBuild } from './load-build.js';

const entry = fileURLToPath(new URL('../dist/ytring.cjs', import.meta.url));
if (!existsSync(entry)) {
  console.error('Ytring is not built yet: run `npm run build` (npm ci does this for you).');
  process.exit(1);
}
runBuild(entry);
