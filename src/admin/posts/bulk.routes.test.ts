import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loginAs, type Session } from '../../../test/support/admin.js';
import { DIALECTS } from '../../../test/support/db.js';
import { buildBlog, buildPost } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import type { Blog } from '../../blogs/blog.js';

for (const dialect of DIALECTS) {
  describe(`posts list bulk actions (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    let blog: Blog;
    let other: Blog;
    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin');
      blog = await buildBlog(server.db, { slug: 'masse', title: 'Masse' });
      other = await buildBlog(server.db, { slug: 'anden', title: 'Anden' });
    });
    after(async () => {
      await server?.close();
    });

    const statusOf = async (id: string) =>
      await server.db.selectFrom('posts').select(['status', 'blog_id', 'deleted_at']).where('id', '=', id).executeTakeFirstOrThrow();
    const draft = (title: string, extra: Parameters<typeof buildPost>[1] = {}) =>
      buildPost(server.db, { blogId: blog.id, title, status: 'draft', publishedAt: null, ...extra });

    it('offers a checkbox per post and the actions in a form that needs no script', async () => {
      const post = await draft('Med afkrydsning');
      const html = await (await admin.get('/admin/posts?status=draft')).text();
      assert.match(html, new RegExp(`<input type="checkbox" name="ids" value="${post.id}" form="bulk-form"`));
      assert.match(html, /<form id="bulk-form" method="post" action="\/admin\/posts\/bulk"/);
      assert.match(html, /name="back" value="\/admin\/posts\?status=draft"/);
    });

    it('publishes the chosen posts and comes back to the filtered list saying how many', async () => {
      const one = await draft('Bulk et');
      const two = await draft('Bulk to');
      const response = await admin.post('/admin/posts/bulk', {
        action: 'publish',
        ids: [one.id, two.id],
        back: '/admin/posts?status=draft',
      });
      assert.equal(response.status, 303);
      const location = response.headers.get('location')!;
      assert.match(location, /^\/admin\/posts\?status=draft&bulk=publish&done=2&count=2&failed=0$/);
      assert.equal((await statusOf(one.id)).status, 'published');
      assert.equal((await statusOf(two.id)).status, 'published');
      assert.match(await (await admin.get(location)).text(), /Udgiv: 2 af 2 valgte indlæg er ændret/);
      const audit = await server.db.selectFrom('audit_log').select('action').where('subject_id', '=', one.id).execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        ['post.publish'],
      );
    });

    it('unpublishes and moves, and reports a post whose address is taken in the target blog', async () => {
      const out = await buildPost(server.db, { blogId: blog.id, title: 'Ude nu' });
      assert.equal((await admin.post('/admin/posts/bulk', { action: 'unpublish', ids: [out.id] })).status, 303);
      assert.equal((await statusOf(out.id)).status, 'draft');
      const clash = await draft('Samme adresse', { slug: 'samme-adresse' });
      await buildPost(server.db, { blogId: other.id, title: 'Samme adresse', slug: 'samme-adresse' });
      const free = await draft('Fri adresse');
      const moved = await admin.post('/admin/posts/bulk', { action: 'move', blog: other.id, ids: [clash.id, free.id] });
      assert.match(moved.headers.get('location')!, /bulk=move&done=1&count=2&failed=1/);
      assert.equal((await statusOf(free.id)).blog_id, other.id);
      assert.equal((await statusOf(clash.id)).blog_id, blog.id);
    });

    it('asks before deleting, and deletes only after the confirmation', async () => {
      const doomed = await draft('Skal slettes');
      const ask = await admin.post('/admin/posts/bulk', { action: 'delete', ids: [doomed.id], back: '/admin/posts' });
      assert.equal(ask.status, 200);
      const html = await ask.text();
      assert.match(html, /Slet 1 indlæg\?/);
      assert.match(html, /Skal slettes/);
      assert.equal((await statusOf(doomed.id)).deleted_at, null);
      const done = await admin.post('/admin/posts/bulk', { action: 'delete', ids: [doomed.id], confirm: '1', back: '/admin/posts' });
      assert.equal(done.status, 303);
      assert.notEqual((await statusOf(doomed.id)).deleted_at, null);
    });

    it("refuses an author the whole action when one post is someone else's, and changes nothing", async () => {
      const author = await loginAs(server, 'author');
      const own = await draft('Forfatterens eget', { authors: [{ personId: author.personId }] });
      const foreign = await draft('En andens');
      const response = await author.post('/admin/posts/bulk', { action: 'publish', ids: [own.id, foreign.id] });
      assert.equal(response.status, 403);
      assert.equal((await statusOf(own.id)).status, 'draft');
      assert.equal((await statusOf(foreign.id)).status, 'draft');
      const alone = await author.post('/admin/posts/bulk', { action: 'publish', ids: [own.id] });
      assert.equal(alone.status, 303);
      assert.equal((await statusOf(own.id)).status, 'published');
    });

    it('refuses an editor moving posts into a blog outside their reach', async () => {
      const editor = await loginAs(server, 'editor', { blogScope: [blog.id] });
      const post = await draft('Redaktørens');
      assert.equal((await editor.post('/admin/posts/bulk', { action: 'move', blog: other.id, ids: [post.id] })).status, 403);
      assert.equal((await statusOf(post.id)).blog_id, blog.id);
    });

    it('says so when nothing or no blog was chosen, and never goes back outside the list', async () => {
      const none = await admin.post('/admin/posts/bulk', { action: 'publish', back: 'https://evil.example/' });
      assert.equal(none.headers.get('location'), '/admin/posts?bulk=none');
      assert.match(await (await admin.get('/admin/posts?bulk=none')).text(), /role="alert">Vælg mindst ét indlæg/);
    });
  });
}
