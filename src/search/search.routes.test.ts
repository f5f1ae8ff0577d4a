import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoContent } from '../demo/demo-content.js';
import type { Post, PostInput } from '../posts/post.js';
import { deletePost, publishDuePosts, updatePost } from '../posts/post.service.js';
import { updateSiteSettings } from '../settings/settings.service.js';
import { slugify } from '../shared/slug.js';
import { buildPost } from '../../test/support/factories.js';
import { DIALECTS } from '../../test/support/db.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { isSearchIndexMissing, rebuildSearchIndex } from './search.service.js';
import { listIndexedPostIds, removeIndexEntries } from './search.repository.js';

/** The address of the demo post whose title starts with `start`. */
function demoUrl(start: string): string {
  const post = demoContent.posts.find((p) => p.title.startsWith(start));
  if (!post) throw new Error(`No demo post "${start}"`);
  return `/${post.blog}/${slugify(post.title)}`;
}

/** Each result's HTML, in order. */
const results = (html: string) => html.split(/<li class="search-result[^"]*">/).slice(1);
const resultUrls = (html: string) => results(html).map((item) => /<a href="([^"]+)">/.exec(item)?.[1]);

/** The input updatePost needs to change `post`, with `changes`. */
const inputFor = (post: Post, authorId: string, changes: Partial<PostInput> = {}): PostInput => ({
  blogId: post.blogId,
  title: post.title,
  lead: post.lead,
  body: post.body,
  status: post.status,
  authors: [{ personId: authorId }],
  ...changes,
});

for (const dialect of DIALECTS) {
  describe(`search (${dialect})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect, { demo: true });
    });
    after(async () => {
      await server?.close();
    });

    const search = async (query: string) => {
      const response = await server.get(`/search?${query}`);
      assert.equal(response.status, 200);
      return response.text();
    };

    it('finds every inflection of "partnerskaber", the post with it in its title first', async () => {
      const html = await search('q=partnerskaber');
      assert.deepEqual(resultUrls(html), [demoUrl('Fælles mål'), demoUrl('Datadeling')]);
      assert.match(html, /<mark>partnerskab<\/mark>/);
    });

    it('finds "løsning" words for "loesninger", and the same posts for "løsningerne"', async () => {
      const expected = [demoUrl('Digital selvbetjening'), demoUrl('Stress'), demoUrl('Datadeling')].sort();
      const transliterated = await search('q=loesninger');
      assert.deepEqual([...resultUrls(transliterated)].sort(), expected);
      assert.match(transliterated, /<mark>løsninger(ne)?<\/mark>/);
      assert.deepEqual([...resultUrls(await search(`q=${encodeURIComponent('løsningerne')}`))].sort(), expected);
    });

    it('finds a word written without ø when the query has it', async () => {
      await buildPost(server.db, { title: 'Fjordbyens loesningsmodel', body: 'Fjordbyen fandt loesningen sammen med borgerne.' });
      const html = await search(`q=${encodeURIComponent('fjordbyen løsning')}`);
      assert.equal(results(html).length, 1);
      assert.match(html, /<mark>loesningen<\/mark>/);
    });

    it('shows blog, authors, date and a snippet for each result', async () => {
      const [first] = results(await search('q=partnerskaber'));
      assert.match(first!, /href="\/forvaltning">Forvaltning og samfund<\/a>/);
      assert.match(first!, /href="\/authors\/lars-kjaergaard-juhl" rel="author">Lars Kjærgaard Juhl<\/a>/);
      assert.match(first!, /<time datetime="\d{4}-\d\d-\d\dT/);
      assert.match(first!, /<p class="search-result__snippet">.*<mark>/);
    });

    it('narrows the results by blog and by author', async () => {
      const all = results(await search('q=ledelse'));
      const inBlog = results(await search('q=ledelse&blog=arbejdsliv'));
      const byAuthor = results(await search('q=ledelse&author=signe-bach-noergaard'));
      assert.ok(inBlog.length > 0 && inBlog.length < all.length);
      assert.ok(inBlog.every((item) => item.includes('href="/arbejdsliv"')));
      assert.ok(byAuthor.length > 0 && byAuthor.length < all.length);
      assert.ok(byAuthor.every((item) => item.includes('href="/authors/signe-bach-noergaard"')));
    });

    it('shows a filter that names no blog, author or year as chosen, not as "all"', async () => {
      // An old link (a blog renamed since) finds nothing: the menus must say why, not claim every blog was searched.
      const html = await search('q=ledelse&blog=nedlagt-blog&author=ingen-her&year=1990');
      assert.equal(results(html).length, 0);
      const selected = [...html.matchAll(/<option value="([^"]*)" selected[^>]*>([^<]*)</g)].map((m) => [m[1], m[2]]);
      assert.deepEqual(selected, [
        ['nedlagt-blog', 'Ukendt blog (nedlagt-blog)'],
        ['ingen-her', 'Ukendt forfatter (ingen-her)'],
        ['1990', '1990'],
      ]);
      // Choosing "all" again (the form as sent back) finds the posts.
      assert.ok(results(await search('q=ledelse&blog=&author=&year=')).length > 0);
    });

    it('narrows the results by year, in the site time zone', async () => {
      await buildPost(server.db, { title: 'Årsskifteprøven før nytår', publishedAt: new Date('2024-12-31T22:30:00Z') });
      await buildPost(server.db, { title: 'Årsskifteprøven efter nytår', publishedAt: new Date('2024-12-31T23:30:00Z') });
      const html = await search(`q=${encodeURIComponent('årsskifteprøven')}&year=2024`);
      assert.equal(results(html).length, 1);
      assert.match(results(html)[0]!, /før nytår/);
      assert.match(html, /<option value="2025">2025<\/option>/);
    });

    it('paginates the results and answers 404 past the last page', async () => {
      await updateSiteSettings(server.db, { postsPerPage: 3 });
      try {
        const first = await search('q=ledelse');
        assert.equal(results(first).length, 3);
        assert.match(first, /href="\/search\?q=ledelse&amp;page=2" rel="next"/);
        const third = await search('q=ledelse&page=3');
        assert.equal(results(third).length, 2);
        assert.match(third, /<ol class="search-results__list" start="7">/);
        assert.equal((await server.get('/search?q=ledelse&page=4')).status, 404);
      } finally {
        await updateSiteSettings(server.db, { postsPerPage: 10 });
      }
    });

    it('shows only the form for an empty query, and no results for an unknown word', async () => {
      const empty = await search('q=');
      assert.match(empty, /<form class="search-form" role="search"/);
      assert.doesNotMatch(empty, /search-results-heading/);
      const none = await search('q=xyzzyquux');
      assert.match(none, /id="search-results-heading"[^>]*>0 resultater</);
      assert.equal(results(none).length, 0);
    });

    it('finds a newly published post at once, and not a draft', async () => {
      await buildPost(server.db, { title: 'Zebrafinkeprojektet i kommunen' });
      await buildPost(server.db, { title: 'Zebrafinkeprojektet som kladde', status: 'draft' });
      const html = await search('q=zebrafinkeprojekt');
      assert.equal(results(html).length, 1);
      assert.match(html, /<mark>Zebrafinkeprojektet<\/mark> i kommunen/);
    });

    it('finds an edited post by its new words and no longer by its old ones', async () => {
      const post = await buildPost(server.db, { title: 'Gammelt overskriftsord kolibri' });
      const authorId = (
        await server.db.selectFrom('post_authors').select('person_id').where('post_id', '=', post.id).executeTakeFirstOrThrow()
      ).person_id;
      await updatePost(server.db, post.id, inputFor(post, authorId, { title: 'Nyt overskriftsord pelikan' }));
      assert.equal(results(await search('q=kolibri')).length, 0);
      assert.equal(results(await search('q=pelikan')).length, 1);
    });

    it('drops a post from the results when it is deleted or made a draft again', async () => {
      const deleted = await buildPost(server.db, { title: 'Forsvindingsnummer flamingo' });
      const unpublished = await buildPost(server.db, { title: 'Forsvindingsnummer flamingo igen' });
      assert.equal(results(await search('q=flamingo')).length, 2);
      const authorId = (
        await server.db.selectFrom('post_authors').select('person_id').where('post_id', '=', unpublished.id).executeTakeFirstOrThrow()
      ).person_id;
      await deletePost(server.db, deleted.id);
      await updatePost(server.db, unpublished.id, inputFor(unpublished, authorId, { status: 'draft' }));
      assert.equal(results(await search('q=flamingo')).length, 0);
    });

    it('finds a scheduled post once it is published', async () => {
      const at = new Date(Date.now() + 3600_000);
      await buildPost(server.db, { title: 'Planlagt pingvinindlæg', status: 'scheduled', publishedAt: at });
      assert.equal(results(await search('q=pingvinindlæg')).length, 0);
      await publishDuePosts(server.db, new Date(at.getTime() + 1000));
      assert.equal(results(await search('q=pingvinindlæg')).length, 1);
    });

    it('stems an English post as English', async () => {
      const text = 'Volunteers were organizing the neighbourhood meetings, and the committee runs them.';
      const english = await buildPost(server.db, { title: 'Neighbourhood meetings', body: text, status: 'draft' });
      await buildPost(server.db, { title: 'Neighbourhood meetings (Danish index)', body: text });
      const authorId = (
        await server.db.selectFrom('post_authors').select('person_id').where('post_id', '=', english.id).executeTakeFirstOrThrow()
      ).person_id;
      await server.db.updateTable('posts').set({ language: 'en' }).where('id', '=', english.id).execute();
      await updatePost(server.db, english.id, inputFor(english, authorId, { status: 'published' }));
      const organized = await search('q=organized+neighbourhood');
      assert.equal(results(organized).length, 1);
      assert.match(organized, /<mark>organizing<\/mark>/);
      assert.ok(results(await search('q=running+neighbourhood')).length >= 1);
    });

    it('escapes a hostile title in the results', async () => {
      await buildPost(server.db, { title: '<script>alert(1)</script> struds' });
      const html = await search('q=struds');
      assert.match(html, /&lt;<mark>script<\/mark>&gt;|&lt;script&gt;/);
      assert.doesNotMatch(html, /<script>alert/);
    });

    it('answers hostile queries without an error', async () => {
      for (const q of [
        '"',
        '*',
        'NEAR(',
        "' OR 1=1 --",
        'partnerskab*',
        '-stress',
        'title:x',
        'a:b',
        '^',
        'AND OR NOT',
        '\\',
        'ø'.repeat(500),
        'x '.repeat(250),
      ]) {
        const response = await server.get(`/search?q=${encodeURIComponent(q)}`);
        assert.equal(response.status, 200, q);
        const suggest = await server.get(`/search/suggest?q=${encodeURIComponent(q)}`);
        assert.equal(suggest.status, 200, q);
      }
    });

    it('sends a filter that cannot be a blog, an author or a year to the search without it', async () => {
      // Each made-up value answered as a page of its own would cost a render per value a client invents.
      for (const [asked, sent] of [
        ['/search?q=x&blog=..%2Fadmin', '/search?q=x'],
        ['/search?q=x&year=abc', '/search?q=x'],
        ['/search?q=x&year=1789', '/search?q=x'],
        ['/search?q=x&author=Ada%20Admin&year=2024', '/search?q=x&year=2024'],
        ['/search?blog=-a-&q=x&page=2', '/search?page=2&q=x'],
      ]) {
        const response = await server.get(asked!);
        assert.equal(response.status, 301, asked);
        assert.equal(response.headers.get('location'), sent, asked);
      }
      const notANumber = await server.get('/search?q=x&page=abc');
      assert.equal(notANumber.status, 301, 'a page that is no number: the first page');
      assert.equal(notANumber.headers.get('location'), '/search?q=x');
    });

    it('suggests at most 8 titles with their addresses as JSON', async () => {
      const response = await server.get('/search/suggest?q=partnersk');
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /application\/json/);
      assert.match(response.headers.get('cache-control') ?? '', /max-age=\d+/);
      const { suggestions } = (await response.json()) as { suggestions: { title: string; url: string }[] };
      assert.deepEqual(
        suggestions.map((s) => s.url),
        [demoUrl('Fælles mål'), demoUrl('Datadeling')],
      );
      const many = (await (await server.get('/search/suggest?q=me')).json()) as { suggestions: unknown[] };
      assert.equal(many.suggestions.length, 8);
    });

    it('rebuilds an empty index from the published posts', async () => {
      await removeIndexEntries(server.db, await listIndexedPostIds(server.db));
      assert.equal(await isSearchIndexMissing(server.db), true);
      assert.ok((await rebuildSearchIndex(server.db)) >= 10);
      assert.equal(await isSearchIndexMissing(server.db), false);
      assert.deepEqual(resultUrls(await search('q=partnerskaber')), [demoUrl('Fælles mål'), demoUrl('Datadeling')]);
    });
  });
}
