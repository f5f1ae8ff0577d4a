/** The build compresses public/'s files once (scripts/precompress-assets.mjs); a start takes those forms. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { COMPRESSIBLE_EXTENSIONS, precompressAssets } from '../../scripts/precompress-assets.mjs';
import { loadAssets, PUBLIC_DIR } from './assets.js';

describe("the build's compressed static files", () => {
  const dir = mkdtempSync(join(tmpdir(), 'ytring-precompressed-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const publicDir = join(dir, 'public');
  const built = join(dir, 'static');
  const cssBody = `body { color: #123; }\n${'.entry { margin: 0 auto; }\n'.repeat(200)}`;
  const writePublic = (css: string) => {
    rmSync(publicDir, { recursive: true, force: true });
    mkdirSync(publicDir);
    writeFileSync(join(publicDir, 'style.css'), css);
    writeFileSync(join(publicDir, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  };

  it('are taken at start, so nothing is compressed while the first pages are answered', () => {
    writePublic(cssBody);
    precompressAssets(publicDir, built);
    const { urls, files } = loadAssets(publicDir, built);
    const style = files.get(urls['style.css']!.slice('/static/'.length))!;
    assert.equal(style.compressing, undefined, 'no compression was started');
    assert.equal(brotliDecompressSync(style.br!).toString(), cssBody);
    assert.equal(gunzipSync(style.gzip!).toString(), cssBody);
    assert.ok(style.br!.length < style.body.length && style.gzip!.length < style.body.length);
  });

  it('are not taken for a file changed after the build, which is compressed at start instead', async () => {
    writePublic(cssBody);
    precompressAssets(publicDir, built);
    const changed = cssBody.replace('#123', '#456');
    writeFileSync(join(publicDir, 'style.css'), changed);
    const { urls, files } = loadAssets(publicDir, built);
    const style = files.get(urls['style.css']!.slice('/static/'.length))!;
    assert.ok(style.compressing, 'compressed at start');
    await style.compressing;
    assert.equal(brotliDecompressSync(style.br!).toString(), changed);
    assert.equal(gunzipSync(style.gzip!).toString(), changed);
  });

  it('cover every compressible file of public/, and only those', () => {
    const out = join(dir, 'all');
    precompressAssets(PUBLIC_DIR, out);
    const compressible = readdirSync(PUBLIC_DIR).filter((name) => COMPRESSIBLE_EXTENSIONS.includes(extname(name)));
    assert.equal(readdirSync(out).length, 2 * compressible.length);
    const { files } = loadAssets(PUBLIC_DIR, out);
    for (const [name, asset] of files) {
      const shouldBe = COMPRESSIBLE_EXTENSIONS.includes(extname(name));
      assert.equal(asset.compressing, undefined, name);
      assert.equal(Boolean(asset.br || asset.gzip), shouldBe, name);
    }
  });
});
