import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addImportedComment } from '../../comments/comment.service.js';
import { loginAs } from '../../../test/support/admin.js';
import { DIALECTS } from '../../../test/support/db.js';
import { buildBlog, buildPost } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
});

for (const dialect of DIALECTS) {
  describe(`who may moderate which comments (${dialect})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect);
    });
    after(async () => {
      await server?.close();
    });

    const heldOn = (postId: string, body = `Venter ${Math.random()}`) =>
      addImportedComment(server.db, server.app.secret, 3, {
        postId,
        name: 'Vera Venter',
        email: 'vera@debat.example',
        body,
        status: 'pending',
        createdAt: new Date(),
      });
    const statusOf = async (id: string) =>
      (await server.db.selectFrom('comments').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

    it('lets a moderator limited to blog A moderate there, and refuses blog B', async () => {
      const [blogA, blogB] = [await buildBlog(server.db), await buildBlog(server.db)];
      const inA = await heldOn((await buildPost(server.db, { blogId: blogA.id })).id, 'I blog A');
      const inB = await heldOn((await buildPost(server.db, { blogId: blogB.id })).id, 'I blog B');
      const moderator = await loginAs(server, 'moderator', { blogScope: [blogA.id] });
      assert.equal((await moderator.post(`/admin/comments/${inA}/approve`)).status, 303);
      assert.equal((await moderator.post(`/admin/comments/${inB}/approve`)).status, 403);
      assert.equal(await statusOf(inB), 'pending');
      // The approved comment is on "all"; the queue opens on what waits.
      const list = await (await moderator.get('/admin/comments?status=all')).text();
      assert.match(list, /I blog A/);
      assert.doesNotMatch(list, /I blog B/);
    });

    it('refuses a whole bulk action when one of its comments is out of reach', async () => {
      const [blogA, blogB] = [await buildBlog(server.db), await buildBlog(server.db)];
      const inA = await heldOn((await buildPost(server.db, { blogId: blogA.id })).id);
      const inB = await heldOn((await buildPost(server.db, { blogId: blogB.id })).id);
      const editor = await loginAs(server, 'editor', { blogScope: [blogA.id] });
      assert.equal((await editor.post('/admin/comments/bulk', { action: 'trash', ids: [inA, inB] })).status, 403);
      assert.deepEqual([await statusOf(inA), await statusOf(inB)], ['pending', 'pending']);
    });

    it("lets an author moderate comments on their own post and refuses another's", async () => {
      const author = await loginAs(server, 'author');
      const own = await heldOn((await buildPost(server.db, { authors: [{ personId: author.personId }] })).id, 'På mit indlæg');
      const others = await heldOn((await buildPost(server.db)).id, 'På en andens indlæg');
      assert.equal((await author.post(`/admin/comments/${own}/approve`)).status, 303);
      assert.equal((await author.post(`/admin/comments/${others}/spam`)).status, 403);
      assert.equal((await author.get(`/admin/comments/${others}/edit`)).status, 403);
      assert.equal((await author.post(`/admin/comments/${others}/reply`, { body: 'Mit svar' })).status, 403);
      const list = await (await author.get('/admin/comments?status=all')).text();
      assert.match(list, /På mit indlæg/);
      assert.doesNotMatch(list, /På en andens indlæg/);
    });

    it('keeps the blocklist from authors, even on their own posts', async () => {
      const author = await loginAs(server, 'author');
      const own = await heldOn((await buildPost(server.db, { authors: [{ personId: author.personId }] })).id);
      assert.equal((await author.post(`/admin/comments/${own}/block-email`)).status, 403);
      assert.equal((await author.get('/admin/comments/blocklist')).status, 403);
      assert.equal((await author.post('/admin/comments/blocklist', { kind: 'word', value: 'forfatterord' })).status, 403);
      assert.equal(await statusOf(own), 'pending');
    });

    it('sends an anonymous visitor to the login page and refuses their changes', async () => {
      const id = await heldOn((await buildPost(server.db)).id);
      const response = await server.get('/admin/comments?status=pending');
      assert.equal(response.status, 303);
      assert.equal(response.headers.get('location'), '/admin/login?next=%2Fadmin%2Fcomments%3Fstatus%3Dpending');
      assert.equal((await server.get(`/admin/comments/${id}/approve`, form({}))).status, 403);
      assert.equal((await server.get('/admin/comments/blocklist', form({ kind: 'word', value: 'x' }))).status, 403);
      assert.equal(await statusOf(id), 'pending');
    });

    it('refuses a change without the CSRF token', async () => {
      const id = await heldOn((await buildPost(server.db)).id);
      const admin = await loginAs(server, 'admin');
      assert.equal((await admin.post(`/admin/comments/${id}/approve`, {}, { csrf: false })).status, 403);
      assert.equal((await admin.post('/admin/comments/bulk', { action: 'approve', ids: [id] }, { csrf: false })).status, 403);
      assert.equal(await statusOf(id), 'pending');
    });
  });
}
