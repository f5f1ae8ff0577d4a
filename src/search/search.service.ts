/** Site search: keeps the index in step with the posts, and answers searches and suggestions. */
import { listBlogs } from '../blogs/blog.service.js';
import { findFeaturedImages, type FeaturedImage } from '../uploads/media.service.js';
import { pastLastPage } from '../errors.js';
import { translator } from '../i18n/i18n.js';
import { markdownToText } from '../posts/markdown.js';
import { postPath } from '../posts/post.js';
import { POST_LIST_TAG } from '../posts/post-tags.js';
import type { SiteSettings } from '../settings/settings.js';
import { getSiteSettings } from '../settings/settings.service.js';
import { hideEmails } from '../shared/email-obfuscation.js';
import type { SafeHtml } from '../shared/safe-html.js';
import { zonedMonthOf, zonedMonthStart } from '../shared/time.js';
import type { Keeping } from '../storage/content-version.js';
import { inTransaction, type Db } from '../storage/db.js';
import { keptReads, NOT_KEPT } from '../storage/kept-read.js';
import type { IndexEntry } from '../storage/search-index.js';
import {
  countMatchingPosts,
  findAuthorRefs,
  findMatchingPosts,
  findPostsToIndex,
  listIndexedPostIds,
  listPublishedAuthors,
  findPublishedTimeRange,
  isAnyPostPublishedBetween,
  listSearchablePostIds,
  listSearchablePostIdsAfter,
  readIndexFill,
  beginIndexFill,
  advanceIndexFill,
  endIndexFill,
  searchIndexState,
  putIndexEntry,
  RANKED_MATCHES,
  removeIndexEntries,
  type AuthorRef,
  type PostToIndex,
  type SearchFilter,
} from './search.repository.js';
import { authorFacet, blogFacet, yearFacet } from './facets.js';
import { highlight, snippet, type TermOf } from './snippet.js';
import { indexTerms, isSearchLanguage, parseQuery, searchLanguageFor, termMatcher, type SearchLanguage } from './text-analysis.js';

export const MAX_SUGGESTIONS = 8;

/** A post as the index stores it: title, lead, tags with author names, and body, each as index terms. */
export function indexEntryFor(post: PostToIndex, language: SearchLanguage): IndexEntry {
  const bodyText = markdownToText(post.body);
  return {
    postId: post.id,
    language,
    bodyText,
    fields: {
      title: indexTerms(post.title, language),
      lead: indexTerms(post.lead, language),
      extra: indexTerms([...post.tags, ...post.authorNames].join(' '), language),
      body: indexTerms(bodyText, language),
    },
    facets: [
      blogFacet(post.blogId),
      ...post.authorIds.map(authorFacet),
      ...(post.publishedAt ? [yearFacet(new Date(post.publishedAt))] : []),
    ],
  };
}

/**
 * Brings the index in line with these posts at once: published ones are indexed anew, every other
 * (draft, scheduled, deleted, gone) is removed. Call it inside the transaction that changed them.
 */
export async function reindexPosts(db: Db, postIds: readonly string[]): Promise<void> {
  if (postIds.length === 0) return;
  const posts = (await findPostsToIndex(db, postIds)).filter((post) => post.status === 'published' && !post.deletedAt);
  await removeIndexEntries(
    db,
    postIds.filter((id) => !posts.some((post) => post.id === id)),
  );
  if (posts.length === 0) return;
  // A post without a language of its own is written in the site's.
  const siteLanguage = posts.every((post) => post.language) ? 'da' : (await getSiteSettings(db)).language;
  for (const post of posts) {
    await putIndexEntry(db, indexEntryFor(post, searchLanguageFor(post.language, siteLanguage)));
  }
}

/** Indexes every published post anew and drops everything else; returns how many posts it indexed. */
export async function rebuildSearchIndex(db: Db): Promise<number> {
  return inTransaction(db, async (trx) => {
    // Whole when this commits: a fill under way has nothing left to do.
    await endIndexFill(trx);
    // In slices: a database takes only so many parameters in one statement.
    const indexed = await listIndexedPostIds(trx);
    for (let i = 0; i < indexed.length; i += 500) await removeIndexEntries(trx, indexed.slice(i, i + 500));
    const ids = await listSearchablePostIds(trx);
    for (let i = 0; i < ids.length; i += 100) await reindexPosts(trx, ids.slice(i, i + 100));
    return ids.length;
  });
}

/**
 * How many posts one step of a fill indexes, in one transaction: with the database in the process,
 * the step holds the one event loop (about 0.7 ms a post on the bench's posts), so a few dozen keep
 * requests waiting no longer than a search does.
 */
export const FILL_BATCH = 25;

/**
 * One step of filling the index from the posts (index-fill.ts runs them after the server listens):
 * the next posts by id, so that documents are numbered in the order of the posts, as a rebuild
 * numbers them (the newest are the highest, storage/search-index.ts). Says how many it indexed, and
 * whether the fill is over, its record then gone; `{ indexed: 0, done: true }` when none was under way.
 */
export async function fillSearchIndexStep(db: Db, batch = FILL_BATCH): Promise<{ indexed: number; done: boolean }> {
  return inTransaction(db, async (trx) => {
    const after = await readIndexFill(trx);
    if (after === undefined) return { indexed: 0, done: true };
    const ids = await listSearchablePostIdsAfter(trx, after, batch);
    // A post saved meanwhile was indexed by its own save; indexing it again gives the same entry.
    await reindexPosts(trx, ids);
    const done = ids.length < batch;
    if (done) await endIndexFill(trx);
    else await advanceIndexFill(trx, ids[ids.length - 1]!);
    return { indexed: ids.length, done };
  });
}

/** Whether a fill of the index is under way: its results are short of the posts not reached yet. */
export async function isSearchIndexFilling(db: Db): Promise<boolean> {
  return (await readIndexFill(db)) !== undefined;
}

/**
 * At start: an index found missing is filled in the background (beginIndexFill; index-fill.ts),
 * and says so; true when a fill is under way, begun now or by an earlier start.
 */
export async function prepareSearchIndexFill(db: Db): Promise<boolean> {
  if (await isSearchIndexMissing(db)) await beginIndexFill(db);
  return isSearchIndexFilling(db);
}

/** True when posts are published but the index holds none: a database from before search, or a restored one. */
export async function isSearchIndexMissing(db: Db): Promise<boolean> {
  // Asked at every start: reading every id here made start grow with the site.
  const { anyIndexed, anySearchable } = await searchIndexState(db);
  return !anyIndexed && anySearchable;
}

export interface SearchParams {
  q: string;
  blog?: string;
  author?: string;
  year?: number;
  page: number;
}

export interface SearchHit {
  id: string;
  url: string;
  title: string;
  titleHtml: SafeHtml;
  snippet: SafeHtml;
  publishedAt: Date;
  blog: { slug: string; title: string };
  authors: AuthorRef[];
  /** Shown as a thumbnail, as in the post lists. */
  featuredImage?: FeaturedImage;
}

export interface SearchResults {
  /** False when the query has no word to search for: the page shows the form only. */
  searched: boolean;
  hits: SearchHit[];
  total: number;
  /** The search ranks and counts at most RANKED_MATCHES: `total` is that many and more may match. */
  atLeast: boolean;
  page: number;
  pages: number;
  perPage: number;
}

/** Published posts matching `params`, most relevant first. Throws not-found for a page past the last. */
export async function searchPosts(db: Db, params: SearchParams, settings?: SiteSettings): Promise<SearchResults> {
  settings ??= await getSiteSettings(db);
  const query = parseQuery(params.q);
  if (query.groups.length === 0) {
    if (params.page > 1) throw pastLastPage(1);
    return { searched: params.q.trim() !== '', hits: [], total: 0, atLeast: false, page: 1, pages: 1, perPage: settings.postsPerPage };
  }
  const filter: SearchFilter = {
    ...(params.blog ? { blogSlug: params.blog } : {}),
    ...(params.author ? { authorSlug: params.author } : {}),
    ...(params.year
      ? { from: zonedMonthStart(params.year, 1, settings.timeZone), until: zonedMonthStart(params.year + 1, 1, settings.timeZone) }
      : {}),
  };
  const perPage = settings.postsPerPage;
  const found = await findMatchingPosts(db, query, filter, perPage, (params.page - 1) * perPage);
  // Counted apart only for a page past the last, which then points to the last.
  const total = found.total ?? (await countMatchingPosts(db, query, filter));
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (params.page > pages) throw pastLastPage(pages);
  const { posts } = found;
  const authors = await findAuthorRefs(
    db,
    posts.map((post) => post.id),
  );
  const images = await findFeaturedImages(
    db,
    posts.map((post) => post.id),
  );
  const atWord = translator(settings.language, settings.timeZone).t('email.at');
  // Before highlighting: "<mark>ida</mark>@x.dk" would hide an address from a pattern, not from a harvester's text.
  const hide = (text: string) => hideEmails(text, atWord);
  // One per language, shared by the hits: most of their words are the same words.
  const matchers = new Map<SearchLanguage, TermOf>();
  const hits = posts.map((post): SearchHit => {
    const language = isSearchLanguage(post.language) ? post.language : settings.language;
    let termOf = matchers.get(language);
    if (!termOf) matchers.set(language, (termOf = termMatcher(query.highlight, language)));
    return {
      id: post.id,
      url: postPath(post.blog.slug, post.slug),
      title: hide(post.title),
      titleHtml: highlight(hide(post.title), termOf),
      snippet: snippet([post.lead, post.bodyText], termOf, { prepare: hide }),
      publishedAt: post.publishedAt,
      blog: post.blog,
      authors: authors.get(post.id) ?? [],
      ...(images.has(post.id) ? { featuredImage: images.get(post.id)! } : {}),
    };
  });
  return { searched: true, hits, total, atLeast: total >= RANKED_MATCHES, page: params.page, pages, perPage };
}

export interface Suggestion {
  title: string;
  url: string;
}

/** Titles for the search box as one types: the last word counts as the start of a word. */
export async function suggestPosts(db: Db, q: string): Promise<Suggestion[]> {
  if (q.trim().length < 2) return [];
  const query = parseQuery(q, { prefixLast: true });
  if (query.groups.length === 0) return [];
  const [{ posts }, settings] = await Promise.all([findMatchingPosts(db, query, {}, MAX_SUGGESTIONS, 0), getSiteSettings(db)]);
  const atWord = translator(settings.language, settings.timeZone).t('email.at');
  return posts.map((post) => ({ title: hideEmails(post.title, atWord), url: postPath(post.blog.slug, post.slug) }));
}

export interface SearchFilterChoices {
  blogs: { slug: string; title: string }[];
  authors: AuthorRef[];
  years: number[];
}

// One set of menus per database; kept apart from other reads, so nothing else pushes it out.
const keptChoices = keptReads(1);

/**
 * What the filter menus offer: every blog, everyone with a published post, every year with posts
 * (newest first). Kept while no post is published, withdrawn or given other authors and nothing
 * site-wide changes (blogs, people, the time zone): read afresh, the years alone cost one query per
 * year of the site's history on every search.
 */
export async function listSearchFilterChoices(db: Db, keeping: Keeping = NOT_KEPT): Promise<SearchFilterChoices> {
  const { value } = await keptChoices(db, keeping, 'search-filter-choices', async () => {
    const settings = await getSiteSettings(db);
    const [blogs, authors, years] = await Promise.all([listBlogs(db), listPublishedAuthors(db), listPublishedYears(db, settings.timeZone)]);
    const collator = new Intl.Collator(settings.language);
    const choices: SearchFilterChoices = {
      blogs: blogs.map((blog) => ({ slug: blog.slug, title: blog.title })),
      authors: authors.sort((a, b) => collator.compare(a.name, b.name)),
      years,
    };
    // Blogs and people record the site-wide tag, which every kept read counts as a change.
    return { value: choices, tags: [POST_LIST_TAG] };
  });
  return value;
}

/** Years with published posts in the site's time zone, newest first: one probe per year, not a read of every post. */
async function listPublishedYears(db: Db, timeZone: string): Promise<number[]> {
  const range = await findPublishedTimeRange(db);
  if (!range) return [];
  const years: number[] = [];
  const oldest = zonedMonthOf(range.oldest, timeZone).year;
  for (let year = zonedMonthOf(range.newest, timeZone).year; year >= oldest; year--) {
    if (await isAnyPostPublishedBetween(db, zonedMonthStart(year, 1, timeZone), zonedMonthStart(year + 1, 1, timeZone))) years.push(year);
  }
  return years;
}
