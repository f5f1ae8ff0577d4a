#!/usr/bin/env node
// The installed command runs the compiled build; `npm ci` builds it through the prepare script.
// bin/ is CommonJS (bin/package.json): Node's ES module loader added some 13 ms to every start.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { runBuild } = require('./load-build.js');

const entry = join(__dirname, '../dist/ytring.cjs');
if (!existsSync(entry)) {
  console.error('Ytring is not built yet: run `npm run build` (npm ci does this for you).');
  process.exit(1);
}
runBuild(entry);
