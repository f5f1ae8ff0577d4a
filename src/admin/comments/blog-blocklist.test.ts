/** Per-blog blocklists: kept by the blog's own moderators and editors, applied only to that blog's comments (issue 15). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loginAs, type Session } from '../../../test/support/admin.js';
import { postComment } from '../../../test/support/comments.js';
import { DIALECTS } from '../../../test/support/db.js';
import { buildBlog, buildPost } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { updateSiteSettings } from '../../settings/settings.service.js';

const RELAXED = { minSecondsToSubmit: 0, commentsPerHourPerIp: 10_000, commentsPerHourPerEmail: 10_000, commentPolicy: 'open' as const };

for (const dialect of DIALECTS) {
  describe(`per-blog blocklists (${dialect})`, () => {
    let server: TestServer;
    let moderator: Session;
    let editor: Session;
    let admin: Session;
    let a: { id: string; path: string };
    let b: { id: string; path: string };
    before(async () => {
      server = await startTestServer(dialect);
      await updateSiteSettings(server.db, RELAXED);
      const make = async () => {
        const blog = await buildBlog(server.db);
        const post = await buildPost(server.db, { blogId: blog.id });
        return { id: blog.id, path: `/${blog.slug}/${post.slug}` };
      };
      a = await make();
      b = await make();
      moderator = await loginAs(server, 'moderator', { blogScope: [a.id] });
      editor = await loginAs(server, 'editor', { blogScope: [b.id] });
      admin = await loginAs(server, 'admin');
    });
    after(async () => {
      await server?.close();
    });
    const reasonsOfLatest = async () =>
      (await server.db.selectFrom('comments').select('spam_reasons').orderBy('id', 'desc').executeTakeFirstOrThrow()).spam_reasons;
    const rows = async (value: string) =>
      (await server.db.selectFrom('blocklist').select('blog_id').where('value', '=', value).orderBy('blog_id').execute()).map(
        (r) => r.blog_id,
      );

    it('lets a blog’s moderator and editor keep only their blog’s list, checked on the server', async () => {
      assert.equal((await moderator.get('/admin/comments/blocklist')).status, 403, 'not the site-wide list');
      assert.equal((await moderator.get(`/admin/comments/blocklist?blog=${b.id}`)).status, 403, 'not another blog’s list');
      assert.equal((await moderator.post('/admin/comments/blocklist', { kind: 'word', value: 'kragesnak' })).status, 403);
      assert.equal((await moderator.post('/admin/comments/blocklist', { kind: 'word', value: 'kragesnak', blog: b.id })).status, 403);
      assert.deepEqual(await rows('kragesnak'), [], 'a refused entry is not stored');

      assert.equal((await moderator.post('/admin/comments/blocklist', { kind: 'word', value: 'Kragesnak', blog: a.id })).status, 303);
      assert.equal((await editor.post('/admin/comments/blocklist', { kind: 'word', value: 'kragesnak', blog: b.id })).status, 303);
      assert.equal((await moderator.post('/admin/comments/blocklist', { kind: 'word', value: 'kragesnak', blog: a.id })).status, 303);
      assert.deepEqual(await rows('kragesnak'), [a.id, b.id].sort(), 'one entry per blog, the same word in each');
      const page = await (await moderator.get(`/admin/comments/blocklist?blog=${a.id}`)).text();
      assert.match(page, /<code>kragesnak<\/code>/);
      assert.match(page, new RegExp(`name="blog" value="${a.id}"`));
      const queue = await (await moderator.get('/admin/comments')).text();
      assert.match(queue, new RegExp(`href="/admin/comments/blocklist\\?blog=${a.id}"`), 'the queue links to the blog’s list');
      assert.doesNotMatch(queue, new RegExp(`blocklist\\?blog=${b.id}`));
    });

    it('applies a blog’s entries only to that blog’s comments, and site-wide entries everywhere', async () => {
      assert.equal((await moderator.post('/admin/comments/blocklist', { kind: 'word', value: 'ravnesnak', blog: a.id })).status, 303);
      await postComment(server, b.path, { email: 'b1@debat.example', body: 'Lidt ravnesnak her' });
      assert.doesNotMatch(await reasonsOfLatest(), /ravnesnak/);
      await postComment(server, a.path, { email: 'a1@debat.example', body: 'Lidt ravnesnak her' });
      assert.match(await reasonsOfLatest(), /word:ravnesnak/);

      assert.equal((await admin.post('/admin/comments/blocklist', { kind: 'word', value: 'mågesnak' })).status, 303);
      assert.deepEqual(await rows('mågesnak'), ['']);
      await postComment(server, b.path, { email: 'b2@debat.example', body: 'Noget mågesnak' });
      assert.match(await reasonsOfLatest(), /word:mågesnak/);
    });

    it('puts the queue’s own links on one line, and lets the list page switch between the lists one keeps', async () => {
      const line = (html: string) => /<p class="mod-links">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? assert.fail('no line of links');
      const mine = line(await (await moderator.get('/admin/comments')).text());
      assert.deepEqual(
        [...mine.matchAll(/href="([^"]+)"/g)].map((m) => m[1]),
        ['/admin/moderation-mail', `/admin/comments/blocklist?blog=${a.id}`],
      );
      const staffQueue = await (await admin.get('/admin/comments')).text();
      assert.deepEqual(
        [...line(staffQueue).matchAll(/href="([^"]+)"/g)].map((m) => m[1]),
        ['/admin/moderation-mail', '/admin/comments/blocklist'],
      );
      assert.doesNotMatch(staffQueue, /blocklist\?blog=/, 'no list of every blog’s list above the tabs');
      const author = await loginAs(server, 'author');
      assert.doesNotMatch(await (await author.get('/admin/comments')).text(), /\/admin\/comments\/blocklist/);

      const lists = await (await admin.get(`/admin/comments/blocklist?blog=${b.id}`)).text();
      assert.match(lists, /href="\/admin\/comments\/blocklist"/);
      assert.match(lists, new RegExp(`href="/admin/comments/blocklist\\?blog=${a.id}"`));
      assert.match(lists, new RegExp(`href="/admin/comments/blocklist\\?blog=${b.id}" aria-current="page"`));
      const own = await (await moderator.get(`/admin/comments/blocklist?blog=${a.id}`)).text();
      assert.doesNotMatch(
        own,
        new RegExp(`blocklist\\?blog=${b.id}|href="/admin/comments/blocklist"`),
        'only the lists the moderator keeps',
      );
    });

    it('removes an entry from one blog’s list only', async () => {
      assert.equal((await editor.post('/admin/comments/blocklist/delete', { kind: 'word', value: 'kragesnak', blog: a.id })).status, 403);
      assert.equal(
        (await moderator.post('/admin/comments/blocklist/delete', { kind: 'word', value: 'kragesnak', blog: a.id })).status,
        303,
      );
      assert.deepEqual(await rows('kragesnak'), [b.id]);
    });
  });
}
