import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { DIALECTS } from '../../test/support/db.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';

for (const dialect of DIALECTS) {
  describe(`the site's icon (${dialect})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect);
    });
    after(async () => {
      await server?.close();
    });

    it('answers /favicon.ico with an icon file whose images decode', async () => {
      const response = await server.get('/favicon.ico');
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'image/x-icon');
      assert.match(response.headers.get('cache-control') ?? '', /^public, max-age=\d+/);
      const ico = Buffer.from(await response.arrayBuffer());
      // ICONDIR: reserved 0, type 1 (icon), then the number of images and a 16-byte entry each.
      assert.equal(ico.readUInt16LE(0), 0);
      assert.equal(ico.readUInt16LE(2), 1);
      const count = ico.readUInt16LE(4);
      assert.ok(count >= 1);
      for (let i = 0; i < count; i++) {
        const entry = 6 + 16 * i;
        const size = ico.readUInt32LE(entry + 8);
        const offset = ico.readUInt32LE(entry + 12);
        const { width, height } = await sharp(ico.subarray(offset, offset + size)).metadata();
        assert.equal(width, ico[entry] || 256);
        assert.equal(height, ico[entry + 1] || 256);
      }
    });

    it('links an SVG icon and the ICO from the public and the admin layout, and both answer', async () => {
      for (const path of ['/', '/admin/login']) {
        const html = await (await server.get(path, { redirect: 'follow' })).text();
        const svg = /<link rel="icon" href="([^"]+\.svg)" type="image\/svg\+xml"\/>/.exec(html)?.[1];
        assert.ok(svg, `${path} links an SVG icon`);
        assert.match(html, /<link rel="icon" href="\/favicon\.ico" sizes="32x32"\/>/, path);
        const icon = await server.get(svg);
        assert.equal(icon.status, 200);
        assert.equal(icon.headers.get('content-type'), 'image/svg+xml');
        assert.match(await icon.text(), /^<svg /);
      }
    });
  });
}
