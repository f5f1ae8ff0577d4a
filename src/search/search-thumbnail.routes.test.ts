/** Search results show a post's featured image as a thumbnail, like the post lists (issue 13). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { loginAs } from '../../test/support/admin.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildPost } from '../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { setFeaturedImage } from '../uploads/media.service.js';
import { createUpload } from '../uploads/upload.service.js';

for (const dialect of DIALECTS) {
  describe(`search result thumbnails (${dialect})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect);
    });
    after(async () => {
      await server?.close();
    });

    it('shows the featured image beside a hit that has one, and none beside a hit without', async () => {
      const admin = await loginAs(server, 'admin');
      const actor = { accountId: admin.accountId, personId: admin.personId, name: 'Admin', role: 'admin' as const, blogScope: null };
      const data = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#2a6' } })
        .jpeg()
        .toBuffer();
      const upload = await createUpload(server.db, server.uploadsDir, actor, { data, alt: 'Et grønt felt' });
      const pictured = await buildPost(server.db, { title: 'Kartofler med billede', body: 'Om kartofler.' });
      await buildPost(server.db, { title: 'Kartofler uden billede', body: 'Også om kartofler.' });
      await setFeaturedImage(server.db, pictured.id, { uploadId: upload.id, alt: 'Kartoffelmarken i juni' });

      const html = await (await server.get('/search?q=kartofler')).text();
      const items = [...html.matchAll(/<li class="search-result[^"]*">[\s\S]*?<\/li>/g)].map((m) => m[0]);
      assert.equal(items.length, 2);
      const withImage = items.find((item) => item.includes('med billede'))!;
      const without = items.find((item) => item.includes('uden billede'))!;
      assert.match(withImage, /class="search-result summary--thumb"/);
      assert.match(withImage, /<img [^>]*alt="Kartoffelmarken i juni"/);
      assert.match(withImage, /<img [^>]*loading="lazy"/);
      assert.doesNotMatch(without, /<img /);
    });
  });
}
