/** Blocking from a comment in the queue, per role: a blog's own moderators block for their blog, site staff choose (issue 15). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loginAs, type Session } from '../../../test/support/admin.js';
import { postComment } from '../../../test/support/comments.js';
import { DIALECTS } from '../../../test/support/db.js';
import { buildBlog, buildPost } from '../../../test/support/factories.js';
import { addQueueComment } from '../../../test/support/moderation.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { updateSiteSettings } from '../../settings/settings.service.js';

const RELAXED = { minSecondsToSubmit: 0, commentsPerHourPerIp: 10_000, commentsPerHourPerEmail: 10_000, commentPolicy: 'open' as const };

for (const dialect of DIALECTS) {
  describe(`blocking from a comment (${dialect})`, () => {
    let server: TestServer;
    let moderator: Session;
    let editor: Session;
    let author: Session;
    let admin: Session;
    let a: { blogId: string; postId: string; path: string };
    let b: { blogId: string; postId: string; path: string };
    let n = 0;
    before(async () => {
      server = await startTestServer(dialect);
      await updateSiteSettings(server.db, RELAXED);
      const make = async () => {
        const blog = await buildBlog(server.db);
        const post = await buildPost(server.db, { blogId: blog.id });
        return { blogId: blog.id, postId: post.id, path: `/${blog.slug}/${post.slug}` };
      };
      a = await make();
      b = await make();
      moderator = await loginAs(server, 'moderator', { blogScope: [a.blogId] });
      editor = await loginAs(server, 'editor', { blogScope: [a.blogId] });
      author = await loginAs(server, 'author');
      admin = await loginAs(server, 'admin');
    });
    after(async () => {
      await server?.close();
    });
    const address = () => `skribent${++n}-${dialect}@blok.example`;
    const entries = async (value: string) =>
      (await server.db.selectFrom('blocklist').select('blog_id').where('value', '=', value).orderBy('blog_id').execute()).map(
        (r) => r.blog_id,
      );
    const statusOf = async (id: string) =>
      (await server.db.selectFrom('comments').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
    const latestReasons = async () =>
      (await server.db.selectFrom('comments').select('spam_reasons').orderBy('id', 'desc').executeTakeFirstOrThrow()).spam_reasons;

    it("lets a blog's moderator and editor block from their blog's comment, for that blog only", async () => {
      for (const session of [moderator, editor]) {
        const email = address();
        const id = await addQueueComment(server.db, { postId: a.postId, email });
        const response = await session.post(`/admin/comments/${id}/block-email`, { back: '/admin/comments' });
        assert.equal(response.status, 303);
        assert.match(response.headers.get('location') ?? '', /done=block-email/);
        assert.deepEqual(await entries(email), [a.blogId], 'an entry on the comment’s blog, none site-wide');
        assert.equal(await statusOf(id), 'spam');
        await postComment(server, b.path, { email, body: 'På en anden blog' });
        assert.doesNotMatch(await latestReasons(), /blocklist/, 'another blog is not affected');
        await postComment(server, a.path, { email, body: 'På samme blog igen' });
        assert.match(await latestReasons(), /blocklist/);
      }
    });

    it('refuses a blog-scoped moderator a site-wide block and a block on another blog’s comment', async () => {
      const email = address();
      const own = await addQueueComment(server.db, { postId: a.postId, email });
      assert.equal((await moderator.post(`/admin/comments/${own}/block-email`, { scope: 'site' })).status, 403);
      const other = await addQueueComment(server.db, { postId: b.postId, email });
      assert.equal((await moderator.post(`/admin/comments/${other}/block-domain`, { scope: 'blog' })).status, 403);
      assert.equal((await author.post(`/admin/comments/${own}/block-email`, { scope: 'blog' })).status, 403);
      assert.deepEqual(await entries(email), []);
      assert.deepEqual([await statusOf(own), await statusOf(other)], ['pending', 'pending']);
    });

    it('lets site staff choose: this blog, or the whole site (the default)', async () => {
      const email = address();
      const first = await addQueueComment(server.db, { postId: a.postId, email });
      assert.equal((await admin.post(`/admin/comments/${first}/block-email`, { scope: 'blog' })).status, 303);
      assert.deepEqual(await entries(email), [a.blogId]);
      const second = await addQueueComment(server.db, { postId: b.postId, email });
      assert.equal((await admin.post(`/admin/comments/${second}/block-email`, { scope: 'site' })).status, 303);
      assert.deepEqual(await entries(email), ['', a.blogId]);
      const third = await addQueueComment(server.db, { postId: b.postId, email: address() });
      assert.equal((await admin.post(`/admin/comments/${third}/block-domain`)).status, 303);
      assert.deepEqual(await entries('blok.example'), ['']);
    });

    it('undoes a blog-scoped block: the blog’s entry goes', async () => {
      const email = address();
      const id = await addQueueComment(server.db, { postId: a.postId, email });
      const response = await moderator.post(`/admin/comments/${id}/block-email`, { back: '/admin/comments' });
      const undoId = /[?&]undo=([0-9a-f-]{36})/.exec(response.headers.get('location') ?? '')?.[1] ?? assert.fail('no undo offered');
      assert.deepEqual(await entries(email), [a.blogId]);
      assert.equal((await moderator.post('/admin/comments/undo', { undo: undoId, back: '/admin/comments' })).status, 303);
      assert.deepEqual(await entries(email), []);
      assert.equal(await statusOf(id), 'pending');
    });

    it('warns a blog-scoped moderator before an IP block with the reach on their blog, and blocks it there', async () => {
      const ipHash = `BlockScopeIpHash${dialect}0000000000`;
      const id = await addQueueComment(server.db, { postId: a.postId, ipHash, email: address() });
      await addQueueComment(server.db, { postId: b.postId, ipHash, email: address() });
      const warning = await moderator.get(`/admin/comments/${id}/block-ip?back=/admin/comments`);
      assert.equal(warning.status, 200);
      const html = await warning.text();
      // One comment, one address: the singular, not "1 kommentarer fra 1 forskellige e-mailadresser".
      assert.match(html, /rammer 1 kommentar fra 1 e-mailadresse på bloggen/, 'only what the block reaches: the comments on this blog');
      assert.match(html, /name="scope" value="blog"/);
      assert.equal((await moderator.post(`/admin/comments/${id}/block-ip`, { scope: 'blog' })).status, 303);
      assert.deepEqual(await entries(ipHash), [a.blogId]);
    });

    it('shows each role the block controls it may use in the queue', async () => {
      const id = await addQueueComment(server.db, { postId: a.postId, email: address() });
      const mine = await (await moderator.get(`/admin/comments?post=${a.postId}`)).text();
      const row = (html: string) =>
        html.slice(html.indexOf(`id="comment-${id}"`), html.indexOf('</li>', html.indexOf(`id="comment-${id}"`)));
      assert.match(row(mine), new RegExp(`action="/admin/comments/${id}/block-email"`));
      assert.match(row(mine), /name="scope" value="blog"/);
      assert.doesNotMatch(row(mine), /value="site"/, 'no site-wide choice for a blog’s moderator');
      const staff = await (await admin.get(`/admin/comments?post=${a.postId}`)).text();
      assert.match(row(staff), /<select[^>]*name="scope"/);
      assert.match(row(staff), /value="site"/);
      assert.match(row(staff), /value="blog"/);
      const authors = await (await author.get('/admin/comments')).text();
      assert.doesNotMatch(authors, /block-email/);
    });
  });
}
