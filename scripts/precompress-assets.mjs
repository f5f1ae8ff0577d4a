// Writes the brotli and gzip forms of public/'s text files at build time, named by the SHA-256 of
// the file they were made from, so a start reads them instead of compressing (brotli's highest
// level takes most of a tenth of a second for the style sheet, and on two cores that work slowed
// the first answer). A file changed after the build has no match there and is compressed at start
// as before (src/http/assets.ts).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The extensions worth compressing; src/http/assets.ts compresses the same ones at start. */
export const COMPRESSIBLE_EXTENSIONS = ['.css', '.js', '.svg', '.ico'];

/** The highest levels: made once, they cost nothing per request. */
export const brotliOf = (body) =>
  brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
export const gzipOf = (body) => gzipSync(body, { level: 9 });

export function precompressAssets(publicDir, outDir) {
  mkdirSync(outDir, { recursive: true });
  for (const name of readdirSync(publicDir)) {
    if (!COMPRESSIBLE_EXTENSIONS.includes(extname(name))) continue;
    const body = readFileSync(join(publicDir, name));
    const digest = createHash('sha256').update(body).digest('hex');
    writeFileSync(join(outDir, `${digest}.br`), brotliOf(body));
    writeFileSync(join(outDir, `${digest}.gz`), gzipOf(body));
  }
}
