/** The post page's reading time and the comment count that jumps to the debate, in Danish and English. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addImportedComment } from '../../../comments/comment.service.js';
import { updateSiteSettings } from '../../../settings/settings.service.js';
import { DIALECTS } from '../../../../test/support/db.js';
import { buildBlog, buildPost } from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';

for (const dialect of DIALECTS) {
  describe(`post page: reading time and comment count (${dialect})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect);
      const blog = await buildBlog(server.db, { slug: 'laes' });
      // 600 words: three minutes.
      await buildPost(server.db, { blogId: blog.id, slug: 'lang', lead: '', body: 'ord '.repeat(600) });
      const one = await buildPost(server.db, { blogId: blog.id, slug: 'en', lead: '', body: 'kort' });
      await addImportedComment(server.db, server.app.secret, 3, {
        postId: one.id,
        name: 'Karen Kommentator',
        email: 'karen@kommentar.example',
        body: 'God pointe.',
        status: 'approved',
        createdAt: new Date(Date.now() - 30_000),
      });
    });
    after(async () => {
      await server?.close();
    });

    const header = async (path: string) =>
      /<header class="post__header">(.*?)<\/header>/s.exec(await (await server.get(path)).text())?.[1] ?? '';

    it('says how long the post takes to read and how many comments it has, linking to them, in Danish', async () => {
      const long = await header('/laes/lang');
      assert.match(long, /<span class="reading-time">3 minutters læsning<\/span>/);
      assert.match(long, /<a class="comment-count" href="#comments">0 kommentarer<\/a>/);
      const short = await header('/laes/en');
      assert.match(short, /<span class="reading-time">1 minuts læsning<\/span>/);
      assert.match(short, /<a class="comment-count" href="#comments">1 kommentar<\/a>/);
      assert.match(await (await server.get('/laes/en')).text(), /id="comments"/);
    });

    it('says it in English with English plurals', async () => {
      await updateSiteSettings(server.db, { language: 'en' });
      try {
        assert.match(await header('/laes/lang'), /3 min read<\/span>.*>0 comments<\/a>/s);
        assert.match(await header('/laes/en'), /1 min read<\/span>.*>1 comment<\/a>/s);
      } finally {
        await updateSiteSettings(server.db, { language: 'da' });
      }
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`front page: topic navigation (${dialect})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect);
      const blog = await buildBlog(server.db);
      await buildPost(server.db, { blogId: blog.id, tags: ['Klima', 'Arbejdsliv'] });
      await buildPost(server.db, { blogId: blog.id, tags: ['Klima'] });
      await buildPost(server.db, { blogId: blog.id, tags: ['Kladdeemne'], status: 'draft' });
    });
    after(async () => {
      await server?.close();
    });

    it('links the most used topics of published posts, most used first', async () => {
      const html = await (await server.get('/')).text();
      const nav = /<nav class="topics" aria-labelledby="topics-heading">(.*?)<\/nav>/s.exec(html)?.[1] ?? '';
      assert.match(nav, /<h2 id="topics-heading" class="list-heading">Emner<\/h2>/);
      const links = [...nav.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
      assert.deepEqual(links, [
        ['/tags/klima', 'Klima'],
        ['/tags/arbejdsliv', 'Arbejdsliv'],
      ]);
    });
  });
}
