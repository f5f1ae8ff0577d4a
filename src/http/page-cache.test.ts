import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, constants as zlib, crc32, deflateRawSync, gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { sql } from 'kysely';
import { updateSiteSettings } from '../settings/settings.service.js';
import { buildPost } from '../../test/support/factories.js';
import { answerOf, postComment } from '../../test/support/comments.js';
import { DIALECTS } from '../../test/support/db.js';
import { loginAs } from '../../test/support/admin.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { acceptedEncodings, crcCombine, gzipAround, shiftOperator } from './page-cache.js';

describe('gzip around a fresh part', () => {
  it('gives a gzip stream that unpacks to the whole page, whatever the three parts hold', () => {
    fc.assert(fc.property(fc.string({ maxLength: 3000 }), fc.string({ maxLength: 70_000 }), fc.string({ maxLength: 3000 }), (a, middle, c) => {
      const before = Buffer.from(a);
      const after = Buffer.from(c);
      const hole = {
        after,
        fill: () => middle,
        gzipBefore: deflateRawSync(before, { finishFlush: zlib.Z_FULL_FLUSH }),
        gzipAfter: deflateRawSync(after),
        crcBefore: before.length ? crc32(before) : 0,
        crcAfter: after.length ? crc32(after) : 0,
        shiftAfter: shiftOperator(after.length),
      };
      const packed = gzipAround(hole, Buffer.from(middle), before.length);
      assert.equal(gunzipSync(packed).toString(), a + middle + c);
    }), { numRuns: 60 });
  });
});

describe('CRC-32 of two parts joined', () => {
  it('equals the CRC of the whole', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 5000 }), fc.uint8Array({ maxLength: 70_000 }), (a, b) => {
      const [first, second] = [Buffer.from(a), Buffer.from(b)];
      const crcOf = (data: Buffer) => (data.length ? crc32(data) : 0);
      assert.equal(crcCombine(crcOf(first), crcOf(second), shiftOperator(second.length)), crcOf(Buffer.concat([first, second])));
    }), { numRuns: 200 });
  });
});

describe('accepted encodings', () => {
  it('reads the header, and q=0 refuses', () => {
    assert.deepEqual(acceptedEncodings('gzip, deflate, br'), { br: true, gzip: true });
    assert.deepEqual(acceptedEncodings('gzip;q=1.0, br;q=0'), { br: false, gzip: true });
    assert.deepEqual(acceptedEncodings(undefined), { br: false, gzip: false });
    assert.deepEqual(acceptedEncodings('identity'), { br: false, gzip: false });
  });
});

/** A raw GET, so the test sees the bytes as sent and decodes them itself. */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const tokenOf = (html: string) => /name="token" value="([^"]+)"/.exec(html)?.[1];

for (const dialect of DIALECTS) {
  describe(`the page cache (${dialect})`, () => {
    let server: TestServer;
    let postPath: string;
    let postId: string;

    before(async () => {
      server = await startTestServer(dialect);
      await updateSiteSettings(server.db, { minSecondsToSubmit: 0, commentPolicy: 'open' });
      const post = await buildPost(server.db, { title: 'Cachen på prøve' });
      const blog = await server.db.selectFrom('blogs').select('slug').where('id', '=', post.blogId).executeTakeFirstOrThrow();
      postPath = `/${blog.slug}/${post.slug}`;
      postId = post.id;
    });
    after(async () => { await server?.close(); });

    /** Asks until the page comes from the cache; PostgreSQL's notifications of the setup may still be arriving. */
    async function warm(path: string) {
      for (let i = 0; i < 50; i++) {
        const response = await server.get(path);
        await response.arrayBuffer();
        if (response.headers.get('x-ytring-cache') === 'hit') return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`${path} never came from the cache`);
    }

    it('serves the second anonymous reader from memory, in gzip and brotli that unpack to the same page', async () => {
      await warm('/');
      const plain = await rawGet(`${server.url}/`);
      const gz = await rawGet(`${server.url}/`, { 'accept-encoding': 'gzip' });
      const br = await rawGet(`${server.url}/`, { 'accept-encoding': 'gzip, br' });
      assert.equal(plain.headers['x-ytring-cache'], 'hit');
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.equal(gunzipSync(gz.body).toString(), plain.body.toString());
      // Brotli is made in the background after the first render: it may take a moment to be there.
      let brotli = br;
      for (let i = 0; i < 50 && brotli.headers['content-encoding'] !== 'br'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        brotli = await rawGet(`${server.url}/`, { 'accept-encoding': 'gzip, br' });
      }
      assert.equal(brotli.headers['content-encoding'], 'br');
      assert.equal(brotliDecompressSync(brotli.body).toString(), plain.body.toString());
      assert.equal(plain.headers.vary, 'accept-encoding');
      assert.match(String(plain.headers['cache-control']), /^public, max-age=0, s-maxage=\d+$/);
      assert.match(String(plain.headers['cdn-cache-control']), /^max-age=\d+, stale-while-revalidate=\d+$/);
      assert.ok(gz.body.length * 2 < plain.body.length, 'the gzip form is much smaller');
    });

    it('answers 304 to a reader who has the page, and a changed page to one who has the old one', async () => {
      await warm('/');
      const first = await server.get('/');
      const etag = first.headers.get('etag')!;
      await first.arrayBuffer();
      const again = await server.get('/', { headers: { 'if-none-match': etag } });
      assert.equal(again.status, 304);
      await server.db.updateTable('posts').set({ title: 'Cachen, nu med ny titel' }).where('id', '=', postId).execute();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const changed = await server.get('/', { headers: { 'if-none-match': etag } });
      assert.equal(changed.status, 200);
      assert.match(await changed.text(), /Cachen, nu med ny titel/);
    });

    it('gives every reader of a cached post page a question of their own, each of which works once', async () => {
      await warm(postPath);
      const pages = await Promise.all([1, 2, 3].map(async (n) => {
        const gz = n === 2;
        const response = await rawGet(`${server.url}${postPath}`, gz ? { 'accept-encoding': 'gzip' } : {});
        assert.equal(response.headers['x-ytring-cache'], 'hit');
        return (gz ? gunzipSync(response.body) : response.body).toString();
      }));
      const tokens = pages.map(tokenOf);
      assert.equal(new Set(tokens).size, 3, 'three different tokens');
      for (const [i, html] of pages.entries()) {
        const response = await postComment(server, postPath, { token: tokens[i]!, answer: answerOf(html), body: `Læser nummer ${i + 1} mener noget.`, email: `laeser${i}@debat.example` });
        assert.equal(response.status, 303, `reader ${i + 1}'s question works`);
      }
      const again = await postComment(server, postPath, { token: tokens[0]!, answer: answerOf(pages[0]!), body: 'Samme spørgsmål igen.', email: 'igen@debat.example' });
      assert.notEqual(again.status, 303, 'a spent question is refused');
    });

    it('shows a new comment to the next anonymous reader at once', async () => {
      await warm(postPath);
      const response = await postComment(server, postPath, { body: 'Frisk kommentar efter cachen.', email: 'frisk@debat.example' });
      assert.equal(response.status, 303);
      const page = await server.get(postPath);
      assert.match(await page.text(), /Frisk kommentar efter cachen\./);
    });

    it('forgets pages when the database is changed behind its back, as by a CLI import or another instance', async () => {
      await warm('/');
      await sql`insert into settings (key, value, updated_at) values ('title', ${JSON.stringify('Et nyt navn udefra')}, ${new Date().toISOString()})
        on conflict (key) do update set value = excluded.value`.execute(server.db);
      let html = '';
      // PostgreSQL tells the cache through a notification, which takes a moment to arrive.
      for (let i = 0; i < 50 && !html.includes('Et nyt navn udefra'); i++) {
        html = await (await server.get('/')).text();
        if (!html.includes('Et nyt navn udefra')) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.match(html, /Et nyt navn udefra/);
    });

    it('is bypassed by logged-in staff and by readers with held comments of their own', async () => {
      await warm(postPath);
      const staff = await loginAs(server, 'editor');
      const staffPage = await staff.get(postPath);
      assert.equal(staffPage.headers.get('x-ytring-cache'), null);
      assert.match(await staffPage.text(), /name="_csrf"/);
      await updateSiteSettings(server.db, { commentPolicy: 'all' });
      try {
        const held = await postComment(server, postPath, { body: 'Venter på en moderator.', email: 'venter@debat.example' });
        assert.equal(held.status, 303);
        const cookie = held.headers.get('set-cookie')!.split(';')[0]!;
        const own = await server.get(postPath, { headers: { cookie } });
        assert.equal(own.headers.get('x-ytring-cache'), null);
        assert.match(await own.text(), /Venter på en moderator\./);
        const anonymous = await server.get(postPath);
        assert.doesNotMatch(await anonymous.text(), /Venter på en moderator\./);
      } finally {
        await updateSiteSettings(server.db, { commentPolicy: 'open' });
      }
    });

    it('keeps no error page and no admin page', async () => {
      for (let i = 0; i < 2; i++) {
        const missing = await server.get('/findes/ikke');
        assert.equal(missing.status, 404);
        assert.notEqual(missing.headers.get('x-ytring-cache'), 'hit');
        await missing.arrayBuffer();
      }
      const admin = await server.get('/admin/login');
      assert.equal(admin.headers.get('x-ytring-cache'), null);
    });
  });
}

describe('the page cache turned off (PAGE_CACHE_MB=0)', () => {
  let server: TestServer;
  before(async () => { server = await startTestServer('sqlite', { env: { PAGE_CACHE_MB: '0' } }); });
  after(async () => { await server?.close(); });

  it('renders every page anew', async () => {
    for (let i = 0; i < 3; i++) {
      const response = await server.get('/');
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('x-ytring-cache'), null);
      await response.arrayBuffer();
    }
  });
});
