/** Two instances of the app on one PostgreSQL database and one data directory, as a load-balanced deployment runs. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import sharp from 'sharp';
import { loginAs } from '../../test/support/admin.js';
import { postComment, readForm } from '../../test/support/comments.js';
import { POSTGRES_URL } from '../../test/support/db.js';
import { buildBlog, buildPerson, buildPost } from '../../test/support/factories.js';
import { startSharedInstances, type SharedInstances, type TestServer } from '../../test/support/server.js';
import type { Blog } from '../blogs/blog.js';
import { updateSiteSettings } from '../settings/settings.service.js';

const RELAXED = { minSecondsToSubmit: 0, commentsPerHourPerIp: 10_000, commentsPerHourPerEmail: 10_000, commentPolicy: 'open' as const };

/** Short enough that a post due in a second is published within the test's patience. */
const SCHEDULER_MS = 200;

/**
 * A and B run no scheduler: its housekeeping writes tell every page cache to start over, which
 * would let the cache tests pass without the change itself being what reached B.
 */
const NO_SCHEDULER = 0;

describe(
  'two instances on one PostgreSQL database',
  { skip: !POSTGRES_URL && 'YTRING_TEST_POSTGRES_URL is not set: several instances only share a PostgreSQL database' },
  () => {
    let instances: SharedInstances;
    let a: TestServer;
    let b: TestServer;
    let blog: Blog;

    before(async () => {
      // One after the other, as a rolling deploy starts them: the second finds the schema migrated.
      instances = await startSharedInstances(2, { migrated: false, schedulerIntervalMs: NO_SCHEDULER });
      [a, b] = instances.servers as [TestServer, TestServer];
      assert.notEqual(a.db, b.db);
      assert.notEqual(a.url, b.url);
      blog = await buildBlog(a.db, { slug: 'faelles', title: 'Fælles blog' });
    });
    after(async () => {
      await instances?.close();
    });
    beforeEach(async () => {
      await updateSiteSettings(a.db, RELAXED);
    });

    const pathOf = (post: { slug: string }) => `/${blog.slug}/${post.slug}`;
    const textOf = async (server: TestServer, path: string) => {
      const response = await server.get(path);
      assert.equal(response.status, 200, `${server.url}${path}`);
      return response.text();
    };

    /** Renders `path` on B and checks B now answers it from its page cache, so what follows tests that the cache learns of A's change. */
    const warm = async (path: string) => {
      const html = await textOf(b, path);
      // The notice of the write that made the page may reach B just after B rendered it; then the
      // next request renders once more and keeps that.
      for (let attempt = 0; attempt < 20; attempt++) {
        const again = await b.get(path);
        await again.arrayBuffer();
        if (again.headers.get('x-ytring-cache') === 'hit') return html;
        await sleep(25);
      }
      return assert.fail(`B never answered ${path} from its page cache`);
    };

    it('shares one secret, so a form from one instance can be checked by the other', () => {
      assert.equal(a.app.secret, b.app.secret);
    });

    // Each change is checked on B the moment A has answered, a few times over: news of a write that
    // reaches B a little after the write's answer would pass one lucky round but not all of them.
    const ROUNDS = 20;

    it('shows a comment posted on A at once on B, which had already rendered the page', async () => {
      const post = await buildPost(a.db, { blogId: blog.id, title: 'Debat på tværs' });
      const path = pathOf(post);
      for (let round = 1; round <= ROUNDS; round++) {
        assert.doesNotMatch(await warm(path), new RegExp(`Birgitte ${round} fra instans A`));
        const response = await postComment(a, path, {
          name: `Birgitte ${round} fra instans A`,
          body: `Skrevet på den ene, læst på den anden, ${round}. gang.`,
        });
        assert.equal(response.status, 303);
        const html = await textOf(b, path);
        assert.match(html, new RegExp(`Birgitte ${round} fra instans A`), `round ${round}`);
        assert.match(html, new RegExp(`læst på den anden, ${round}\\. gang\\.`));
        assert.match(html, new RegExp(`Kommentarer \\(${round}\\)`));
      }
    });

    it('shows a title changed in the admin on A on B’s front page and post page, which had already rendered them', async () => {
      const admin = await loginAs(a, 'admin');
      const post = await buildPost(a.db, {
        blogId: blog.id,
        title: 'Overskrift 0',
        slug: 'overskrift',
        authors: [{ personId: admin.personId }],
      });
      for (let round = 1; round <= ROUNDS; round++) {
        assert.match(await warm('/'), new RegExp(`Overskrift ${round - 1}<`));
        await warm(pathOf(post));
        const saved = await admin.post(`/admin/posts/${post.id}`, {
          blogId: blog.id,
          title: `Overskrift ${round}`,
          slug: 'overskrift',
          lead: 'Kort indledning.',
          body: 'Brødtekst.',
          tags: '',
          commentsOpen: '1',
          status_action: 'publish',
          publish_at: '',
          author_person: [admin.personId, ''],
          author_note: ['', ''],
          author_order: ['1', ''],
          guest_name: '',
          guest_job_title: '',
          guest_organisation: '',
          guest_note: '',
          guest_order: '',
          op: 'save',
        });
        assert.equal(saved.status, 303, (await saved.clone().text()).slice(0, 300));
        const front = await textOf(b, '/');
        assert.match(front, new RegExp(`Overskrift ${round}<`), `round ${round}`);
        assert.doesNotMatch(front, new RegExp(`Overskrift ${round - 1}<`));
        assert.match(await textOf(b, pathOf(post)), new RegExp(`<h1>Overskrift ${round}</h1>`));
      }
    });

    for (const [first, second] of [
      ['A', 'B'],
      ['B', 'A'],
    ] as const) {
      it(`refuses on ${second} a question token already spent on ${first}`, async () => {
        const [spender, replayer] = first === 'A' ? [a, b] : [b, a];
        const post = await buildPost(a.db, { blogId: blog.id });
        const path = pathOf(post);
        const form = await readForm(spender, path);
        assert.equal(
          (await postComment(spender, path, { token: form.token, answer: form.answer, body: `Første brug på ${first}` })).status,
          303,
        );
        const replay = await postComment(replayer, path, { token: form.token, answer: form.answer, body: `Genbrug på ${second}` });
        assert.equal(replay.status, 422);
        assert.match(await replay.text(), /error-answer/);
        assert.doesNotMatch(await textOf(a, path), new RegExp(`Genbrug på ${second}`));
        assert.equal((await a.db.selectFrom('comments').select('id').where('post_id', '=', post.id).execute()).length, 1);
      });
    }

    it('publishes a scheduled post exactly once although two instances run the scheduler, and all four show it', async (t) => {
      // The publish path writes no audit row, so the database itself counts every write that
      // sets a post's status to published, whichever instance or transaction makes it.
      await sql`create table published_writes (post_id text not null)`.execute(a.db);
      await sql
        .raw(
          `
      create function count_published_write() returns trigger language plpgsql as $$
      begin
        if new.status = 'published' then insert into published_writes values (new.id); end if;
        return new;
      end $$;
      create trigger count_published_write after update of status on posts
        for each row execute function count_published_write();
    `,
        )
        .execute(a.db);
      // Two more instances that run the scheduler, as every instance of a deployment does.
      const c = await instances.start({ schedulerIntervalMs: SCHEDULER_MS });
      t.after(() => c.close());
      const d = await instances.start({ schedulerIntervalMs: SCHEDULER_MS });
      t.after(() => d.close());

      const author = await buildPerson(a.db);
      const post = await buildPost(a.db, {
        blogId: blog.id,
        title: 'Udkommer om lidt',
        status: 'scheduled',
        publishedAt: new Date(Date.now() + 1000),
        authors: [{ personId: author.id }],
      });
      const path = pathOf(post);
      // Not found anywhere while it waits; a loaded machine may pass the publishing moment during
      // these four requests, so a page found must be one the database already calls published.
      for (const server of [a, b, c, d]) {
        const status = (await server.get(path)).status;
        const row = await a.db.selectFrom('posts').select('status').where('id', '=', post.id).executeTakeFirstOrThrow();
        assert.equal(status, row.status === 'published' ? status : 404, `answered ${status} while the post was ${row.status}`);
      }

      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const row = await a.db.selectFrom('posts').select('status').where('id', '=', post.id).executeTakeFirstOrThrow();
        if (row.status === 'published') break;
        await sleep(50);
      }
      // Several more rounds of both schedulers, so a second publish would have had its chance.
      await sleep(SCHEDULER_MS * 5);

      for (const server of [a, b, c, d]) assert.match(await textOf(server, path), /Udkommer om lidt/);
      const writes = await sql<{ post_id: string }>`select post_id from published_writes`.execute(a.db);
      assert.deepEqual(
        writes.rows.map((w) => w.post_id),
        [post.id],
      );
      const indexed = await sql<{ n: string }>`select count(*) as n from search_documents where post_id = ${post.id}`.execute(a.db);
      assert.equal(Number(indexed.rows[0]?.n), 1);
    });

    /** Uploads a small PNG through `server`'s admin and answers the address it is served at. */
    const uploadImage = async (server: TestServer) => {
      const author = await loginAs(server, 'author');
      const form = new FormData();
      form.append('alt', 'Et fælles billede');
      form.append(
        'file',
        new Blob(
          [
            new Uint8Array(
              await sharp({ create: { width: 40, height: 30, channels: 3, background: '#2a6' } })
                .png()
                .toBuffer(),
            ),
          ],
          { type: 'image/png' },
        ),
        'faelles.png',
      );
      const uploaded = await server.get(`/admin/uploads?_csrf=${encodeURIComponent(author.csrf)}`, {
        method: 'POST',
        headers: { cookie: author.cookie, accept: 'application/json' },
        body: form,
      });
      assert.equal(uploaded.status, 201, await uploaded.clone().text());
      return ((await uploaded.json()) as { url: string }).url;
    };

    it('serves on B an image uploaded through the admin on A, from the shared data directory', async () => {
      const url = await uploadImage(a);
      const served = await b.get(url);
      assert.equal(served.status, 200);
      assert.equal(served.headers.get('content-type'), 'image/png');
      const metadata = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
      assert.deepEqual([metadata.format, metadata.width, metadata.height], ['png', 40, 30]);
    });

    // The one above would pass with any folder both instances happened to write to; this one shows the
    // folder is what the configuration says: an instance with a folder of its own does not have A's image.
    it('serves no image uploaded on A from an instance whose uploads folder is its own, nor A one uploaded there', async (t) => {
      const ownDir = mkdtempSync(join(tmpdir(), 'ytring-own-uploads-'));
      t.after(() => rmSync(ownDir, { recursive: true, force: true }));
      const e = await instances.start({ schedulerIntervalMs: NO_SCHEDULER, uploadsDir: ownDir });
      t.after(() => e.close());
      const fromA = await uploadImage(a);
      assert.equal((await b.get(fromA)).status, 200);
      assert.equal((await e.get(fromA)).status, 404);
      const fromE = await uploadImage(e);
      assert.equal((await e.get(fromE)).status, 200);
      assert.equal((await a.get(fromE)).status, 404);
      assert.equal((await b.get(fromE)).status, 404);
    });
  },
);
