import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { updateSiteSettings } from '../settings/settings.service.js';
import { buildBlog, buildPerson, buildPost } from '../../test/support/factories.js';
import { DIALECTS } from '../../test/support/db.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';

for (const dialect of DIALECTS) {
  describe(`site pages (${dialect})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect);
    });
    after(async () => {
      await server?.close();
    });

    it('answers the health check with JSON when the database answers', async () => {
      const response = await server.get('/healthz');
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { status: 'ok', database: 'up' });
    });

    it('lists the newest posts of every blog on the front page, paginated', async () => {
      await updateSiteSettings(server.db, { postsPerPage: 2 });
      const now = Date.now();
      const a = await buildBlog(server.db, { title: 'Blog A' });
      const b = await buildBlog(server.db, { title: 'Blog B' });
      await buildPost(server.db, { blogId: a.id, title: 'Ældst', publishedAt: new Date(now - 30_000) });
      await buildPost(server.db, { blogId: b.id, title: 'Midterst', publishedAt: new Date(now - 20_000) });
      await buildPost(server.db, { blogId: a.id, title: 'Nyest', publishedAt: new Date(now - 10_000) });
      const first = await (await server.get('/')).text();
      assert.ok(first.indexOf('Nyest') < first.indexOf('Midterst'));
      assert.doesNotMatch(first, /Ældst/);
      assert.match(first, /Blog B/);
      assert.match(first, /href="\/\?page=2" rel="next"/);
      assert.match(await (await server.get('/?page=2')).text(), /Ældst/);
      await updateSiteSettings(server.db, { postsPerPage: 10 });
    });

    it('answers 404 for a page number past the end, and sends one that is no number to the first page', async () => {
      assert.equal((await server.get('/?page=999')).status, 404);
      const notANumber = await server.get('/?page=abc');
      assert.equal(notANumber.status, 301);
      assert.equal(notANumber.headers.get('location'), '/');
    });

    it("shows the owner's profile box and only that blog's posts on a blog page", async () => {
      const owner = await buildPerson(server.db, { name: 'Ejer Ejersen', jobTitle: 'Chefkonsulent' });
      const blog = await buildBlog(server.db, { slug: 'ejers-blog', description: 'Jeg skriver om ledelse.', ownerIds: [owner.id] });
      await buildPost(server.db, { blogId: blog.id, title: 'Eget indlæg' });
      await buildPost(server.db, { title: 'Fremmed indlæg' });
      const html = await (await server.get('/ejers-blog')).text();
      assert.match(html, /Ejer Ejersen/);
      assert.match(html, /Chefkonsulent/);
      assert.match(html, /Jeg skriver om ledelse\./);
      assert.match(html, /aria-hidden="true">EE</);
      assert.match(html, /Eget indlæg/);
      assert.doesNotMatch(html, /Fremmed indlæg/);
    });

    it("lists a person's posts across blogs on the author page", async () => {
      const author = await buildPerson(server.db, { name: 'Skribent Skrivesen' });
      await buildPost(server.db, { title: 'I den ene blog', authors: [{ personId: author.id }] });
      await buildPost(server.db, { title: 'I den anden blog', authors: [{ personId: author.id }] });
      const html = await (await server.get('/authors/skribent-skrivesen')).text();
      assert.match(html, /I den ene blog/);
      assert.match(html, /I den anden blog/);
    });

    it('lists the posts with a tag on the tag page', async () => {
      await buildPost(server.db, { title: 'Om velfærd', tags: ['Velfærd'] });
      await buildPost(server.db, { title: 'Om noget andet', tags: ['Andet'] });
      const html = await (await server.get('/tags/velfaerd')).text();
      assert.match(html, /Emne: Velfærd/);
      assert.match(html, /Om velfærd/);
      assert.doesNotMatch(html, /Om noget andet/);
    });

    it('keeps one tag for a name without Latin letters, used on two posts', async () => {
      const first = await buildPost(server.db, { title: 'Første om netværk', tags: ['网络'] });
      await buildPost(server.db, { title: 'Andet om netværk', tags: ['网络'] });
      const tags = await server.db.selectFrom('tags').select('slug').where('name', '=', '网络').execute();
      assert.equal(tags.length, 1);
      const html = await (await server.get(`/tags/${tags[0]!.slug}`)).text();
      assert.match(html, /Første om netværk/);
      assert.match(html, /Andet om netværk/);
      assert.ok(first.id);
    });

    it('groups posts by month in the archive, in the site time zone', async () => {
      await buildPost(server.db, { title: 'Nytårsindlæg', publishedAt: new Date('2025-12-31T23:30:00Z') });
      const archive = await (await server.get('/archive')).text();
      assert.match(archive, /href="\/archive\/2026\/01">januar 2026<\/a>/);
      const month = await (await server.get('/archive/2026/01')).text();
      assert.match(month, /Nytårsindlæg/);
      assert.doesNotMatch(await (await server.get('/archive/2025/12')).text(), /Nytårsindlæg/);
    });

    it('shows a 404 page with a way back for unknown addresses', async () => {
      const response = await server.get('/findes/ikke/her');
      assert.equal(response.status, 404);
      const html = await response.text();
      assert.match(html, /<a href="\/">Gå til forsiden<\/a>/);
      assert.match(html, /<html lang="da">/);
    });

    it('offers a search on the 404 page, so a reader with an old link can find the post', async () => {
      const html = await (await server.get('/findes/ikke/her')).text();
      assert.match(
        html,
        /<main[\s\S]*<form class="search-form" role="search" autocomplete="off" method="get" action="\/search" aria-label="Søg efter indlæg">/,
      );
      assert.match(html, /<input id="error-search-q" name="q" type="search"/);
    });

    it('speaks English when the site language is English', async () => {
      const post = await buildPost(server.db, { slug: 'english' });
      await updateSiteSettings(server.db, { language: 'en' });
      const row = await server.db.selectFrom('blogs').select('slug').where('id', '=', post.blogId).executeTakeFirstOrThrow();
      const html = await (await server.get(`/${row.slug}/english`)).text();
      await updateSiteSettings(server.db, { language: 'da' });
      assert.match(html, /<html lang="en">/);
      assert.match(html, /<span class="byline byline--photos">By /);
      assert.match(html, /Skip to content/);
    });

    it('sends security headers and answers a repeated request with 304', async () => {
      const first = await server.get('/');
      assert.match(first.headers.get('content-security-policy') ?? '', /script-src 'self'/);
      assert.doesNotMatch(first.headers.get('content-security-policy') ?? '', /unsafe-inline/);
      assert.equal(first.headers.get('x-content-type-options'), 'nosniff');
      const etag = first.headers.get('etag');
      assert.ok(etag);
      const second = await server.get('/', { headers: { 'if-none-match': etag } });
      assert.equal(second.status, 304);
    });

    it('serves fingerprinted assets with a long cache lifetime', async () => {
      const html = await (await server.get('/')).text();
      const css = /href="(\/static\/style\.[0-9a-f]+\.css)"/.exec(html)?.[1];
      assert.ok(css);
      const response = await server.get(css);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('cache-control') ?? '', /immutable/);
      assert.match(response.headers.get('content-type') ?? '', /text\/css/);
    });
  });
}
