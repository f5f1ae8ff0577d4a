/** Feeds speak the site's language in what Markdown adds, as the post page does. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { updateSiteSettings } from '../settings/settings.service.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildBlog, buildPost } from '../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';

for (const dialect of DIALECTS) {
  describe(`a feed on an English site (${dialect})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect);
      await updateSiteSettings(server.db, { language: 'en' });
      const blog = await buildBlog(server.db, { slug: 'notes' });
      await buildPost(server.db, { blogId: blog.id, body: 'Before.\n\n![](https://pictures.example/a.png)\n\nAfter.' });
    });
    after(() => server?.close());

    it('names a remote image without alt text in English, on the post page and in the feed', async () => {
      const feed = (await (await server.get('/feed.json')).json()) as { items: { content_html: string; url: string }[] };
      assert.match(feed.items[0]!.content_html, /image from pictures\.example/);
      assert.doesNotMatch(feed.items[0]!.content_html, /billede fra/);
      const page = await (await server.get(new URL(feed.items[0]!.url).pathname)).text();
      assert.match(page, /image from pictures\.example/);
    });
  });
}
