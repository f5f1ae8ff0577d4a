/**
 * A kept post page follows a change to its post's comments without being rendered again when its
 * own page of comments is unchanged (issue 16, the live debate): a comment on the last page of a
 * long debate leaves the first page kept, with its counts and the live stream's start made anew.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import http from 'node:http';
import { syncBuiltinESMExports } from 'node:module';
import zlib, { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { makeQuestion } from '../comments/spam/question.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildBlog, buildPost } from '../../test/support/factories.js';
import { startSharedInstances, startTestServer, type TestServer } from '../../test/support/server.js';
import { updateSiteSettings } from '../settings/settings.service.js';
import { POSTGRES_URL } from '../../test/support/db.js';

const PER_PAGE = 5;
const SETTINGS = {
  minSecondsToSubmit: 0,
  commentsPerHourPerIp: 10_000,
  commentsPerHourPerEmail: 10_000,
  commentPolicy: 'open' as const,
  commentsPerPage: PER_PAGE,
};

/** Sends a comment the way the form does, with a question made for it, so no page is read to get one. */
async function comment(server: TestServer, path: string, postId: string, body: string, parent = ''): Promise<string> {
  const q = makeQuestion(server.app.secret, new Date(Date.now() - 10_000), { postId });
  const response = await server.get(`${path}/comments`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      name: 'Karen Kommentator',
      email: `karen${Math.random().toString(36).slice(2)}@debat.example`,
      body,
      parent,
      token: q.token,
      answer: String(q.op === 'plus' ? q.a + q.b : q.a - q.b),
      website: '',
    }),
  });
  assert.equal(response.status, 303, `comment "${body}" stored`);
  const id = /#comment-([\w-]+)/.exec(response.headers.get('location') ?? '')?.[1];
  assert.ok(id, 'the answer points at the comment');
  return id;
}

async function read(server: TestServer, path: string) {
  const response = await server.get(path);
  assert.equal(response.status, 200, path);
  return { state: response.headers.get('x-ytring-cache') ?? 'none', html: await response.text() };
}

/** The page as sent to a reader who takes gzip, unpacked here (fetch would unpack it unseen). */
function readGzip(server: TestServer, path: string): Promise<{ state: string; encoding: string; html: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${server.url}${path}`, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          try {
            resolve({
              state: String(response.headers['x-ytring-cache']),
              encoding: String(response.headers['content-encoding']),
              html: gunzipSync(Buffer.concat(chunks)).toString('utf8'),
            });
          } catch (error) {
            reject(error as Error);
          }
        });
      })
      .on('error', reject);
  });
}

/** The page rendered now, past the cache (which keeps nothing for a request with credentials): what a kept page must equal. */
async function rendered(server: TestServer, path: string): Promise<string> {
  const response = await server.get(path, { headers: { authorization: 'Bearer past-the-cache' } });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('x-ytring-cache'), null, 'not from the cache');
  return response.text();
}

/** A page without its question, which is new in every answer. */
const withoutQuestion = (html: string) => html.replace(/name="token" value="[^"]+"|Hvad er \d+ (?:plus|minus) \d+\?/g, '');

/** What a page says its comment count is, in each of the three places it says it. */
function counts(html: string) {
  return {
    heading: Number(/<h2 id="comments-heading">[^<(]*\((\d+)\)<\/h2>/.exec(html)?.[1]),
    byline: Number(/<a class="comment-count" href="#comments">(\d+) /.exec(html)?.[1]),
    structured: Number(/"commentCount":(\d+)/.exec(html)?.[1]),
  };
}

const liveAfterOf = (html: string) => Number(/data-live-after="(\d+)"/.exec(html)?.[1]);

/** What `step` has deflated in this process (the server runs in it), in bytes given to zlib. */
async function deflatedDuring<T>(step: () => Promise<T>): Promise<{ result: T; bytes: number }> {
  const original = zlib.deflateRawSync;
  let bytes = 0;
  zlib.deflateRawSync = ((buffer: Buffer, options?: zlib.ZlibOptions) => {
    bytes += buffer.length;
    return original(buffer, options);
  }) as typeof zlib.deflateRawSync;
  // The server's modules import the function by name: their bindings follow the module's exports only when synced.
  syncBuiltinESMExports();
  try {
    return { result: await step(), bytes };
  } finally {
    zlib.deflateRawSync = original;
    syncBuiltinESMExports();
  }
}

for (const dialect of DIALECTS) {
  describe(`a kept post page follows its comments (${dialect})`, () => {
    let server: TestServer;
    let path: string;
    let postId: string;
    let firstOnPageOne: string;

    before(async () => {
      server = await startTestServer(dialect);
      await updateSiteSettings(server.db, SETTINGS);
      const blog = await buildBlog(server.db, { slug: 'debat', title: 'Debat' });
      const post = await buildPost(server.db, { blogId: blog.id, slug: 'lang', title: 'En lang debat' });
      path = '/debat/lang';
      postId = post.id;
      // Seven comments: page 1 holds five, page 2 two.
      for (let i = 1; i <= 7; i++) {
        const id = await comment(server, path, postId, `Indlæg nummer ${i}`);
        if (i === 1) firstOnPageOne = id;
      }
    });
    after(() => server?.close());

    it('a comment on the last page leaves page 1 kept, with every count and the stream start made anew', async () => {
      await read(server, path);
      const before = await read(server, path);
      assert.equal(before.state, 'hit');
      assert.deepEqual(counts(before.html), { heading: 7, byline: 7, structured: 7 });
      const liveBefore = liveAfterOf(before.html);

      await comment(server, path, postId, 'Et nyt indlæg til side 2');
      const refreshed = await read(server, path);
      assert.equal(refreshed.state, 'refreshed', 'put together again, not rendered');
      assert.deepEqual(counts(refreshed.html), { heading: 8, byline: 8, structured: 8 });
      assert.ok(liveAfterOf(refreshed.html) > liveBefore, 'the live stream starts after the new comment');
      assert.match(refreshed.html, /Indlæg nummer 1/);
      assert.doesNotMatch(refreshed.html, /Et nyt indlæg til side 2/, 'page 1 does not show a page-2 comment');
      // Only the counts differ from a page rendered from scratch (the question differs per answer).
      assert.notEqual(withoutQuestion(refreshed.html), refreshed.html, 'the question was found to be left out');
      assert.equal(withoutQuestion(refreshed.html), withoutQuestion(await rendered(server, path)));

      const again = await read(server, path);
      assert.equal(again.state, 'hit');
      assert.deepEqual(counts(again.html), { heading: 8, byline: 8, structured: 8 });
      assert.match((await read(server, `${path}?comments-page=2`)).html, /Et nyt indlæg til side 2/);
    });

    it("a refreshed page's gzip form is the same page", async () => {
      await read(server, path);
      await comment(server, path, postId, 'Endnu et til side 2');
      const gzip = await readGzip(server, path);
      assert.equal(gzip.state, 'refreshed');
      assert.equal(gzip.encoding, 'gzip');
      assert.deepEqual(counts(gzip.html), { heading: 9, byline: 9, structured: 9 });
      const plain = await read(server, path);
      assert.equal(plain.state, 'hit');
      assert.equal(withoutQuestion(gzip.html), withoutQuestion(plain.html));
      assert.match(gzip.html, /<\/html>$/);
    });

    it('a reply to a comment on page 1 puts page 1 together again, with the reply in place', async () => {
      await read(server, path);
      await comment(server, path, postId, 'Et svar på det første', firstOnPageOne);
      const page = await read(server, path);
      assert.equal(page.state, 'refreshed');
      assert.match(page.html, /Et svar på det første/);
      assert.equal(counts(page.html).heading, 10);
      assert.equal(withoutQuestion(page.html), withoutQuestion(await rendered(server, path)), 'as a render shows it');
    });

    it("the last page's readers see a new comment on it without a render", async () => {
      const last = `${path}?comments-page=2`;
      await read(server, last);
      assert.equal((await read(server, last)).state, 'hit');
      await comment(server, path, postId, 'Nyt på sidste side');
      const page = await read(server, last);
      assert.equal(page.state, 'refreshed');
      assert.match(page.html, /Nyt på sidste side/);
      assert.equal(counts(page.html).heading, 11);
      assert.equal(withoutQuestion(page.html), withoutQuestion(await rendered(server, last)), 'as a render shows it');
      const gzip = await readGzip(server, last);
      assert.equal(gzip.state, 'hit');
      assert.equal(withoutQuestion(gzip.html), withoutQuestion(page.html));
    });

    it('a comment that starts a new page renders page 1 again, for its pagination', async () => {
      // Ten top-level comments fill two pages of five; the eleventh opens page 3.
      await read(server, path);
      assert.match((await read(server, path)).html, /Kommentarside 1 af 2/);
      await comment(server, path, postId, 'Det ellevte øverste');
      const page = await read(server, path);
      assert.equal(page.state, 'miss');
      assert.match(page.html, /Kommentarside 1 af 3/);
    });

    it('a change to the post itself renders the page again', async () => {
      await read(server, path);
      assert.equal((await read(server, path)).state, 'hit');
      await server.db
        .updateTable('posts')
        .set({ title: 'En lang debat, rettet', updated_at: new Date().toISOString() })
        .where('id', '=', postId)
        .execute();
      const page = await read(server, path);
      assert.equal(page.state, 'miss');
      assert.match(page.html, /En lang debat, rettet/);
    });

    it('a comment removed from page 1 by hand (moderation) leaves page 1 showing the next comments moved up', async () => {
      await read(server, path);
      assert.equal((await read(server, path)).state, 'hit');
      await server.db.transaction().execute(async (trx) => {
        await trx.updateTable('comments').set({ status: 'trash' }).where('id', '=', firstOnPageOne).execute();
        await trx
          .updateTable('posts')
          .set({ comment_count: sql`comment_count - 1` })
          .where('id', '=', postId)
          .execute();
      });
      const page = await read(server, path);
      assert.notEqual(page.state, 'hit');
      assert.doesNotMatch(page.html, /Indlæg nummer 1</);
      assert.match(page.html, /Indlæg nummer 6</, 'the sixth comment moved up to page 1');
      assert.equal(withoutQuestion(page.html), withoutQuestion(await rendered(server, path)));
    });

    it('a refresh compresses only what changed, not the text around the question', async () => {
      // Replies on the last page change page 1's counts alone, and no page is added.
      const last = await comment(server, path, postId, 'Et sidste øverste');
      await read(server, path);
      await comment(server, path, postId, 'Første svar', last);
      // The first refresh keeps the text between the parts compressed for all later ones.
      assert.equal((await read(server, path)).state, 'refreshed');
      await comment(server, path, postId, 'Andet svar', last);
      const { result: page, bytes } = await deflatedDuring(() => read(server, path));
      assert.equal(page.state, 'refreshed');
      assert.ok(page.html.length > 4096, 'a page of some size');
      // The new counts are a few bytes, which go in stored as they are: nothing else is new.
      assert.equal(bytes, 0, `${bytes} bytes compressed to put page 1 together with a new count`);
      assert.equal(withoutQuestion(page.html), withoutQuestion(await rendered(server, path)));
      const gzip = await readGzip(server, path);
      assert.equal(withoutQuestion(gzip.html), withoutQuestion(page.html), 'its gzip form is the same page');
    });

    it('a page keeps what its refresh put in when the next change is on another page', async () => {
      const own = await buildPost(server.db, { blogId: (await buildBlog(server.db, { slug: 'to-sider' })).id, slug: 'to-sider' });
      const ownPath = '/to-sider/to-sider';
      // Six threads: page 1 holds five, page 2 one.
      const first = await comment(server, ownPath, own.id, 'Tråd 1');
      for (let i = 2; i <= 6; i++) await comment(server, ownPath, own.id, `Tråd ${i}`);
      await read(server, ownPath);
      await comment(server, ownPath, own.id, 'Svaret i tråd 1', first);
      assert.equal((await read(server, ownPath)).state, 'refreshed');
      // A thread on page 2: page 1's comments are as its refresh left them, reply and all.
      await comment(server, ownPath, own.id, 'Tråd 7');
      const page = await read(server, ownPath);
      assert.equal(page.state, 'refreshed');
      assert.match(page.html, /Svaret i tråd 1/);
      assert.equal(withoutQuestion(page.html), withoutQuestion(await rendered(server, ownPath)), 'as a render shows it');
    });
  });
}

describe('a kept post page follows a comment sent to another instance (postgres)', { skip: !POSTGRES_URL && 'no PostgreSQL' }, () => {
  it("the second instance refreshes its page 1 from the first instance's comment", async () => {
    const set = await startSharedInstances(2);
    try {
      const [one, two] = set.servers as [TestServer, TestServer];
      await updateSiteSettings(one.db, SETTINGS);
      const blog = await buildBlog(one.db, { slug: 'debat', title: 'Debat' });
      const post = await buildPost(one.db, { blogId: blog.id, slug: 'delt', title: 'Delt debat' });
      const path = '/debat/delt';
      for (let i = 1; i <= 6; i++) await comment(one, path, post.id, `Delt indlæg ${i}`);
      await read(two, path);
      assert.equal((await read(two, path)).state, 'hit');
      await comment(one, path, post.id, 'Fra den første instans');
      const page = await read(two, path);
      assert.equal(page.state, 'refreshed');
      assert.deepEqual(counts(page.html), { heading: 7, byline: 7, structured: 7 });
    } finally {
      await set.close();
    }
  });
});
