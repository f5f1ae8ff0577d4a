/**
 * A page of a post's threads found from the end of the debate (pageRootIdsFromEnd) is the page
 * found from its start: the same threads, for every page of a debate, a short last page and a
 * page past the end included, with held, spam and trashed comments among the published ones.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DIALECTS, openedTestDatabase } from '../../test/support/db.js';
import { insertCommentRow } from '../../test/support/comment-rows.js';
import { buildBlog, buildPost } from '../../test/support/factories.js';
import type { CommentStatus } from './comment.js';
import { listThreadPage, threadPageSignature } from './comment.repository.js';

const PER_PAGE = 5;
// 23 published threads: four full pages and a last page of three.
const THREADS = 23;
const OTHERS: CommentStatus[] = ['pending', 'spam', 'trash'];

for (const dialect of DIALECTS) {
  describe(`a page of threads found from the end of the debate (${dialect})`, () => {
    const open = openedTestDatabase(dialect);

    it('is the page found from its start, on every page and past the end', async () => {
      const { db } = open;
      const { id: postId } = await buildPost(db, { blogId: (await buildBlog(db)).id });
      const published: string[] = [];
      for (let i = 0; i < THREADS; i++) {
        const root = await insertCommentRow(db, postId, 'approved');
        published.push(root);
        // Replies, and top-level comments no page shows, between the published threads.
        await insertCommentRow(db, postId, 'approved', { id: root, rootId: root });
        await insertCommentRow(db, postId, OTHERS[i % OTHERS.length]!);
      }
      // Page 7 is past the end (the page's own count of threads places it), and is empty both ways.
      for (let page = 1; page <= 7; page++) {
        const offset = (page - 1) * PER_PAGE;
        const fromStart = { limit: PER_PAGE, offset, fromEnd: false };
        const fromEnd = { limit: PER_PAGE, offset, fromEnd: true };
        const expected = published.slice(offset, offset + PER_PAGE);
        const signature = await threadPageSignature(db, postId, fromEnd);
        assert.deepEqual(
          signature
            .split(' ')
            .filter(Boolean)
            .map((entry) => entry.split(':')[0]),
          expected,
          `page ${page}'s threads`,
        );
        assert.equal(signature, await threadPageSignature(db, postId, fromStart), `page ${page}'s signature`);
        const roots = (rows: { id: string; parent_id: string | null }[]) =>
          rows
            .filter((row) => row.parent_id === null)
            .map((row) => row.id)
            .sort();
        const rows = await listThreadPage(db, postId, fromEnd);
        assert.deepEqual(roots(rows), [...expected].sort(), `page ${page}'s rows`);
        assert.equal(rows.length, 2 * expected.length, `page ${page}: each thread with its reply`);
        assert.deepEqual(roots(await listThreadPage(db, postId, fromStart)), roots(rows));
      }
    });

    it('is empty on a post without comments', async () => {
      const { db } = open;
      const { id: postId } = await buildPost(db, { blogId: (await buildBlog(db)).id });
      assert.equal(await threadPageSignature(db, postId, { limit: PER_PAGE, offset: 0, fromEnd: true }), '');
      assert.deepEqual(await listThreadPage(db, postId, { limit: PER_PAGE, offset: PER_PAGE, fromEnd: true }), []);
    });
  });
}
