// Builds what `ytring` runs: the TypeScript of src/ and the packages it uses, in one file,
// dist/ytring.js. Node then reads one file at start instead of some 800 (our modules, Kysely's
// and TypeBox's), which was most of a cold start's CPU time. Type checking is `npm run typecheck`.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const root = new URL('../', import.meta.url);
rmSync(new URL('dist/', root), { recursive: true, force: true });

await build({
  entryPoints: [new URL('src/main.ts', root).pathname],
  outfile: new URL('dist/ytring.js', root).pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Native addons load their compiled parts from their own folders; pg-native is pg's optional
  // alternative we do not use.
  external: ['better-sqlite3', 'sharp', '@node-rs/argon2', 'pg-native'],
  // CommonJS packages inside an ES module still call require() and read __dirname.
  banner: {
    js: [
      "import { createRequire as __ytringCreateRequire } from 'node:module';",
      "import { fileURLToPath as __ytringFileURLToPath } from 'node:url';",
      'const require = __ytringCreateRequire(import.meta.url);',
      'const __filename = __ytringFileURLToPath(import.meta.url);',
      "const __dirname = __ytringFileURLToPath(new URL('.', import.meta.url));",
    ].join('\n'),
  },
  legalComments: 'linked',
  logLevel: 'warning',
});
