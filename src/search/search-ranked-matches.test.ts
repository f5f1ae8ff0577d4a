import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DIALECTS, openedTestDatabase } from '../../test/support/db.js';
import { buildBlog, buildPerson, buildPost } from '../../test/support/factories.js';
import { createPosts, updatePost } from '../posts/post.service.js';
import { RANKED_MATCHES } from './search.repository.js';
import { SNIPPET_SCAN_CHARS } from './snippet.js';
import { authorFacet, blogFacet } from './facets.js';
import { parseQuery } from './text-analysis.js';
import { searchIndexFor } from '../storage/search-index.js';
import { listSearchFilterChoices, searchPosts } from './search.service.js';

for (const dialect of DIALECTS) {
  describe(`a search on a large site, and of long posts (${dialect})`, () => {
    const open = openedTestDatabase(dialect);

    it('ranks and counts the newest matches only, while a filter still reaches an old post', async () => {
      const [blog, old] = [await buildBlog(open.db), await buildBlog(open.db)];
      const person = await buildPerson(open.db);
      const post = (i: number, blogId: string, title: string) => {
        const at = new Date(Date.UTC(2010, 0, 1) + i * 3600_000);
        return {
          now: at,
          input: { blogId, slug: `p-${i}`, title, status: 'published' as const, publishedAt: at, authors: [{ personId: person.id }] },
        };
      };
      await createPosts(open.db, [post(0, old.id, 'Gammelt om fjorden')]);
      const many = Array.from({ length: RANKED_MATCHES + 5 }, (_, i) => post(i + 1, blog.id, `Fjorden nummer ${i + 1}`));
      for (let i = 0; i < many.length; i += 250) await createPosts(open.db, many.slice(i, i + 250));

      const all = await searchPosts(open.db, { q: 'fjorden', page: 1 });
      assert.equal(all.total, RANKED_MATCHES);
      assert.equal(all.atLeast, true);
      assert.equal(all.pages, Math.ceil(RANKED_MATCHES / all.perPage));
      const filtered = await searchPosts(open.db, { q: 'fjorden', blog: old.slug, page: 1 });
      assert.deepEqual([filtered.total, filtered.atLeast, filtered.hits.map((hit) => hit.title)], [1, false, ['Gammelt om fjorden']]);
      const years = (await listSearchFilterChoices(open.db)).years;
      assert.deepEqual(years, [2010]);
    });

    it('never shows a post its index entry outlived, with filters or without', async () => {
      const blog = await buildBlog(open.db);
      const [kept, gone] = [
        await buildPost(open.db, { blogId: blog.id, title: 'Skærgården i dag' }),
        await buildPost(open.db, { blogId: blog.id, title: 'Skærgården i går' }),
      ];
      // Behind the services' back, as a failed write or a bug would leave it: the entry stays.
      await open.db.updateTable('posts').set({ status: 'draft' }).where('id', '=', gone.id).execute();
      for (const params of [{}, { blog: blog.slug }]) {
        const found = await searchPosts(open.db, { q: 'skærgården', page: 1, ...params });
        assert.deepEqual([found.hits.map((hit) => hit.id), found.total], [[kept.id], 1], JSON.stringify(params));
      }
    });

    it('filters through what the index files each post under, as the post changes', async () => {
      const [first, second] = [await buildBlog(open.db), await buildBlog(open.db)];
      const [writer, other] = [await buildPerson(open.db), await buildPerson(open.db)];
      const post = await buildPost(open.db, { blogId: first.id, title: 'Vadehavet om vinteren', authors: [{ personId: writer.id }] });
      const ids = async (params: { blog?: string; author?: string; year?: number }) =>
        (await searchPosts(open.db, { q: 'vadehavet', page: 1, ...params })).hits.map((hit) => hit.id);
      assert.deepEqual(await ids({ blog: first.slug, author: writer.slug }), [post.id]);
      assert.deepEqual(await ids({ blog: second.slug }), []);
      await updatePost(open.db, post.id, {
        blogId: second.id,
        title: post.title,
        lead: post.lead,
        body: post.body,
        status: 'published',
        publishedAt: new Date('2019-05-01T12:00:00Z'),
        authors: [{ personId: other.id }],
      });
      assert.deepEqual(await ids({ blog: first.slug }), []);
      assert.deepEqual(await ids({ blog: second.slug, author: other.slug, year: 2019 }), [post.id]);
      assert.deepEqual(await ids({ author: writer.slug }), []);
      assert.deepEqual(await ids({ year: 2020 }), []);
      // The index itself narrows by them, before any check against the posts.
      const filed = async (facets: string[][]) =>
        (
          await open.db
            .selectFrom(searchIndexFor(open.db).matches({ ...parseQuery('vadehavet'), facets }, { limit: 10 }))
            .select('matches.post_id')
            .execute()
        ).map((row) => row.post_id);
      assert.deepEqual(await filed([[blogFacet(second.id)], [authorFacet(other.id)], ['_y2018', '_y2019']]), [post.id]);
      assert.deepEqual(await filed([[blogFacet(first.id)]]), []);
      assert.deepEqual(await filed([[blogFacet(second.id)], [authorFacet(writer.id)]]), []);
      // Typed, a facet is only a word, which no post has.
      for (const q of ['y2019', '_y2019', blogFacet(second.id)]) assert.deepEqual((await searchPosts(open.db, { q, page: 1 })).hits, [], q);
      // A blog or an author no one is: nothing, and nothing counted.
      const none = await searchPosts(open.db, { q: 'vadehavet', page: 1, blog: 'ingen-blog' });
      assert.deepEqual([none.hits, none.total], [[], 0]);
      assert.deepEqual(await ids({ author: 'ingen-skribent' }), []);
    });

    it('finds a long post by any word, and makes its snippet from the start of its text', async () => {
      const filler = Array.from({ length: 4000 }, (_, i) => `ærø${i}`).join(' ');
      await buildPost(open.db, {
        title: 'Betænkningen',
        lead: '',
        body: `Indledningen om fjeldet og søerne. ${filler} Til sidst havbunden.`,
      });
      const early = await searchPosts(open.db, { q: 'fjeldet', page: 1 });
      assert.match(early.hits[0]!.snippet, /^Indledningen om <mark>fjeldet<\/mark> og søerne\. ærø0 ærø1 .*…$/);
      const late = await searchPosts(open.db, { q: 'havbunden', page: 1 });
      assert.deepEqual(
        late.hits.map((hit) => hit.title),
        ['Betænkningen'],
      );
      // Past what a snippet looks through: found by the index, and shown by the start of its text.
      assert.ok(filler.length > SNIPPET_SCAN_CHARS);
      assert.match(late.hits[0]!.snippet, /^Indledningen om fjeldet og søerne\. ærø0 ærø1 [^<]*ærø\d+…$/);
    });
  });
}
