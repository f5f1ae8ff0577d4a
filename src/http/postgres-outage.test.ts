import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { updateSiteSettings } from '../settings/settings.service.js';
import { answerOf, readForm } from '../../test/support/comments.js';
import { POSTGRES_URL } from '../../test/support/db.js';
import { buildPost } from '../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { startTcpProxy, type TcpProxy } from '../../test/support/tcp-proxy.js';

const skip = POSTGRES_URL ? false : 'YTRING_TEST_POSTGRES_URL is not set: no PostgreSQL to take away';

describe('PostgreSQL going away under a running site', { skip }, () => {
  let proxy: TcpProxy;
  let server: TestServer;
  let path: string;
  before(async () => {
    const target = new URL(POSTGRES_URL!);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    server = await startTestServer('postgres', {
      databaseUrl: (url) => {
        const viaProxy = new URL(url);
        viaProxy.hostname = '127.0.0.1';
        viaProxy.port = String(proxy.port);
        return viaProxy.toString();
      },
    });
    await updateSiteSettings(server.db, { minSecondsToSubmit: 0 });
    const post = await buildPost(server.db);
    const blog = await server.db.selectFrom('blogs').select('slug').where('id', '=', post.blogId).executeTakeFirstOrThrow();
    path = `/${blog.slug}/${post.slug}`;
  });
  after(async () => {
    proxy?.restore();
    await server?.close();
    await proxy?.close();
  });

  const timed = async (request: () => Promise<Response>) => {
    const started = performance.now();
    const response = await request();
    const text = await response.text();
    return { response, text, ms: performance.now() - started };
  };
  const send = (fields: Record<string, string>) =>
    server.get(`${path}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ website: '', ...fields }),
    });

  it('answers 503 at once while refused, keeps a comment’s text, and recovers without a restart', async () => {
    const form = await readForm(server, path);
    const comment = { name: 'Vedholdende Vibeke', email: 'vibeke@debat.example', body: 'Skrevet mens databasen var væk.' };
    proxy.cut();
    let retry: { token: string; answer: string };
    try {
      const page = await timed(() => server.get(path));
      assert.equal(page.response.status, 503);
      assert.equal(page.response.headers.get('retry-after'), '5');
      assert.match(page.response.headers.get('content-type') ?? '', /^text\/(html|plain)/);
      assert.ok(page.text.length > 0 && !/stack|ECONN|select /i.test(page.text), 'a readable page with no internals');
      assert.ok(page.ms < 3_000, `the post page took ${page.ms.toFixed(0)} ms`);

      const posted = await timed(() => send({ ...comment, token: form.token, answer: form.answer }));
      assert.equal(posted.response.status, 503);
      assert.equal(posted.response.headers.get('retry-after'), '5');
      assert.match(posted.text, />Skrevet mens databasen var væk\.<\/textarea>/);
      assert.match(posted.text, /value="Vedholdende Vibeke"/);
      assert.ok(posted.ms < 3_000, `the comment took ${posted.ms.toFixed(0)} ms`);
      retry = { token: /name="token" value="([^"]+)"/.exec(posted.text)![1]!, answer: answerOf(posted.text) };

      assert.equal((await server.get('/healthz')).status, 503);
    } finally {
      proxy.restore();
    }

    // The same pool, the same process: the first request after the database is back must succeed.
    const page = await server.get(path);
    assert.equal(page.status, 200);
    await page.arrayBuffer();
    assert.equal((await send({ ...comment, ...retry })).status, 303);
    const stored = await server.db.selectFrom('comments').select('id').where('body', '=', comment.body).execute();
    assert.equal(stored.length, 1);
    assert.match(await (await server.get(path)).text(), /Skrevet mens databasen var væk\./);
  });

  it('gives up on a database that never answers within the connect timeout, then recovers', async () => {
    proxy.cut({ hang: true });
    let page: Awaited<ReturnType<typeof timed>>;
    try {
      page = await timed(() => server.get(path));
    } finally {
      proxy.restore();
    }
    assert.equal(page.response.status, 503);
    assert.equal(page.response.headers.get('retry-after'), '5');
    // One wait of connectionTimeoutMillis (5 s), not one per query: the 503 page itself needs no database.
    assert.ok(page.ms < 7_500, `the post page took ${page.ms.toFixed(0)} ms`);
    assert.match(page.text, /databasen/);
    assert.equal((await server.get(path)).status, 200);
  });
});
