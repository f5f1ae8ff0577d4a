/**
 * The page cache under load: concurrent misses share one render, pages past the end of a list are
 * answered without rendering, and the first answer after a change is compressed like the rest.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { buildPost } from '../../test/support/factories.js';
import { DIALECTS } from '../../test/support/db.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { openContentVersion, type ContentVersion } from '../storage/content-version.js';
import { updateSiteSettings } from '../settings/settings.service.js';
import { loadAssets } from './assets.js';
import { PageCache } from './page-cache.js';
import { buildServer } from './server.js';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw GET, so the test sees the bytes as sent and decodes them itself. */
function rawGet(url: string, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers, ...(signal ? { signal } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const dialect of DIALECTS) {
  describe(`the page cache under concurrent readers (${dialect})`, () => {
    let server: TestServer;
    let version: ContentVersion;
    let app: FastifyInstance;
    let url: string;
    let blogSlug: string;
    let blogId: string;
    let tagSlug: string;
    let authorSlug: string;
    /** Route handlers run, by path with query: what "rendered" means here. */
    const renders = new Map<string, number>();
    const control = { delayMs: 0, fail: false };

    before(async () => {
      server = await startTestServer(dialect);
      const post = await buildPost(server.db, { title: 'Mange læsere på én gang', tags: ['trængsel'] });
      const blog = await server.db.selectFrom('blogs').select('slug').where('id', '=', post.blogId).executeTakeFirstOrThrow();
      blogSlug = blog.slug;
      blogId = post.blogId;
      tagSlug = (await server.db.selectFrom('tags').select('slug').executeTakeFirstOrThrow()).slug;
      const author = await server.db
        .selectFrom('post_authors')
        .innerJoin('people', 'people.id', 'post_authors.person_id')
        .select('people.slug')
        .where('post_authors.post_id', '=', post.id)
        .executeTakeFirstOrThrow();
      authorSlug = author.slug;
      version = await openContentVersion({ dialect, url: server.database.config.url, readInteger: server.app.database.readInteger });
      app = await buildServer({
        db: server.db,
        secret: server.app.secret,
        baseUrl: 'http://localhost',
        assets: loadAssets(),
        logLevel: 'silent',
        pageCache: new PageCache({ maxBytes: 8 * 1024 * 1024, version }),
        contentVersion: version,
        uploadsDir: server.uploadsDir,
      });
      // Runs only when the cache did not answer: each call is one render of the page.
      app.addHook('preHandler', async (request) => {
        renders.set(request.url, (renders.get(request.url) ?? 0) + 1);
        if (control.delayMs) await sleep(control.delayMs);
        if (control.fail) throw new Error('the page could not be made');
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      // PostgreSQL's notifications of the setup may still be arriving: wait until a page stays kept.
      for (let i = 0; i < 50; i++) {
        const response = await rawGet(`${url}/archive`);
        if (response.headers['x-ytring-cache'] === 'hit') break;
        await sleep(20);
      }
    });
    after(async () => {
      await app?.close();
      await version?.close();
      await server?.close();
    });

    it('renders a page twenty readers ask for at once only once, and gives them all the same page', async () => {
      control.delayMs = 50;
      try {
        const path = `/${blogSlug}`;
        renders.delete(path);
        const answers = await Promise.all(Array.from({ length: 20 }, () => rawGet(`${url}${path}`)));
        assert.equal(renders.get(path), 1);
        for (const answer of answers) {
          assert.equal(answer.status, 200);
          assert.equal(answer.body.toString(), answers[0]!.body.toString());
        }
      } finally {
        control.delayMs = 0;
      }
    });

    it('gives every waiting reader the error of a failed render, and keeps no error', async () => {
      control.delayMs = 50;
      control.fail = true;
      const path = `/tags/${tagSlug}`;
      try {
        renders.delete(path);
        const answers = await Promise.all(Array.from({ length: 10 }, () => rawGet(`${url}${path}`)));
        assert.equal(renders.get(path), 1);
        assert.deepEqual(
          answers.map((a) => a.status),
          Array(10).fill(500),
        );
      } finally {
        control.delayMs = 0;
        control.fail = false;
      }
      const next = await rawGet(`${url}${path}`);
      assert.equal(next.status, 200);
      assert.equal(renders.get(path), 2, 'the error was not kept: the next reader has the page rendered');
    });

    it('does not fail the others when a waiting reader goes away', async () => {
      control.delayMs = 150;
      const path = `/authors/${authorSlug}`;
      try {
        renders.delete(path);
        const leader = rawGet(`${url}${path}`);
        await sleep(30);
        const abort = new AbortController();
        const quitter = rawGet(`${url}${path}`, {}, abort.signal).catch((error: Error) => error);
        const others = Array.from({ length: 5 }, () => rawGet(`${url}${path}`));
        await sleep(30);
        abort.abort();
        assert.ok((await quitter) instanceof Error);
        const answers = await Promise.all([leader, ...others]);
        assert.deepEqual(
          answers.map((a) => a.status),
          Array(6).fill(200),
        );
        assert.equal(renders.get(path), 1);
      } finally {
        control.delayMs = 0;
      }
    });

    it('still answers the waiting readers when the reader whose render they wait for goes away', async () => {
      control.delayMs = 150;
      const path = `/${blogSlug}?page=1`;
      try {
        renders.delete(path);
        const abort = new AbortController();
        const leader = rawGet(`${url}${path}`, {}, abort.signal).catch((error: Error) => error);
        await sleep(30);
        const others = Array.from({ length: 5 }, () => rawGet(`${url}${path}`));
        await sleep(30);
        abort.abort();
        const gone = await leader;
        assert.ok(
          gone instanceof Error,
          `leader: ${gone instanceof Error ? '' : `${gone.status} ${String(gone.headers['x-ytring-cache'])}`}`,
        );
        const answers = await Promise.all(others);
        assert.deepEqual(
          answers.map((a) => a.status),
          Array(5).fill(200),
        );
        assert.equal(renders.get(path), 1, 'the render went on for those still waiting');
      } finally {
        control.delayMs = 0;
      }
    });

    it('gives those waiting the whole page when the render they wait for answered its reader 304', async () => {
      const path = '/feed.atom';
      const etag = String((await rawGet(`${url}${path}`)).headers.etag);
      // A change the feed does not show: the next reader is a miss, and the feed is the same.
      await buildPost(server.db, { title: 'Kladde', status: 'draft', blogId });
      for (let i = 0; i < 50; i++) {
        const probe = await rawGet(`${url}/archive`);
        if (probe.headers['x-ytring-cache'] === 'miss') break;
        await sleep(20);
      }
      control.delayMs = 100;
      try {
        const leader = rawGet(`${url}${path}`, { 'if-none-match': etag });
        await sleep(30);
        const others = await Promise.all(Array.from({ length: 3 }, () => rawGet(`${url}${path}`)));
        assert.equal((await leader).status, 304);
        for (const answer of others) {
          assert.equal(answer.status, 200);
          assert.match(answer.body.toString(), /<feed/);
        }
      } finally {
        control.delayMs = 0;
      }
    });

    it('answers a page number past the end of a list without rendering it again', async () => {
      const lists = [
        '/',
        `/${blogSlug}`,
        `/tags/${tagSlug}`,
        `/authors/${authorSlug}`,
        `/archive/${new Date().getUTCFullYear()}/${String(new Date().getUTCMonth() + 1).padStart(2, '0')}`,
        '/search?q=l%C3%A6sere',
      ];
      for (const list of lists) {
        const join = list.includes('?') ? '&' : '?';
        let rendered = 0;
        for (const n of [9999, 9999, 9999, 5000, 777]) {
          const path = `${list}${join}page=${n}`;
          const before = [...renders.values()].reduce((a, b) => a + b, 0);
          const answer = await rawGet(`${url}${path}`, { 'accept-encoding': 'gzip' });
          rendered += [...renders.values()].reduce((a, b) => a + b, 0) - before;
          assert.equal(answer.status, 404, path);
          const html = answer.headers['content-encoding'] === 'gzip' ? gunzipSync(answer.body).toString() : answer.body.toString();
          assert.match(html, /<html/, path);
          assert.doesNotMatch(String(answer.headers['cache-control']), /public/, `${path}: no shared cache keeps a missing page`);
        }
        assert.equal(rendered, 1, `${list}: one render for every page past its end`);
      }
      // The page that exists is still rendered and kept as before.
      const first = await rawGet(`${url}/?page=1`);
      assert.equal(first.status, 200);
    });

    it('renders a page past the end anew once the list has changed', async () => {
      const path = `/tags/${tagSlug}?page=2`;
      await rawGet(`${url}${path}`);
      const before = renders.get(path) ?? 0;
      assert.equal((await rawGet(`${url}${path}`)).status, 404);
      assert.equal(renders.get(path) ?? 0, before);
      await updateSiteSettings(server.db, { postsPerPage: 1 });
      await buildPost(server.db, { title: 'Endnu et indlæg', tags: ['trængsel'] });
      let answer: Raw | undefined;
      for (let i = 0; i < 50; i++) {
        answer = await rawGet(`${url}${path}`);
        if (answer.status === 200) break;
        await sleep(20);
      }
      assert.equal(answer?.status, 200, 'page 2 exists now');
      await updateSiteSettings(server.db, { postsPerPage: 10 });
    });

    it('sends the first answer after a change compressed, in the form the reader asked for', async () => {
      for (const encoding of ['gzip', 'br'] as const) {
        await buildPost(server.db, { title: `Ændring for ${encoding}` });
        let answer: Raw | undefined;
        for (let i = 0; i < 50; i++) {
          answer = await rawGet(`${url}/`, { 'accept-encoding': encoding });
          if (answer.headers['x-ytring-cache'] === 'miss') break;
          await sleep(20);
        }
        assert.equal(answer?.headers['x-ytring-cache'], 'miss');
        assert.equal(answer?.headers['content-encoding'], encoding);
        assert.equal(answer?.headers.vary, 'accept-encoding');
        const html = encoding === 'gzip' ? gunzipSync(answer!.body) : brotliDecompressSync(answer!.body);
        const plain = await rawGet(`${url}/`);
        assert.equal(plain.headers['x-ytring-cache'], 'hit');
        assert.equal(html.toString(), plain.body.toString());
      }
    });

    it('sends feeds, the sitemap and JSON compressed, on the first answer after a change and after', async () => {
      const paths = ['/feed.atom', '/feed.rss', '/feed.json', `/${blogSlug}/feed.atom`, '/sitemap.xml', '/search/suggest?q=nyt'];
      for (const path of paths) {
        for (const encoding of ['gzip', 'br'] as const) {
          await buildPost(server.db, { title: `Nyt til ${path} i ${encoding}`, blogId });
          let first: Raw | undefined;
          for (let i = 0; i < 50; i++) {
            first = await rawGet(`${url}${path}`, { 'accept-encoding': encoding });
            if (first.headers['x-ytring-cache'] === 'miss') break;
            await sleep(20);
          }
          assert.equal(first?.headers['x-ytring-cache'], 'miss', path);
          // Brotli of a kept page is made in the background: a hit may come a moment before it is there.
          let later: Raw | undefined;
          for (let i = 0; i < 50; i++) {
            later = await rawGet(`${url}${path}`, { 'accept-encoding': encoding });
            if (later.headers['content-encoding'] === encoding) break;
            await sleep(20);
          }
          const plain = await rawGet(`${url}${path}`);
          assert.equal(plain.status, 200, path);
          assert.equal(later?.headers['x-ytring-cache'], 'hit', path);
          for (const answer of [first!, later!]) {
            assert.equal(answer.headers['content-encoding'], encoding, `${path} ${String(answer.headers['x-ytring-cache'])}`);
            assert.equal(answer.headers.vary, 'accept-encoding', path);
            const body = encoding === 'gzip' ? gunzipSync(answer.body) : brotliDecompressSync(answer.body);
            assert.equal(body.toString(), plain.body.toString(), path);
          }
        }
      }
    });

    it('sends the first answer of a post page with a question gzipped, whole, with the question it was rendered with', async () => {
      const post = await buildPost(server.db, { title: 'Første læser får gzip', blogId });
      const path = `/${blogSlug}/${post.slug}`;
      let answer: Raw | undefined;
      for (let i = 0; i < 50; i++) {
        answer = await rawGet(`${url}${path}`, { 'accept-encoding': 'gzip' });
        if (answer.status === 200 && answer.headers['x-ytring-cache'] === 'miss') break;
        await sleep(20);
      }
      assert.equal(answer?.headers['x-ytring-cache'], 'miss');
      assert.equal(answer?.headers['content-encoding'], 'gzip');
      const html = gunzipSync(answer!.body).toString();
      assert.match(html, /name="token" value="[^"]+"/);
      assert.match(html, /<\/html>\s*$/);
      assert.match(String(answer?.headers['cache-control']), /private, no-store/);
    });
  });
}
