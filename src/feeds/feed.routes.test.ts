import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { getPostCommentsFeed } from './feed.service.js';
import type { Blog } from '../blogs/blog.js';
import { addImportedComment, updateCommentRow } from '../comments/comment.service.js';
import type { Person } from '../people/person.js';
import { updatePerson } from '../people/person.service.js';
import { getSiteSettings, updateSiteSettings } from '../settings/settings.service.js';
import type { Post, PostInput } from '../posts/post.js';
import { deletePost, publishDuePosts, updatePost } from '../posts/post.service.js';
import { buildBlog, buildPerson, buildPost } from '../../test/support/factories.js';
import { DIALECTS } from '../../test/support/db.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { assertValidAtom, HARVESTABLE, readFeed, xmlToolsReady } from './feed-checks.test.js';
import { FEED_FORMATS } from './feed.js';

const BASE = 'https://debat.example';
const MINUTE = 60_000;
/** Whole seconds, so RSS's second-precision dates read back equal. */
const minutesAgo = (n: number) => new Date(Math.floor((Date.now() - n * MINUTE) / 1000) * 1000);
const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1005 - (Date.now() % 1000)));

const POST_FEEDS = {
  site: '/feed',
  blog: '/debatten/feed',
  author: '/authors/ida-holm/feed',
  tag: '/tags/partnerskaber/feed',
} as const;
const COMMENT_FEEDS = { siteComments: '/comments/feed', postComments: '/debatten/faelles-maal/comments/feed' } as const;
const ALL_FEEDS = { ...POST_FEEDS, ...COMMENT_FEEDS };

const CONTENT_TYPES = {
  atom: 'application/atom+xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  content_html: string;
  date_published: string;
  date_modified: string;
  authors: { name: string; url?: string }[];
  tags?: string[];
}

for (const dialect of DIALECTS) {
  describe(`feeds (${dialect})`, () => {
    let server: TestServer;
    let ida: Person;
    let bo: Person;
    let blog: Blog;
    let post: Post;
    const postUrl = `${BASE}/debatten/faelles-maal`;
    const text = async (path: string) => (await server.get(path)).text();
    const json = async (path: string) => JSON.parse(await text(path)) as { version: string; title: string; items: JsonFeedItem[] };

    before(async () => {
      server = await startTestServer(dialect, { env: { BASE_URL: BASE } });
      const { db } = server;
      ida = await buildPerson(db, { name: 'Ida Holm', jobTitle: 'Politisk chef', organisation: 'Forbundet', email: 'ida@forbund.example' });
      bo = await buildPerson(db, {
        name: 'Bo Lund',
        jobTitle: 'Afdelingschef',
        organisation: 'Ministeriet',
        email: 'bo@ministeriet.example',
      });
      blog = await buildBlog(db, { slug: 'debatten', title: 'Debatten', description: 'Om forvaltning', ownerIds: [ida.id] });
      const common = { blogId: blog.id, authors: [{ personId: ida.id }], tags: ['Partnerskaber'] };
      await buildPost(db, { ...common, slug: 'andet', title: 'Andet indlæg', publishedAt: minutesAgo(60) });
      post = await buildPost(db, {
        ...common,
        slug: 'faelles-maal',
        title: 'Fælles mål & <ansvar>',
        lead: 'Skriv til kontakt@forbund.example.',
        body: 'Læs [det andet indlæg](/debatten/andet) eller skriv til [redaktionen](mailto:red@forbund.example).',
        authors: [{ personId: ida.id }, { personId: bo.id, bylineNote: 'afdelingschef i Ministeriet' }],
        tags: ['Partnerskaber', 'Styring'],
        publishedAt: minutesAgo(10),
      });
      await buildPost(db, { ...common, slug: 'kladde', title: 'Kladden', status: 'draft' });
      await buildPost(db, { ...common, slug: 'senere', title: 'Senere', publishedAt: new Date(Date.now() + 86_400_000) });
      const gone = await buildPost(db, { ...common, slug: 'slettet', title: 'Slettet', publishedAt: minutesAgo(5) });
      await deletePost(db, gone.id);

      const comment = (name: string, body: string, status: 'approved' | 'pending' | 'spam', minutes: number, parentId?: string) =>
        addImportedComment(db, server.app.secret, 3, {
          postId: post.id,
          name,
          email: `${name.split(' ')[0]!.toLowerCase()}@kommentar.example`,
          body,
          status,
          createdAt: minutesAgo(minutes),
          ...(parentId ? { parentId } : {}),
        });
      const first = await comment('Karen Kommentator', 'God pointe. Skriv til karen@kommentar.example', 'approved', 9);
      await comment('Svar Svarsen', 'Enig med Karen.', 'approved', 8, first);
      await comment('Holdt Tilbage', 'Venter på en moderator.', 'pending', 7);
      await comment('Spam Spammer', 'Køb billigt.', 'spam', 6);
      const erased = await comment('Slettet Skribent', 'Fortrudt.', 'approved', 5);
      await updateCommentRow(db, erased, {
        author_name: '',
        author_email: '',
        body: '',
        erased_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      });
    });
    after(async () => {
      await server?.close();
    });

    it('serves Atom, RSS and JSON Feed for the site, blog, author, tag and comments in UTF-8', async () => {
      for (const path of Object.values(ALL_FEEDS)) {
        for (const format of FEED_FORMATS) {
          const response = await server.get(`${path}.${format}`);
          assert.equal(response.status, 200, `${path}.${format}`);
          assert.equal(response.headers.get('content-type'), CONTENT_TYPES[format], `${path}.${format}`);
        }
      }
    });

    it('writes every Atom feed so that RFC 4287 RELAX NG grammar and Schematron rules accept it', async (t) => {
      if (!xmlToolsReady(t, { schema: true })) return;
      for (const path of Object.values(ALL_FEEDS)) assertValidAtom(await text(`${path}.atom`), `${path}.atom`);
    });

    it('gives each feed its title and absolute links to its page and itself', async () => {
      const expected = {
        site: ['Ytring', `${BASE}/`],
        blog: ['Debatten · Ytring', `${BASE}/debatten`],
        author: ['Indlæg af Ida Holm · Ytring', `${BASE}/authors/ida-holm`],
        tag: ['Emne: Partnerskaber · Ytring', `${BASE}/tags/partnerskaber`],
        siteComments: ['Kommentarer · Ytring', `${BASE}/`],
        postComments: ['Kommentarer til »Fælles mål & <ansvar>« · Ytring', postUrl],
      } as const;
      for (const [scope, path] of Object.entries(ALL_FEEDS) as [keyof typeof expected, string][]) {
        const [title, link] = expected[scope];
        for (const format of ['atom', 'rss'] as const) {
          const feed = await readFeed(await text(`${path}.${format}`));
          assert.equal(feed.title, title, `${path}.${format}`);
          assert.equal(feed.link, link, `${path}.${format}`);
          assert.equal(feed.feedUrl, `${BASE}${path}.${format}`, `${path}.${format}`);
        }
        const jsonFeed = (await json(`${path}.json`)) as unknown as { title: string; home_page_url: string; feed_url: string };
        assert.deepEqual([jsonFeed.title, jsonFeed.home_page_url, jsonFeed.feed_url], [title, link, `${BASE}${path}.json`]);
      }
    });

    it('reads back in a feed reader with the title, absolute link, every co-author and the dates of a post', async () => {
      for (const path of Object.values(POST_FEEDS)) {
        const atom = (await readFeed(await text(`${path}.atom`))).items.find((i) => i.link === postUrl);
        assert.ok(atom, `${path}.atom has the post`);
        assert.equal(atom.title, 'Fælles mål & <ansvar>');
        assert.equal(atom.id, `urn:uuid:${post.id}`);
        assert.equal(atom.isoDate, post.publishedAt!.toISOString());
        assert.deepEqual(
          atom.atomAuthors?.map((a) => [a.name?.[0], a.uri?.[0]]),
          [
            ['Ida Holm', `${BASE}/authors/ida-holm`],
            // The byline's note goes with the name, as on the page (issue 13).
            ['Bo Lund, afdelingschef i Ministeriet', `${BASE}/authors/bo-lund`],
          ],
        );

        const rss = (await readFeed(await text(`${path}.rss`))).items.find((i) => i.link === postUrl);
        assert.ok(rss, `${path}.rss has the post`);
        assert.equal(rss.title, 'Fælles mål & <ansvar>');
        assert.equal(rss.guid, `urn:uuid:${post.id}`);
        assert.equal(rss.pubDate, post.publishedAt!.toUTCString());
        assert.equal(rss.isoDate, post.publishedAt!.toISOString());
        assert.deepEqual(rss.creators, ['Ida Holm', 'Bo Lund, afdelingschef i Ministeriet']);
        assert.deepEqual(
          rss.rssCategories?.map((c) => (typeof c === 'string' ? c : c._)),
          ['Partnerskaber', 'Styring'],
        );

        const item = (await json(`${path}.json`)).items.find((i) => i.url === postUrl);
        assert.ok(item, `${path}.json has the post`);
        assert.equal(item.id, `urn:uuid:${post.id}`);
        assert.equal(item.title, 'Fælles mål & <ansvar>');
        assert.equal(item.date_published, post.publishedAt!.toISOString());
        assert.ok(item.date_modified >= item.date_published);
        assert.deepEqual(item.authors, [
          { name: 'Ida Holm', url: `${BASE}/authors/ida-holm` },
          { name: 'Bo Lund, afdelingschef i Ministeriet', url: `${BASE}/authors/bo-lund` },
        ]);
        assert.deepEqual(item.tags, ['Partnerskaber', 'Styring']);
      }
    });

    it('writes JSON Feed 1.1 with newest items first', async () => {
      const feed = await json('/debatten/feed.json');
      assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
      assert.deepEqual(
        feed.items.map((i) => i.url),
        [postUrl, `${BASE}/debatten/andet`],
      );
    });

    it('carries the whole post, lead and body as HTML with absolute links and no harvestable address', async () => {
      const item = (await json('/debatten/feed.json')).items.find((i) => i.url === postUrl)!;
      assert.match(item.content_html, /^<p>Skriv til kontakt \(snabel-a\) forbund\.example\.<\/p>/);
      assert.match(item.content_html, new RegExp(`<a href="${BASE}/debatten/andet">det andet indlæg</a>`));
      assert.match(item.content_html, /class="email" data-e="[^"]+"/);
      const atom = (await readFeed(await text('/debatten/feed.atom'))).items.find((i) => i.link === postUrl)!;
      assert.equal(atom.content, item.content_html);
      assert.equal(atom.summary, 'Skriv til kontakt (snabel-a) forbund.example.');
    });

    it('never shows a draft, scheduled or deleted post', async () => {
      for (const path of Object.values(POST_FEEDS)) {
        for (const format of FEED_FORMATS) {
          const body = await text(`${path}.${format}`);
          for (const slug of ['kladde', 'senere', 'slettet'])
            assert.doesNotMatch(body, new RegExp(`/debatten/${slug}\\b`), `${path}.${format} shows ${slug}`);
        }
      }
    });

    it('shows a post the moment it is published, and drops it the moment it is unpublished or deleted', async () => {
      const now = Date.now();
      const input: PostInput = {
        blogId: blog.id,
        slug: 'nyhed',
        title: 'Nyhed',
        status: 'published',
        publishedAt: new Date(now - 1000),
        authors: [{ personId: ida.id }],
        tags: ['Partnerskaber'],
      };
      // Written five seconds ago for one second ago: scheduled until the scheduler runs.
      const scheduled = await buildPost(server.db, input, new Date(now - 5000));
      const url = `${BASE}/debatten/nyhed`;
      const inEveryFeed = async () => {
        const found: boolean[] = [];
        for (const path of Object.values(POST_FEEDS)) {
          for (const format of FEED_FORMATS) found.push((await text(`${path}.${format}`)).includes(url));
        }
        return found;
      };
      assert.deepEqual(new Set(await inEveryFeed()), new Set([false]));
      assert.deepEqual(await publishDuePosts(server.db), [scheduled.id]);
      assert.deepEqual(new Set(await inEveryFeed()), new Set([true]));
      await updatePost(server.db, scheduled.id, { ...input, status: 'draft' });
      assert.deepEqual(new Set(await inEveryFeed()), new Set([false]));
      await updatePost(server.db, scheduled.id, input);
      assert.deepEqual(new Set(await inEveryFeed()), new Set([true]));
      await deletePost(server.db, scheduled.id);
      assert.deepEqual(new Set(await inEveryFeed()), new Set([false]));
    });

    it('lists approved comments by name and text, newest first, never held, spam or erased ones', async () => {
      for (const path of Object.values(COMMENT_FEEDS)) {
        const feed = await readFeed(await text(`${path}.atom`));
        assert.deepEqual(
          feed.items.map((i) => i.title),
          ['Svar Svarsen om »Fælles mål & <ansvar>«', 'Karen Kommentator om »Fælles mål & <ansvar>«'],
          path,
        );
        assert.deepEqual(
          feed.items.map((i) => i.atomAuthors?.map((a) => a.name?.[0])),
          [['Svar Svarsen'], ['Karen Kommentator']],
        );
        const karen = feed.items[1]!;
        assert.match(karen.link ?? '', new RegExp(`^${postUrl}#comment-[0-9a-f-]{36}$`));
        assert.equal(karen.content, '<p>God pointe. Skriv til karen (snabel-a) kommentar.example</p>');
        const rss = await readFeed(await text(`${path}.rss`));
        assert.deepEqual(
          rss.items.map((i) => i.creators),
          [['Svar Svarsen'], ['Karen Kommentator']],
        );
        const items = (await json(`${path}.json`)).items;
        assert.deepEqual(
          items.map((i) => i.authors),
          [[{ name: 'Svar Svarsen' }], [{ name: 'Karen Kommentator' }]],
        );
        for (const format of FEED_FORMATS)
          assert.doesNotMatch(await text(`${path}.${format}`), /Holdt Tilbage|Spam Spammer|Slettet Skribent|Fortrudt/);
      }
    });

    it('gives an empty comment feed an <updated> that moves only with what the feed shows, so a kept copy is the same as a fresh one', async () => {
      const updatedOf = async () => (await getPostCommentsFeed(server.db, BASE, 'debatten', 'andet')).feed.updated.toISOString();
      const before = await updatedOf();
      // Another post edited, and a held comment elsewhere: neither drops this feed from the page cache.
      await new Promise((resolve) => setTimeout(resolve, 5));
      await server.db.updateTable('posts').set({ updated_at: new Date().toISOString() }).where('slug', '=', 'faelles-maal').execute();
      assert.equal(await updatedOf(), before);
    });

    it("keeps other posts' comments out of a post's comment feed", async () => {
      const other = await buildPost(server.db, { blogId: blog.id, slug: 'tredje', title: 'Tredje', authors: [{ personId: bo.id }] });
      await addImportedComment(server.db, server.app.secret, 3, {
        postId: other.id,
        name: 'Anden Læser',
        email: 'anden@kommentar.example',
        body: 'Andetsteds.',
        status: 'approved',
        createdAt: new Date(),
      });
      assert.match(await text('/comments/feed.atom'), /Anden Læser/);
      assert.doesNotMatch(await text('/debatten/faelles-maal/comments/feed.atom'), /Anden Læser/);
      assert.match(await text('/debatten/tredje/comments/feed.rss'), /Anden Læser/);
    });

    it('has no e-mail address in harvestable form in any feed', async () => {
      for (const path of Object.values(ALL_FEEDS)) {
        for (const format of FEED_FORMATS) assert.doesNotMatch(await text(`${path}.${format}`), HARVESTABLE, `${path}.${format}`);
      }
    });

    it('answers 304 to a current copy and 200 again once a post has gone, by ETag and by date', async () => {
      const own = await buildBlog(server.db, { slug: 'betinget' });
      const first = await buildPost(server.db, {
        blogId: own.id,
        slug: 'foerste',
        authors: [{ personId: ida.id }],
        publishedAt: minutesAgo(2),
      });
      await buildPost(server.db, { blogId: own.id, slug: 'anden', authors: [{ personId: ida.id }], publishedAt: minutesAgo(3) });
      await nextSecond();
      const path = '/betinget/feed.atom';
      const response = await server.get(path);
      const etag = response.headers.get('etag');
      const lastModified = response.headers.get('last-modified');
      assert.ok(etag && lastModified, 'ETag and Last-Modified');
      assert.ok(Date.parse(lastModified) <= Date.now());

      assert.equal((await server.get(path, { headers: { 'if-none-match': etag } })).status, 304);
      const byDate = await server.get(path, { headers: { 'if-modified-since': lastModified } });
      assert.equal(byDate.status, 304);
      assert.equal(byDate.headers.get('etag'), etag);

      await deletePost(server.db, first.id);
      for (const wait of [false, true]) {
        if (wait) await nextSecond();
        const changed = await server.get(path, { headers: { 'if-modified-since': lastModified } });
        assert.equal(changed.status, 200, wait ? 'a second later' : 'in the same second');
        assert.doesNotMatch(await changed.text(), /\/betinget\/foerste/);
      }
      assert.equal((await server.get(path, { headers: { 'if-none-match': etag } })).status, 200);
    });

    it('writes an entry anew, never from a kept one, once its post or its author’s name changes', async () => {
      const own = await buildBlog(server.db, { slug: 'holdbar', title: 'Holdbar' });
      const writer = await buildPerson(server.db, { name: 'Vera Væk' });
      const input: PostInput = {
        blogId: own.id,
        slug: 'holdt',
        title: 'Holdt indlæg',
        body: 'Første udgave.',
        status: 'published',
        authors: [{ personId: writer.id }],
        publishedAt: minutesAgo(1),
      };
      const kept = await buildPost(server.db, input);
      for (const format of FEED_FORMATS) assert.match(await text(`/holdbar/feed.${format}`), /Første udgave/, format);
      await updatePerson(server.db, writer.id, { name: 'Vera Ny' });
      await updatePost(server.db, kept.id, { ...input, body: 'Anden udgave.' });
      for (const format of FEED_FORMATS) {
        const feed = await text(`/holdbar/feed.${format}`);
        assert.match(feed, /Anden udgave/, format);
        assert.match(feed, /Vera Ny/, format);
        assert.doesNotMatch(feed, /Første udgave|Vera Væk/, format);
      }
    });

    it('dates a feed by its own body: a change it does not show moves neither a kept nor a fresh Last-Modified', async () => {
      const own = await buildBlog(server.db, { slug: 'uroerlig' });
      const other = await buildBlog(server.db, { slug: 'andensteds' });
      await buildPost(server.db, { blogId: own.id, slug: 'fast', authors: [{ personId: ida.id }], publishedAt: minutesAgo(2) });
      const input: PostInput = {
        blogId: other.id,
        slug: 'flytter-sig',
        title: 'Flytter sig',
        body: 'Før.',
        status: 'published',
        authors: [{ personId: ida.id }],
        publishedAt: minutesAgo(1),
      };
      const elsewhere = await buildPost(server.db, input);
      await nextSecond();
      const path = '/uroerlig/feed.atom';
      const first = await server.get(path);
      const lastModified = first.headers.get('last-modified');
      assert.ok(lastModified);
      await nextSecond();
      await updatePost(server.db, elsewhere.id, { ...input, body: 'Efter.' });
      // A site-wide change drops every kept page, so the next answer is rendered anew.
      const { commentsPerPage } = await getSiteSettings(server.db);
      await updateSiteSettings(server.db, { commentsPerPage: commentsPerPage + 1 });
      try {
        const fresh = await server.get(path);
        assert.equal(fresh.headers.get('x-ytring-cache'), 'miss');
        assert.equal(fresh.headers.get('last-modified'), lastModified);
      } finally {
        await updateSiteSettings(server.db, { commentsPerPage });
      }
    });

    it('answers 404 for an unknown blog, author, tag, post or format, and 410 for a deleted post’s comments', async () => {
      for (const path of [
        '/findes-ikke/feed.atom',
        '/authors/findes-ikke/feed.rss',
        '/tags/findes-ikke/feed.json',
        '/debatten/findes-ikke/comments/feed.atom',
        '/debatten/kladde/comments/feed.atom',
        '/feed.xml',
        '/debatten/feed.html',
        '/debatten/feed.',
      ]) {
        assert.equal((await server.get(path)).status, 404, path);
      }
      assert.equal((await server.get('/debatten/slettet/comments/feed.atom')).status, 410);
    });

    it('leaves posts and blogs whose slugs start like a feed to their own pages', async () => {
      await buildPost(server.db, { blogId: blog.id, slug: 'feedback', title: 'Feedback virker', authors: [{ personId: ida.id }] });
      const feedbackBlog = await buildBlog(server.db, { slug: 'feedback', title: 'Feedbackbloggen' });
      await buildPost(server.db, {
        blogId: feedbackBlog.id,
        slug: 'feed',
        title: 'Et indlæg ved navn feed',
        authors: [{ personId: ida.id }],
      });
      assert.match(await text('/debatten/feedback'), /<h1>Feedback virker<\/h1>/);
      assert.match(await text('/feedback'), /<h1>Feedbackbloggen<\/h1>/);
      assert.match(await text('/feedback/feed'), /<h1>Et indlæg ved navn feed<\/h1>/);
      assert.match(await text('/feedback/feed.atom'), /<title type="text">Feedbackbloggen · Ytring<\/title>/);
    });

    it('announces the feeds a page belongs to with rel="alternate" links', async () => {
      const links = (html: string) =>
        [...html.matchAll(/<link rel="alternate" type="([^"]+)" title="[^"]+" href="([^"]+)"\/>/g)].map((m) => `${m[1]} ${m[2]}`);
      assert.deepEqual(links(await text('/')), [
        `application/atom+xml ${BASE}/feed.atom`,
        `application/rss+xml ${BASE}/feed.rss`,
        `application/feed+json ${BASE}/feed.json`,
        `application/atom+xml ${BASE}/comments/feed.atom`,
        `application/rss+xml ${BASE}/comments/feed.rss`,
        `application/feed+json ${BASE}/comments/feed.json`,
      ]);
      assert.ok(links(await text('/debatten')).includes(`application/atom+xml ${BASE}/debatten/feed.atom`));
      const postLinks = links(await text('/debatten/faelles-maal'));
      assert.ok(postLinks.includes(`application/rss+xml ${BASE}/debatten/faelles-maal/comments/feed.rss`));
      assert.ok(postLinks.includes(`application/atom+xml ${BASE}/debatten/feed.atom`));
      assert.ok(links(await text('/authors/ida-holm')).includes(`application/feed+json ${BASE}/authors/ida-holm/feed.json`));
      assert.ok(links(await text('/tags/partnerskaber')).includes(`application/atom+xml ${BASE}/tags/partnerskaber/feed.atom`));
    });
  });
}
