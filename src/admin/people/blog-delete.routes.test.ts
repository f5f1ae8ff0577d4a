import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addImportedComment } from '../../comments/comment.service.js';
import { loginAs, type Session } from '../../../test/support/admin.js';
import { DIALECTS } from '../../../test/support/db.js';
import { buildBlog, buildPost } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

for (const dialect of DIALECTS) {
  describe(`deleting a blog (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    let editor: Session;
    let author: Session;
    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin');
      editor = await loginAs(server, 'editor');
      author = await loginAs(server, 'author');
    });
    after(async () => {
      await server?.close();
    });

    const comment = (postId: string) =>
      addImportedComment(server.db, server.app.secret, 3, {
        postId,
        name: 'Læser',
        email: 'laeser@debat.example',
        body: 'En kommentar',
        status: 'approved',
        createdAt: new Date(),
      });
    const count = async (table: 'posts' | 'comments' | 'blogs', column: 'blog_id' | 'post_id' | 'id', value: string) =>
      (await server.db.selectFrom(table).select('id').where(column, '=', value).execute()).length;

    it('says what the blog holds, then moves its posts to another blog and leaves redirects', async () => {
      const from = await buildBlog(server.db, { slug: 'flyttes', title: 'Flyttes' });
      const to = await buildBlog(server.db, { slug: 'modtager', title: 'Modtager' });
      const published = await buildPost(server.db, { blogId: from.id, slug: 'udgivet-her', title: 'Udgivet her' });
      const draft = await buildPost(server.db, { blogId: from.id, slug: 'kladde-her', title: 'Kladde her', status: 'draft' });
      await comment(published.id);
      // The public pages are seen (and cached) before the deletion.
      assert.equal((await server.get('/flyttes')).status, 200);
      assert.equal((await server.get('/flyttes/udgivet-her')).status, 200);
      assert.equal((await server.get('/flyttes/udgivet-her')).headers.get('x-ytring-cache'), 'hit');

      const page = await (await admin.get(`/admin/blogs/${from.id}/delete`)).text();
      assert.match(page, /1 udgivne indlæg/);
      assert.match(page, /1 kladder og planlagte indlæg/);
      assert.match(page, /1 kommentarer/);
      assert.match(page, /<option value="[^"]+"[^>]*>Modtager \(\/modtager\)<\/option>/);

      const response = await admin.post(`/admin/blogs/${from.id}/delete`, { fate: 'move', moveTo: to.id });
      assert.equal(response.status, 303);
      assert.equal(await count('blogs', 'id', from.id), 0);
      assert.equal(await count('posts', 'blog_id', to.id), 2);
      assert.equal(await count('comments', 'post_id', published.id), 1);
      assert.ok(draft.id);

      const post = await server.get('/flyttes/udgivet-her');
      assert.equal(post.status, 301);
      assert.equal(post.headers.get('location'), '/modtager/udgivet-her');
      const blogPage = await server.get('/flyttes');
      assert.equal(blogPage.status, 301);
      assert.equal(blogPage.headers.get('location'), '/modtager');
      assert.match(await (await server.get('/modtager')).text(), /Udgivet her/);
      const audit = await server.db.selectFrom('audit_log').selectAll().where('action', '=', 'blog.delete').execute();
      assert.ok(audit.some((row) => JSON.stringify(row).includes('/modtager')));
    });

    it('refuses a move whose addresses clash, names the posts and changes nothing', async () => {
      const from = await buildBlog(server.db, { slug: 'sammenstod', title: 'Sammenstød' });
      const to = await buildBlog(server.db, { slug: 'optaget', title: 'Optaget' });
      await buildPost(server.db, { blogId: from.id, slug: 'samme', title: 'Første samme' });
      await buildPost(server.db, { blogId: from.id, slug: 'fri', title: 'Fri adresse' });
      await buildPost(server.db, { blogId: to.id, slug: 'samme', title: 'Andet samme' });
      const response = await admin.post(`/admin/blogs/${from.id}/delete`, { fate: 'move', moveTo: to.id });
      assert.equal(response.status, 409);
      const html = await response.text();
      assert.match(html, /role="alert" id="delete-refused"[\s\S]*Første samme/);
      assert.doesNotMatch(html, /<li>Fri adresse<\/li>/);
      assert.equal(await count('blogs', 'id', from.id), 1);
      assert.equal(await count('posts', 'blog_id', from.id), 2);
      assert.equal((await server.get('/sammenstod/fri')).status, 200);
    });

    it('deletes the posts and comments with the blog, and its pages are gone', async () => {
      const blog = await buildBlog(server.db, { slug: 'forsvinder', title: 'Forsvinder' });
      const post = await buildPost(server.db, { blogId: blog.id, slug: 'vaek', title: 'Væk' });
      await comment(post.id);
      assert.equal((await server.get('/forsvinder')).status, 200);
      assert.equal((await server.get('/forsvinder/vaek')).status, 200);
      assert.match(await (await server.get('/')).text(), /Væk/);
      const cached = await server.get('/forsvinder/vaek');
      assert.equal(cached.headers.get('x-ytring-cache'), 'hit', 'the page cache holds the post page');
      const response = await admin.post(`/admin/blogs/${blog.id}/delete`, { fate: 'delete' });
      assert.equal(response.status, 303);
      assert.equal(await count('posts', 'blog_id', blog.id), 0);
      assert.equal(await count('comments', 'post_id', post.id), 0);
      assert.ok([404, 410].includes((await server.get('/forsvinder')).status));
      assert.ok([404, 410].includes((await server.get('/forsvinder/vaek')).status));
      assert.doesNotMatch(await (await server.get('/')).text(), /Væk/);
    });

    it('refuses editors and authors', async () => {
      const blog = await buildBlog(server.db);
      const other = await buildBlog(server.db);
      for (const session of [editor, author]) {
        assert.equal((await session.get(`/admin/blogs/${blog.id}/delete`)).status, 403);
        assert.equal((await session.post(`/admin/blogs/${blog.id}/delete`, { fate: 'delete' })).status, 403);
        assert.equal((await session.post(`/admin/blogs/${blog.id}/delete`, { fate: 'move', moveTo: other.id })).status, 403);
      }
      assert.equal(await count('blogs', 'id', blog.id), 1);
    });

    it('refuses to delete the last blog with a clear message', async () => {
      const blogs = await server.db.selectFrom('blogs').select('id').execute();
      for (const blog of blogs.slice(1)) assert.equal((await admin.post(`/admin/blogs/${blog.id}/delete`, { fate: 'delete' })).status, 303);
      const last = blogs[0]!.id;
      assert.match(await (await admin.get(`/admin/blogs/${last}/delete`)).text(), /den eneste blog/);
      const response = await admin.post(`/admin/blogs/${last}/delete`, { fate: 'delete' });
      assert.equal(response.status, 422);
      assert.match(await response.text(), /den eneste blog/);
      assert.equal(await count('blogs', 'id', last), 1);
    });
  });
}
