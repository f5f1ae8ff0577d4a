/** Site search: the results page, which works without JavaScript, and suggestions as one types. */
import type { FastifyPluginAsync } from 'fastify';
import { invalid, notFound } from '../errors.js';
import { pageNumber, sendPage, type PageDeps } from '../http/page-context.js';
import { dependsOn, pageQuery } from '../http/page-cache.js';
import { ANY_POST_TEXT_TAG, POST_LIST_TAG, postTextTag, SEARCH_TAG } from '../posts/post-tags.js';
import { isSlug } from '../shared/slug.js';
import { SearchPage, type SearchPageFilters } from '../views/pages/search/search.page.js';
import { listSearchFilterChoices, searchPosts, suggestPosts } from './search.service.js';
import { MAX_QUERY_LENGTH } from './text-analysis.js';

/** A query parameter as one string: the first of a repeated one, '' when absent. */
function one(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

/** q cut to its limit, and the filters; a filter that cannot be a slug or a year is refused. */
export function readSearchQuery(query: unknown): { q: string; filters: SearchPageFilters } {
  const values = (query ?? {}) as Record<string, unknown>;
  const q = one(values.q).slice(0, MAX_QUERY_LENGTH);
  const blog = one(values.blog);
  const author = one(values.author);
  const year = one(values.year);
  const problems: Record<string, string> = {};
  if (blog && !isSlug(blog)) problems.blog = 'not_a_slug';
  if (author && !isSlug(author)) problems.author = 'not_a_slug';
  if (year && !/^(19|20|21)\d\d$/.test(year)) problems.year = 'not_a_year';
  if (Object.keys(problems).length > 0) throw invalid(problems);
  return { q, filters: { ...(blog ? { blog } : {}), ...(author ? { author } : {}), ...(year ? { year: Number(year) } : {}) } };
}

export const searchRoutes: FastifyPluginAsync<PageDeps> = async (app, deps) => {
  const { db } = deps;

  app.get('/search', pageQuery('q', 'blog', 'author', 'year', 'page'), async (request, reply) => {
    const { q, filters } = readSearchQuery(request.query);
    const page = pageNumber(request.query);
    if (!page) throw notFound('Page');
    const [results, choices] = await Promise.all([searchPosts(db, { q, ...filters, page }), listSearchFilterChoices(db)]);
    // The index decides what matches; each hit shows its post's own text; the filters list blogs, authors and years.
    dependsOn(request, [SEARCH_TAG, POST_LIST_TAG, ...results.hits.map((hit) => postTextTag(hit.id))]);
    return sendPage(deps, request, reply, () => <SearchPage q={q} filters={filters} choices={choices} results={results} />);
  });

  app.get('/search/suggest', pageQuery('q'), async (request, reply) => {
    const q = one((request.query as Record<string, unknown> | undefined)?.q).slice(0, MAX_QUERY_LENGTH);
    const suggestions = await suggestPosts(db, q);
    dependsOn(request, [SEARCH_TAG, POST_LIST_TAG, ANY_POST_TEXT_TAG]);
    // Short: a post published or withdrawn shows up here within half a minute.
    return reply.header('cache-control', 'public, max-age=30').send({ suggestions });
  });
};
