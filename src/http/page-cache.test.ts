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
import { openContentVersion, type ContentVersion } from '../storage/content-version.js';
import { loadAssets } from './assets.js';
import { acceptedEncodings } from './accept-encoding.js';
import { crcCombine, gzipAround, shiftOperator } from './gzip-splice.js';
import { canonicalPath, PageCache } from './page-cache.js';
import { buildServer } from './server.js';

describe('gzip around a fresh part', () => {
  it('gives a gzip stream that unpacks to the whole page, whatever the three parts hold', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), fc.string({ maxLength: 70_000 }), fc.string({ maxLength: 3000 }), (a, middle, c) => {
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
      }),
      { numRuns: 60 },
    );
  });
});

describe('CRC-32 of two parts joined', () => {
  it('equals the CRC of the whole', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), fc.uint8Array({ maxLength: 70_000 }), (a, b) => {
        const [first, second] = [Buffer.from(a), Buffer.from(b)];
        const crcOf = (data: Buffer) => (data.length ? crc32(data) : 0);
        assert.equal(crcCombine(crcOf(first), crcOf(second), shiftOperator(second.length)), crcOf(Buffer.concat([first, second])));
      }),
      { numRuns: 200 },
    );
  });
});

describe('canonical path', () => {
  it('decodes escaped letters, digits and -._~, and writes every other escape in upper case', () => {
    assert.equal(canonicalPath('/%61rchive/%7e%2d%2e%5f'), '/archive/~-._');
    assert.equal(canonicalPath('/a%2fb/%c3%A6%20'), '/a%2Fb/%C3%A6%20');
    assert.equal(canonicalPath('/intet-at-g%C3%B8re'), '/intet-at-g%C3%B8re');
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
function rawGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
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
    after(async () => {
      await server?.close();
    });

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
      const pages = await Promise.all(
        [1, 2, 3].map(async (n) => {
          const gz = n === 2;
          const response = await rawGet(`${server.url}${postPath}`, gz ? { 'accept-encoding': 'gzip' } : {});
          assert.equal(response.headers['x-ytring-cache'], 'hit');
          return (gz ? gunzipSync(response.body) : response.body).toString();
        }),
      );
      const tokens = pages.map(tokenOf);
      assert.equal(new Set(tokens).size, 3, 'three different tokens');
      for (const [i, html] of pages.entries()) {
        const response = await postComment(server, postPath, {
          token: tokens[i]!,
          answer: answerOf(html),
          body: `Læser nummer ${i + 1} mener noget.`,
          email: `laeser${i}@debat.example`,
        });
        assert.equal(response.status, 303, `reader ${i + 1}'s question works`);
      }
      const again = await postComment(server, postPath, {
        token: tokens[0]!,
        answer: answerOf(pages[0]!),
        body: 'Samme spørgsmål igen.',
        email: 'igen@debat.example',
      });
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

    it('serves a page asked with query parameters it does not read from the entry it already has', async () => {
      await warm('/');
      for (const query of [`?x=${Math.random()}`, `?utm_source=nyhedsbrev&fbclid=${Math.random()}`, '?page=&x=1']) {
        const response = await server.get(`/${query}`);
        await response.arrayBuffer();
        assert.equal(response.headers.get('x-ytring-cache'), 'hit', `/${query} comes from the cache`);
      }
      await warm(postPath);
      const post = await server.get(`${postPath}?x=${Math.random()}`);
      assert.equal(post.headers.get('x-ytring-cache'), 'hit');
      assert.ok(tokenOf(await post.text()), 'the post page still has its question');
      // The parameters a page does read, in any order, repeated or with empty ones beside them.
      await warm('/search?q=cachen&year=2026');
      const search = await server.get(`/search?year=2026&x=${Math.random()}&q=cachen&q=andet&blog=`);
      assert.equal(search.headers.get('x-ytring-cache'), 'hit');
      assert.match(await search.text(), /cachen/);
    });

    it('sends an address with a value its page does not take (a comment page or reply id that is none, a list page that is no number) to the address without it, rendering nothing', async () => {
      await warm(postPath);
      const junk = () => Math.random().toString(36).slice(2);
      const cases: [string, string][] = [
        [`${postPath}?comments-page=${junk()}`, postPath],
        [`${postPath}?comments-page=02`, postPath],
        [`${postPath}?reply=${junk()}`, postPath],
        [`${postPath}?comments-page=x${junk()}&reply=${junk()}&utm_source=nyhedsbrev`, postPath],
        [`/?page=${junk()}`, '/'],
        ['/?page=0', '/'],
        [`/search?q=cachen&page=${junk()}`, '/search?q=cachen'],
      ];
      for (const [asked, to] of cases) {
        const response = await server.get(asked);
        assert.equal(response.status, 301, asked);
        assert.equal(response.headers.get('location'), to, asked);
        assert.equal(response.headers.get('x-ytring-cache'), null, `${asked}: nothing rendered, nothing looked up`);
        await response.arrayBuffer();
      }
      const post = await server.get(`${postPath}?comments-page=${junk()}`, { redirect: 'follow' });
      assert.equal(post.status, 200);
      assert.equal(post.headers.get('x-ytring-cache'), 'hit', 'followed, the post page comes from the cache');
      assert.ok(tokenOf(await post.text()), 'with a question of its own');
    });

    it('serves the privacy page and the icon asked with parameters they do not read from the entry they already have', async () => {
      await warm('/privacy');
      const response = await server.get(`/privacy?x=${Math.random()}&utm_source=nyhedsbrev`);
      await response.arrayBuffer();
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('x-ytring-cache'), 'hit', '/privacy with a query comes from the cache');
      // The icon's bytes (and their compressed forms) are made once at start and sent from memory,
      // whatever the query: the same bytes, never a new entry.
      const plain = Buffer.from(await (await server.get('/favicon.ico')).arrayBuffer());
      const asked = await server.get(`/favicon.ico?x=${Math.random()}`);
      assert.equal(asked.status, 200);
      assert.deepEqual(Buffer.from(await asked.arrayBuffer()), plain);
    });

    it("sends another spelling of a page's address to the one it is kept under", async () => {
      await warm('/archive');
      for (const [asked, canonical] of [
        ['/%61rchive', '/archive'],
        [`/%61rc%68ive?x=${Math.random()}`, '/archive'],
        [
          `${postPath.replace(/^\/(.)/, (_, c: string) => `/%${c.charCodeAt(0).toString(16)}`)}?comments-page=1`,
          `${postPath}?comments-page=1`,
        ],
      ] as const) {
        const response = await server.get(asked);
        assert.equal(response.status, 301, asked);
        assert.equal(response.headers.get('location'), canonical);
        await response.arrayBuffer();
      }
      // Never to another site: '//host' and a backslash are what a browser reads as one.
      for (const asked of ['//evil.example/%61', '/\\evil.example/%61', '/%5Cevil.example/%61']) {
        const response = await rawGet(`${server.url}${asked}`);
        const location = String(response.headers.location ?? '');
        assert.ok(!/^(\/\/|\/\\|[a-z]+:)/i.test(location), `${asked} → ${location}`);
      }
    });

    it('keeps a reply page like any other, and renders none for an id that is no comment of the post', async () => {
      await postComment(server, postPath, { body: 'Svar gerne på denne.', name: 'Rasmus Replik', email: 'replik@debat.example' });
      const comment = await server.db
        .selectFrom('comments')
        .select('id')
        .where('body', '=', 'Svar gerne på denne.')
        .executeTakeFirstOrThrow();
      const replyPath = `${postPath}?reply=${comment.id}`;
      await warm(replyPath);
      const tokens = new Set<string | undefined>();
      for (let i = 0; i < 2; i++) {
        const page = await server.get(`${replyPath}&x=${Math.random()}`);
        assert.equal(page.headers.get('x-ytring-cache'), 'hit');
        assert.match(page.headers.get('cache-control') ?? '', /private, no-store/);
        const html = await page.text();
        assert.match(html, new RegExp(`name="parent" value="${comment.id}"`));
        tokens.add(tokenOf(html));
      }
      assert.equal(tokens.size, 2, 'each reader gets a question of their own');
      for (const id of ['00000000-0000-7000-8000-000000000000', `${comment.id.slice(0, -1)}${comment.id.endsWith('0') ? '1' : '0'}`]) {
        const response = await server.get(`${postPath}?reply=${id}&comments-page=1`);
        assert.equal(response.status, 303, `?reply=${id} is sent to the post`);
        assert.equal(response.headers.get('location'), postPath);
        await response.arrayBuffer();
      }
      // Nor for every comment page number past the end: the post's count of threads bounds them.
      const far = await server.get(`${postPath}?comments-page=${100_000 + Math.floor(Math.random() * 800_000)}`);
      assert.equal(far.status, 303);
      assert.equal(far.headers.get('location'), postPath);
    });

    it('still tells pages apart by the query parameters they read', async () => {
      await warm('/search?q=cachen');
      const other = await server.get('/search?q=ukendtord');
      assert.notEqual(other.headers.get('x-ytring-cache'), 'hit');
      assert.doesNotMatch(await other.text(), /value="cachen"/);
    });

    it('is not emptied by writes to what no page shows: privacy and reset requests, a failed login, a refused or held comment', async () => {
      const hits = async (what: string) => {
        // PostgreSQL's notifications arrive a moment after the commit: give any a chance to.
        await new Promise((resolve) => setTimeout(resolve, 150));
        for (const path of ['/', postPath]) {
          const response = await server.get(path);
          await response.arrayBuffer();
          assert.equal(response.headers.get('x-ytring-cache'), 'hit', `${path} is still cached after ${what}`);
        }
      };
      const form = (fields: Record<string, string>) => ({
        method: 'POST',
        body: new URLSearchParams(fields),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      await postComment(server, postPath, { body: 'Et tidligere indlæg.', email: 'kendt@debat.example' });
      await updateSiteSettings(server.db, { commentPolicy: 'all' });
      try {
        await warm('/');
        await warm(postPath);
        await hits('nothing');
        const privacy = await server.get('/privacy', form({ email: 'kendt@debat.example' }));
        assert.equal(privacy.status, 200);
        await privacy.arrayBuffer();
        await hits('a privacy request');
        const reset = await server.get('/admin/reset', form({ email: 'ingen@debat.example' }));
        assert.equal(reset.status, 200);
        await reset.arrayBuffer();
        await hits('a password reset request');
        const login = await server.get('/admin/login', form({ email: 'ingen@debat.example', password: 'forkert-kodeord' }));
        assert.equal(login.status, 401);
        await login.arrayBuffer();
        await hits('a failed login');
        const page = await (await server.get(postPath)).text();
        const refused = await postComment(server, postPath, { token: tokenOf(page)!, answer: '-1', body: 'Forkert svar.' });
        assert.equal(refused.status, 422);
        await refused.arrayBuffer();
        await hits('a refused comment');
        const held = await postComment(server, postPath, { body: 'Venter på en moderator igen.', email: 'ny@debat.example' });
        assert.equal(held.status, 303);
        await hits('a comment held for moderation');
      } finally {
        await updateSiteSettings(server.db, { commentPolicy: 'open' });
      }
      // A moderator approving the held comment brings it into view: that empties the cache.
      await warm(postPath);
      await server.db.updateTable('comments').set({ status: 'approved' }).where('body', '=', 'Venter på en moderator igen.').execute();
      let html = '';
      for (let i = 0; i < 50 && !html.includes('Venter på en moderator igen.'); i++) {
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, 20));
        html = await (await server.get(postPath)).text();
      }
      assert.match(html, /Venter på en moderator igen\./);
      // A change a page shows still counts at once.
      await warm(postPath);
      const shown = await postComment(server, postPath, { body: 'Synlig med det samme.', email: 'synlig@debat.example' });
      assert.equal(shown.status, 303);
      const after = await server.get(postPath);
      assert.notEqual(after.headers.get('x-ytring-cache'), 'hit');
      assert.match(await after.text(), /Synlig med det samme\./);
    });

    it('never answers 304 to a post page with a question, and lets no shared cache keep one', async () => {
      await warm(postPath);
      for (let i = 0; i < 2; i++) {
        const first = await server.get(postPath);
        const token = tokenOf(await first.text());
        assert.ok(token);
        assert.equal(first.headers.get('x-ytring-cache'), 'hit');
        // The browser asks again with whatever validators it was given, as on a reload.
        const again = await server.get(postPath, {
          headers: {
            'if-none-match': first.headers.get('etag') ?? '*',
            'if-modified-since': first.headers.get('last-modified') ?? new Date().toUTCString(),
          },
        });
        assert.equal(again.status, 200, 'a reload gets the page again, not 304');
        const fresh = tokenOf(await again.text());
        assert.ok(fresh);
        assert.notEqual(fresh, token, 'with a question of its own');
        const cacheControl = first.headers.get('cache-control') ?? '';
        assert.match(cacheControl, /\bno-store\b/);
        assert.match(cacheControl, /\bprivate\b/);
        assert.doesNotMatch(cacheControl, /\bpublic\b|s-maxage/);
        assert.equal(first.headers.get('cdn-cache-control'), 'no-store');
        // A validator could never match a page whose every copy differs, and hashing it costs each read.
        assert.equal(first.headers.get('etag'), null);
        assert.equal(first.headers.get('last-modified'), null);
      }
      // Rendered anew (the cache just emptied) it says the same.
      await server.db
        .updateTable('posts')
        .set({ lead: `Ny indledning ${Math.random()}` })
        .where('id', '=', postId)
        .execute();
      let miss: Response | undefined;
      for (let i = 0; i < 50; i++) {
        miss = await server.get(postPath);
        if (miss.headers.get('x-ytring-cache') === 'miss') break;
        await miss.arrayBuffer();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.equal(miss!.headers.get('x-ytring-cache'), 'miss');
      assert.match(miss!.headers.get('cache-control') ?? '', /private, no-store/);
      assert.equal(miss!.headers.get('cdn-cache-control'), 'no-store');
      assert.equal(miss!.headers.get('etag'), null);
      const token = tokenOf(await miss!.text());
      const reload = await server.get(postPath, { headers: { 'if-none-match': miss!.headers.get('etag') ?? '*' } });
      assert.equal(reload.status, 200);
      assert.notEqual(tokenOf(await reload.text()), token);
    });

    it('keeps ETags, 304 and shared caching for a post page without a question', async () => {
      await updateSiteSettings(server.db, { questionEnabled: false });
      try {
        await warm(postPath);
        const first = await server.get(postPath);
        await first.arrayBuffer();
        assert.match(first.headers.get('cache-control') ?? '', /^public/);
        const again = await server.get(postPath, { headers: { 'if-none-match': first.headers.get('etag')! } });
        assert.equal(again.status, 304);
      } finally {
        await updateSiteSettings(server.db, { questionEnabled: true });
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

for (const dialect of DIALECTS) {
  describe(`the content version on a cache miss (${dialect})`, () => {
    let server: TestServer;
    let version: ContentVersion;
    after(async () => {
      await version?.close();
      await server?.close();
    });

    it('is read once per page rendered: on PostgreSQL each read is a round trip to the listening connection', async () => {
      server = await startTestServer(dialect);
      const post = await buildPost(server.db, { title: 'Én tur frem og tilbage' });
      const blog = await server.db.selectFrom('blogs').select('slug').where('id', '=', post.blogId).executeTakeFirstOrThrow();
      version = await openContentVersion({ dialect, url: server.database.config.url, readInteger: server.app.database.readInteger });
      let reads = 0;
      const counted: ContentVersion = {
        current: () => {
          reads++;
          return version.current();
        },
        close: () => version.close(),
      };
      const app = await buildServer({
        db: server.db,
        secret: server.app.secret,
        baseUrl: 'http://localhost',
        assets: loadAssets(),
        logLevel: 'silent',
        pageCache: new PageCache({ maxBytes: 8 * 1024 * 1024, version: counted }),
        contentVersion: counted,
        uploadsDir: server.uploadsDir,
      });
      try {
        for (const path of ['/', `/${blog.slug}/${post.slug}`]) {
          reads = 0;
          const miss = await app.inject(path);
          assert.equal(miss.statusCode, 200);
          assert.equal(miss.headers['x-ytring-cache'], 'miss');
          assert.equal(reads, 1, `${path} rendered with one read of the content version`);
        }
      } finally {
        await app.close();
      }
    });
  });
}

describe('the page cache turned off (PAGE_CACHE_MB=0)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer('sqlite', { env: { PAGE_CACHE_MB: '0' } });
  });
  after(async () => {
    await server?.close();
  });

  it("sends a post page with a question as the reader's own, not for shared caches", async () => {
    const post = await buildPost(server.db, { title: 'Uden cache' });
    const blog = await server.db.selectFrom('blogs').select('slug').where('id', '=', post.blogId).executeTakeFirstOrThrow();
    const response = await server.get(`/${blog.slug}/${post.slug}`);
    assert.ok(tokenOf(await response.text()));
    assert.match(response.headers.get('cache-control') ?? '', /private, no-store/);
    assert.equal(response.headers.get('cdn-cache-control'), 'no-store');
  });

  it('sends pages gzip to a reader who takes it, as a bare server would, and whole to one who does not', async () => {
    const post = await buildPost(server.db, { title: 'Pakket uden cache' });
    const blog = await server.db.selectFrom('blogs').select('slug').where('id', '=', post.blogId).executeTakeFirstOrThrow();
    for (const path of ['/', `/${blog.slug}/${post.slug}`, '/feed.atom']) {
      const packed = await rawGet(`${server.url}${path}`, { 'accept-encoding': 'gzip, deflate, br' });
      assert.equal(packed.status, 200, path);
      assert.equal(packed.headers['content-encoding'], 'gzip', path);
      assert.match(String(packed.headers.vary), /accept-encoding/i, path);
      const plain = await rawGet(`${server.url}${path}`);
      assert.equal(plain.headers['content-encoding'], undefined, path);
      // The post page's question differs from answer to answer; the others are the same page either way.
      if (path === `/${blog.slug}/${post.slug}`) assert.ok(tokenOf(gunzipSync(packed.body).toString()), path);
      else assert.equal(gunzipSync(packed.body).toString(), plain.body.toString(), path);
    }
  });

  it('renders every page anew', async () => {
    for (let i = 0; i < 3; i++) {
      const response = await server.get('/');
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('x-ytring-cache'), null);
      await response.arrayBuffer();
    }
  });
});
