import type { SearchFilterChoices, SearchHit, SearchResults } from '../../../search/search.service.js';
import { SummaryImage } from '../../partials/featured-image.js';
import { Byline } from '../../partials/byline.js';
import { useView } from '../../context.js';
import { PageLayout } from '../../layouts/page-layout.js';
import { useHideEmails } from '../../partials/email.js';
import { TrustedHtml } from '../../trusted-html.js';

export interface SearchPageFilters {
  blog?: string;
  author?: string;
  year?: number;
}

/** /search with these values; page 1 and empty filters left out. */
export function searchHref(q: string, filters: SearchPageFilters, page = 1): string {
  const params = new URLSearchParams({ q });
  if (filters.blog) params.set('blog', filters.blog);
  if (filters.author) params.set('author', filters.author);
  if (filters.year) params.set('year', String(filters.year));
  if (page > 1) params.set('page', String(page));
  return `/search?${params.toString()}`;
}

function SearchResultItem({ hit }: { hit: SearchHit }) {
  const { i18n } = useView();
  const hide = useHideEmails();
  return (
    <li class={hit.featuredImage ? 'search-result summary--thumb' : 'search-result'}>
      {hit.featuredImage && <SummaryImage image={hit.featuredImage} lead={false} />}
      <h3 class="summary__title">
        <a href={hit.url}>
          <TrustedHtml as="span" html={hit.titleHtml} />
        </a>
      </h3>
      <p class="meta">
        {hit.authors.length > 0 && (
          <>
            <Byline authors={hit.authors.map((a) => ({ slug: a.slug, name: a.name, title: a.title ?? '', guest: a.guest ?? false }))} />
            {' · '}
          </>
        )}
        <time datetime={hit.publishedAt.toISOString()}>{i18n.date(hit.publishedAt)}</time>
        {` ${i18n.t('post.inBlog')} `}
        <a href={`/${hit.blog.slug}`}>{hide(hit.blog.title)}</a>
      </p>
      {hit.snippet && <TrustedHtml as="p" class="search-result__snippet" html={hit.snippet} />}
    </li>
  );
}

function SearchPagination({ q, filters, results }: { q: string; filters: SearchPageFilters; results: SearchResults }) {
  const { i18n } = useView();
  const { page, pages } = results;
  if (pages <= 1) return null;
  return (
    <nav class="pagination" aria-label={i18n.t('pagination.label')}>
      {page > 1 && (
        <a href={searchHref(q, filters, page - 1)} rel="prev">
          ← {i18n.t('search.previous')}
        </a>
      )}
      <span>{i18n.t('pagination.page', { page, pages })}</span>
      {page < pages && (
        <a href={searchHref(q, filters, page + 1)} rel="next">
          {i18n.t('search.next')} →
        </a>
      )}
    </nav>
  );
}

/** The search form with its filters, and the results when there was something to search for. */
export function SearchPage({
  q,
  filters,
  choices,
  results,
  filling = false,
  busy = false,
}: {
  q: string;
  filters: SearchPageFilters;
  choices: SearchFilterChoices;
  results: SearchResults;
  /** The index is being filled from the posts (search/index-fill.ts): some may be missing. */
  filling?: boolean;
  /** Searches took their share of the last second (SEARCH_MS_PER_SECOND): this one was not made. */
  busy?: boolean;
}) {
  const { i18n } = useView();
  const hide = useHideEmails();
  const title = results.searched || busy ? i18n.t('search.titleFor', { q }) : i18n.t('search.heading');
  return (
    <PageLayout meta={{ title, canonical: false, head: <meta name="robots" content="noindex, follow" /> }}>
      <h1>{i18n.t('search.heading')}</h1>
      {filling && (
        <p class="search-note" role="status">
          {i18n.t('search.filling')}
        </p>
      )}
      {busy && (
        <p class="search-note" role="alert">
          {i18n.t('search.busy')}
        </p>
      )}
      {/* autocomplete off: Back without JavaScript shows the menus and words these results were found
          with, not the ones changed before leaving (the browser restores a form's state otherwise). */}
      <form class="search-form" role="search" autocomplete="off" method="get" action="/search" aria-label={i18n.t('search.formLabel')}>
        <p class="search-form__query">
          <label for="search-q">{i18n.t('search.query')}</label>
          <input id="search-q" name="q" type="search" value={q} maxLength={200} autocomplete="off" />
          <button type="submit">{i18n.t('search.submit')}</button>
        </p>
        <fieldset class="search-form__filters">
          <legend>{i18n.t('search.filters')}</legend>
          <p>
            <label for="search-blog">{i18n.t('search.blog')}</label>
            <select id="search-blog" name="blog">
              <option value="">{i18n.t('search.allBlogs')}</option>
              {filters.blog && !choices.blogs.some((blog) => blog.slug === filters.blog) && (
                <option value={filters.blog} selected>
                  {i18n.t('search.unknownBlog', { slug: filters.blog })}
                </option>
              )}
              {choices.blogs.map((blog) => (
                <option key={blog.slug} value={blog.slug} selected={blog.slug === filters.blog}>
                  {hide(blog.title)}
                </option>
              ))}
            </select>
          </p>
          <p>
            <label for="search-author">{i18n.t('search.author')}</label>
            <select id="search-author" name="author">
              <option value="">{i18n.t('search.allAuthors')}</option>
              {filters.author && !choices.authors.some((author) => author.slug === filters.author) && (
                <option value={filters.author} selected>
                  {i18n.t('search.unknownAuthor', { slug: filters.author })}
                </option>
              )}
              {choices.authors.map((author) => (
                <option key={author.slug} value={author.slug} selected={author.slug === filters.author}>
                  {hide(author.name)}
                </option>
              ))}
            </select>
          </p>
          <p>
            <label for="search-year">{i18n.t('search.year')}</label>
            <select id="search-year" name="year">
              <option value="">{i18n.t('search.allYears')}</option>
              {filters.year !== undefined && !choices.years.includes(filters.year) && (
                <option value={String(filters.year)} selected>
                  {String(filters.year)}
                </option>
              )}
              {choices.years.map((year) => (
                <option key={year} value={String(year)} selected={year === filters.year}>
                  {year}
                </option>
              ))}
            </select>
          </p>
        </fieldset>
      </form>
      {results.searched && (
        <section class="search-results" aria-labelledby="search-results-heading">
          <h2 id="search-results-heading" class="list-heading">
            {results.atLeast ? i18n.t('search.countAtLeast', { count: results.total }) : i18n.count('search.count', results.total)}
          </h2>
          {results.total === 0 ? (
            <p>{i18n.t('search.noResults')}</p>
          ) : (
            <ol class="search-results__list" start={(results.page - 1) * results.perPage + 1}>
              {results.hits.map((hit) => (
                <SearchResultItem key={hit.id} hit={hit} />
              ))}
            </ol>
          )}
          <SearchPagination q={q} filters={filters} results={results} />
        </section>
      )}
    </PageLayout>
  );
}
