import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeEmail } from '../shared/email-obfuscation.js';
import { buildBlog, buildPerson, buildPost } from '../../test/support/factories.js';
import { DIALECTS } from '../../test/support/db.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { deletePost, updatePost } from './post.service.js';

const HARVESTABLE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}/;

for (const dialect of DIALECTS) {
  describe(`post page (${dialect})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect);
    });
    after(async () => {
      await server?.close();
    });

    it('shows every part of a co-authored post with a guest', async () => {
      const owner = await buildPerson(server.db, { name: 'Ida Holm', jobTitle: 'Politisk chef' });
      const guest = await buildPerson(server.db, { name: 'Bo Lund', email: null });
      const blog = await buildBlog(server.db, {
        slug: 'debat',
        title: 'Debatten',
        description: 'Min blog om forvaltning.',
        ownerIds: [owner.id],
      });
      await buildPost(server.db, {
        blogId: blog.id,
        title: 'Hvordan får man øje på gode løsninger?',
        lead: 'Indledningen står for sig selv.',
        body: '## Første afsnit\n\nTekst.\n\n## Andet afsnit\n\nMere tekst.',
        authors: [{ personId: owner.id }, { personId: guest.id, bylineNote: 'afdelingschef i Ministeriet' }],
        tags: ['Partnerskaber'],
        relatedLinks: [{ title: 'Rapporten', url: 'https://example.org/rapport', description: 'Udgivet i år' }],
        infoBoxes: [
          {
            heading: 'Mere information',
            contacts: [{ name: 'Kim Kontakt', role: 'chefkonsulent', phone: '33 12 34 56', email: 'kim@forbund.example' }],
          },
        ],
      });
      const response = await server.get('/debat/hvordan-faar-man-oeje-paa-gode-loesninger');
      assert.equal(response.status, 200);
      const html = await response.text();
      assert.match(html, /<h1>Hvordan får man øje på gode løsninger\?<\/h1>/);
      assert.match(
        html,
        /Af <span class="byline__author">.*?<a href="\/authors\/ida-holm" rel="author">Ida Holm<\/a><\/span> &amp; <span class="byline__author">.*?<a href="\/authors\/bo-lund" rel="author">Bo Lund<\/a>, afdelingschef i Ministeriet/,
      );
      assert.match(html, /<p class="lead">Indledningen står for sig selv.<\/p>/);
      assert.match(html, /<h2>Første afsnit<\/h2>/);
      assert.match(html, /Kim Kontakt/);
      assert.match(html, /href="tel:33123456"/);
      assert.match(html, /<a href="https:\/\/example.org\/rapport">Rapporten<\/a>/);
      assert.match(html, /href="\/tags\/partnerskaber"/);
      assert.match(html, /class="profile"[\s\S]*Politisk chef[\s\S]*Min blog om forvaltning\./);
    });

    it('keeps e-mail addresses out of the HTML while the page can still rebuild them', async () => {
      await buildPost(server.db, {
        slug: 'med-kontakt',
        body: 'Skriv til [redaktionen](mailto:red@forbund.example) eller bo@forbund.example.',
        infoBoxes: [{ heading: 'Kontakt', contacts: [{ name: 'Kim', email: 'kim.k@forbund.example' }] }],
      });
      const html = await (await server.get(`/${await firstBlogSlugOf(server, 'med-kontakt')}/med-kontakt`)).text();
      assert.doesNotMatch(html, HARVESTABLE);
      assert.doesNotMatch(html, /mailto:/);
      const decoded = [...html.matchAll(/data-e="([^"]+)"/g)].map((m) => decodeEmail(m[1]!));
      assert.deepEqual(decoded.sort(), ['kim.k@forbund.example', 'red@forbund.example']);
      assert.match(html, /bo \(snabel-a\) forbund\.example/);
    });

    it('does not show drafts or scheduled posts', async () => {
      const blog = await buildBlog(server.db);
      await buildPost(server.db, { blogId: blog.id, slug: 'kladde', status: 'draft' });
      await buildPost(server.db, { blogId: blog.id, slug: 'senere', status: 'published', publishedAt: new Date(Date.now() + 86_400_000) });
      assert.equal((await server.get(`/${blog.slug}/kladde`)).status, 404);
      assert.equal((await server.get(`/${blog.slug}/senere`)).status, 404);
    });

    it('answers 410 for a deleted post', async () => {
      const post = await buildPost(server.db, { slug: 'borte' });
      const path = `/${await firstBlogSlugOf(server, 'borte')}/borte`;
      assert.equal((await server.get(path)).status, 200);
      await deletePost(server.db, post.id);
      const response = await server.get(path);
      assert.equal(response.status, 410);
      assert.match(await response.text(), /href="\/"/);
    });

    it('redirects the old address permanently when the slug changes', async () => {
      const blog = await buildBlog(server.db);
      const author = await buildPerson(server.db);
      const post = await buildPost(server.db, { blogId: blog.id, slug: 'gammel-titel', authors: [{ personId: author.id }] });
      await updatePost(server.db, post.id, {
        blogId: blog.id,
        slug: 'ny-titel',
        title: 'Ny titel',
        status: 'published',
        authors: [{ personId: author.id }],
      });
      const response = await server.get(`/${blog.slug}/gammel-titel`);
      assert.equal(response.status, 301);
      assert.equal(response.headers.get('location'), `/${blog.slug}/ny-titel`);
      assert.equal((await server.get(`/${blog.slug}/ny-titel`)).status, 200);
    });

    it('links to the previous and next post in the same blog', async () => {
      const blog = await buildBlog(server.db);
      const now = Date.now();
      await buildPost(server.db, { blogId: blog.id, slug: 'foerste', title: 'Første', publishedAt: new Date(now - 3000_000) });
      await buildPost(server.db, { blogId: blog.id, slug: 'anden', title: 'Anden', publishedAt: new Date(now - 2000_000) });
      await buildPost(server.db, { blogId: blog.id, slug: 'tredje', title: 'Tredje', publishedAt: new Date(now - 1000_000) });
      const html = await (await server.get(`/${blog.slug}/anden`)).text();
      assert.match(html, new RegExp(`href="/${blog.slug}/foerste" rel="prev"`));
      assert.match(html, new RegExp(`href="/${blog.slug}/tredje" rel="next"`));
    });
  });
}

async function firstBlogSlugOf(server: TestServer, postSlug: string): Promise<string> {
  const row = await server.db
    .selectFrom('posts')
    .innerJoin('blogs', 'blogs.id', 'posts.blog_id')
    .select('blogs.slug')
    .where('posts.slug', '=', postSlug)
    .executeTakeFirstOrThrow();
  return row.slug;
}
