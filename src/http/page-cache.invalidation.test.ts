/**
 * Invalidation as fine as the change (issue 16): a write drops the kept pages that show what it
 * changed, and only those, on both databases and, on PostgreSQL, in every instance.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { postComment } from '../../test/support/comments.js';
import { createTestDatabase, DIALECTS, POSTGRES_URL, type TestDatabase } from '../../test/support/db.js';
import { buildBlog, buildPost } from '../../test/support/factories.js';
import { closeTestApp, startTestServer, type TestServer } from '../../test/support/server.js';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../config.js';
import { updateSiteSettings } from '../settings/settings.service.js';

const RELAXED = { minSecondsToSubmit: 0, commentsPerHourPerIp: 10_000, commentsPerHourPerEmail: 10_000, commentPolicy: 'open' as const };

interface Site {
  /** A and B in one blog (neighbours), C alone in another; B alone under the tag 'kun-b'. */
  a: string;
  b: string;
  c: string;
  front: string;
  tagB: string;
  blogC: string;
  ids: { a: string; b: string; c: string };
}

async function buildSite(server: Pick<TestServer, 'db'>): Promise<Site> {
  await updateSiteSettings(server.db, RELAXED);
  const one = await buildBlog(server.db, { slug: 'en', title: 'Den ene' });
  const two = await buildBlog(server.db, { slug: 'to', title: 'Den anden' });
  const hour = 3_600_000;
  const now = Date.now();
  const a = await buildPost(server.db, { blogId: one.id, slug: 'a', title: 'Indlæg A', publishedAt: new Date(now - 3 * hour) });
  const b = await buildPost(server.db, {
    blogId: one.id,
    slug: 'b',
    title: 'Indlæg B',
    tags: ['kun-b'],
    publishedAt: new Date(now - 2 * hour),
  });
  const c = await buildPost(server.db, { blogId: two.id, slug: 'c', title: 'Indlæg C', publishedAt: new Date(now - 1 * hour) });
  return { a: '/en/a', b: '/en/b', c: '/to/c', front: '/', tagB: '/tags/kun-b', blogC: '/to', ids: { a: a.id, b: b.id, c: c.id } };
}

async function cacheState(server: Pick<TestServer, 'get'>, path: string): Promise<{ state: string; html: string }> {
  const response = await server.get(path);
  assert.equal(response.status, 200, path);
  return { state: response.headers.get('x-ytring-cache') ?? 'none', html: await response.text() };
}

/** Reads each page until it is served from the cache. */
async function warm(server: Pick<TestServer, 'get'>, paths: string[]): Promise<void> {
  for (const path of paths) {
    await cacheState(server, path);
    assert.equal((await cacheState(server, path)).state, 'hit', `${path} kept`);
  }
}

async function expectStates(server: Pick<TestServer, 'get'>, expected: Record<string, 'hit' | 'miss'>, why: string) {
  for (const [path, state] of Object.entries(expected)) {
    assert.equal((await cacheState(server, path)).state, state, `${path} after ${why}`);
  }
}

for (const dialect of DIALECTS) {
  describe(`fine-grained page-cache invalidation (${dialect})`, () => {
    let server: TestServer;
    let site: Site;
    before(async () => {
      server = await startTestServer(dialect);
      site = await buildSite(server);
    });
    after(() => server?.close());

    it('a comment on A drops A, and the lists showing A, and leaves B, C and lists without A kept', async () => {
      const all = [site.a, site.b, site.c, site.front, site.tagB, site.blogC];
      await warm(server, all);
      const body = `Et nyt synspunkt ${Math.random()}`;
      const sent = await postComment(server, site.a, { body });
      assert.equal(sent.status, 303);
      const a = await cacheState(server, site.a);
      assert.equal(a.state, 'miss', 'A is rendered anew');
      assert.ok(a.html.includes(body), 'A shows the new comment');
      await expectStates(server, { [site.b]: 'hit', [site.c]: 'hit', [site.tagB]: 'hit', [site.blogC]: 'hit' }, 'a comment on A');
      const front = await cacheState(server, site.front);
      assert.equal(front.state, 'miss', 'the front page shows A and its comment count');
    });

    it('writes to what no page shows (audit log, throttling, spam counters, a held comment) drop nothing', async () => {
      const all = [site.a, site.b, site.c, site.front, site.tagB, site.blogC];
      // Every comment held for moderation: one sent changes nothing a reader sees.
      await updateSiteSettings(server.db, { commentPolicy: 'all' });
      await warm(server, all);
      const now = new Date().toISOString();
      await server.db
        .insertInto('audit_log')
        .values({
          id: crypto.randomUUID(),
          at: now,
          account_id: null,
          actor_name: 'Test',
          action: 'test',
          subject_type: 'test',
          subject_id: null,
          summary: '',
        })
        .execute();
      await server.db
        .insertInto('rate_limits')
        .values({ key: `test:${Math.random()}`, window_start: now, hits: 1 })
        .execute();
      await server.db
        .insertInto('spam_event_counts')
        .values({ id: crypto.randomUUID(), day: now.slice(0, 10), layer: 'test', outcome: 'test', post_id: site.ids.a, count: 1 })
        .execute();
      assert.equal((await postComment(server, site.b, { body: 'Venter på godkendelse' })).status, 303);
      const held = await server.db
        .selectFrom('comments')
        .select('status')
        .where('body', '=', 'Venter på godkendelse')
        .executeTakeFirstOrThrow();
      assert.equal(held.status, 'pending');
      await expectStates(server, Object.fromEntries(all.map((path) => [path, 'hit'])), 'writes no page shows');
      await updateSiteSettings(server.db, RELAXED);
    });

    it('an edit of B drops B, its neighbour A and the lists showing B, and leaves C and its blog kept', async () => {
      const all = [site.a, site.b, site.c, site.front, site.tagB, site.blogC];
      await warm(server, all);
      await server.db.updateTable('posts').set({ title: 'Indlæg B, rettet' }).where('id', '=', site.ids.b).execute();
      const b = await cacheState(server, site.b);
      assert.equal(b.state, 'miss');
      assert.ok(b.html.includes('Indlæg B, rettet'));
      const a = await cacheState(server, site.a);
      assert.equal(a.state, 'miss', 'A links to B by its title');
      assert.ok(a.html.includes('Indlæg B, rettet'));
      const tag = await cacheState(server, site.tagB);
      assert.equal(tag.state, 'miss');
      assert.ok(tag.html.includes('Indlæg B, rettet'));
      assert.equal((await cacheState(server, site.front)).state, 'miss');
      await expectStates(server, { [site.c]: 'hit', [site.blogC]: 'hit' }, 'an edit of B');
    });

    it('a page asked for while a change to it is uncommitted is served as it was, and dropped once the change commits', async () => {
      await warm(server, [site.c]);
      await server.db.transaction().execute(async (trx) => {
        await trx.updateTable('posts').set({ title: 'Indlæg C, under ændring' }).where('id', '=', site.ids.c).execute();
        // Served from memory: the render would wait for this transaction's connection.
        const during = await cacheState(server, site.c);
        assert.equal(during.state, 'hit');
        assert.ok(!during.html.includes('under ændring'), 'nothing uncommitted is shown');
      });
      const after = await cacheState(server, site.c);
      assert.equal(after.state, 'miss');
      assert.ok(after.html.includes('Indlæg C, under ændring'));
      assert.equal((await cacheState(server, site.c)).state, 'hit', 'and kept again');
    });

    it("a comment's rendered fragment never outlives an edit, an erasure or moderation of it", async () => {
      const body = `Første udgave ${Math.random()}`;
      assert.equal((await postComment(server, site.c, { body })).status, 303);
      const row = await server.db.selectFrom('comments').select('id').where('body', '=', body).executeTakeFirstOrThrow();
      const show = async () => (await cacheState(server, site.c)).html;
      assert.ok((await show()).includes(body));
      // Edited in place, even without an edit time: the fragment is kept by what it is made from.
      await server.db.updateTable('comments').set({ body: 'Anden udgave' }).where('id', '=', row.id).execute();
      let html = await show();
      assert.ok(html.includes('Anden udgave') && !html.includes(body), 'the edit shows');
      await server.db.updateTable('comments').set({ author_name: 'Omdøbt Person' }).where('id', '=', row.id).execute();
      assert.ok((await show()).includes('Omdøbt Person'), 'a changed name shows');
      await server.db.updateTable('comments').set({ erased_at: new Date().toISOString() }).where('id', '=', row.id).execute();
      html = await show();
      assert.ok(!html.includes('Anden udgave') && !html.includes('Omdøbt Person'), 'the erased text and name are gone');
      await server.db.updateTable('comments').set({ erased_at: null, status: 'trash' }).where('id', '=', row.id).execute();
      assert.ok(!(await show()).includes(`comment-${row.id}`), 'a comment moderated away is gone');
      await server.db.updateTable('comments').set({ status: 'approved' }).where('id', '=', row.id).execute();
      assert.ok((await show()).includes('Anden udgave'), 'and back when approved again');
    });

    it('publishing a post, moderating a comment away and changing a setting each leave no stale page', async () => {
      const all = [site.a, site.b, site.c, site.front, site.tagB, site.blogC];
      await warm(server, all);
      // A comment hidden by moderation leaves A at once.
      const shown = await server.db
        .selectFrom('comments')
        .select(['id', 'body'])
        .where('post_id', '=', site.ids.a)
        .where('status', '=', 'approved')
        .executeTakeFirstOrThrow();
      await server.db.updateTable('comments').set({ status: 'spam' }).where('id', '=', shown.id).execute();
      const a = await cacheState(server, site.a);
      assert.equal(a.state, 'miss');
      assert.ok(!a.html.includes(shown.body), 'the moderated comment is gone from A');
      await expectStates(server, { [site.c]: 'hit' }, 'moderation on A');
      // A new post in C's blog changes C's neighbours and its blog's list.
      await warm(server, all);
      await buildPost(server.db, {
        blogId: (await server.db.selectFrom('blogs').select('id').where('slug', '=', 'to').executeTakeFirstOrThrow()).id,
        slug: 'd',
        title: 'Indlæg D',
      });
      const blogC = await cacheState(server, site.blogC);
      assert.equal(blogC.state, 'miss');
      assert.ok(blogC.html.includes('Indlæg D'));
      assert.ok((await cacheState(server, site.c)).html.includes('Indlæg D'), 'C links to its new neighbour');
      // A setting every page shows drops every page.
      await warm(server, all);
      await updateSiteSettings(server.db, { title: 'Et nyt navn' });
      for (const path of all) {
        const page = await cacheState(server, path);
        assert.equal(page.state, 'miss', path);
        assert.ok(page.html.includes('Et nyt navn'), path);
      }
    });

    it('an anonymous reader cannot pass the cache by with a made-up session cookie, query strings or headers', async () => {
      await warm(server, [site.c]);
      const tries: RequestInit[] = [
        { headers: { cookie: 'ytring_session=opdigtet' } },
        { headers: { 'cache-control': 'no-cache', pragma: 'no-cache', 'x-forwarded-for': '203.0.113.9' } },
      ];
      for (const init of tries) {
        const response = await server.get(`${site.c}?utm_source=${Math.random()}&x=1`, init);
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('x-ytring-cache'), 'hit', JSON.stringify(init.headers));
      }
    });

    it('forged own-comments and edit-link cookies are served from the cache; signed ones, on the post page only, are not', async () => {
      await warm(server, [site.c, site.front]);
      const forged = [
        'ytring_own=01890a5d-ac96-774b-bcce-b302099a8057.ikkesigneret',
        'ytring_own=x',
        'ytring_edit=eyJjIjoiMDEifQ.ikkesigneret',
        'ytring_edit=x; ytring_own=y',
      ];
      for (const cookie of forged) {
        const response = await server.get(site.c, { headers: { cookie } });
        await response.arrayBuffer();
        assert.equal(response.headers.get('x-ytring-cache'), 'hit', cookie);
      }
      const sent = await postComment(server, site.c, { body: 'Min egen kommentar.', email: 'egen@debat.example' });
      assert.equal(sent.status, 303);
      const signed = sent.headers.getSetCookie().map((c) => c.split(';')[0]!);
      assert.ok(signed.some((c) => c.startsWith('ytring_edit=')));
      const own = await server.get(site.c, { headers: { cookie: signed.join('; ') } });
      assert.equal(own.headers.get('x-ytring-cache'), null, 'the writer sees a page of their own');
      assert.match(await own.text(), /comment__edit-link/);
      // No other page shows what those cookies hold: they are served the kept page.
      await warm(server, [site.front]);
      const front = await server.get(site.front, { headers: { cookie: signed.join('; ') } });
      await front.arrayBuffer();
      assert.equal(front.headers.get('x-ytring-cache'), 'hit');
    });

    it('feeds, search and the sitemap: a comment drops only the comment feeds showing it; an edit drops what lists the post', async () => {
      const feeds = {
        site: '/feed.atom',
        blogOne: '/en/feed.atom',
        blogTwo: '/to/feed.rss',
        tag: '/tags/kun-b/feed.json',
        comments: '/comments/feed.atom',
        aComments: '/en/a/comments/feed.atom',
        bComments: '/en/b/comments/feed.atom',
      };
      const others = { search: '/search?q=indl%C3%A6g', sitemap: '/sitemap.xml' };
      const all = [...Object.values(feeds), ...Object.values(others)];
      await warm(server, all);
      const body = `Et indlæg i feeden ${Math.random()}`;
      assert.equal((await postComment(server, site.a, { body })).status, 303);
      for (const path of [feeds.comments, feeds.aComments]) {
        const feed = await cacheState(server, path);
        assert.equal(feed.state, 'miss', `${path} shows the comment`);
        assert.ok(feed.html.includes(body), path);
      }
      await expectStates(
        server,
        Object.fromEntries(
          [feeds.site, feeds.blogOne, feeds.blogTwo, feeds.tag, feeds.bComments, ...Object.values(others)].map((p) => [p, 'hit']),
        ),
        'a comment on A',
      );
      await warm(server, all);
      await server.db.updateTable('posts').set({ title: 'Indlæg B, igen rettet' }).where('id', '=', site.ids.b).execute();
      for (const path of [feeds.site, feeds.blogOne, feeds.tag, feeds.bComments, others.search, others.sitemap]) {
        const page = await cacheState(server, path);
        assert.equal(page.state, 'miss', `${path} after an edit of B`);
        if (path !== others.sitemap) assert.ok(page.html.includes('B, igen rettet'), path);
      }
      await expectStates(server, { [feeds.blogTwo]: 'hit', [feeds.aComments]: 'hit' }, 'an edit of B');
    });
  });
}

describe(
  'fine-grained invalidation across two instances on one PostgreSQL database',
  { skip: !POSTGRES_URL && 'YTRING_TEST_POSTGRES_URL is not set' },
  () => {
    let database: TestDatabase;
    let dataDir: string;
    const apps: App[] = [];
    const servers: Pick<TestServer, 'get' | 'db' | 'url'>[] = [];
    let site: Site;

    before(async () => {
      database = await createTestDatabase('postgres');
      dataDir = mkdtempSync(join(tmpdir(), 'ytring-fine-'));
      const config = loadConfig(
        { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATABASE_URL: database.config.url, DATA_DIR: dataDir },
        {},
        false,
      );
      for (let i = 0; i < 2; i++) {
        const app = await buildApp(config, { schedulerIntervalMs: 0 });
        apps.push(app);
        await app.server.listen({ port: 0, host: '127.0.0.1' });
        const address = app.server.server.address();
        const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
        servers.push({ url, db: app.database.db, get: (path, init) => fetch(`${url}${path}`, { redirect: 'manual', ...init }) });
      }
      site = await buildSite(servers[0]!);
    });
    after(async () => {
      for (const app of apps) await closeTestApp(app);
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('a comment through one instance drops A in the other, and only what shows A', async () => {
      const [one, two] = servers as [TestServer, TestServer];
      const all = [site.a, site.b, site.c, site.front, site.tagB, site.blogC];
      await warm(two, all);
      const body = `Fra den anden maskine ${Math.random()}`;
      assert.equal((await postComment(one, site.a, { body })).status, 303);
      const a = await cacheState(two, site.a);
      assert.equal(a.state, 'miss');
      assert.ok(a.html.includes(body));
      assert.equal((await cacheState(two, site.front)).state, 'miss');
      await expectStates(two, { [site.b]: 'hit', [site.c]: 'hit', [site.tagB]: 'hit', [site.blogC]: 'hit' }, 'a comment on A elsewhere');
      // And an edit of C made through the first instance reaches the second.
      await warm(two, all);
      await one.db.updateTable('posts').set({ title: 'Indlæg C, rettet' }).where('id', '=', site.ids.c).execute();
      const c = await cacheState(two, site.c);
      assert.equal(c.state, 'miss');
      assert.ok(c.html.includes('Indlæg C, rettet'));
      await expectStates(two, { [site.a]: 'hit', [site.b]: 'hit', [site.tagB]: 'hit' }, 'an edit of C elsewhere');
    });
  },
);
