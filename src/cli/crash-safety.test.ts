import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { makeQuestion } from '../comments/spam/question.js';
import { updateSiteSettings } from '../settings/settings.service.js';
import { openDb, type OpenDb } from '../storage/db.js';
import { migrateToLatest } from '../storage/migrate.js';
import { startYtring, spawnYtring, type YtringProcess } from '../../test/support/cli.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/support/db.js';
import { buildPost } from '../../test/support/factories.js';
import { writeLargeWxr } from '../../test/support/wxr.js';

const SECRET = 'crash-safety-secret-that-is-long-enough-0123456789';
const LONG = process.env.YTRING_LONG_TESTS === '1';

/** A migrated database with one post open to comments from anyone, as fast as they come. */
async function siteWithPost(dialect: 'sqlite' | 'postgres') {
  const database = await createTestDatabase(dialect);
  const open = openDb(database.config);
  try {
    await migrateToLatest(open.db, open.dialect);
    await updateSiteSettings(open.db, {
      minSecondsToSubmit: 0,
      commentsPerHourPerIp: 1_000_000,
      commentsPerHourPerEmail: 1_000_000,
      commentPolicy: 'open',
    });
    const post = await buildPost(open.db);
    const blog = await open.db.selectFrom('blogs').select('slug').where('id', '=', post.blogId).executeTakeFirstOrThrow();
    return { database, postId: post.id, path: `/${blog.slug}/${post.slug}` };
  } finally {
    await open.close();
  }
}

async function withDb<T>(database: TestDatabase, fn: (open: OpenDb) => Promise<T>): Promise<T> {
  const open = openDb(database.config);
  try {
    return await fn(open);
  } finally {
    await open.close();
  }
}

async function sqliteIntegrity(open: OpenDb): Promise<void> {
  if (open.dialect !== 'sqlite') return;
  const check = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(open.db);
  assert.deepEqual(check.rows, [{ integrity_check: 'ok' }]);
  assert.deepEqual((await sql`PRAGMA foreign_key_check`.execute(open.db)).rows, []);
}

function answered(question: ReturnType<typeof makeQuestion>): string {
  return String(question.op === 'plus' ? question.a + question.b : question.a - question.b);
}

type PosterResult = { status: number; id: string | null; body: string };

function runPoster(job: object): Promise<PosterResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [new URL('../../test/support/comment-poster.mjs', import.meta.url).pathname], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as PosterResult[]) : reject(new Error(`poster exited ${code}`))));
    child.stdin.end(JSON.stringify(job));
  });
}

const WORKERS = 4;
const PER_WORKER = 100;
const KILL_AFTER = 100;

for (const dialect of DIALECTS) {
  describe(`the server killed (SIGKILL) in the middle of a burst of comments (${dialect})`, () => {
    it('keeps every answered comment exactly once, with the post’s count right, and starts again', async () => {
      const site = await siteWithPost(dialect);
      let server = await startYtring(site.database.config.url, { YTRING_SECRET: SECRET });
      try {
        const issued = new Date(Date.now() - 60_000);
        const jobs = Array.from({ length: WORKERS }, (_, w) => ({
          url: `${server.url}${site.path}/comments`,
          concurrency: 1,
          comments: Array.from({ length: PER_WORKER }, (_, i) => {
            const q = makeQuestion(SECRET, issued, { postId: site.postId });
            return { name: `Skribent ${w}`, email: `w${w}@crash.example`, body: `crash-w${w}-n${i}`, token: q.token, answer: answered(q) };
          }),
        }));
        const burst = Promise.all(jobs.map(runPoster));
        // The server logs each answer: kill it once a quarter of the burst is through, with the rest in flight.
        const stored303 = () => server.output().match(/"statusCode":303/g)?.length ?? 0;
        const deadline = Date.now() + 60_000;
        while (stored303() < KILL_AFTER && Date.now() < deadline && server.child.exitCode === null)
          await new Promise((r) => setTimeout(r, 10));
        server.child.kill('SIGKILL');
        assert.equal(await server.exited, 'SIGKILL');
        const results = (await burst).flat();

        const accepted = results.filter((r) => r.status === 303);
        assert.ok(accepted.length >= KILL_AFTER, `${accepted.length} answered before the kill`);
        assert.ok(accepted.length < WORKERS * PER_WORKER, 'the kill came before the burst was over');
        assert.ok(
          results.every((r) => r.status === 303 || r.status === 0),
          `only redirects or no answer: ${[...new Set(results.map((r) => r.status))].join(', ')}`,
        );

        server = await startYtring(site.database.config.url, { YTRING_SECRET: SECRET });
        const page = await fetch(`${server.url}${site.path}`);
        assert.equal(page.status, 200);
        await page.arrayBuffer();

        await withDb(site.database, async (open) => {
          await sqliteIntegrity(open);
          const rows = await open.db
            .selectFrom('comments')
            .select(['id', 'body', 'root_id', 'parent_id', 'depth', 'status'])
            .where('post_id', '=', site.postId)
            .execute();
          const sent = new Set(results.map((r) => r.body));
          assert.ok(
            rows.every((r) => sent.has(r.body)),
            'nothing stored that was not sent',
          );
          assert.equal(new Set(rows.map((r) => r.body)).size, rows.length, 'no comment stored twice');
          const byBody = new Map(rows.map((r) => [r.body, r.id]));
          for (const a of accepted)
            assert.equal(byBody.get(a.body), a.id, `${a.body}, answered with 303, is stored under the id it was given`);
          // A request cut off by the kill may or may not have committed; nothing else may be there.
          assert.ok(rows.length <= accepted.length + WORKERS, `${rows.length} stored, ${accepted.length} answered`);
          // Half-written rows: a top-level comment whose thread position is not its own.
          assert.deepEqual(
            rows.filter((r) => r.root_id !== r.id || r.parent_id !== null || Number(r.depth) !== 1),
            [],
          );
          assert.deepEqual([...new Set(rows.map((r) => r.status))], ['approved']);
          const post = await open.db.selectFrom('posts').select('comment_count').where('id', '=', site.postId).executeTakeFirstOrThrow();
          assert.equal(Number(post.comment_count), rows.length);
        });
        server.child.kill('SIGTERM');
        assert.equal(await server.exited, 0);
      } finally {
        await server.kill();
        await site.database.drop();
      }
    });
  });
}

const IMPORT_ITEMS = 1_100;
for (const dialect of DIALECTS) {
  // PostgreSQL takes about 20 s for this import, twice over: too long for every run.
  const skip = dialect === 'postgres' && !LONG ? 'the PostgreSQL run takes about a minute: set YTRING_LONG_TESTS=1' : false;
  describe(`a WordPress import killed (SIGKILL) halfway (${dialect})`, { skip }, () => {
    it('leaves nothing of itself behind, and a second run imports everything once', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'ytring-crash-import-'));
      const database = await createTestDatabase(dialect);
      const file = join(dir, 'export.xml');
      const tables = ['people', 'blogs', 'posts', 'comments', 'redirects', 'import_sources', 'search_documents'] as const;
      const counts = (open: OpenDb) =>
        Promise.all(
          tables.map(async (table) => {
            const row = await open.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow();
            return [table, Number(row.n)] as const;
          }),
        ).then(Object.fromEntries);
      const importer = () =>
        spawnYtring(['import', 'wxr', file, '--blog', 'gammel', '--database-url', database.config.url], { YTRING_SECRET: SECRET });
      let run: YtringProcess | undefined;
      try {
        await writeLargeWxr(file, { items: IMPORT_ITEMS, commentsPerItem: 1, bodyBytes: 200, commentBytes: 80 });
        const before = await withDb(database, async (open) => {
          await migrateToLatest(open.db, open.dialect);
          return counts(open);
        });
        run = importer();
        // Its first progress line comes after 1,000 of the 1,100 items: well into the one transaction.
        await run.waitFor(/^import: \d+% .*, 1000 items$/m);
        run.child.kill('SIGKILL');
        assert.equal(await run.exited, 'SIGKILL');
        assert.doesNotMatch(run.output(), /Imported into/);

        await withDb(database, async (open) => {
          await sqliteIntegrity(open);
          // The importer promises all or nothing (one transaction): nothing of the killed run is stored.
          assert.deepEqual(await counts(open), before);
        });

        run = importer();
        assert.equal(await run.exited, 0, run.output());
        assert.match(run.output(), new RegExp(`posts +${IMPORT_ITEMS}\\b`));
        assert.doesNotMatch(run.output(), /Already imported/);
        const secondRun = run.output();
        await withDb(database, async (open) => {
          await sqliteIntegrity(open);
          const after = await counts(open);
          assert.equal(after.posts - before.posts, IMPORT_ITEMS);
          assert.equal(after.comments - before.comments, IMPORT_ITEMS);
          // The killed run left none of its own: every redirect there is one the second run reports adding
          // (it counts only those it adds), and each post has at least its old permalink and /?p=ID.
          const reported = Number(/redirects +(\d+)/.exec(secondRun)?.[1]);
          assert.ok(reported >= 2 * IMPORT_ITEMS, `the old permalink and /?p=ID of each post: ${reported}`);
          assert.equal(after.redirects - before.redirects, reported, 'no redirect left by the killed run');
          assert.equal(after.blogs - before.blogs, 1);
          const total = await open.db
            .selectFrom('posts')
            .select((eb) => eb.fn.sum<number>('comment_count').as('n'))
            .executeTakeFirstOrThrow();
          assert.equal(Number(total.n), IMPORT_ITEMS);
        });
      } finally {
        await run?.kill();
        await database.drop();
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
}

describe('stopping the server (SIGTERM) with a comment half sent', () => {
  it('finishes that request, says it is not ready meanwhile, and exits 0', async () => {
    const site = await siteWithPost('sqlite');
    // At debug level Fastify's "incoming request" line is written.
    const server = await startYtring(site.database.config.url, { YTRING_SECRET: SECRET, LOG_LEVEL: 'debug' });
    const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
    try {
      const q = makeQuestion(SECRET, new Date(Date.now() - 60_000), { postId: site.postId });
      const body = Buffer.from(
        new URLSearchParams({
          name: 'Sidste Sigurd',
          email: 'sigurd@debat.example',
          body: 'Sendt mens serveren lukkede.',
          token: q.token,
          answer: answered(q),
          website: '',
        }).toString(),
      );
      let answer = '';
      socket.on('data', (chunk: Buffer) => {
        answer += chunk.toString();
      });
      const ended = new Promise<void>((resolve, reject) => {
        socket.on('end', resolve);
        socket.on('error', reject);
      });
      socket.write(
        `POST ${site.path}/comments HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\n` +
          `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
      );
      socket.write(body.subarray(0, 20));
      // Fastify logs "incoming request" once the headers are in: from then on the request is in flight.
      await server.waitFor(/"url":"[^"]*\/comments"[^\n]*"msg":"incoming request"/, 10_000);
      server.child.kill('SIGTERM');
      await server.waitFor(/shutting down/, 10_000);

      // Still listening while it drains, so a load balancer sees "not ready" rather than a refused connection.
      const ready = await fetch(`${server.url}/readyz`);
      assert.equal(ready.status, 503);
      assert.equal(server.child.exitCode, null, 'still running while a request is in flight');

      socket.end(body.subarray(20));
      await ended;
      assert.match(answer, /^HTTP\/1\.1 303 /);
      const id = /location: [^\r]*#comment-([0-9a-f-]{36})\r\n/i.exec(answer)?.[1];
      assert.ok(id, answer.slice(0, 500));
      assert.equal(await server.exited, 0);
      await withDb(site.database, async (open) => {
        const stored = await open.db.selectFrom('comments').select(['id', 'body']).where('post_id', '=', site.postId).execute();
        assert.deepEqual(stored, [{ id, body: 'Sendt mens serveren lukkede.' }]);
      });
    } finally {
      socket.destroy();
      await server.kill();
      await site.database.drop();
    }
  });
});
