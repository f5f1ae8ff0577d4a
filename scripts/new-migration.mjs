#!/usr/bin/env node
// `npm run db:new -- create_things`: a new, empty migration named by the current UTC time.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('Usage: npm run db:new -- name_in_snake_case');
  process.exit(2);
}
const now = new Date();
const pad = (n) => String(n).padStart(2, '0');
const stamp = `${now.getUTCFullYear()}_${pad(now.getUTCMonth() + 1)}_${pad(now.getUTCDate())}_${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
const id = `${stamp}_${name}`;
const dir = new URL('../src/storage/migrations/', import.meta.url);
const file = new URL(`${id}.ts`, dir);
if (existsSync(file)) {
  console.error(`${file.pathname} exists already`);
  process.exit(1);
}
writeFileSync(
  file,
  `import type { Kysely } from 'kysely';

// Dialect-neutral: text ids and ISO times come from code, booleans are integers. Never edit once merged.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
}
`,
);
const indexFile = new URL('index.ts', dir);
const camel = name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
let index = readFileSync(indexFile, 'utf8');
index = index.replace(/(import \* as [^\n]+\n)(?!import)/, `$1import * as ${camel} from './${id}.js';\n`);
index = index.replace(/\n};\s*$/, `\n  '${id}': ${camel},\n};\n`);
writeFileSync(indexFile, index);
console.log(`Created src/storage/migrations/${id}.ts and listed it in index.ts`);
