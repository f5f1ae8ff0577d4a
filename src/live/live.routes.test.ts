/** The live channel over real HTTP: what a reader's stream gets, what it catches up on, and its limits. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { postComment } from '../../test/support/comments.js';
import { createTestDatabase, DIALECTS, POSTGRES_URL, type TestDatabase } from '../../test/support/db.js';
import { buildBlog, buildPost } from '../../test/support/factories.js';
import { liveComment, openLiveStream, type LiveStreamClient } from '../../test/support/live.js';
import { closeTestApp, startTestServer, type TestServer } from '../../test/support/server.js';
import { isLivePoll } from '../../test/support/statements.js';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../config.js';
import { deletePost } from '../posts/post.service.js';
import { updateSiteSettings } from '../settings/settings.service.js';

const RELAXED = { minSecondsToSubmit: 0, commentsPerHourPerIp: 10_000, commentsPerHourPerEmail: 10_000, commentPolicy: 'open' as const };

for (const dialect of DIALECTS) {
  describe(`live comments (${dialect})`, () => {
    let server: TestServer;
    let path: string;
    let postId: string;
    const open: LiveStreamClient[] = [];
    const stream = async (p: string, headers: Record<string, string> = {}) => {
      const client = await openLiveStream(server.url, p, headers);
      open.push(client);
      return client;
    };
    const idOf = (response: Response) => /#comment-([0-9a-f-]{36})$/.exec(response.headers.get('location') ?? '')?.[1] ?? '';

    before(async () => {
      server = await startTestServer(dialect, { env: { LIVE_MAX_PER_IP: '3', LIVE_MAX_CONNECTIONS: '5', TRUST_PROXY: 'true' } });
    });
    after(async () => {
      for (const client of open) client.close();
      await server?.close();
    });
    beforeEach(async () => {
      for (const client of open.splice(0)) client.close();
      await updateSiteSettings(server.db, RELAXED);
      const blog = await buildBlog(server.db);
      const post = await buildPost(server.db, { blogId: blog.id });
      path = `/${blog.slug}/${post.slug}`;
      postId = post.id;
      // Closed streams are counted out when their sockets close.
      await sleep(50);
    });

    it('streams a newly approved comment with its HTML, uncached and unbuffered', async () => {
      const live = await stream(`/live/posts/${postId}`);
      assert.equal(live.status, 200);
      assert.match(String(live.headers['content-type']), /^text\/event-stream/);
      assert.equal(live.headers['cache-control'], 'no-store');
      assert.equal(live.headers['x-accel-buffering'], 'no');
      await live.next((m) => m.event === 'ready');
      const response = await postComment(server, path, { name: 'Lise Live', body: 'Ses det med det samme?' });
      const id = idOf(response);
      const message = await live.next((m) => m.event === 'comment');
      const comment = liveComment(message);
      assert.equal(comment.id, id);
      assert.equal(comment.parentId, null);
      assert.match(comment.html, new RegExp(`^<li id="comment-${id}"`));
      assert.match(comment.html, /Lise Live/);
      assert.match(comment.html, /Ses det med det samme\?/);
      assert.ok(message.id && /^\d+$/.test(message.id), 'each comment carries an event id to resume from');
      assert.doesNotMatch(comment.html, /@debat\.example|karen/, 'no e-mail address travels');
    });

    it('sends nothing for a held comment, and sends it once a moderator approves it', async () => {
      await updateSiteSettings(server.db, { ...RELAXED, commentPolicy: 'all' });
      const live = await stream(`/live/posts/${postId}`);
      await live.next((m) => m.event === 'ready');
      const id = idOf(await postComment(server, path, { body: 'Venter på en moderator' }));
      assert.ok(id);
      await sleep(600);
      assert.equal(live.messages.filter((m) => m.event === 'comment').length, 0, 'a held comment is not sent');
      await server.db.updateTable('comments').set({ status: 'approved' }).where('id', '=', id).execute();
      const comment = liveComment(await live.next((m) => m.event === 'comment'));
      assert.equal(comment.id, id);
    });

    it('only sends a post its own comments', async () => {
      const other = await buildPost(server.db, { blogId: (await buildBlog(server.db)).id });
      const live = await stream(`/live/posts/${other.id}`);
      await live.next((m) => m.event === 'ready');
      await postComment(server, path);
      await sleep(600);
      assert.equal(live.messages.filter((m) => m.event === 'comment').length, 0);
    });

    it('catches a returning reader up from Last-Event-ID', async () => {
      const first = await stream(`/live/posts/${postId}`);
      await first.next((m) => m.event === 'ready');
      const a = idOf(await postComment(server, path, { body: 'Den første' }));
      const seen = await first.next((m) => m.event === 'comment');
      assert.equal(liveComment(seen).id, a);
      first.close();
      const b = idOf(await postComment(server, path, { body: 'Den anden, mens læseren var væk' }));
      const c = idOf(await postComment(server, path, { body: 'Den tredje', parent: b }));
      const back = await stream(`/live/posts/${postId}`, { 'last-event-id': seen.id! });
      await back.next((m) => m.event === 'comment' && liveComment(m).id === c);
      const ids = back.messages.filter((m) => m.event === 'comment').map((m) => liveComment(m).id);
      assert.deepEqual(ids, [b, c], 'what was missed, in order, and nothing already seen');
      assert.equal(liveComment(back.messages.find((m) => m.event === 'comment' && liveComment(m).id === c)!).parentId, b);
      // Our own reconnects pass the cursor in the query.
      const again = await stream(`/live/posts/${postId}?after=${seen.id!}`);
      await again.next((m) => m.event === 'comment' && liveComment(m).id === c);
    });

    it('refuses streams beyond the limit per address (429) and per instance (503), with Retry-After', async () => {
      const from = (ip: string) => ({ 'x-forwarded-for': ip });
      for (let i = 0; i < 3; i++) assert.equal((await stream(`/live/posts/${postId}`, from('198.51.100.7'))).status, 200);
      const refused = await stream(`/live/posts/${postId}`, from('198.51.100.7'));
      assert.equal(refused.status, 429);
      assert.equal(refused.headers['retry-after'], '30');
      assert.equal(refused.headers['cache-control'], 'no-store');
      // Another address still gets in, until the instance holds its five.
      assert.equal((await stream(`/live/posts/${postId}`, from('198.51.100.8'))).status, 200);
      assert.equal((await stream(`/live/posts/${postId}`, from('198.51.100.9'))).status, 200);
      const full = await stream(`/live/posts/${postId}`, from('198.51.100.10'));
      assert.equal(full.status, 503);
      assert.ok(Number(full.headers['retry-after']) > 0);
      // A closed stream frees its place.
      open[0]!.close();
      await sleep(100);
      assert.equal((await stream(`/live/posts/${postId}`, from('198.51.100.7'))).status, 200);
    });

    it('answers 404 without a stream for a post that does not exist, is not out yet or is deleted', async () => {
      const blogId = (await buildBlog(server.db)).id;
      const draft = await buildPost(server.db, { blogId, status: 'draft' });
      const scheduled = await buildPost(server.db, { blogId, status: 'scheduled', publishedAt: new Date(Date.now() + 3600_000) });
      const deleted = await buildPost(server.db, { blogId });
      await deletePost(server.db, deleted.id);
      for (const id of ['0193a1b2-0000-7000-8000-000000000000', draft.id, scheduled.id, deleted.id]) {
        const refused = await stream(`/live/posts/${id}`);
        assert.equal(refused.status, 404, id);
        assert.doesNotMatch(String(refused.headers['content-type']), /event-stream/);
        assert.equal(refused.headers['cache-control'], 'no-store');
      }
    });

    it('is not a page: never page-cached, and a bad post id is a 404', async () => {
      assert.equal((await server.get('/live/posts/not-a-post')).status, 404);
      const live = await stream(`/live/posts/${postId}`);
      assert.equal(live.headers['x-ytring-cache'], undefined);
      assert.equal(live.headers['cdn-cache-control'], 'no-store');
    });
  });
}

describe(
  'live catch-up on PostgreSQL when transactions commit out of order',
  { skip: !POSTGRES_URL && 'YTRING_TEST_POSTGRES_URL is not set: only PostgreSQL runs two writing transactions at once' },
  () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer('postgres');
    });
    after(async () => {
      await server?.close();
    });

    it('a reader back after the later-started commit still gets the approval that committed last', async () => {
      await updateSiteSettings(server.db, { ...RELAXED, commentPolicy: 'all' });
      const blog = await buildBlog(server.db);
      const post = await buildPost(server.db, { blogId: blog.id });
      const path = `/${blog.slug}/${post.slug}`;
      const idOf = (response: Response) => /#comment-([0-9a-f-]{36})$/.exec(response.headers.get('location') ?? '')?.[1] ?? '';
      const approve = (db: typeof server.db, id: string) =>
        db.updateTable('comments').set({ status: 'approved' }).where('id', '=', id).execute();
      // The slow approval is of a reply: approving a top-level comment updates the post's count of
      // threads (000108), which a second top-level approval would wait for until the first commits.
      const thread = idOf(await postComment(server, path, { body: 'Tråden de svarer i' }));
      await approve(server.db, thread);
      const slow = idOf(await postComment(server, path, { body: 'Godkendt først, gemt sidst', parent: thread }));
      const quick = idOf(await postComment(server, path, { body: 'Godkendt sidst, gemt først' }));
      assert.ok(slow && quick);

      const live = await openLiveStream(server.url, `/live/posts/${post.id}`);
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let approvedInside: () => void = () => {};
      const inside = new Promise<void>((resolve) => (approvedInside = resolve));
      // The first transaction approves first and commits only after the second one has committed.
      const first = server.db.transaction().execute(async (trx) => {
        await approve(trx, slow);
        approvedInside();
        await held;
      });
      try {
        await live.next((m) => m.event === 'ready');
        await inside;
        await server.db.transaction().execute((trx) => approve(trx, quick));
        const seen = await live.next((m) => m.event === 'comment' && liveComment(m).id === quick);
        live.close();
        release();
        await first;
        const back = await openLiveStream(server.url, `/live/posts/${post.id}`, { 'last-event-id': seen.id! });
        try {
          const caught = await back.next((m) => m.event === 'comment', 3000);
          assert.equal(liveComment(caught).id, slow, 'the approval that committed after the reader left');
        } finally {
          back.close();
        }
      } finally {
        release();
        live.close();
        await first.catch(() => {});
      }
    });
  },
);

describe('live comments on a draining instance', () => {
  it('ends open streams when the instance drains, and refuses new ones with 503', async () => {
    const server = await startTestServer('sqlite');
    try {
      const post = await buildPost(server.db, { blogId: (await buildBlog(server.db)).id });
      const live = await openLiveStream(server.url, `/live/posts/${post.id}`);
      await live.next((m) => m.event === 'ready');
      const drained = server.app.drain(5000);
      await live.ended;
      await drained;
      const refused = await openLiveStream(server.url, `/live/posts/${post.id}`);
      assert.equal(refused.status, 503);
      assert.ok(refused.headers['retry-after']);
    } finally {
      await server.close();
    }
  });
});

describe(
  'live comments across two instances on one PostgreSQL database',
  { skip: !POSTGRES_URL && 'YTRING_TEST_POSTGRES_URL is not set: several instances only share a PostgreSQL database' },
  () => {
    let database: TestDatabase;
    let a: App;
    let b: App;
    const urlOf = (app: App) => {
      const address = app.server.server.address();
      return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    };
    before(async () => {
      database = await createTestDatabase('postgres', { migrated: true });
      const config = loadConfig(
        { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: process.env.YTRING_TEST_LOG_LEVEL ?? 'silent', DATABASE_URL: database.config.url },
        {},
        false,
      );
      a = await buildApp(config, { schedulerIntervalMs: 0 });
      b = await buildApp(config, { schedulerIntervalMs: 0 });
      await a.server.listen({ port: 0, host: '127.0.0.1' });
      await b.server.listen({ port: 0, host: '127.0.0.1' });
    });
    after(async () => {
      if (a) await closeTestApp(a);
      if (b) await closeTestApp(b);
      await database?.drop();
    });

    it('a comment posted on instance A reaches a reader streaming from instance B', async () => {
      await updateSiteSettings(a.database.db, RELAXED);
      const blog = await buildBlog(a.database.db);
      const post = await buildPost(a.database.db, { blogId: blog.id });
      const live = await openLiveStream(urlOf(b), `/live/posts/${post.id}`);
      try {
        await live.next((m) => m.event === 'ready');
        const onA = { url: urlOf(a), get: (p: string, init?: RequestInit) => fetch(`${urlOf(a)}${p}`, { redirect: 'manual', ...init }) };
        const response = await postComment(onA as unknown as TestServer, `/${blog.slug}/${post.slug}`, { body: 'Skrevet på A, læst på B' });
        const id = /#comment-([0-9a-f-]{36})$/.exec(response.headers.get('location') ?? '')?.[1];
        const comment = liveComment(await live.next((m) => m.event === 'comment'));
        assert.equal(comment.id, id);
        assert.match(comment.html, /Skrevet på A, læst på B/);
      } finally {
        live.close();
      }
    });
  },
);

describe('the live channel reads its events only while a stream is open (sqlite)', () => {
  let server: TestServer;
  let path: string;
  let postId: string;
  let polls = 0;
  const open: LiveStreamClient[] = [];
  before(async () => {
    server = await startTestServer('sqlite', { queryLog: ({ sql }) => void (isLivePoll(sql) && polls++) });
    await updateSiteSettings(server.db, RELAXED);
    const post = await buildPost(server.db, { blogId: (await buildBlog(server.db)).id });
    const blog = await server.db.selectFrom('blogs').select('slug').where('id', '=', post.blogId).executeTakeFirstOrThrow();
    path = `/${blog.slug}/${post.slug}`;
    postId = post.id;
  });
  after(async () => {
    for (const client of open) client.close();
    await server?.close();
  });
  /** The live channel's reads of new events while `act` runs and for three of its polls after. */
  async function pollsDuring(act: () => Promise<unknown>): Promise<number> {
    const before = polls;
    await act();
    await sleep(700);
    return polls - before;
  }
  const commentId = (response: Response) => /#comment-([0-9a-f-]{36})$/.exec(response.headers.get('location') ?? '')?.[1] ?? '';

  it('with no reader streaming, a comment and the time after it read no events; a stream opened later gets what comes after it', async () => {
    assert.equal(await pollsDuring(() => postComment(server, path, { body: 'Ingen lytter endnu' })), 0);
    const first = await openLiveStream(server.url, `/live/posts/${postId}`);
    open.push(first);
    await first.next((m) => m.event === 'ready');
    const heard = commentId(await postComment(server, path, { body: 'Nu lytter nogen' }));
    assert.equal(liveComment(await first.next((m) => m.event === 'comment')).id, heard);
    first.close();
    // Its socket closing is what counts it out.
    await sleep(100);
    const unheard = commentId(await postComment(server, path, { body: 'Skrevet mens ingen lyttede' }));
    assert.ok(unheard);
    assert.equal(await pollsDuring(() => sleep(0)), 0, 'the last stream gone, the events are no longer read');
    // A new reader's page already shows what came before its stream: only later comments arrive.
    const second = await openLiveStream(server.url, `/live/posts/${postId}`);
    open.push(second);
    await second.next((m) => m.event === 'ready');
    const later = commentId(await postComment(server, path, { body: 'Og nu igen' }));
    assert.equal(liveComment(await second.next((m) => m.event === 'comment')).id, later);
    await sleep(300);
    assert.deepEqual(
      second.messages.filter((m) => m.event === 'comment').map((m) => liveComment(m).id),
      [later],
    );
  });
});
