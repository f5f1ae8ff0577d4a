// Builds what `ytring` runs: the TypeScript of src/ and the packages it uses, in one file,
// dist/ytring.cjs. Node then reads one file at start instead of some 800 (our modules, Kysely's
// and TypeBox's), which was most of a cold start's CPU time. Type checking is `npm run typecheck`.
// It is CommonJS so that bin/load-build.js can compile it as a vm.Script with V8's code cache
// (Node 20 has no code cache for ES modules), and ASCII-only so V8 keeps it as one byte a character.
// `--outdir DIR` writes it elsewhere (the tests build their own copy).
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { escapeNonAscii } from './escape-non-ascii.mjs';
import { primeCache } from '../bin/load-build.js';
import { precompressAssets } from './precompress-assets.mjs';
import { trainCodeCache } from './train-code-cache.mjs';

const root = new URL('../', import.meta.url).pathname;
const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
const outdir = resolve(values.outdir ?? join(root, 'dist'));
rmSync(outdir, { recursive: true, force: true });

// Native addons load their compiled parts from their own folders; pg-native is pg's optional
// alternative we do not use.
const EXTERNAL = ['better-sqlite3', 'sharp', '@node-rs/argon2', 'pg-native'];

// src/ imports some of those when first needed (sharp, argon2). The file runs as a vm.Script,
// where import() needs an experimental Node API that warns at every start: require them instead,
// as late as before.
const requireLazily = {
  name: 'require-lazily',
  setup(builder) {
    const names = new RegExp(`^(${EXTERNAL.map((name) => name.replace(/[/.]/g, '\\$&')).join('|')})$`);
    builder.onResolve({ filter: names }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, namespace: 'require-lazily' } : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'require-lazily' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      resolveDir: root,
    }));
  },
};

const outfile = join(outdir, 'ytring.cjs');
const result = await build({
  entryPoints: [join(root, 'src/main.ts')],
  outfile,
  write: false,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: EXTERNAL,
  plugins: [requireLazily],
  metafile: true,
  // src/package-root.ts finds the package from its own address. Our ES modules ran in strict mode:
  // so does the CommonJS file, as long as "use strict" comes before any statement.
  define: { 'import.meta.url': '__ytringImportMetaUrl' },
  banner: { js: `"use strict";\nconst __ytringImportMetaUrl = require('node:url').pathToFileURL(__filename).href;` },
  legalComments: 'linked',
  // Without the whitespace, and with shorter syntax, the file is 4.2 MB instead of 6.4: less to read,
  // turn into a string and hash at every start, and a smaller code cache. Names are kept, so a stack
  // trace still names its functions (its line and column are the built file's either way).
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});

const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports ?? []);
const left = imports.filter((entry) => entry.kind === 'dynamic-import' && entry.external);
if (left.length > 0) throw new Error(`import() of a package outside the build: ${left.map((entry) => entry.path).join(', ')}`);

mkdirSync(outdir, { recursive: true });
for (const output of result.outputFiles) {
  if (output.path !== outfile) {
    writeFileSync(output.path, output.contents);
    continue;
  }
  const body = escapeNonAscii(output.text, basename(outfile));
  // The loader keys its code cache by this digest, so a rebuilt file never runs another's cache
  // (V8 itself checks only the source's length); it costs nothing to read at start.
  const digest = createHash('sha256').update(body).digest('hex');
  writeFileSync(outfile, `// ytring-build sha256:${digest}\n${body}`);
}

precompressAssets(join(root, 'public'), join(outdir, 'static'));

// A first code cache, from a short real start, so that the first start after `npm ci` neither parses
// the whole file nor compiles its first page's functions; failing that, one of the outer code only. The
// first long run replaces it (bin/load-build.js).
if (!(await trainCodeCache(outfile, join(root, 'bin/load-build.js')))) primeCache(outfile);
