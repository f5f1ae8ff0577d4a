/**
 * The brotli form of a kept page: quick to make while the page has just changed (a live debate
 * renews it every second), the best quality once it has stayed the same a while; both unpack to
 * the same page.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { brotliCompressSync, brotliDecompressSync, constants as zlib } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { buildPost } from '../../test/support/factories.js';
import { DIALECTS } from '../../test/support/db.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { openContentVersion, type ContentVersion } from '../storage/content-version.js';
import { loadAssets } from './assets.js';
import { PageCache } from './page-cache.js';
import { buildServer } from './server.js';

interface Raw {
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function rawGet(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const SETTLE_MS = 400;
// Brotli's output is fixed by its input and parameters, so the quality a form was made at shows in its bytes.
const brotliAt = (quality: number, page: Buffer) =>
  brotliCompressSync(page, {
    params: {
      [zlib.BROTLI_PARAM_QUALITY]: quality,
      [zlib.BROTLI_PARAM_SIZE_HINT]: page.length,
      [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
    },
  });

for (const dialect of DIALECTS) {
  describe(`the brotli form of a kept page (${dialect})`, () => {
    let server: TestServer;
    let version: ContentVersion;
    let app: FastifyInstance;
    let url: string;
    let postId: string;

    before(async () => {
      server = await startTestServer(dialect);
      postId = (await buildPost(server.db, { title: 'Brotli på prøve' })).id;
      version = await openContentVersion({ dialect, url: server.database.config.url, readInteger: server.app.database.readInteger });
      app = await buildServer({
        db: server.db,
        secret: server.app.secret,
        baseUrl: 'http://localhost',
        assets: loadAssets(),
        logLevel: 'silent',
        pageCache: new PageCache({ maxBytes: 8 * 1024 * 1024, version, settleMs: SETTLE_MS }),
        contentVersion: version,
        uploadsDir: server.uploadsDir,
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    after(async () => {
      await app?.close();
      await version?.close();
      await server?.close();
    });

    /** The front page as kept (uncompressed) and its brotli form, once the cache has one. */
    async function keptPage(): Promise<{ page: Buffer; br: Buffer }> {
      for (let i = 0; i < 100; i++) {
        const br = await rawGet(`${url}/`, { 'accept-encoding': 'br' });
        const page = await rawGet(`${url}/`);
        if (br.headers['x-ytring-cache'] === 'hit' && br.headers['content-encoding'] === 'br' && page.headers['x-ytring-cache'] === 'hit') {
          if (brotliDecompressSync(br.body).equals(page.body)) return { page: page.body, br: br.body };
        }
        await sleep(10);
      }
      throw new Error('the front page never came from the cache in brotli');
    }

    async function changeThePage(title: string) {
      await server.db.updateTable('posts').set({ title }).where('id', '=', postId).execute();
      for (let i = 0; i < 100; i++) {
        if ((await rawGet(`${url}/`)).body.toString().includes(title)) return;
        await sleep(10);
      }
      throw new Error('the change never showed');
    }

    it('gives a page that changed just now the quick brotli form, which unpacks to the page', async () => {
      await changeThePage('Lige ændret');
      const { page, br } = await keptPage();
      assert.ok(page.toString().includes('Lige ændret'));
      assert.ok(br.equals(brotliAt(5, page)), 'quality 5, not 9');
      assert.ok(!br.equals(brotliAt(9, page)));
    });

    it('gives a page unchanged for a while its best brotli form, and the quick one again after a change', async () => {
      await changeThePage('Stille et stykke tid');
      await keptPage();
      await sleep(SETTLE_MS + 50);
      let settled: { page: Buffer; br: Buffer } | undefined;
      for (let i = 0; i < 200 && !settled; i++) {
        const kept = await keptPage();
        if (kept.br.equals(brotliAt(9, kept.page))) settled = kept;
        else await sleep(10);
      }
      assert.ok(settled, 'quality 9 once the page stayed the same');
      assert.ok(brotliDecompressSync(settled.br).equals(settled.page));

      await changeThePage('Ændret igen');
      const changed = await keptPage();
      assert.ok(changed.br.equals(brotliAt(5, changed.page)), 'a new version starts quick again');
    });
  });
}
