import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { asOnPost, bylineTitle } from '../posts/post.js';
import type { Db } from '../storage/db.js';
import { lockingRead } from '../storage/write-lock.js';
import { authorFacet, blogFacet, yearFacetsBetween } from './facets.js';
import { SNIPPET_TEXT_CHARS } from './snippet.js';
import { searchIndexFor, type IndexEntry, type IndexQuery } from '../storage/search-index.js';

/** What the index is built from: a post with its tags and author names. */
export interface PostToIndex {
  id: string;
  blogId: string;
  publishedAt: string | null;
  authorIds: string[];
  status: string;
  deletedAt: string | null;
  title: string;
  lead: string;
  body: string;
  language: string | null;
  tags: string[];
  authorNames: string[];
}

export interface SearchFilter {
  blogSlug?: string;
  authorSlug?: string;
  from?: Date;
  until?: Date;
}

export interface MatchedPost {
  id: string;
  slug: string;
  title: string;
  lead: string;
  publishedAt: Date;
  blog: { slug: string; title: string };
  language: string;
  /** The start of the body's text, as much as a snippet looks at (SNIPPET_TEXT_CHARS). */
  bodyText: string;
}

export async function findPostsToIndex(db: Db, postIds: readonly string[]): Promise<PostToIndex[]> {
  if (postIds.length === 0) return [];
  const posts = await db
    .selectFrom('posts')
    .select(['id', 'blog_id', 'published_at', 'status', 'deleted_at', 'title', 'lead', 'body', 'language'])
    .where('id', 'in', postIds)
    .execute();
  const tags = await db
    .selectFrom('post_tags')
    .innerJoin('tags', 'tags.id', 'post_tags.tag_id')
    .select(['post_tags.post_id', 'tags.name'])
    .where('post_tags.post_id', 'in', postIds)
    .orderBy('post_tags.post_id')
    .orderBy('post_tags.position')
    .execute();
  const authors = await db
    .selectFrom('post_authors')
    .innerJoin('people', 'people.id', 'post_authors.person_id')
    .select(['post_authors.post_id', 'post_authors.person_id', 'people.name'])
    .where('post_authors.post_id', 'in', postIds)
    .orderBy('post_authors.post_id')
    .orderBy('post_authors.position')
    .execute();
  return posts.map((post) => {
    const bylines = authors.filter((a) => a.post_id === post.id);
    return {
      id: post.id,
      blogId: post.blog_id,
      publishedAt: post.published_at,
      authorIds: bylines.map((a) => a.person_id),
      status: post.status,
      deletedAt: post.deleted_at,
      title: post.title,
      lead: post.lead,
      body: post.body,
      language: post.language,
      tags: tags.filter((t) => t.post_id === post.id).map((t) => t.name),
      authorNames: bylines.map((a) => a.name),
    };
  });
}

/** Ids of the posts readers can see, which are the ones the index should hold. */
export async function listSearchablePostIds(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('posts')
    .select('id')
    .where('status', '=', 'published')
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * The next `limit` posts out to be searched after `afterId`, by id: a fill's next batch, locked for
 * the transaction `trx` so that a post saved meanwhile is indexed as saved, not as read before.
 */
export async function listSearchablePostIdsAfter(trx: Db, afterId: string, limit: number): Promise<string[]> {
  const query = trx
    .selectFrom('posts')
    .select('id')
    .where('id', '>', afterId)
    .where('status', '=', 'published')
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .limit(limit);
  return (await lockingRead(trx, query).execute()).map((r) => r.id);
}

/** Where the fill under way has come to (the last post id it indexed, '' before the first), or undefined when none is. */
export async function readIndexFill(db: Db): Promise<string | undefined> {
  return (await db.selectFrom('search_index_fill').select('after_post_id').where('id', '=', 1).executeTakeFirst())?.after_post_id;
}

/** Starts a fill from the first post, unless one is under way. */
export async function beginIndexFill(db: Db): Promise<void> {
  await db
    .insertInto('search_index_fill')
    .values({ id: 1, after_post_id: '' })
    .onConflict((c) => c.column('id').doNothing())
    .execute();
}

export async function advanceIndexFill(db: Db, afterId: string): Promise<void> {
  await db.updateTable('search_index_fill').set({ after_post_id: afterId }).where('id', '=', 1).execute();
}

export async function endIndexFill(db: Db): Promise<void> {
  await db.deleteFrom('search_index_fill').execute();
}

/** Whether the index holds any post, and whether any post is out to be searched: one row read each, whatever the site's size. */
export async function searchIndexState(db: Db): Promise<{ anyIndexed: boolean; anySearchable: boolean }> {
  const [indexed, searchable] = await Promise.all([
    db.selectFrom('search_documents').select('post_id').limit(1).executeTakeFirst(),
    db.selectFrom('posts').select('id').where('status', '=', 'published').where('deleted_at', 'is', null).limit(1).executeTakeFirst(),
  ]);
  return { anyIndexed: indexed !== undefined, anySearchable: searchable !== undefined };
}

export async function listIndexedPostIds(db: Db): Promise<string[]> {
  return (await db.selectFrom('search_documents').select('post_id').execute()).map((r) => r.post_id);
}

export async function putIndexEntry(db: Db, entry: IndexEntry): Promise<void> {
  await searchIndexFor(db).put(db, entry);
}

export async function removeIndexEntries(db: Db, postIds: readonly string[]): Promise<void> {
  await searchIndexFor(db).remove(db, postIds);
}

/** The most matches one search ranks and counts: the newest this many (MatchScope in storage/search-index.ts). */
export const RANKED_MATCHES = 1000;

/**
 * The facets a filter asks for (search/facets.ts), with the ids of the blog and the author it names;
 * undefined when it names a blog or an author that no one is, which nothing can match.
 */
async function facetsOf(db: Db, filter: SearchFilter): Promise<{ facets: string[][]; blogId?: string; personId?: string } | undefined> {
  const facets: string[][] = [];
  let blogId: string | undefined;
  let personId: string | undefined;
  if (filter.blogSlug) {
    blogId = (await db.selectFrom('blogs').select('id').where('slug', '=', filter.blogSlug).executeTakeFirst())?.id;
    if (!blogId) return undefined;
    facets.push([blogFacet(blogId)]);
  }
  if (filter.authorSlug) {
    personId = (await db.selectFrom('people').select('id').where('slug', '=', filter.authorSlug).executeTakeFirst())?.id;
    if (!personId) return undefined;
    facets.push([authorFacet(personId)]);
  }
  const years = yearFacetsBetween(filter.from, filter.until);
  if (years) facets.push(years);
  return { facets, ...(blogId ? { blogId } : {}), ...(personId ? { personId } : {}) };
}

/** The matches of a search as a table joined to their posts; undefined when the filter can match nothing. */
async function matchingPosts(db: Db, query: IndexQuery, filter: SearchFilter, ranked = true) {
  const filed = await facetsOf(db, filter);
  if (!filed) return undefined;
  // The index narrows the matches to the filter's facets; this checks each of those against the
  // posts themselves, so the newest matches it ranks are ones the filter keeps.
  const within = (postId: RawBuilder<string>) => {
    let posts = db.selectFrom('posts').select('posts.id').where('posts.id', '=', postId);
    if (filed.blogId) posts = posts.where('posts.blog_id', '=', filed.blogId);
    if (filter.from) posts = posts.where('posts.published_at', '>=', filter.from.toISOString());
    if (filter.until) posts = posts.where('posts.published_at', '<', filter.until.toISOString());
    if (filed.personId) {
      const personId = filed.personId;
      posts = posts.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('post_authors')
            .select('post_authors.post_id')
            .whereRef('post_authors.post_id', '=', 'posts.id')
            .where('post_authors.person_id', '=', personId),
        ),
      );
    }
    // The builder brings its own parentheses.
    return sql<SqlBool>`exists ${posts}`;
  };
  // Without filters, each match's row in posts would be read twice, in here and for the order after:
  // that was a third of a search's time in the database.
  const filtered = Boolean(filter.blogSlug || filter.from || filter.until || filter.authorSlug);
  const narrowed: IndexQuery = filed.facets.length > 0 ? { ...query, facets: filed.facets } : query;
  return (
    db
      .selectFrom(searchIndexFor(db).matches(narrowed, { ...(filtered ? { within } : {}), limit: RANKED_MATCHES, ranked }))
      .innerJoin('posts', 'posts.id', 'matches.post_id')
      // The index holds only published posts; this keeps a stale entry from ever showing another.
      // Through coalesce, which no index of posts serves: given the status index, the planner started from
      // every published post and looked each up among the matches (43 ms on 100,000 posts, not 2.4).
      .where(sql<string>`coalesce(posts.status, '')`, '=', 'published')
      .where('posts.deleted_at', 'is', null)
  );
}

/** How many posts match, up to RANKED_MATCHES (a search counts no more than it ranks), without ranking them. */
export async function countMatchingPosts(db: Db, query: IndexQuery, filter: SearchFilter): Promise<number> {
  const matching = await matchingPosts(db, query, filter, false);
  if (!matching) return 0;
  const row = await matching.select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * A page of the matching posts, most relevant first, then newest, with how many match (up to
 * RANKED_MATCHES), which the ranking counts as it goes: a second match of the index only to count
 * cost as much again. `total` is unknown (undefined) when the page is past the last.
 */
export async function findMatchingPosts(
  db: Db,
  query: IndexQuery,
  filter: SearchFilter,
  limit: number,
  offset: number,
): Promise<{ posts: MatchedPost[]; total: number | undefined }> {
  // The page's ids first, then their text: sorting the ranked matches with every body's text along
  // took ten times as long as ranking them.
  const matching = await matchingPosts(db, query, filter);
  if (!matching) return { posts: [], total: offset === 0 ? 0 : undefined };
  const ranked = await matching
    .select(['posts.id', (eb) => eb.fn.countAll<number | string>().over().as('total')])
    .orderBy('matches.score', 'desc')
    .orderBy('posts.published_at', 'desc')
    .orderBy('posts.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  if (ranked.length === 0) return { posts: [], total: offset === 0 ? 0 : undefined };
  return { posts: await matchedPosts(db, ranked), total: Number(ranked[0]!.total) };
}

/** The ranked posts' rows for their results, in the ranking's order. */
async function matchedPosts(db: Db, ranked: readonly { id: string }[]): Promise<MatchedPost[]> {
  const rows = await db
    .selectFrom('posts')
    .innerJoin('blogs', 'blogs.id', 'posts.blog_id')
    .innerJoin('search_documents', 'search_documents.post_id', 'posts.id')
    .select([
      'posts.id',
      'posts.slug',
      'posts.title',
      'posts.lead',
      'posts.published_at',
      'blogs.slug as blog_slug',
      'blogs.title as blog_title',
      'search_documents.language',
      // A long post's whole text cost milliseconds a hit to read, for a snippet that looks at its start.
      sql<string>`substr(search_documents.body_text, 1, ${SNIPPET_TEXT_CHARS})`.as('body_text'),
    ])
    .where(
      'posts.id',
      'in',
      ranked.map((r) => r.id),
    )
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ranked.flatMap(({ id }) => {
    const row = byId.get(id);
    return row
      ? [
          {
            id: row.id,
            slug: row.slug,
            title: row.title,
            lead: row.lead,
            publishedAt: new Date(row.published_at!),
            blog: { slug: row.blog_slug, title: row.blog_title },
            language: row.language,
            bodyText: row.body_text,
          },
        ]
      : [];
  });
}

export interface AuthorRef {
  slug: string;
  name: string;
  /** In a hit's byline: the post's note, or a guest's title and organisation. */
  title?: string;
  guest?: boolean;
}

export async function findAuthorRefs(db: Db, postIds: readonly string[]): Promise<Map<string, AuthorRef[]>> {
  const result = new Map<string, AuthorRef[]>();
  if (postIds.length === 0) return result;
  const rows = await db
    .selectFrom('post_authors')
    .innerJoin('people', 'people.id', 'post_authors.person_id')
    .select([
      'post_authors.post_id',
      'post_authors.byline_note',
      'people.slug',
      'people.name',
      'people.job_title',
      'people.organisation',
      'people.is_guest',
      'post_authors.job_title as post_job_title',
      'post_authors.organisation as post_organisation',
    ])
    .where('post_authors.post_id', 'in', postIds)
    .orderBy('post_authors.post_id')
    .orderBy('post_authors.position')
    .execute();
  for (const row of rows) {
    const guest = Number(row.is_guest) === 1;
    // The post's own title and organisation for the person, where it has them (the title at the time of writing).
    const person = asOnPost(
      { guest, jobTitle: row.job_title, organisation: row.organisation },
      {
        jobTitle: row.post_job_title,
        organisation: row.post_organisation,
      },
    );
    const title = bylineTitle(row.byline_note, person);
    result.set(row.post_id, [...(result.get(row.post_id) ?? []), { slug: row.slug, name: row.name, title, guest }]);
  }
  return result;
}

/** People with at least one published post, by name: the author filter's choices. */
export async function listPublishedAuthors(db: Db): Promise<AuthorRef[]> {
  return db
    .selectFrom('people')
    .select(['people.slug', 'people.name'])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('post_authors')
          .innerJoin('posts', 'posts.id', 'post_authors.post_id')
          .select('post_authors.post_id')
          .whereRef('post_authors.person_id', '=', 'people.id')
          .where('posts.status', '=', 'published')
          .where('posts.deleted_at', 'is', null),
      ),
    )
    .orderBy('people.name')
    .orderBy('people.slug')
    .execute();
}

/** The oldest and newest publication times of the published posts: two rows read from the index of 000085. */
export async function findPublishedTimeRange(db: Db): Promise<{ oldest: Date; newest: Date } | undefined> {
  const end = (direction: 'asc' | 'desc') =>
    db
      .selectFrom('posts')
      .select('published_at')
      .where('status', '=', 'published')
      .where('deleted_at', 'is', null)
      .where('published_at', 'is not', null)
      .orderBy('published_at', direction)
      .limit(1)
      .executeTakeFirst();
  const [oldest, newest] = await Promise.all([end('asc'), end('desc')]);
  return oldest && newest ? { oldest: new Date(oldest.published_at!), newest: new Date(newest.published_at!) } : undefined;
}

/** Whether a post was published in [from, until): one probe of the index. */
export async function isAnyPostPublishedBetween(db: Db, from: Date, until: Date): Promise<boolean> {
  const row = await db
    .selectFrom('posts')
    .select('id')
    .where('status', '=', 'published')
    .where('deleted_at', 'is', null)
    .where('published_at', '>=', from.toISOString())
    .where('published_at', '<', until.toISOString())
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
