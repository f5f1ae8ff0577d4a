import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import type { Blog } from '../blogs/blog.js';
import { checkWellFormed, HARVESTABLE, xmlToolsReady } from '../feeds/feed-checks.test.js';
import type { Person } from '../people/person.js';
import type { Post } from '../posts/post.js';
import { deletePost, publishDuePosts } from '../posts/post.service.js';
import { updateSiteSettings } from '../settings/settings.service.js';
import { buildBlog, buildPerson, buildPost } from '../../test/support/factories.js';
import { DIALECTS } from '../../test/support/db.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { seoRoutes } from './seo.routes.js';

const BASE = 'https://debat.example';
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

/** loc → lastmod (undefined when the entry has none). */
function sitemapEntries(xml: string): Map<string, string | undefined> {
  return new Map([...xml.matchAll(/<url><loc>([^<]+)<\/loc>(?:<lastmod>([^<]+)<\/lastmod>)?<\/url>/g)].map((m) => [m[1]!, m[2]]));
}

const meta = (html: string, key: string) =>
  new RegExp(`<meta (?:property|name)="${key.replace(/[.:]/g, '\\$&')}" content="([^"]*)"/>`).exec(html)?.[1];

for (const dialect of DIALECTS) {
  describe(`sitemap, robots.txt and sharing metadata (${dialect})`, () => {
    let server: TestServer;
    let ida: Person;
    let bo: Person;
    let blog: Blog;
    let post: Post;
    const sitemap = async () => (await server.get('/sitemap.xml')).text();

    before(async () => {
      server = await startTestServer(dialect, { env: { BASE_URL: BASE } });
      const { db } = server;
      ida = await buildPerson(db, { name: 'Ida Holm', jobTitle: 'Politisk chef', organisation: 'Forbundet', email: 'ida@forbund.example' });
      bo = await buildPerson(db, {
        name: 'Bo Lund',
        jobTitle: 'Afdelingschef',
        organisation: 'Ministeriet for Fornyelse',
        email: 'bo@ministeriet.example',
      });
      const drafter = await buildPerson(db, { name: 'Kun Kladder' });
      blog = await buildBlog(db, { slug: 'debatten', title: 'Debatten', description: 'Om forvaltning', ownerIds: [ida.id] });
      post = await buildPost(db, {
        blogId: blog.id,
        slug: 'faelles-maal',
        title: 'Fælles mål',
        tags: ['Partnerskaber', 'Styring'],
        publishedAt: minutesAgo(10),
        lead: 'Alle er enige om, at de store opgaver ikke kan løses af én myndighed alene. Skriv til kontakt@forbund.example. '
          .repeat(4)
          .trim(),
        authors: [{ personId: ida.id }, { personId: bo.id, bylineNote: 'afdelingschef i Ministeriet' }],
      });
      await buildPost(db, { blogId: blog.id, slug: 'kladde', status: 'draft', authors: [{ personId: drafter.id }], tags: ['Kladdeemne'] });
      await buildPost(db, {
        blogId: blog.id,
        slug: 'senere',
        publishedAt: new Date(Date.now() + 86_400_000),
        authors: [{ personId: drafter.id }],
        tags: ['Kladdeemne'],
      });
      const gone = await buildPost(db, { blogId: blog.id, slug: 'slettet', authors: [{ personId: drafter.id }], tags: ['Kladdeemne'] });
      await deletePost(db, gone.id);
    });
    after(async () => {
      await server?.close();
    });

    it('lists the front page, every blog, published post, author and tag with lastmod, and nothing unpublished', async (t) => {
      const response = await server.get('/sitemap.xml');
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/xml; charset=utf-8');
      const xml = await response.text();
      const entries = sitemapEntries(xml);
      const lastmod = new Date(Math.max(post.updatedAt.getTime(), post.publishedAt!.getTime())).toISOString();
      for (const path of [
        '/',
        '/debatten',
        '/debatten/faelles-maal',
        '/authors/ida-holm',
        '/authors/bo-lund',
        '/tags/partnerskaber',
        '/tags/styring',
      ]) {
        assert.equal(entries.get(`${BASE}${path}`), lastmod, path);
      }
      for (const path of ['/debatten/kladde', '/debatten/senere', '/debatten/slettet', '/authors/kun-kladder', '/tags/kladdeemne']) {
        assert.equal(entries.has(`${BASE}${path}`), false, path);
      }
      assert.doesNotMatch(xml, HARVESTABLE);
      if (!xmlToolsReady(t)) return;
      const wellFormed = checkWellFormed(xml);
      assert.ok(wellFormed.ok, wellFormed.output);
    });

    it('adds a post the moment it is published and drops it the moment it is deleted', async () => {
      const now = Date.now();
      const scheduled = await buildPost(
        server.db,
        { blogId: blog.id, slug: 'ny', authors: [{ personId: ida.id }], publishedAt: new Date(now - 1000) },
        new Date(now - 5000),
      );
      const url = `${BASE}/debatten/ny`;
      assert.equal(sitemapEntries(await sitemap()).has(url), false);
      await publishDuePosts(server.db);
      assert.equal(sitemapEntries(await sitemap()).has(url), true);
      await deletePost(server.db, scheduled.id);
      assert.equal(sitemapEntries(await sitemap()).has(url), false);
    });

    it('becomes an index of smaller sitemaps, each with its lastmod, when the site outgrows one file', async () => {
      const app = Fastify();
      await app.register(seoRoutes, {
        db: server.db,
        baseUrl: BASE,
        secret: '',
        assets: { urls: {}, files: new Map() },
        sitemapMaxUrls: 3,
      });
      const index = await app.inject('/sitemap.xml');
      assert.match(index.body, /^<\?xml version="1.0" encoding="utf-8"\?>\n<sitemapindex /);
      const files = [...index.body.matchAll(/<sitemap><loc>([^<]+)<\/loc><lastmod>[^<]+<\/lastmod><\/sitemap>/g)].map((m) => m[1]!);
      assert.ok(files.length >= 3, index.body);
      assert.equal(files[1], `${BASE}/sitemap.xml?page=2`);
      const all = new Map<string, string | undefined>();
      for (const file of files) {
        const part = await app.inject(file.slice(BASE.length));
        assert.equal(part.statusCode, 200);
        const entries = sitemapEntries(part.body);
        assert.ok(entries.size <= 3);
        for (const [loc, mod] of entries) all.set(loc, mod);
      }
      assert.deepEqual([...all.keys()].sort(), [...sitemapEntries(await sitemap()).keys()].sort());
      await app.close();
    });

    it('answers 404 for a sitemap page that is not there, and sends one that is no number to the index', async () => {
      assert.equal((await server.get('/sitemap.xml?page=2')).status, 404);
      const notANumber = await server.get('/sitemap.xml?page=x');
      assert.equal(notANumber.status, 301);
      assert.equal(notANumber.headers.get('location'), '/sitemap.xml');
    });

    it('serves robots.txt that allows all but private pages and names the sitemap', async () => {
      const response = await server.get('/robots.txt');
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'text/plain; charset=utf-8');
      const text = await response.text();
      assert.match(text, /^User-agent: \*$/m);
      assert.doesNotMatch(text, /^Allow:/m);
      for (const path of ['/admin/', '/comments/manage', '/privacy/comments']) assert.match(text, new RegExp(`^Disallow: ${path}$`, 'm'));
      assert.match(text, new RegExp(`^Sitemap: ${BASE}/sitemap.xml$`, 'm'));
    });

    it('gives a post page its canonical link, description, sharing tags and BlogPosting data', async () => {
      const html = await (await server.get('/debatten/faelles-maal?comments-page=1')).text();
      const url = `${BASE}/debatten/faelles-maal`;
      assert.match(html, new RegExp(`<link rel="canonical" href="${url}"/>`));
      const description = /<meta name="description" content="([^"]*)"\/>/.exec(html)?.[1] ?? '';
      assert.match(description, /^Alle er enige om, at de store opgaver ikke kan løses af én myndighed alene\./);
      assert.ok(description.length <= 200 && description.endsWith('…'), description);
      assert.equal(meta(html, 'og:title'), 'Fælles mål');
      assert.equal(meta(html, 'og:type'), 'article');
      assert.equal(meta(html, 'og:url'), url);
      assert.equal(meta(html, 'og:description'), description);
      assert.equal(meta(html, 'twitter:card'), 'summary');
      assert.equal(meta(html, 'article:published_time'), post.publishedAt!.toISOString());
      assert.doesNotMatch(html.split('</head>')[0]!, HARVESTABLE);

      const scripts = [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]!));
      assert.equal(scripts.length, 1);
      const [data] = scripts;
      assert.equal(data['@context'], 'https://schema.org');
      assert.equal(data['@type'], 'BlogPosting');
      assert.equal(data.headline, 'Fælles mål');
      assert.equal(data.url, url);
      assert.equal(data.datePublished, post.publishedAt!.toISOString());
      assert.ok(data.dateModified >= data.datePublished);
      assert.deepEqual(data.author, [
        {
          '@type': 'Person',
          name: 'Ida Holm',
          url: `${BASE}/authors/ida-holm`,
          jobTitle: 'Politisk chef',
          worksFor: { '@type': 'Organization', name: 'Forbundet' },
        },
        {
          '@type': 'Person',
          name: 'Bo Lund',
          url: `${BASE}/authors/bo-lund`,
          jobTitle: 'Afdelingschef',
          worksFor: { '@type': 'Organization', name: 'Ministeriet for Fornyelse' },
        },
      ]);
      assert.deepEqual(data.publisher, { '@type': 'Organization', name: 'Ytring', url: `${BASE}/` });
    });

    it('gives list pages sharing tags and a canonical link to the page of the list they are', async () => {
      await updateSiteSettings(server.db, { postsPerPage: 1 });
      const html = await (await server.get('/tags/partnerskaber')).text();
      assert.match(html, new RegExp(`<link rel="canonical" href="${BASE}/tags/partnerskaber"/>`));
      assert.equal(meta(html, 'og:type'), 'website');
      assert.equal(meta(html, 'og:title'), 'Emne: Partnerskaber');
      await buildPost(server.db, { blogId: blog.id, slug: 'side-to', authors: [{ personId: ida.id }], publishedAt: minutesAgo(20) });
      const second = await (await server.get('/debatten?page=2')).text();
      assert.match(second, new RegExp(`<link rel="canonical" href="${BASE}/debatten\\?page=2"/>`));
      assert.equal(meta(second, 'og:url'), `${BASE}/debatten?page=2`);
      assert.equal(meta(await (await server.get('/authors/bo-lund')).text(), 'og:type'), 'profile');
      await updateSiteSettings(server.db, { postsPerPage: 10 });
    });
  });
}
