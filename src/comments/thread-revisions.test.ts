/**
 * Threads' revisions as the database keeps them (migration 000111), and a kept page of comments
 * told from them whether it still shows the same (threadPageSince).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { DIALECTS, openedTestDatabase } from '../../test/support/db.js';
import { insertCommentRow } from '../../test/support/comment-rows.js';
import { buildBlog, buildPost } from '../../test/support/factories.js';
import type { Db } from '../storage/db.js';
import type { CommentStatus } from './comment.js';
import { threadPageSignature } from './comment.repository.js';
import { getThreadPage, threadPageSince } from './comment.service.js';

/** A row as hand-made SQL writes it, with the post's count kept as the services keep it (the page's total comes from it). */
async function addComment(db: Db, postId: string, status: CommentStatus, parent?: { id: string; rootId: string }): Promise<string> {
  const id = await insertCommentRow(db, postId, status, parent);
  if (status === 'approved') await sql`update posts set comment_count = comment_count + 1 where id = ${postId}`.execute(db);
  return id;
}

const revisionOf = async (db: Db, rootId: string) =>
  Number((await db.selectFrom('thread_revisions').select('revision').where('root_id', '=', rootId).executeTakeFirst())?.revision ?? 0);

const post = async (db: Db) => {
  const created = await buildPost(db, { blogId: (await buildBlog(db)).id });
  return { id: created.id, commentCount: 0 };
};
const countOf = async (db: Db, postId: string) =>
  Number((await db.selectFrom('posts').select('comment_count').where('id', '=', postId).executeTakeFirstOrThrow()).comment_count);

for (const dialect of DIALECTS) {
  describe(`threads' revisions (${dialect})`, () => {
    const open = openedTestDatabase(dialect);

    it('move with every change a page shows of a thread, and with nothing else', async () => {
      const { db } = open;
      const { id: postId } = await post(db);
      const root = await addComment(db, postId, 'approved');
      const other = await addComment(db, postId, 'approved');
      const start = await revisionOf(db, root);
      const reply = await addComment(db, postId, 'pending', { id: root, rootId: root });
      assert.equal(await revisionOf(db, root), start + 1, 'a reply, even a held one');
      await db.updateTable('comments').set({ status: 'approved' }).where('id', '=', reply).execute();
      assert.equal(await revisionOf(db, root), start + 2, 'a reply approved');
      await sql`update comments set body = 'Rettet i hånden' where id = ${reply}`.execute(db);
      assert.equal(await revisionOf(db, root), start + 3, 'a text changed by hand');
      await db.updateTable('comments').set({ ip_hash: null, spam_score: 3 }).where('id', '=', reply).execute();
      assert.equal(await revisionOf(db, root), start + 3, 'what no page shows moves nothing');
      const before = await revisionOf(db, other);
      await db.updateTable('comments').set({ root_id: other, parent_id: other }).where('id', '=', reply).execute();
      assert.deepEqual([await revisionOf(db, root), await revisionOf(db, other)], [start + 4, before + 1], 'a reply moved: both threads');
      await db.deleteFrom('comments').where('id', '=', reply).execute();
      assert.equal(await revisionOf(db, other), before + 2, 'a reply deleted');
      await db.deleteFrom('comments').where('id', '=', root).execute();
      assert.equal(
        (await db.selectFrom('thread_revisions').select('root_id').where('root_id', '=', root).execute()).length,
        0,
        "a deleted thread's revision goes with it",
      );
      await db.deleteFrom('posts').where('id', '=', postId).execute();
      assert.equal(
        (await db.selectFrom('thread_revisions').select('root_id').where('root_id', '=', other).execute()).length,
        1,
        'a post deleted with its comments leaves its threads as they were, not counted up again',
      );
    });

    it('tell a kept page that a comment on another page left it as it was, and that one in its own threads did not', async () => {
      const { db } = open;
      const { id: postId } = await post(db);
      const first = await addComment(db, postId, 'approved');
      const second = await addComment(db, postId, 'approved');
      await addComment(db, postId, 'approved');
      const at = async () => ({ id: postId, commentCount: await countOf(db, postId) });
      const shown = await getThreadPage(db, await at(), 1, 2, [], 'at');
      assert.equal(shown.pages, 2);
      const signature = await threadPageSignature(db, postId, { limit: 2, offset: 0, fromEnd: false });
      assert.equal(shown.signature, signature);

      // A new thread lands on the last page; a held reply is not shown.
      await addComment(db, postId, 'approved');
      assert.equal(
        await threadPageSignature(db, postId, { limit: 2, offset: 0, fromEnd: false }),
        signature,
        'a thread on page 2 leaves page 1 as it was',
      );
      assert.equal(await threadPageSince(db, await at(), shown, 2, 'at'), shown);
      await addComment(db, postId, 'pending', { id: second, rootId: second });
      assert.notEqual(await threadPageSignature(db, postId, { limit: 2, offset: 0, fromEnd: false }), signature);
      assert.equal(await threadPageSince(db, await at(), shown, 2, 'at'), shown, 'a held reply shows nothing new');
      assert.notEqual(shown.signature, signature, 'and the page knows its threads as they now are');

      // A reply published in one of its threads, and a text changed by hand, are seen.
      // Only the changed thread is read again (rowsOfChangedThreads): the page must come out as a whole read makes it.
      const whole = async () => (await getThreadPage(db, await at(), 1, 2, [], 'at')).source;
      const reply = await addComment(db, postId, 'approved', { id: first, rootId: first });
      const withReply = await threadPageSince(db, await at(), shown, 2, 'at');
      assert.ok(withReply && withReply !== shown);
      assert.deepEqual(
        withReply.comments[0]!.replies.map((r) => r.id),
        [reply],
      );
      assert.deepEqual(withReply.source, await whole());
      await sql`update comments set body = 'Skrevet om i hånden' where id = ${reply}`.execute(db);
      const rewritten = await threadPageSince(db, await at(), withReply, 2, 'at');
      assert.match(String(rewritten?.comments[0]!.replies[0]!.bodyHtml), /Skrevet om i hånden/);
      assert.deepEqual(rewritten?.source, await whole());
      // A thread taken down moves the next one onto the page.
      await db.updateTable('comments').set({ status: 'spam' }).where('id', '=', second).execute();
      const moved = await threadPageSince(db, await at(), rewritten!, 2, 'at');
      assert.ok(moved && moved !== rewritten);
      assert.equal(moved.comments.length, 2);
      assert.ok(!moved.comments.some((c) => c.id === second));
    });

    it('put the last page together from its kept threads and the changed ones, as a whole read makes it', async () => {
      const { db } = open;
      const { id: postId } = await post(db);
      for (let i = 0; i < 3; i++) await addComment(db, postId, 'approved');
      const at = async () => ({ id: postId, commentCount: await countOf(db, postId) });
      const whole = async () => (await getThreadPage(db, await at(), 2, 2, [], 'at')).source;
      let shown = await getThreadPage(db, await at(), 2, 2, [], 'at');
      const [third] = shown.comments.map((c) => c.id);
      const steps: [string, () => Promise<unknown>][] = [
        ['a reply in its thread', () => addComment(db, postId, 'approved', { id: third!, rootId: third! })],
        ['a new thread after it', () => addComment(db, postId, 'approved')],
        ['a reply taken down', () => db.updateTable('comments').set({ status: 'spam' }).where('parent_id', '=', third!).execute()],
      ];
      for (const [what, step] of steps) {
        await step();
        const now = await threadPageSince(db, await at(), shown, 2, 'at');
        assert.ok(now && now !== shown, what);
        assert.deepEqual(now.source, await whole(), what);
        shown = now;
      }
    });
  });
}
