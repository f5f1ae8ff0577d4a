/**
 * Threads per post (approved top-level comments) as the database keeps them (migration 000108), and
 * the page a comment lands on, which is counted from them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { DIALECTS, openedTestDatabase } from '../../test/support/db.js';
import { insertCommentRow } from '../../test/support/comment-rows.js';
import { buildBlog, buildPost } from '../../test/support/factories.js';
import type { Db } from '../storage/db.js';
import * as threadCounts from '../storage/migrations/2026_12_06_000108_post_thread_counts.js';
import { deletePost } from '../posts/post.service.js';
import type { CommentStatus } from './comment.js';
import { pageOfComment } from './comment.service.js';

type Counts = Record<string, number>;
const record = (rows: { post_id: string; n: number | string }[]): Counts =>
  Object.fromEntries(rows.map((r) => [r.post_id, Number(r.n)]).sort(([a], [b]) => String(a).localeCompare(String(b))));

/** The kept counts and the counts made from the rows: they must agree. */
async function countsBothWays(db: Db): Promise<{ kept: Counts; counted: Counts }> {
  const kept = await sql<{
    post_id: string;
    n: number | string;
  }>`select post_id, threads as n from post_thread_counts where threads <> 0`.execute(db);
  const counted = await sql<{ post_id: string; n: number | string }>`select post_id, count(*) as n from comments
    where status = 'approved' and parent_id is null group by post_id`.execute(db);
  return { kept: record(kept.rows), counted: record(counted.rows) };
}

const addComment = insertCommentRow;

for (const dialect of DIALECTS) {
  describe(`threads per post kept by the database (${dialect})`, () => {
    const open = openedTestDatabase(dialect);
    const assertAgree = async (after: string, expected: Counts) => {
      const { kept, counted } = await countsBothWays(open.db);
      assert.deepEqual(counted, expected, `the rows after ${after}`);
      assert.deepEqual(kept, counted, `the kept counts after ${after}`);
    };
    const setStatus = (id: string, status: CommentStatus) => open.db.updateTable('comments').set({ status }).where('id', '=', id).execute();

    it('follows comments approved, held, answered, moved, deleted and their post deleted', async () => {
      const blog = await buildBlog(open.db);
      const a = (await buildPost(open.db, { blogId: blog.id })).id;
      const b = (await buildPost(open.db, { blogId: blog.id })).id;
      const first = await addComment(open.db, a, 'approved');
      const held = await addComment(open.db, a, 'pending');
      await addComment(open.db, a, 'approved', { id: first, rootId: first });
      await assertAgree('a thread, a reply and a held comment', { [a]: 1 });
      await setStatus(held, 'approved');
      await assertAgree('approving the held one', { [a]: 2 });
      await setStatus(first, 'spam');
      await assertAgree('marking a thread as spam', { [a]: 1 });
      await setStatus(first, 'approved');
      await open.db.updateTable('comments').set({ post_id: b }).where('id', '=', held).execute();
      await assertAgree('moving a thread to another post', { [a]: 1, [b]: 1 });
      await open.db.deleteFrom('comments').where('id', '=', held).execute();
      await assertAgree('deleting a thread', { [a]: 1 });
      await addComment(open.db, b, 'approved');
      await open.db.deleteFrom('posts').where('id', '=', b).execute();
      await assertAgree('deleting a post with its comments', { [a]: 1 });
      // Deleting a post as the admin does (kept, marked deleted) leaves its debate as it was.
      await deletePost(open.db, a);
      await assertAgree('marking the post deleted', { [a]: 1 });
      // The migration run again makes the counts anew from the rows.
      await sql`update post_thread_counts set threads = 99`.execute(open.db);
      await threadCounts.up(open.db);
      await assertAgree('the migration run again', { [a]: 1 });
    });

    it('puts a comment on the page of its thread, counted from the kept threads', async () => {
      const post = (await buildPost(open.db, { blogId: (await buildBlog(open.db)).id })).id;
      const threads: string[] = [];
      for (let i = 0; i < 5; i++) threads.push(await addComment(open.db, post, 'approved'));
      await addComment(open.db, post, 'pending');
      const pages = await Promise.all(threads.map((id) => pageOfComment(open.db, post, id, 2)));
      assert.deepEqual(pages, [1, 1, 2, 2, 3]);
      // A thread taken down moves the later ones a place forward.
      await setStatus(threads[1]!, 'spam');
      assert.deepEqual(await Promise.all([threads[2]!, threads[4]!].map((id) => pageOfComment(open.db, post, id, 2))), [1, 2]);
    });
  });
}
