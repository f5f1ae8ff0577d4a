/**
 * Searches no cache holds may take SEARCH_MS_PER_SECOND of each second on an instance: past it, a
 * search is answered 503 for a moment with the words kept in the form, while what the cache holds
 * is still served, and searching works again once the second has passed.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../../test/support/db.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { vnuCanRun, vnuErrors } from '../../test/support/vnu.js';

for (const dialect of DIALECTS) {
  describe(`searches within their share of the second (${dialect})`, () => {
    let server: TestServer;
    before(async () => {
      // One millisecond a second: the first search takes it all.
      server = await startTestServer(dialect, { demo: true, env: { SEARCH_MS_PER_SECOND: '1', METRICS_TOKEN: 'search-budget-token-123' } });
    });
    after(async () => {
      await server?.close();
    });

    /** Searches for new words until one is refused. */
    let searched = 0;
    const refusedSearch = async () => {
      for (let i = 0; i < 20; i++) if ((await server.get(`/search?q=kommune+${++searched}`)).status === 503) return;
      assert.fail('no search was refused');
    };

    it('refuses searches past the share with the words kept, serves cached ones, and searches again a second later', async (t) => {
      const first = await server.get('/search?q=partnerskab');
      assert.equal(first.status, 200);
      assert.match(await first.text(), /<mark>partnerskab<\/mark>/);

      // Words of the client's choosing, each new to the cache.
      let busy: Response | undefined;
      let busyQuery = '';
      for (let i = 0; i < 20 && !busy; i++) {
        busyQuery = `data ${i}`;
        const response = await server.get(`/search?q=${encodeURIComponent(busyQuery)}&year=2024`);
        if (response.status === 503) busy = response;
        else assert.equal(response.status, 200);
      }
      assert.ok(busy, 'a search past the share is refused');
      assert.equal(busy.headers.get('retry-after'), '1');
      assert.match(busy.headers.get('cache-control') ?? '', /no-store/);
      const html = await busy.text();
      assert.match(html, /role="alert"/);
      assert.ok(html.includes(`name="q" type="search" value="${busyQuery}"`), 'the words are still in the box');
      assert.match(html, /<option value="2024" selected/, 'and the year chosen');
      assert.doesNotMatch(html, /search-results__list/);

      // Each check right after a refusal: on a slow machine the share may come back between two.
      await refusedSearch();
      const suggest = await server.get('/search/suggest?q=dat');
      assert.equal(suggest.status, 503);
      assert.deepEqual(await suggest.json(), { suggestions: [] });

      await refusedSearch();
      const cached = await server.get('/search?q=partnerskab');
      assert.equal(cached.status, 200, 'a search the cache holds costs nothing and is served');
      assert.equal(cached.headers.get('x-ytring-cache'), 'hit');

      const metrics = await (await server.get('/metrics', { headers: { authorization: 'Bearer search-budget-token-123' } })).text();
      assert.match(metrics, /^ytring_search_refused_total [1-9]/m);

      await sleep(1_100);
      const again = await server.get(`/search?q=${encodeURIComponent(busyQuery)}&year=2024`);
      assert.equal(again.status, 200, 'the refused search, a second later');
      if (dialect === 'sqlite' && vnuCanRun(t)) assert.deepEqual(vnuErrors({ 'busy.html': html }), []);
    });

    it('shows the form with no words while searches are refused', async () => {
      await refusedSearch();
      const form = await server.get('/search?q=%20&blog=nyt');
      assert.equal(form.status, 200);
      assert.match(await form.text(), /<form class="search-form"/);
    });
  });
}
