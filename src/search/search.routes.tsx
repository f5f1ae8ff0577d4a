/** Site search: the results page, which works without JavaScript, and suggestions as one types. */
import type { FastifyPluginAsyncTypebox, Static } from '@fastify/type-provider-typebox';
import { keepingOf, sendPage, siteFrame, type PageDeps } from '../http/page-context.js';
import { PageNumber, pageOf, Query, Text } from '../http/schemas.js';
import { dependsOn, pageQuery, shapedPageQuery } from '../http/page-cache.js';
import { ANY_POST_TEXT_TAG, POST_LIST_TAG, postTextTag, SEARCH_TAG } from '../posts/post-tags.js';
import { SLUG } from '../shared/slug.js';
import type { TimeBudget } from '../shared/time-budget.js';
import { SearchPage, type SearchPageFilters } from '../views/pages/search/search.page.js';
import { isSearchIndexFilling, listSearchFilterChoices, searchPosts, suggestPosts } from './search.service.js';
import { MAX_QUERY_LENGTH } from './text-analysis.js';

// The filters' values: the page cache's hook sends an address with any other to the search without
// it (shapedPageQuery), before the route runs, so the route reads only values of these shapes.
const SearchQuery = Query({ q: Text, blog: Text, author: Text, year: Text, page: PageNumber });
const SEARCH_FILTERS = { blog: SLUG, author: SLUG, year: /^(?:19|20|21)\d\d$/ };
const SuggestQuery = Query({ q: Text });

/** q cut to its limit, and the filters given (each of its shape, see SEARCH_FILTERS). */
function readSearchQuery(query: Static<typeof SearchQuery>): { q: string; filters: SearchPageFilters } {
  const q = (query.q ?? '').slice(0, MAX_QUERY_LENGTH);
  const { blog, author, year } = query;
  return { q, filters: { ...(blog ? { blog } : {}), ...(author ? { author } : {}), ...(year ? { year: Number(year) } : {}) } };
}

export const searchRoutes: FastifyPluginAsyncTypebox<PageDeps & { searchBudget: TimeBudget }> = async (app, deps) => {
  const { db, searchBudget } = deps;

  const searchOptions = {
    ...shapedPageQuery(['q', 'blog', 'author', 'year', 'page'], SEARCH_FILTERS),
    schema: { querystring: SearchQuery },
  };
  app.get('/search', searchOptions, async (request, reply) => {
    const { q, filters } = readSearchQuery(request.query);
    const page = pageOf(request.query.page);
    // The settings and the menus as kept for the current content version: a search reads only its matches afresh.
    const [{ site }, keeping] = await Promise.all([siteFrame(deps, request), keepingOf(deps, request)]);
    // Only a search the page cache did not hold gets here: its words are the client's to choose.
    if (q.trim() !== '' && !searchBudget.allows()) {
      const choices = await listSearchFilterChoices(db, keeping);
      const nothing = { searched: false, hits: [], total: 0, atLeast: false, page: 1, pages: 1, perPage: site.postsPerPage };
      reply.header('retry-after', '1');
      return sendPage(deps, request, reply, () => <SearchPage q={q} filters={filters} choices={choices} results={nothing} busy />, 503);
    }
    return searchBudget.measure(async () => {
      const [results, choices, filling] = await Promise.all([
        searchPosts(db, { q, ...filters, page }, site),
        listSearchFilterChoices(db, keeping),
        isSearchIndexFilling(db),
      ]);
      // The index decides what matches; each hit shows its post's own text; the filters list blogs, authors and years.
      dependsOn(request, [SEARCH_TAG, POST_LIST_TAG, ...results.hits.map((hit) => postTextTag(hit.id))]);
      // Results short of posts the fill has not reached are kept by no cache: the fill's end changes no post.
      return sendPage(
        deps,
        request,
        reply,
        () => <SearchPage q={q} filters={filters} choices={choices} results={results} filling={filling} />,
        200,
        { private: filling },
      );
    });
  });

  app.get('/search/suggest', { ...pageQuery('q'), schema: { querystring: SuggestQuery } }, async (request, reply) => {
    const q = (request.query.q ?? '').slice(0, MAX_QUERY_LENGTH);
    // No suggestions for a moment: the script shows none and the form still searches.
    if (q.trim() !== '' && !searchBudget.allows())
      return reply.code(503).header('retry-after', '1').header('cache-control', 'no-store').send({ suggestions: [] });
    const suggestions = await searchBudget.measure(() => suggestPosts(db, q));
    dependsOn(request, [SEARCH_TAG, POST_LIST_TAG, ANY_POST_TEXT_TAG]);
    // Short: a post published or withdrawn shows up here within half a minute.
    return reply.header('cache-control', 'public, max-age=30').send({ suggestions });
  });
};
