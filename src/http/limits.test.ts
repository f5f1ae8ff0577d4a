/**
 * What one client can make the server spend: huge bodies, headers and URLs are refused early,
 * over-long form fields come back with the text kept, and slow clients are cut off by the
 * request timeout while everyone else is still served.
 */
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { COMMENT_LIMITS } from '../comments/comment.js';
import { ConfigError, loadConfig } from '../config.js';
import { updateSiteSettings } from '../settings/settings.service.js';
import { loginAs, type Session } from '../../test/support/admin.js';
import { postComment } from '../../test/support/comments.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildPost } from '../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';

const MB = 1024 * 1024;

interface Streamed {
  /** 0 when the server closed the connection with no answer the client could read. */
  status: number;
  sentBytes: number;
  ms: number;
  /** Whether the server ended the connection before the client had sent everything. */
  closedEarly: boolean;
}

/** The status of the first answer on a raw connection, or 0 when none came before it closed. */
const statusOf = (received: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0);

/**
 * POSTs up to `total` bytes over a raw socket. With `declare`, the size is sent as Content-Length
 * first and the client waits a moment for an early answer, as a client sending Expect does;
 * without, the body is chunked, so the server cannot refuse by a header and must count.
 */
function streamBody(url: string, path: string, headers: Record<string, string>, total: number, declare: boolean): Promise<Streamed> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const started = performance.now();
  const { port } = new URL(url);
  return new Promise((resolve) => {
    let sentBytes = 0;
    let received = '';
    let done = false;
    const socket = connect(Number(port), '127.0.0.1');
    const finish = () => {
      const closedEarly = !done && sentBytes < total;
      socket.destroy();
      resolve({ status: statusOf(received), sentBytes, ms: performance.now() - started, closedEarly });
    };
    socket.on('data', (data) => {
      received += data.toString('latin1');
      if (/\r\n\r\n/.test(received)) finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
    const framing = declare ? { 'content-length': String(total) } : { 'transfer-encoding': 'chunked' };
    const head = Object.entries({ ...headers, 'content-type': 'application/x-www-form-urlencoded', ...framing })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${head}\r\n`);
    const frame = declare ? chunk : Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
    const pump = async () => {
      if (declare) await new Promise((next) => setTimeout(next, 1000));
      while (!received && !socket.destroyed && sentBytes < total) {
        sentBytes += chunk.length;
        if (!socket.write(frame))
          await new Promise((next) => {
            socket.once('drain', next);
            socket.once('close', next);
          });
        await new Promise((next) => setImmediate(next));
      }
      if (!received && !socket.destroyed) {
        done = true;
        if (!declare) socket.write('0\r\n\r\n');
      }
    };
    void pump();
  });
}

/** Sends a raw GET and reads the status line, whether or not the server waits for the whole request. */
function rawGet(url: string, target: string, extraHeaders = ''): Promise<number> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    let received = '';
    const socket = connect(Number(port), '127.0.0.1');
    const finish = () => {
      socket.destroy();
      resolve(statusOf(received));
    };
    socket.on('data', (data) => {
      received += data.toString('latin1');
      if (received.includes('\r\n')) finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
    socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${extraHeaders}\r\n`);
  });
}

const rssMb = () => process.memoryUsage().rss / MB;

describe('REQUEST_TIMEOUT_MS', () => {
  it('defaults to 30 seconds and refuses what is not a sane number of milliseconds', () => {
    assert.equal(loadConfig({}).requestTimeoutMs, 30_000);
    assert.equal(loadConfig({ REQUEST_TIMEOUT_MS: '1500' }).requestTimeoutMs, 1500);
    for (const bad of ['0', '-5', '1.5', 'abc', '99', '600001'])
      assert.throws(() => loadConfig({ REQUEST_TIMEOUT_MS: bad }), ConfigError, bad);
  });
});

for (const dialect of DIALECTS) {
  describe(`resource limits (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    let postPath: string;

    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin');
      await updateSiteSettings(server.db, {
        minSecondsToSubmit: 0,
        commentsPerHourPerIp: 10_000,
        commentsPerHourPerEmail: 10_000,
        commentPolicy: 'open',
      });
      const post = await buildPost(server.db);
      const blog = await server.db.selectFrom('blogs').select('slug').where('id', '=', post.blogId).executeTakeFirstOrThrow();
      postPath = `/${blog.slug}/${post.slug}`;
    });
    after(async () => {
      await server?.close();
    });

    for (const [what, path, headers] of [
      ['the comment form', () => `${postPath}/comments`, () => ({})],
      ['an admin form', () => '/admin/settings', () => ({ cookie: admin.cookie })],
    ] as const) {
      it(`answers a declared 100 MB body to ${what} with 413 before reading it`, async () => {
        const result = await streamBody(server.url, path(), headers(), 100 * MB, true);
        assert.equal(result.status, 413);
        assert.equal(result.sentBytes, 0, 'refused on the Content-Length alone');
        assert.equal((await server.get('/healthz')).status, 200, 'the server still answers');
      });

      it(`cuts off a streamed 100 MB body to ${what} quickly, without holding it in memory`, async () => {
        const before = rssMb();
        const result = await streamBody(server.url, path(), headers(), 100 * MB, false);
        // Fastify answers 413 and closes at once; data still in flight then resets the connection,
        // which may reach the client before the answer does, so either is a refusal.
        assert.ok(result.closedEarly, 'the server ended the upload');
        assert.ok(result.status === 413 || result.status === 0, `answered ${result.status}`);
        assert.ok(result.sentBytes < 20 * MB, `ended after ${Math.round(result.sentBytes / MB)} MB sent`);
        assert.ok(result.ms < 10_000, `ended after ${Math.round(result.ms)} ms`);
        assert.ok(rssMb() - before < 30, `RSS grew by ${Math.round(rssMb() - before)} MB`);
        assert.equal((await server.get('/healthz')).status, 200, 'the server still answers');
      });
    }

    it("keeps Node's 16 KB header limit: 12 KB of headers pass, 20 KB get 431", async () => {
      const padding = (size: number) => `X-Padding: ${'p'.repeat(size)}\r\n`;
      assert.equal(await rawGet(server.url, '/healthz', padding(12 * 1024)), 200);
      assert.equal(await rawGet(server.url, '/healthz', padding(20 * 1024)), 431);
      assert.equal((await server.get('/healthz')).status, 200);
    });

    it('refuses a 100 kB query string with a 4xx, never a 500', async () => {
      const status = await rawGet(server.url, `/search?q=${'x'.repeat(100 * 1024)}`);
      // Node counts the request line against the header limit, so this ends as 431 before any route runs.
      assert.ok([400, 414, 431].includes(status), `answered ${status}`);
      const longButAllowed = await rawGet(server.url, `/search?q=${'ord%20'.repeat(1500)}`);
      assert.equal(longButAllowed, 200, 'a long query under the limit is simply searched');
    });

    it('answers an over-long comment with 422 and gives the whole text back', async () => {
      const marker = `Langt indlæg ${Date.now()} `;
      const body = marker + 'ord '.repeat((COMMENT_LIMITS.body + 400) / 4);
      const response = await postComment(server, postPath, { body, name: `N${'å'.repeat(COMMENT_LIMITS.name + 10)}` });
      assert.equal(response.status, 422);
      const html = await response.text();
      assert.ok(html.includes(body.trim()), 'the text is in the form again');
      assert.ok(html.includes(`N${'å'.repeat(COMMENT_LIMITS.name + 10)}`), 'the name is in the form again');
      const stored = await server.db.selectFrom('comments').select('id').where('body', 'like', `${marker}%`).execute();
      assert.equal(stored.length, 0);
    });

    it('answers pages that cannot exist with 404 or 400, never 500', async () => {
      const paths = [
        '/',
        '/search?q=ord&',
        postPath.split('/').slice(0, 2).join('/'),
        '/admin/posts',
        '/admin/people',
        '/admin/audit',
        '/admin/comments',
      ];
      for (const path of paths) {
        for (const page of ['999999999', '-1', 'NaN', '0', '1e3', '2.5', '', '99999999999999999999999', 'Infinity']) {
          const separator = path.includes('?') ? '' : '?';
          const response = path.startsWith('/admin')
            ? await admin.get(`${path}${separator}page=${page}`)
            : await server.get(`${path}${separator}page=${page}`);
          // 301: a public list's page that is no page number goes to the list without it.
          assert.ok([200, 301, 400, 404].includes(response.status), `${path} page=${page} answered ${response.status}`);
          // The moderation queue falls back to its first page; every other list refuses a page it cannot have.
          if (['999999999', '-1', 'NaN'].includes(page) && path !== '/admin/comments')
            assert.notEqual(response.status, 200, `${path} page=${page}`);
        }
      }
    });
  });

  describe(`slow clients (${dialect})`, () => {
    const TIMEOUT_MS = 1500;
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect, { env: { REQUEST_TIMEOUT_MS: String(TIMEOUT_MS) } });
    });
    after(async () => {
      await server?.close();
    });

    it('serves others while 50 clients trickle their headers, then closes those clients after the timeout', async () => {
      const { port } = new URL(server.url);
      const opened = performance.now();
      const slow = await Promise.all(
        Array.from(
          { length: 50 },
          () =>
            new Promise<{ socket: Socket; closed: Promise<number> }>((resolve, reject) => {
              const socket = connect(Number(port), '127.0.0.1', () => {
                socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
                const timer = setInterval(() => {
                  if (!socket.destroyed) socket.write('a');
                }, 100);
                const closed = new Promise<number>((done) => {
                  socket.on('close', () => {
                    clearInterval(timer);
                    done(performance.now() - opened);
                  });
                });
                resolve({ socket, closed });
              });
              socket.on('error', () => {});
              socket.once('error', reject);
            }),
        ),
      );
      try {
        for (let i = 0; i < 5; i++) assert.equal((await server.get('/healthz')).status, 200, 'a normal request is served meanwhile');
        const deadline = new Promise<'late'>((resolve) => {
          setTimeout(() => resolve('late'), TIMEOUT_MS * 4).unref();
        });
        const closedAfter = await Promise.race([Promise.all(slow.map((s) => s.closed)), deadline]);
        assert.notEqual(closedAfter, 'late', 'every slow client was cut off within four timeouts');
        for (const ms of closedAfter as number[])
          assert.ok(ms >= TIMEOUT_MS * 0.9, `a slow client was cut off after ${Math.round(ms)} ms, before its time`);
      } finally {
        for (const { socket } of slow) socket.destroy();
      }
      assert.equal((await server.get('/healthz')).status, 200);
    });
  });
}
