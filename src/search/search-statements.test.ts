/**
 * A search page matches the index once (issue 16): the match is most of a search's cost, and any
 * visitor can ask for a new one with every request, past the page cache.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
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

    it('counts again only for a page past the last, which it refuses', async () => {
      const past = await matchesDuring('/search?q=ledelse&page=40');
      assert.equal(past.status, 404);
      assert.equal(past.matches, 2);
    });
  });
}
