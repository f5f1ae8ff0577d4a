/**
 * A search page matches the index once (issue 16): the match is most of a search's cost, and any
 * visitor can ask for a new one with every request, past the page cache. Its filter menus are read
 * once per change to what they show, not per search.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildPerson, buildPost } from '../../test/support/factories.js';
import { DIALECTS } from '../../test/support/db.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { isLivePoll, statementRecorder } from '../../test/support/statements.js';

/** A statement that runs the full-text match: FTS5's MATCH on SQLite, a tsquery on PostgreSQL. */
const isMatch = (sql: string) => /\bmatch\b|::tsquery/i.test(sql);

for (const dialect of DIALECTS) {
  describe(`a search page's full-text matches (${dialect})`, () => {
    let server: TestServer;
    const recorder = statementRecorder(isLivePoll);

    before(async () => {
      server = await startTestServer(dialect, { demo: true, env: { PAGE_CACHE_MB: '0' }, queryLog: recorder.log });
    });
    after(async () => {
      await server?.close();
    });

    const matchesDuring = async (path: string) => {
      const { value: response, statements } = await recorder.during(() => server.get(path));
      return { status: response.status, html: await response.text(), matches: statements.filter(isMatch).length };
    };

    it('ranks and counts the matches in one statement', async () => {
      const page = await matchesDuring('/search?q=ledelse');
      assert.equal(page.status, 200);
      assert.match(page.html, /class="search-result/);
      assert.equal(page.matches, 1);
      const none = await matchesDuring('/search?q=xylofonbyggeri');
      assert.equal(none.status, 200);
      assert.equal(none.matches, 1);
    });

    it('reads the filter menus once per change to what they show, and shows the change', async () => {
      /** The settings, the blog list, the authors' and the years' reads: each search read them again. */
      const isMenuRead = (sql: string) =>
        /from "settings"|from "blogs" order by|from "people" where exists|"published_at" (>=|is not null)/i.test(sql);
      await server.get('/search?q=ledelse');
      const { value: response, statements } = await recorder.during(() => server.get('/search?q=kommentar'));
      const html = await response.text();
      assert.equal(response.status, 200);
      assert.deepEqual(statements.filter(isMenuRead), []);
      // The menus are still there, with the demo's blogs and years.
      assert.match(html, /<select[^>]*name="blog"/);
      assert.match(html, /<option value="\d{4}"/);
      assert.doesNotMatch(html, /<option value="1999"/);

      // A post published in a year no other post has: the next search shows that year and its author.
      const author = await buildPerson(server.db, { name: 'Åse Nyskribent' });
      await buildPost(server.db, {
        title: 'Et gammelt indlæg om ledelse',
        publishedAt: new Date('1999-06-01T10:00:00Z'),
        authors: [{ personId: author.id }],
      });
      const fresh = await (await server.get('/search?q=ledelse')).text();
      assert.match(fresh, /<option value="1999"/);
      assert.ok(fresh.includes(`value="${author.slug}"`), 'the new author is in the menu');
    });

    it('counts again only for a page past the last, which it refuses', async () => {
      const past = await matchesDuring('/search?q=ledelse&page=40');
      assert.equal(past.status, 404);
      assert.equal(past.matches, 2);
    });
  });
}
