#!/usr/bin/env node
// The installed command runs the compiled build; `npm ci` builds it through the prepare script.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/ytring.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('Ytring is not built yet: run `npm run build` (npm ci does this for you).');
  process.exit(1);
}
await import(entry.href);
