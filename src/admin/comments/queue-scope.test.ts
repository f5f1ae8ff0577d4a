/** A blog-scoped moderator sees and acts only on their blogs' comments, in the queue's search, filters and undo too (issue 15). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loginAs, type Session } from '../../../test/support/admin.js';
import { DIALECTS } from '../../../test/support/db.js';
import { buildBlog, buildPost } from '../../../test/support/factories.js';
import { addQueueComment } from '../../../test/support/moderation.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

for (const dialect of DIALECTS) {
  describe(`a blog-scoped moderator in the queue (${dialect})`, () => {
    let server: TestServer;
    let moderator: Session;
    let own: { blog: string; post: string; comment: string };
    let other: { blog: string; post: string; comment: string };
    before(async () => {
      server = await startTestServer(dialect);
      const make = async (title: string, body: string) => {
        const blog = await buildBlog(server.db, { title });
        const post = await buildPost(server.db, { blogId: blog.id });
        return {
          blog: blog.id,
          post: post.id,
          comment: await addQueueComment(server.db, { postId: post.id, body, ipHash: `ScopeIpHash${title}00000000` }),
        };
      };
      own = await make('Egen', 'Fælles ord i egen blog');
      other = await make('Anden', 'Fælles ord i anden blog');
      moderator = await loginAs(server, 'moderator', { blogScope: [own.blog] });
    });
    after(async () => {
      await server?.close();
    });
    const status = async (id: string) =>
      (await server.db.selectFrom('comments').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

    it('finds only its blogs’ comments, and offers only its blogs', async () => {
      const html = await (await moderator.get('/admin/comments?q=f%C3%A6lles+ord&status=all')).text();
      assert.match(html, new RegExp(`comment-${own.comment}`));
      assert.doesNotMatch(html, new RegExp(`comment-${other.comment}`));
      assert.doesNotMatch(html, /Anden/);
      assert.equal((await moderator.get(`/admin/comments?blog=${other.blog}`)).status, 404);
      assert.equal((await moderator.get(`/admin/comments?post=${other.post}`)).status, 404);
    });

    it('cannot act on another blog’s comment by a direct POST, nor see its IP warning', async () => {
      for (const action of ['approve', 'spam', 'trash']) {
        const response = await moderator.post(`/admin/comments/${other.comment}/${action}`, { back: '/admin/comments' });
        assert.equal(response.status, 403, action);
      }
      assert.equal((await moderator.post('/admin/comments/bulk', { action: 'approve', ids: [own.comment, other.comment] })).status, 403);
      assert.equal(await status(own.comment), 'pending', 'nothing of a refused bulk action happens');
      assert.equal(await status(other.comment), 'pending');
      assert.equal((await moderator.get(`/admin/comments/${other.comment}/block-ip`)).status, 403);
      assert.equal((await moderator.get(`/admin/comments/${other.comment}/edit`)).status, 403);
    });

    it('undoes its own action, but not an administrator’s on another blog', async () => {
      const approved = await moderator.post(`/admin/comments/${own.comment}/approve`, { back: '/admin/comments' });
      const undoId = /undo=([0-9a-f-]{36})/.exec(approved.headers.get('location')!)![1]!;
      assert.equal((await moderator.post('/admin/comments/undo', { undo: undoId, back: '/admin/comments' })).status, 303);
      assert.equal(await status(own.comment), 'pending');
      const admin = await loginAs(server, 'admin');
      const trashed = await admin.post(`/admin/comments/${other.comment}/trash`, { back: '/admin/comments' });
      const adminUndo = /undo=([0-9a-f-]{36})/.exec(trashed.headers.get('location')!)![1]!;
      assert.equal((await moderator.post('/admin/comments/undo', { undo: adminUndo, back: '/admin/comments' })).status, 404);
      assert.equal(await status(other.comment), 'trash');
    });
  });
}
