import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { DIALECTS } from '../../test/support/db.js';
import { buildBlog, buildPost } from '../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { vnuCanRun, vnuErrors } from '../../test/support/vnu.js';
import { makeAvifCopies } from './avif-copies.js';
import { storeUpload } from './upload.service.js';

const jpeg = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#36a' } })
    .jpeg()
    .toBuffer();

for (const dialect of DIALECTS) {
  describe(`images in a post's body (${dialect})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect);
    });
    after(async () => {
      await server?.close();
    });

    it('gives an uploaded image in the body its width, height and copies, so the page does not shift', async () => {
      const upload = await storeUpload(server.db, server.uploadsDir, { data: await jpeg(1600, 900), alt: 'Havnen' }, null);
      const blog = await buildBlog(server.db);
      const post = await buildPost(server.db, { blogId: blog.id, body: `Før.\n\n${upload.markdown}\n\nEfter.` });
      const html = await (await server.get(`/${blog.slug}/${post.slug}`)).text();
      const img = /<img\b[^>]*alt="Havnen"[^>]*>/.exec(html)?.[0] ?? '';
      assert.match(img, /\bwidth="1600"/);
      assert.match(img, /\bheight="900"/);
      assert.match(img, /\bsrcset="[^"]*640w/);
      assert.match(html, /<picture><source type="image\/webp" srcset="[^"]+"/);
    });

    it('is valid HTML with a body image in a link, before and after its AVIF copies exist', async (t) => {
      if (!vnuCanRun(t)) return;
      const upload = await storeUpload(server.db, server.uploadsDir, { data: await jpeg(900, 600), alt: 'Kano' }, null);
      const blog = await buildBlog(server.db);
      const post = await buildPost(server.db, { blogId: blog.id, body: `[${upload.markdown}](/uploads/${upload.fileName}) og tekst.` });
      const path = `/${blog.slug}/${post.slug}`;
      const plain = await (await server.get(path)).text();
      while ((await makeAvifCopies(server.db, server.uploadsDir, { maxUploads: 10 })).length > 0);
      const withAvif = await (await server.get(path)).text();
      assert.match(withAvif, /<a href="\/uploads\/[^"]+"><picture><source type="image\/avif"/);
      assert.deepEqual(vnuErrors({ plain, withAvif }), []);
    });

    it('leaves an image that is no upload of ours as it was', async () => {
      const blog = await buildBlog(server.db);
      const post = await buildPost(server.db, { blogId: blog.id, body: '![Logo](/favicon.svg)' });
      const html = await (await server.get(`/${blog.slug}/${post.slug}`)).text();
      assert.match(html, /<img src="\/favicon.svg" alt="Logo" loading="lazy">/);
    });
  });
}
