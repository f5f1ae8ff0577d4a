import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { updateSiteSettings } from '../settings/settings.service.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildPost } from '../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { makeQuestion } from './spam/question.js';

const WORKERS = 4;
const PER_WORKER = 250;

function runPoster(job: object): Promise<{ status: number; id: string | null; body: string }[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [new URL('../../test/support/comment-poster.mjs', import.meta.url).pathname], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`poster exited ${code}`))));
    child.stdin.end(JSON.stringify(job));
  });
}

for (const dialect of DIALECTS) {
  describe(`1,000 comments at once from ${WORKERS} processes (${dialect})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect);
      await updateSiteSettings(server.db, {
        minSecondsToSubmit: 0,
        commentsPerHourPerIp: 1_000_000,
        commentsPerHourPerEmail: 1_000_000,
        commentPolicy: 'open',
      });
    });
    after(async () => {
      await server?.close();
    });

    it('stores every one exactly once, in each writer’s order, with the right count', async () => {
      const post = await buildPost(server.db);
      const blog = await server.db.selectFrom('blogs').select('slug').where('id', '=', post.blogId).executeTakeFirstOrThrow();
      const url = `${server.url}/${blog.slug}/${post.slug}/comments`;
      const issued = new Date(Date.now() - 60_000);
      const jobs = Array.from({ length: WORKERS }, (_, w) => ({
        url,
        // One connection per writer keeps each writer's comments in sequence; the writers race each other.
        concurrency: 1,
        comments: Array.from({ length: PER_WORKER }, (_, i) => {
          const q = makeQuestion(server.app.secret, issued, { postId: post.id });
          return {
            name: `Skribent ${w}`,
            email: `w${w}@load.example`,
            body: `w${w}-n${String(i).padStart(4, '0')}`,
            token: q.token,
            answer: String(q.op === 'plus' ? q.a + q.b : q.a - q.b),
          };
        }),
      }));
      const results = (await Promise.all(jobs.map(runPoster))).flat();
      assert.deepEqual([...new Set(results.map((r) => r.status))], [303], 'every post got its redirect');

      const rows = await server.db.selectFrom('comments').select(['id', 'body']).where('post_id', '=', post.id).orderBy('id').execute();
      assert.equal(rows.length, WORKERS * PER_WORKER);
      assert.equal(new Set(rows.map((r) => r.body)).size, rows.length, 'no comment stored twice');
      for (let w = 0; w < WORKERS; w++) {
        const mine = rows.map((r) => r.body).filter((b) => b.startsWith(`w${w}-`));
        assert.deepEqual(mine, [...mine].sort(), `writer ${w}'s comments are in the order they were sent`);
      }
      const ids = new Map(results.map((r) => [r.body, r.id]));
      assert.ok(
        rows.every((r) => ids.get(r.body) === r.id),
        'each answer named the id it was stored under',
      );
      const stored = await server.db.selectFrom('posts').select('comment_count').where('id', '=', post.id).executeTakeFirstOrThrow();
      assert.equal(Number(stored.comment_count), WORKERS * PER_WORKER);
    });
  });
}
