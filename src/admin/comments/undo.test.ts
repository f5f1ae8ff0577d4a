/** Undo for approve, spam, trash and block: the action and its side effects go back, and the undo is logged (issue 15). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { recountComments } from '../../comments/moderation.repository.js';
import { loginAs, type Session } from '../../../test/support/admin.js';
import { DIALECTS } from '../../../test/support/db.js';
import { buildBlog, buildPost } from '../../../test/support/factories.js';
import { addQueueComment } from '../../../test/support/moderation.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

for (const dialect of DIALECTS) {
  describe(`undoing a moderation action (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    let post: { id: string };
    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin');
      const blog = await buildBlog(server.db);
      post = await buildPost(server.db, { blogId: blog.id });
    });
    after(async () => {
      await server?.close();
    });
    const comment = async (id: string) => server.db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const count = async () =>
      Number(
        (await server.db.selectFrom('posts').select('comment_count').where('id', '=', post.id).executeTakeFirstOrThrow()).comment_count,
      );
    const undoIdOf = (response: Response) => {
      assert.equal(response.status, 303);
      return /[?&]undo=([0-9a-f-]{36})/.exec(response.headers.get('location') ?? '')?.[1] ?? assert.fail('no undo offered');
    };
    const undo = (id: string, session = admin) => session.post('/admin/comments/undo', { undo: id, back: '/admin/comments' });
    const audited = async (id: string) =>
      (await server.db.selectFrom('audit_log').select('action').where('subject_id', '=', id).orderBy('id').execute()).map((r) => r.action);
    const spamCount = async (outcome: string) =>
      (
        await server.db
          .selectFrom('spam_event_counts')
          .select('count')
          .where('layer', '=', 'moderator')
          .where('outcome', '=', outcome)
          .where('post_id', '=', post.id)
          .execute()
      ).reduce((sum, r) => sum + Number(r.count), 0);

    it('offers the undo right after approving, says mail already went, and puts the comment back in waiting', async () => {
      const parent = await addQueueComment(server.db, { postId: post.id, status: 'approved' });
      const subscriber = `abonnent-${Date.now()}@debat.example`;
      const at = new Date().toISOString();
      await server.db
        .insertInto('comment_subscriptions')
        .values({
          id: `sub-${Date.now()}`,
          comment_id: parent,
          email: subscriber,
          token_hash: `t-${Date.now()}`,
          created_at: at,
          confirmed_at: at,
          unsubscribed_at: null,
        })
        .execute();
      const id = await addQueueComment(server.db, { postId: post.id, status: 'pending' });
      await server.db.updateTable('comments').set({ parent_id: parent, root_id: parent, depth: 2 }).where('id', '=', id).execute();
      // The helper inserts rows without counting them: the baseline is counted afresh.
      await recountComments(server.db, post.id);
      const before = await count();
      const response = await admin.post(`/admin/comments/${id}/approve`, { back: '/admin/comments' });
      const undoId = undoIdOf(response);
      assert.equal(await count(), before + 1);
      const mails = async () => (await server.db.selectFrom('outbox').select('id').where('to_address', '=', subscriber).execute()).length;
      assert.equal(await mails(), 1);

      const page = await (await admin.get(response.headers.get('location')!)).text();
      assert.match(page, /<form method="post" action="\/admin\/comments\/undo"/);
      assert.match(page, new RegExp(`name="undo" value="${undoId}"`));
      assert.match(page, /Besked til abonnenter om svaret er allerede på vej og kan ikke kaldes tilbage/);

      const undone = await undo(undoId);
      assert.equal(undone.status, 303);
      assert.equal(undone.headers.get('location'), '/admin/comments?done=undo&n=1');
      assert.equal((await comment(id)).status, 'pending');
      assert.equal(await count(), before);
      assert.deepEqual(await audited(id), ['comment.approve', 'comment.undo']);
      // Approved again, the subscribers are not told twice.
      await admin.post(`/admin/comments/${id}/approve`);
      assert.equal(await mails(), 1);
    });

    it('undoes spam: the status, the reasons and the spam report count go back', async () => {
      const id = await addQueueComment(server.db, { postId: post.id, status: 'approved', reasons: [] });
      const spamBefore = await spamCount('spam');
      // The helper inserts rows without counting them: the baseline is counted afresh.
      await recountComments(server.db, post.id);
      const before = await count();
      const undoId = undoIdOf(await admin.post(`/admin/comments/${id}/spam`, { back: '/admin/comments' }));
      assert.equal(await spamCount('spam'), spamBefore + 1);
      assert.equal(await count(), before - 1);
      await undo(undoId);
      const row = await comment(id);
      assert.equal(row.status, 'approved');
      assert.equal(row.spam_reasons, '[]');
      assert.equal(await spamCount('spam'), spamBefore);
      assert.equal(await count(), before);
    });

    it('undoes trash, also in bulk', async () => {
      const a = await addQueueComment(server.db, { postId: post.id, status: 'approved' });
      const b = await addQueueComment(server.db, { postId: post.id, status: 'pending' });
      const trashed = await admin.post('/admin/comments/bulk', { action: 'trash', ids: [a, b], back: '/admin/comments' });
      const undoId = undoIdOf(trashed);
      const page = await (await admin.get(trashed.headers.get('location')!)).text();
      assert.match(page, /Kan fortrydes indtil/);
      assert.doesNotMatch(page, /Besked til abonnenter/, 'no mail went, so none is mentioned');
      assert.equal((await comment(a)).status, 'trash');
      const undone = await undo(undoId);
      assert.equal(undone.headers.get('location'), '/admin/comments?done=undo&n=2');
      assert.equal((await comment(a)).status, 'approved');
      assert.equal((await comment(b)).status, 'pending');
    });

    it('undoes a block: the blocklist entry it added goes, one that was there stays', async () => {
      const ipHash = `IpHashForUndoTest${dialect}000000`;
      const id = await addQueueComment(server.db, { postId: post.id, status: 'pending', ipHash });
      const entries = async () =>
        (await server.db.selectFrom('blocklist').select('id').where('kind', '=', 'ip').where('value', '=', ipHash).execute()).length;
      // The warning first: how many comments and people the block reaches, before anything changes.
      await addQueueComment(server.db, { postId: post.id, status: 'approved', ipHash, email: 'anden@debat.example' });
      const queue = await (await admin.get('/admin/comments')).text();
      assert.match(queue, new RegExp(`href="/admin/comments/${id}/block-ip\\?back=%2Fadmin%2Fcomments"`));
      const warning = await (await admin.get(`/admin/comments/${id}/block-ip?back=/admin/comments`)).text();
      assert.match(warning, /Blokeringen rammer 2 kommentarer fra 2 forskellige e-mailadresser/);
      assert.match(warning, new RegExp(`<form method="post" action="/admin/comments/${id}/block-ip">`));
      assert.equal(await entries(), 0);
      const undoId = undoIdOf(await admin.post(`/admin/comments/${id}/block-ip`, { back: '/admin/comments' }));
      assert.equal(await entries(), 1);
      assert.equal((await comment(id)).status, 'spam');
      await undo(undoId);
      assert.equal(await entries(), 0);
      assert.equal((await comment(id)).status, 'pending');
      assert.equal((await comment(id)).spam_reasons, '[]');
      const logged = await server.db
        .selectFrom('audit_log')
        .select('summary')
        .where('action', '=', 'comment.undo')
        .where('subject_id', '=', id)
        .executeTakeFirstOrThrow();
      assert.match(logged.summary!, /blocklist entry removed: ip /);

      await admin.post('/admin/comments/blocklist', { kind: 'ip', value: ipHash });
      const again = undoIdOf(await admin.post(`/admin/comments/${id}/block-ip`, { back: '/admin/comments' }));
      await undo(again);
      assert.equal(await entries(), 1, 'the entry added by hand stays');
      assert.equal((await comment(id)).status, 'pending');
    });

    it('is only for the moderator who acted, once, and within the window', async () => {
      const id = await addQueueComment(server.db, { postId: post.id, status: 'pending' });
      const undoId = undoIdOf(await admin.post(`/admin/comments/${id}/trash`, { back: '/admin/comments' }));
      const other = await loginAs(server, 'admin');
      assert.equal((await undo(undoId, other)).status, 404);
      assert.doesNotMatch(
        await (await other.get(`/admin/comments?done=trash&n=1&undo=${undoId}`)).text(),
        /action="\/admin\/comments\/undo"/,
      );
      assert.equal((await undo(undoId)).status, 303);
      assert.equal((await undo(undoId)).status, 409);

      const late = undoIdOf(await admin.post(`/admin/comments/${id}/trash`, { back: '/admin/comments' }));
      await server.db
        .updateTable('moderation_undos')
        .set({ created_at: new Date(Date.now() - 11 * 60 * 1000).toISOString() })
        .where('id', '=', late)
        .execute();
      assert.doesNotMatch(
        await (await admin.get(`/admin/comments?done=trash&n=1&undo=${late}`)).text(),
        /action="\/admin\/comments\/undo"/,
      );
      assert.equal((await undo(late)).status, 409);
      assert.equal((await comment(id)).status, 'trash');
    });
  });
}
