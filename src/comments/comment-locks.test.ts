/**
 * Which rows a comment's transaction shares with other writers, and for how long (issue 16). Every
 * comment from one address writes that address's rate-limit row, and every comment on one post
 * writes that post's comment count; on PostgreSQL each such row stays locked from its write to the
 * commit, so concurrent comments queue on it for as long as the rest of the transaction takes.
 * Written last, they are held only for the commit. Over real HTTP, against each database.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { updateSiteSettings } from '../settings/settings.service.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildBlog, buildPost } from '../../test/support/factories.js';
import { postComment, readForm } from '../../test/support/comments.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { statementRecorder } from '../../test/support/statements.js';
import { getSpamReport } from './spam-report.service.js';

const RELAXED = {
  minSecondsToSubmit: 0,
  commentsPerHourPerIp: 10_000,
  commentsPerHourPerEmail: 10_000,
  commentPolicy: 'open' as const,
  moderatorEmails: ['moderator@locks.example'],
};

// Where a WITH may write, the comment and both go as one statement (comment.repository.ts, writeLast).
const RATE_LIMIT_HIT = /(^|\) )insert into "rate_limits"/i;
const COUNT_UPDATE = /(^|as \()update "posts" set "comment_count"/i;

for (const dialect of DIALECTS) {
  describe(`the rows every comment shares are written last, just before the commit (${dialect})`, () => {
    let server: TestServer;
    let path: string;
    let postId: string;
    const recorder = statementRecorder();
    before(async () => {
      server = await startTestServer(dialect, { queryLog: recorder.log });
    });
    after(async () => {
      await server?.close();
    });
    beforeEach(async () => {
      await updateSiteSettings(server.db, RELAXED);
      await server.db.deleteFrom('rate_limits').execute();
      const blog = await buildBlog(server.db);
      const post = await buildPost(server.db, { blogId: blog.id });
      path = `/${blog.slug}/${post.slug}`;
      postId = post.id;
    });

    /** The statements of one submission's transaction, from its begin to its commit. */
    async function transactionOf(fields: Parameters<typeof postComment>[2], status: number): Promise<string[]> {
      const form = await readForm(server, path);
      const { value: sent, statements } = await recorder.during(() =>
        postComment(server, path, { token: form.token, answer: form.answer, ...fields }),
      );
      assert.equal(sent.status, status);
      const begin = statements.findIndex((s) => /^begin\b/i.test(s));
      const commit = statements.findIndex((s) => /^commit\b/i.test(s));
      assert.ok(begin >= 0 && commit > begin, statements.join('\n'));
      return statements.slice(begin + 1, commit);
    }

    it('a published comment: the rate-limit hit and the post’s count are the last two statements', async () => {
      const statements = await transactionOf({ body: `Offentlig ${Math.random()}` }, 303);
      const listing = statements.join('\n');
      assert.ok(
        statements.some((s) => /(^|as \()insert into "comments"/i.test(s)),
        listing,
      );
      const shared = statements.findIndex((s) => RATE_LIMIT_HIT.test(s) || COUNT_UPDATE.test(s));
      const last = statements.slice(shared);
      assert.ok(shared >= 0 && last.length <= 2, listing);
      assert.ok(last.some((s) => RATE_LIMIT_HIT.test(s)) && last.some((s) => COUNT_UPDATE.test(s)), listing);
    });

    it('a held comment, with its mail to the moderators: the rate-limit hit is the last statement', async () => {
      await updateSiteSettings(server.db, { commentPolicy: 'all' });
      const statements = await transactionOf({ body: `Tilbageholdt ${Math.random()}` }, 303);
      const listing = statements.join('\n');
      assert.ok(
        statements.some((s) => /^insert into "outbox"/i.test(s)),
        listing,
      );
      assert.match(statements.at(-1)!, RATE_LIMIT_HIT, listing);
    });

    it('reads its post without the post’s text, which may be long and is not needed', async () => {
      const form = await readForm(server, path);
      const { value: sent, statements } = await recorder.during(() =>
        postComment(server, path, { token: form.token, answer: form.answer }),
      );
      assert.equal(sent.status, 303);
      const reads = statements.filter((s) => /^select .* from "posts"/i.test(s));
      assert.ok(reads.length > 0, statements.join('\n'));
      assert.ok(
        reads.every((s) => !/^select \*|"body"|"lead"/i.test(s)),
        reads.join('\n'),
      );
    });

    it('a comment over the limit is not stored, yet its hit, its token and its count in the spam report stay spent', async () => {
      await updateSiteSettings(server.db, { commentsPerHourPerIp: 1 });
      assert.equal((await postComment(server, path, { email: 'first@locks.example' })).status, 303);
      const form = await readForm(server, path);
      const refused = await postComment(server, path, {
        email: 'second@locks.example',
        body: 'Over grænsen',
        token: form.token,
        answer: form.answer,
      });
      assert.equal(refused.status, 429);
      const stored = await server.db.selectFrom('comments').select('body').where('post_id', '=', postId).execute();
      assert.deepEqual(
        stored.map((r) => r.body).filter((b) => b === 'Over grænsen'),
        [],
      );
      const post = await server.db.selectFrom('posts').select('comment_count').where('id', '=', postId).executeTakeFirstOrThrow();
      assert.equal(Number(post.comment_count), 1);
      const live = await server.db.selectFrom('live_events').select('comment_id').where('post_id', '=', postId).execute();
      assert.equal(live.length, 1, 'no live event for the comment that was not stored');
      const hits = await server.db.selectFrom('rate_limits').select('hits').where('key', 'like', 'comment:ip:%').executeTakeFirstOrThrow();
      assert.equal(Number(hits.hits), 2, 'the refused send counts against the address');
      const emailHits = await server.db.selectFrom('rate_limits').select('key').where('key', 'like', 'comment:email:%').execute();
      assert.equal(emailHits.length, 2, 'and against its e-mail address');
      const rateLimited = (await getSpamReport(server.db)).filter((r) => r.layer === 'rate-limit').reduce((n, r) => n + r.count, 0);
      assert.equal(rateLimited, 1);
      await updateSiteSettings(server.db, { commentsPerHourPerIp: 10_000 });
      const again = await postComment(server, path, {
        email: 'second@locks.example',
        body: 'Igen',
        token: form.token,
        answer: form.answer,
      });
      assert.equal(again.status, 422, 'the token of the refused send is spent');
    });
  });
}
