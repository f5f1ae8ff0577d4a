import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../test/support/db.js';
import { buildBlog, buildPost } from '../test/support/factories.js';
import { startTestServer, type TestServer } from '../test/support/server.js';
import { publishDuePosts, publishScheduledPost } from './posts/post.service.js';
import { withJobLock } from './storage/job-lock.js';
import { runJobs, runScheduledJobs, scheduledJobs, type JobLog } from './scheduled-jobs.js';

function recordingLog(): JobLog & { errors: string[] } {
  const errors: string[] = [];
  return {
    errors,
    info: () => {},
    error: (_obj, msg) => {
      errors.push(msg);
    },
  };
}

for (const dialect of DIALECTS) {
  describe(`scheduled jobs (${dialect})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect);
    });
    after(async () => {
      await server?.close();
    });

    const statusOf = async (id: string) =>
      (await server.db.selectFrom('posts').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

    it('publishes the good scheduled post and still does the housekeeping when another post has a broken mailto link', async () => {
      const blog = await buildBlog(server.db);
      const at = new Date(Date.now() + 3_600_000);
      const bad = await buildPost(server.db, {
        blogId: blog.id,
        status: 'scheduled',
        publishedAt: at,
        body: 'Skriv [her](mailto:%E0%A4).',
      });
      const good = await buildPost(server.db, { blogId: blog.id, status: 'scheduled', publishedAt: at, body: 'Alt er godt.' });
      const nonce = `expired-${dialect}`;
      await server.db
        .insertInto('used_question_tokens')
        .values({ nonce, expires_at: new Date(at.getTime() - 60_000).toISOString() })
        .execute();

      await runScheduledJobs(server.db, recordingLog(), new Date(at.getTime() + 1000));

      assert.equal(await statusOf(good.id), 'published');
      assert.equal(await statusOf(bad.id), 'published');
      assert.equal((await server.get(`/${blog.slug}/${good.slug}`)).status, 200);
      assert.equal(
        await server.db.selectFrom('used_question_tokens').select('nonce').where('nonce', '=', nonce).executeTakeFirst(),
        undefined,
        'housekeeping ran',
      );
    });

    it('runs publishing and each housekeeping step as jobs of their own', () => {
      assert.deepEqual(
        scheduledJobs(server.db, recordingLog()).map((job) => job.name),
        [
          'publish-due-posts',
          'forget-old-ip-hashes',
          'forget-expired-question-tokens',
          'forget-old-rate-limits',
          'forget-old-spam-counts',
          'prune-live-events',
          'prune-editor-states',
        ],
      );
    });

    it('publishes the others when one post fails in the database, undoing only that post (under the job lock)', async () => {
      const blog = await buildBlog(server.db);
      const at = new Date(Date.now() + 7_200_000);
      const posts = [];
      for (let i = 0; i < 3; i++) posts.push(await buildPost(server.db, { blogId: blog.id, status: 'scheduled', publishedAt: at }));
      const [first, bad, last] = posts as [(typeof posts)[0], (typeof posts)[0], (typeof posts)[0]];
      const failed: string[] = [];
      const published = await withJobLock(server.db, 'publish-due-posts', (trx) =>
        publishDuePosts(trx, new Date(at.getTime() + 1000), {
          onFailure: (postId) => failed.push(postId),
          async publish(trx, postId, now) {
            await publishScheduledPost(trx, postId, now);
            // A statement the database refuses, after this post's own writes: a duplicate key.
            if (postId === bad.id) await trx.updateTable('posts').set({ id: first.id }).where('id', '=', bad.id).execute();
          },
        }),
      );
      assert.deepEqual(failed, [bad.id]);
      assert.deepEqual([...(published ?? [])].sort(), [first.id, last.id].sort());
      assert.equal(await statusOf(first.id), 'published');
      assert.equal(await statusOf(last.id), 'published');
      assert.equal(await statusOf(bad.id), 'scheduled', 'its half-done publishing was undone');
    });
  });
}

describe('scheduled job runner', () => {
  it('runs every job when one before it throws, and logs the failure', async () => {
    const log = recordingLog();
    const ran: string[] = [];
    await runJobs(
      [
        {
          name: 'a',
          async run() {
            ran.push('a');
            throw new Error('boom');
          },
        },
        {
          name: 'b',
          async run() {
            ran.push('b');
          },
        },
      ],
      log,
    );
    assert.deepEqual(ran, ['a', 'b']);
    assert.equal(log.errors.length, 1);
  });
});
