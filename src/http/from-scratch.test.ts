/**
 * Pages answered from scratch (the page cache off, issue 16): a page of comments and a feed's
 * entries are kept whole and compressed once, and spliced into each gzip answer. The answer must
 * be exactly the page, and never show a kept part after what it was made from changed.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { DIALECTS } from '../../test/support/db.js';
import { buildPost } from '../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { addImportedComment } from '../comments/comment.service.js';
import { updateSiteSettings } from '../settings/settings.service.js';

function rawGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; encoding?: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpRequest(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          ...(response.headers['content-encoding'] ? { encoding: response.headers['content-encoding'] } : {}),
          body: Buffer.concat(chunks),
        }),
      );
    })
      .on('error', reject)
      .end();
  });
}

/** The page as a gzip reader gets it, checked to be exactly what a reader taking no compression gets. */
async function page(server: TestServer, path: string): Promise<string> {
  const packed = await rawGet(`${server.url}${path}`, { 'accept-encoding': 'gzip' });
  const plain = await rawGet(`${server.url}${path}`);
  assert.equal(packed.status, 200, path);
  assert.equal(packed.encoding, 'gzip', path);
  // gunzip checks the spliced stream's CRC-32 and length too.
  const unpacked = gunzipSync(packed.body);
  assert.equal(unpacked.toString(), plain.body.toString(), path);
  return unpacked.toString();
}

for (const dialect of DIALECTS) {
  describe(`pages from scratch with kept comments and entries (${dialect})`, () => {
    let server: TestServer;
    let path: string;
    let postId: string;
    const ids: string[] = [];
    before(async () => {
      server = await startTestServer(dialect, { env: { PAGE_CACHE_MB: '0' } });
      // No question: nothing differs between two answers, so the gzip and plain pages can be compared whole.
      await updateSiteSettings(server.db, { questionEnabled: false, commentPolicy: 'open' });
      const post = await buildPost(server.db, { slug: 'debat', title: 'Debatten' });
      postId = post.id;
      const blog = await server.db.selectFrom('blogs').select('slug').where('id', '=', post.blogId).executeTakeFirstOrThrow();
      path = `/${blog.slug}/${post.slug}`;
      for (let i = 0; i < 6; i++) {
        const parentId = i % 3 === 2 ? ids[i - 1]! : null;
        const comment = { postId, parentId, name: `Læser ${i}`, email: `l${i}@example.test`, body: `Indlæg ${i} om sagen.` };
        ids.push(
          await addImportedComment(server.db, 'secret', 3, {
            ...comment,
            status: 'approved',
            createdAt: new Date(Date.UTC(2026, 0, 1, 10, i)),
          }),
        );
      }
    });
    after(() => server?.close());

    it('sends the post page and the feeds gzip, spliced, exactly as the page itself', async () => {
      for (let round = 0; round < 2; round++) {
        const html = await page(server, path);
        assert.ok(html.includes('Indlæg 5 om sagen.'));
        for (const feed of ['/feed.atom', '/feed.rss', `${path}/comments/feed.atom`, `${path}/comments/feed.rss`]) await page(server, feed);
      }
    });

    it('never shows a kept page of comments after a comment on it was edited, renamed, erased, moderated or answered', async () => {
      const [first, second] = [ids[0]!, ids[1]!];
      assert.ok((await page(server, path)).includes('Indlæg 0 om sagen.'));
      await server.db.updateTable('comments').set({ body: 'Rettet udgave.' }).where('id', '=', first).execute();
      const html = await page(server, path);
      assert.ok(html.includes('Rettet udgave.') && !html.includes('Indlæg 0 om sagen.'), 'the edit shows');
      await server.db.updateTable('comments').set({ author_name: 'Omdøbt Læser' }).where('id', '=', second).execute();
      assert.ok((await page(server, path)).includes('Omdøbt Læser'), 'a new name shows');
      await server.db.updateTable('comments').set({ erased_at: new Date().toISOString() }).where('id', '=', second).execute();
      assert.ok(!(await page(server, path)).includes('Omdøbt Læser'), 'an erased comment loses its name');
      await server.db.updateTable('comments').set({ status: 'trash' }).where('id', '=', first).execute();
      assert.ok(!(await page(server, path)).includes(`comment-${first}`), 'a comment moderated away is gone');
      const reply = { postId, parentId: ids[3]!, name: 'Ny', email: 'ny@example.test', body: 'Et nyt svar.' };
      await addImportedComment(server.db, 'secret', 3, { ...reply, status: 'approved', createdAt: new Date() });
      assert.ok((await page(server, path)).includes('Et nyt svar.'), 'a new reply shows');
    });

    it('never shows kept comments or entries under settings they were not made with', async () => {
      await page(server, path);
      await page(server, '/feed.atom');
      await updateSiteSettings(server.db, { language: 'en', timeZone: 'America/New_York' });
      const html = await page(server, path);
      assert.match(html, /Reply/, 'the reply links in the new language');
      assert.match(html, /<article class="post">.*>Published <time/s, "the post's byline in the new language");
      const feed = await page(server, '/feed.atom');
      assert.match(feed, /xml:lang="en"/);
      await updateSiteSettings(server.db, { language: 'da', timeZone: 'Europe/Copenhagen' });
    });

    it("compresses only a reader's own question afresh: two readers' gzip answers differ in its bytes alone", async () => {
      await updateSiteSettings(server.db, { questionEnabled: true });
      try {
        const [a, b] = [
          await rawGet(`${server.url}${path}`, { 'accept-encoding': 'gzip' }),
          await rawGet(`${server.url}${path}`, { 'accept-encoding': 'gzip' }),
        ];
        const [htmlA, htmlB] = [gunzipSync(a.body).toString(), gunzipSync(b.body).toString()];
        const question = (html: string) => /<div class="field question">.*?<\/div>/s.exec(html)?.[0] ?? '';
        assert.ok(question(htmlA) && question(htmlA) !== question(htmlB), 'each reader has a question of their own');
        assert.equal(htmlA.replace(question(htmlA), ''), htmlB.replace(question(htmlB), ''), 'the rest of the page is the same');
        // Without the trailer (its CRC-32 and length): the bytes from the first that differs to the last.
        const [x, y] = [a.body.subarray(0, -8), b.body.subarray(0, -8)];
        let head = 0;
        while (head < x.length && x[head] === y[head]) head++;
        let tail = 0;
        while (tail < x.length - head && x[x.length - 1 - tail] === y[y.length - 1 - tail]) tail++;
        // The question goes in as stored blocks (its bytes and a 5-byte header), between runs compressed once.
        assert.ok(x.length - head - tail <= Buffer.byteLength(question(htmlA)) + 5, `${x.length - head - tail} bytes differ`);
      } finally {
        await updateSiteSettings(server.db, { questionEnabled: false });
      }
    });

    it('never shows a kept run of feed entries, nor answers 304 to its ETag, after a post in it changed', async () => {
      assert.ok((await page(server, '/feed.atom')).includes('Debatten'));
      const etag = (await server.get('/feed.atom')).headers.get('etag')!;
      assert.equal((await server.get('/feed.atom', { headers: { 'if-none-match': etag } })).status, 304);
      await server.db.updateTable('posts').set({ title: 'Ny titel på debatten' }).where('id', '=', postId).execute();
      const feed = await page(server, '/feed.atom');
      assert.ok(feed.includes('Ny titel på debatten') && !feed.includes('<title type="text">Debatten</title>'));
      const again = await server.get('/feed.atom', { headers: { 'if-none-match': etag } });
      assert.equal(again.status, 200);
      assert.notEqual(again.headers.get('etag'), etag);
    });
  });
}
