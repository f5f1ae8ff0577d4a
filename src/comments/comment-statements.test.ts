/**
 * How many statements a comment sent through the form costs (issue 16). On PostgreSQL each
 * statement is a round trip, on SQLite a turn through the query builder and the driver: the spam
 * checks' reads go with the token's spending, and the comment with its last writes.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { updateSiteSettings } from '../settings/settings.service.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildBlog, buildPost } from '../../test/support/factories.js';
import { postComment, readForm } from '../../test/support/comments.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { isLivePoll, statementRecorder } from '../../test/support/statements.js';
import { insertBlocklistEntry } from './spam/spam.repository.js';

// The post's read, begin and commit, and between them: SQLite the token, the checks' reads, the
// comment, the hits and the count; PostgreSQL the token with the reads, and the comment with the rest.
const BUDGET = { sqlite: 8, postgres: 5 };

for (const dialect of DIALECTS) {
  describe(`the statements of one comment sent through the form (${dialect})`, () => {
    let server: TestServer;
    let path: string;
    let postId: string;
    const recorder = statementRecorder(isLivePoll);
    before(async () => {
      server = await startTestServer(dialect, { queryLog: recorder.log });
      await updateSiteSettings(server.db, { minSecondsToSubmit: 0, commentPolicy: 'open' });
    });
    after(async () => {
      await server?.close();
    });
    beforeEach(async () => {
      const blog = await buildBlog(server.db);
      const post = await buildPost(server.db, { blogId: blog.id });
      path = `/${blog.slug}/${post.slug}`;
      postId = post.id;
    });

    /** The statements the request runs. */
    async function statementsOf(fields: Parameters<typeof postComment>[2]): Promise<{ status: number; statements: string[] }> {
      const form = await readForm(server, path);
      const { value, statements } = await recorder.during(() =>
        postComment(server, path, { token: form.token, answer: form.answer, ...fields }),
      );
      // A refused comment commits what it spent too: every submission's statements end in a commit.
      assert.ok(
        statements.some((s) => /^commit\b/i.test(s)),
        statements.join('\n'),
      );
      return { status: value.status, statements };
    }

    it(`a published comment takes at most ${BUDGET[dialect]} statements, and is stored and counted`, async () => {
      const { status, statements } = await statementsOf({ body: `Kort og godt ${Math.random()}` });
      assert.equal(status, 303);
      assert.ok(statements.length <= BUDGET[dialect], statements.join('\n'));
      const post = await server.db.selectFrom('posts').select('comment_count').where('id', '=', postId).executeTakeFirstOrThrow();
      assert.equal(Number(post.comment_count), 1);
      const hits = await server.db.selectFrom('rate_limits').select('key').where('key', 'like', 'comment:%').execute();
      assert.ok(hits.length >= 2, 'a hit in the IP’s and the address’s windows');
    });

    it('the same text again, with a fresh token, is a duplicate, and that token is spent', async () => {
      const body = `Gentaget ${Math.random()}`;
      assert.equal((await statementsOf({ body })).status, 303);
      const form = await readForm(server, path);
      assert.equal((await postComment(server, path, { body, token: form.token, answer: form.answer })).status, 409);
      const again = await postComment(server, path, { body: `Ny ${Math.random()}`, token: form.token, answer: form.answer });
      assert.equal(again.status, 422);
    });

    it('a blocked address read with the token’s spending holds the comment as spam, uncounted', async () => {
      await insertBlocklistEntry(server.db, 'email', 'spam@blokeret.example', new Date().toISOString());
      assert.equal((await statementsOf({ email: 'spam@blokeret.example' })).status, 303);
      const stored = await server.db.selectFrom('comments').select('status').where('post_id', '=', postId).execute();
      assert.deepEqual(
        stored.map((r) => r.status),
        ['spam'],
      );
      const post = await server.db.selectFrom('posts').select('comment_count').where('id', '=', postId).executeTakeFirstOrThrow();
      assert.equal(Number(post.comment_count), 0);
    });
  });
}
