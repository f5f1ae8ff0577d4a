import { sql, type Insertable, type Selectable } from 'kysely';
import { toPerson } from '../people/person.repository.js';
import { toPublicPerson } from '../people/person.js';
import { compiledRead } from '../storage/compiled-read.js';
import type { Db } from '../storage/db.js';
import { foldedContains } from '../storage/text-match.js';
import type {
  InfoBoxContactTable,
  InfoBoxTable,
  PostAuthorTable,
  PostAuthorTitleColumns,
  PostLanguageColumn,
  PostTable,
  RelatedLinkTable,
} from './post.table.js';
import {
  asOnPost,
  type InfoBox,
  type Post,
  type PostAuthor,
  type PostStatus,
  type PostSummary,
  type RelatedLink,
  type Tag,
} from './post.js';

export type PostRow = Selectable<PostTable>;

export const toPost = (row: PostRow): Post => ({
  id: row.id,
  blogId: row.blog_id,
  slug: row.slug,
  title: row.title,
  lead: row.lead,
  body: row.body,
  status: row.status,
  publishedAt: row.published_at ? new Date(row.published_at) : null,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
  commentsOpen: Number(row.comments_open) === 1,
  commentCount: Number(row.comment_count),
});

export interface PostParts {
  authors: Insertable<PostAuthorTable>[];
  tagIds: string[];
  relatedLinks: Insertable<RelatedLinkTable>[];
  infoBoxes: { box: Insertable<InfoBoxTable>; contacts: Insertable<InfoBoxContactTable>[] }[];
}

export async function insertPostRow(db: Db, row: PostRow & Partial<PostLanguageColumn>): Promise<void> {
  await db.insertInto('posts').values(row).execute();
}

export async function updatePostRow(db: Db, id: string, changes: Partial<PostRow>): Promise<void> {
  await db.updateTable('posts').set(changes).where('id', '=', id).execute();
}

/** Replaces a post's authors, tags, related links and info boxes with `parts`. */
export async function replacePostParts(db: Db, postId: string, parts: PostParts): Promise<void> {
  await db.deleteFrom('post_authors').where('post_id', '=', postId).execute();
  await db.deleteFrom('post_tags').where('post_id', '=', postId).execute();
  await db.deleteFrom('related_links').where('post_id', '=', postId).execute();
  await db.deleteFrom('info_boxes').where('post_id', '=', postId).execute();
  if (parts.authors.length) await db.insertInto('post_authors').values(parts.authors).execute();
  if (parts.tagIds.length) {
    await db
      .insertInto('post_tags')
      .values(parts.tagIds.map((tagId, position) => ({ post_id: postId, tag_id: tagId, position })))
      .execute();
  }
  if (parts.relatedLinks.length) await db.insertInto('related_links').values(parts.relatedLinks).execute();
  for (const { box, contacts } of parts.infoBoxes) {
    await db.insertInto('info_boxes').values(box).execute();
    if (contacts.length) await db.insertInto('info_box_contacts').values(contacts).execute();
  }
}

export async function findPostRowById(db: Db, id: string): Promise<PostRow | undefined> {
  return db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();
}

// Read for every post page: its SQL is built once (see storage/compiled-read.ts).
const postRowBySlug = compiledRead((db, blogId: string, slug: string) =>
  db.selectFrom('posts').selectAll().where('blog_id', '=', blogId).where('slug', '=', slug),
);

export async function findPostRowBySlug(db: Db, blogId: string, slug: string): Promise<(PostRow & PostLanguageColumn) | undefined> {
  return (await postRowBySlug(db, blogId, slug))[0];
}

const commentCountRead = compiledRead((db, id: string) => db.selectFrom('posts').select('comment_count').where('id', '=', id));

/** A post's approved comments as counted on its row (kept by the comment code); undefined when there is no such post. */
export async function findCommentCount(db: Db, id: string): Promise<number | undefined> {
  const [row] = await commentCountRead(db, id);
  return row ? Number(row.comment_count) : undefined;
}

/** What a comment's submission needs of its post: not its text, which may be long and is not read. */
export async function findCommentTargetRow(db: Db, blogId: string, slug: string) {
  return db
    .selectFrom('posts')
    .select(['id', 'slug', 'title', 'status', 'published_at', 'deleted_at', 'comments_open', 'comment_count'])
    .where('blog_id', '=', blogId)
    .where('slug', '=', slug)
    .executeTakeFirst();
}

export async function isPostSlugTaken(db: Db, blogId: string, slug: string, exceptId?: string): Promise<boolean> {
  let query = db.selectFrom('posts').select('id').where('blog_id', '=', blogId).where('slug', '=', slug);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export interface PostFilter {
  blogId?: string;
  tagId?: string;
  personId?: string;
  from?: Date;
  until?: Date;
}

function publishedQuery(db: Db, filter: PostFilter) {
  let query = db
    .selectFrom('posts')
    .innerJoin('blogs', 'blogs.id', 'posts.blog_id')
    .where('posts.status', '=', 'published' satisfies PostStatus)
    .where('posts.deleted_at', 'is', null);
  if (filter.blogId) query = query.where('posts.blog_id', '=', filter.blogId);
  if (filter.from) query = query.where('posts.published_at', '>=', filter.from.toISOString());
  if (filter.until) query = query.where('posts.published_at', '<', filter.until.toISOString());
  if (filter.tagId) {
    const tagId = filter.tagId;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('post_tags')
          .select('post_tags.post_id')
          .whereRef('post_tags.post_id', '=', 'posts.id')
          .where('post_tags.tag_id', '=', tagId),
      ),
    );
  }
  if (filter.personId) {
    const personId = filter.personId;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('post_authors')
          .select('post_authors.post_id')
          .whereRef('post_authors.post_id', '=', 'posts.id')
          .where('post_authors.person_id', '=', personId),
      ),
    );
  }
  return query;
}

export async function countPublished(db: Db, filter: PostFilter): Promise<number> {
  // The whole site, a blog or a tag: read from the counts the database keeps (000093, 000094), not
  // counted from every published post on each page.
  const { blogId, tagId, ...rest } = filter;
  const narrowed = Object.values(rest).some((value) => value !== undefined);
  if (!narrowed && !(blogId && tagId)) {
    const row = tagId
      ? await db.selectFrom('tag_post_counts').select('posts').where('tag_id', '=', tagId).executeTakeFirst()
      : await db
          .selectFrom('blog_post_counts')
          .select((eb) => eb.fn.sum<number | string | null>('posts').as('posts'))
          .$if(blogId !== undefined, (q) => q.where('blog_id', '=', blogId!))
          .executeTakeFirst();
    return Number(row?.posts ?? 0);
  }
  const row = await publishedQuery(db, filter)
    .select((eb) => eb.fn.countAll().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function listPublishedSummaries(db: Db, filter: PostFilter, limit: number, offset: number): Promise<PostSummary[]> {
  const rows = await publishedQuery(db, filter)
    .select([
      'posts.id',
      'posts.slug',
      'posts.title',
      'posts.lead',
      'posts.published_at',
      'posts.updated_at',
      'posts.comment_count',
      'blogs.slug as blog_slug',
      'blogs.title as blog_title',
    ])
    .orderBy('posts.published_at', 'desc')
    .orderBy('posts.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  const authors = await findAuthorsForPosts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => summaryOf(row, authors));
}

type SummaryRow = Pick<PostRow, 'id' | 'slug' | 'title' | 'lead' | 'published_at' | 'updated_at' | 'comment_count'> & {
  blog_slug: string;
  blog_title: string;
};

function summaryOf(row: SummaryRow, authors: Map<string, PostAuthor[]>): PostSummary {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    lead: row.lead,
    publishedAt: new Date(row.published_at!),
    updatedAt: new Date(row.updated_at),
    commentCount: Number(row.comment_count),
    blog: { slug: row.blog_slug, title: row.blog_title },
    authors: authors.get(row.id) ?? [],
  };
}

/** Publication times of every published post, newest first; the archive groups them by local month. */
export async function listPublishedTimes(db: Db): Promise<Date[]> {
  const rows = await db
    .selectFrom('posts')
    .select('published_at')
    .where('status', '=', 'published')
    .where('deleted_at', 'is', null)
    .orderBy('published_at', 'desc')
    .execute();
  return rows.map((r) => new Date(r.published_at!));
}

const authorsForPosts = compiledRead((db, postIds: readonly string[]) =>
  db
    .selectFrom('post_authors')
    .innerJoin('people', 'people.id', 'post_authors.person_id')
    .selectAll('people')
    .select([
      'post_authors.post_id',
      'post_authors.byline_note',
      'post_authors.job_title as post_job_title',
      'post_authors.organisation as post_organisation',
    ])
    .where('post_authors.post_id', 'in', postIds)
    .orderBy('post_authors.post_id')
    .orderBy('post_authors.position'),
);

export async function findAuthorsForPosts(db: Db, postIds: readonly string[]): Promise<Map<string, PostAuthor[]>> {
  const result = new Map<string, PostAuthor[]>();
  if (postIds.length === 0) return result;
  const rows = await authorsForPosts(db, postIds);
  for (const { post_id, byline_note, post_job_title, post_organisation, ...person } of rows) {
    const list = result.get(post_id) ?? [];
    const own = { jobTitle: post_job_title, organisation: post_organisation };
    list.push({ person: asOnPost(toPublicPerson(toPerson(person)), own), bylineNote: byline_note, ...own });
    result.set(post_id, list);
  }
  return result;
}

const tagsForPost = compiledRead((db, postId: string) =>
  db
    .selectFrom('post_tags')
    .innerJoin('tags', 'tags.id', 'post_tags.tag_id')
    .select(['tags.id', 'tags.slug', 'tags.name'])
    .where('post_tags.post_id', '=', postId)
    .orderBy('post_tags.position'),
);

export async function findTagsForPost(db: Db, postId: string): Promise<Tag[]> {
  return tagsForPost(db, postId);
}

export async function findRelatedLinks(db: Db, postId: string): Promise<RelatedLink[]> {
  return (await findRelatedLinksForPosts(db, [postId])).get(postId) ?? [];
}

const relatedLinksForPosts = compiledRead((db, postIds: readonly string[]) =>
  db
    .selectFrom('related_links')
    .select(['post_id', 'title', 'url', 'description'])
    .where('post_id', 'in', postIds)
    .orderBy('post_id')
    .orderBy('position'),
);

/** The related links of each of these posts, in their order, in one statement. */
export async function findRelatedLinksForPosts(db: Db, postIds: readonly string[]): Promise<Map<string, RelatedLink[]>> {
  const result = new Map<string, RelatedLink[]>();
  if (postIds.length === 0) return result;
  const rows = await relatedLinksForPosts(db, postIds);
  for (const { post_id, ...link } of rows) {
    const links = result.get(post_id) ?? [];
    links.push(link);
    result.set(post_id, links);
  }
  return result;
}

export async function findInfoBoxes(db: Db, postId: string): Promise<InfoBox[]> {
  return (await findInfoBoxesForPosts(db, [postId])).get(postId) ?? [];
}

const infoBoxesForPosts = compiledRead((db, postIds: readonly string[]) =>
  db
    .selectFrom('info_boxes')
    .leftJoin('info_box_contacts', 'info_box_contacts.info_box_id', 'info_boxes.id')
    .leftJoin('people', 'people.id', 'info_box_contacts.person_id')
    .select([
      'info_boxes.post_id',
      'info_boxes.id',
      'info_boxes.heading',
      'info_boxes.body',
      'info_box_contacts.info_box_id',
      'info_box_contacts.name',
      'info_box_contacts.role',
      'info_box_contacts.phone',
      'info_box_contacts.email',
      'people.slug as person_slug',
      'people.name as person_name',
      'people.job_title as person_job_title',
      'people.organisation as person_organisation',
      'people.phone as person_phone',
      'people.email as person_email',
    ])
    .where('info_boxes.post_id', 'in', postIds)
    .orderBy('info_boxes.post_id')
    .orderBy('info_boxes.position')
    .orderBy('info_boxes.id')
    .orderBy('info_box_contacts.position'),
);

/** The info boxes of each of these posts with their contacts, in one statement (a row per contact). */
export async function findInfoBoxesForPosts(db: Db, postIds: readonly string[]): Promise<Map<string, InfoBox[]>> {
  const result = new Map<string, InfoBox[]>();
  if (postIds.length === 0) return result;
  const rows = await infoBoxesForPosts(db, postIds);
  let box: { id: string; value: InfoBox } | undefined;
  for (const c of rows) {
    if (box?.id !== c.id) {
      box = { id: c.id, value: { heading: c.heading, body: c.body, contacts: [] } };
      const boxes = result.get(c.post_id) ?? [];
      boxes.push(box.value);
      result.set(c.post_id, boxes);
    }
    if (c.info_box_id === null) continue;
    box.value.contacts.push({
      personSlug: c.person_slug,
      name: c.person_name ?? c.name ?? '',
      // A picked person's title, phone and address unless this post says otherwise.
      role: c.role || [c.person_job_title ?? '', c.person_organisation ?? ''].filter(Boolean).join(', '),
      phone: c.phone || (c.person_phone ?? ''),
      email: c.email || (c.person_email ?? ''),
    });
  }
  return result;
}

export interface AdjacentPost {
  id: string;
  slug: string;
  title: string;
}

const adjacentPosts = compiledRead((db, id: string, blogId: string, at: string) => {
  const base = db
    .selectFrom('posts')
    .select(['id', 'slug', 'title'])
    .where('blog_id', '=', blogId)
    .where('status', '=', 'published')
    .where('deleted_at', 'is', null);
  // One statement for both neighbours: each side's nearest post, in a subquery of its own (one of
  // the two databases allows no ORDER BY or LIMIT on the arms of a UNION themselves). The time and
  // id compared as one row value: both databases then read a range of the blog's index from the
  // post on (000105), where "earlier, or as early with a lower id" spelt out with OR was no range.
  const previousQuery = base
    .select(sql<string>`'previous'`.as('side'))
    .where((eb) => eb(eb.refTuple('published_at', 'id'), '<', eb.tuple(at, id)))
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1);
  const nextQuery = base
    .select(sql<string>`'next'`.as('side'))
    .where((eb) => eb(eb.refTuple('published_at', 'id'), '>', eb.tuple(at, id)))
    .orderBy('published_at', 'asc')
    .orderBy('id', 'asc')
    .limit(1);
  return db
    .selectFrom(previousQuery.as('previous_post'))
    .selectAll()
    .unionAll(db.selectFrom(nextQuery.as('next_post')).selectAll());
});

/** The published posts just before and after `post` in its blog, by publication time. */
export async function findAdjacentPosts(
  db: Db,
  post: { id: string; blogId: string; publishedAt: Date },
): Promise<{ previous?: AdjacentPost; next?: AdjacentPost }> {
  const rows = await adjacentPosts(db, post.id, post.blogId, post.publishedAt.toISOString());
  const pick = (side: string) => {
    const row = rows.find((r) => r.side === side);
    return row && { id: row.id, slug: row.slug, title: row.title };
  };
  const previous = pick('previous');
  const next = pick('next');
  return { ...(previous ? { previous } : {}), ...(next ? { next } : {}) };
}

/**
 * The tags of the most published posts, most used first (ties by name), with their counts: read
 * from the counts the database keeps (000093), not grouped from every post's tags on each render.
 */
export async function listMostUsedTags(db: Db, limit: number): Promise<(Tag & { posts: number })[]> {
  const rows = await db
    .selectFrom('tag_post_counts')
    .innerJoin('tags', 'tags.id', 'tag_post_counts.tag_id')
    .where('tag_post_counts.posts', '>', 0)
    .select(['tags.id', 'tags.slug', 'tags.name', 'tag_post_counts.posts'])
    .orderBy('tag_post_counts.posts', 'desc')
    .orderBy('tags.name')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, posts: Number(r.posts) }));
}

/** Tags whose name contains `query`, ignoring case and accents (all when empty), by name. */
export async function searchTagRows(db: Db, query: string, limit: number): Promise<Tag[]> {
  let select = db.selectFrom('tags').select(['id', 'slug', 'name']);
  if (query) select = select.where(foldedContains('name', query));
  return select.orderBy('name').orderBy('id').limit(limit).execute();
}

export async function findTagBySlug(db: Db, slug: string): Promise<Tag | undefined> {
  return db.selectFrom('tags').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
}

/** The tags whose `column` is one of `values` (a statement per 500), in no particular order. */
async function findTagsWhere(db: Db, column: 'id' | 'slug', values: readonly string[]): Promise<Tag[]> {
  const tags: Tag[] = [];
  for (let i = 0; i < values.length; i += 500) {
    tags.push(
      ...(await db
        .selectFrom('tags')
        .select(['id', 'slug', 'name'])
        .where(column, 'in', values.slice(i, i + 500))
        .execute()),
    );
  }
  return tags;
}

/** The tags with these ids, in no particular order. */
export const findTagsByIds = (db: Db, ids: readonly string[]): Promise<Tag[]> => findTagsWhere(db, 'id', ids);

export async function findTagById(db: Db, id: string): Promise<Tag | undefined> {
  return db.selectFrom('tags').select(['id', 'slug', 'name']).where('id', '=', id).executeTakeFirst();
}

export async function insertTag(db: Db, tag: Tag): Promise<void> {
  await db.insertInto('tags').values(tag).execute();
}

export async function findDuePostIds(db: Db, now: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('posts')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('published_at', '<=', now.toISOString())
    .where('deleted_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

// ---- Read-only queries for feeds and the sitemap.

export async function findTagsForPosts(db: Db, postIds: readonly string[]): Promise<Map<string, Tag[]>> {
  const result = new Map<string, Tag[]>();
  if (postIds.length === 0) return result;
  const rows = await db
    .selectFrom('post_tags')
    .innerJoin('tags', 'tags.id', 'post_tags.tag_id')
    .select(['post_tags.post_id', 'tags.id', 'tags.slug', 'tags.name'])
    .where('post_tags.post_id', 'in', postIds)
    .orderBy('post_tags.post_id')
    .orderBy('post_tags.position')
    .execute();
  for (const { post_id, ...tag } of rows) result.set(post_id, [...(result.get(post_id) ?? []), tag]);
  return result;
}

export interface PublishedPostContent extends PostSummary {
  body: string;
  tags: Tag[];
  infoBoxes: InfoBox[];
  relatedLinks: RelatedLink[];
}

/** The newest published posts with body, authors and tags, newest first. */
export async function listPublishedContent(db: Db, filter: PostFilter, limit: number): Promise<PublishedPostContent[]> {
  const rows = await publishedQuery(db, filter)
    .select([
      'posts.id',
      'posts.slug',
      'posts.title',
      'posts.lead',
      'posts.body',
      'posts.published_at',
      'posts.updated_at',
      'posts.comment_count',
      'blogs.slug as blog_slug',
      'blogs.title as blog_title',
    ])
    .orderBy('posts.published_at', 'desc')
    .orderBy('posts.id', 'desc')
    .limit(limit)
    .execute();
  const ids = rows.map((r) => r.id);
  const [authors, tags, boxes, links] = await Promise.all([
    findAuthorsForPosts(db, ids),
    findTagsForPosts(db, ids),
    findInfoBoxesForPosts(db, ids),
    findRelatedLinksForPosts(db, ids),
  ]);
  return rows.map((row) => ({
    ...summaryOf(row, authors),
    body: row.body,
    tags: tags.get(row.id) ?? [],
    infoBoxes: boxes.get(row.id) ?? [],
    relatedLinks: links.get(row.id) ?? [],
  }));
}

/**
 * The latest change to any post, in any state (a deletion or unpublishing counts), and the
 * latest publication time of a published post (the scheduler publishes without touching updated_at).
 */
export async function findPostChangeTimes(db: Db): Promise<{ updatedAt: Date | null; publishedAt: Date | null }> {
  const [updated, published] = await Promise.all([
    db
      .selectFrom('posts')
      .select((eb) => eb.fn.max('updated_at').as('at'))
      .executeTakeFirst(),
    db
      .selectFrom('posts')
      .select((eb) => eb.fn.max('published_at').as('at'))
      .where('status', '=', 'published')
      .where('deleted_at', 'is', null)
      .executeTakeFirst(),
  ]);
  return {
    updatedAt: updated?.at ? new Date(updated.at) : null,
    publishedAt: published?.at ? new Date(published.at) : null,
  };
}

export interface SitemapPost {
  id: string;
  blogSlug: string;
  slug: string;
  publishedAt: Date;
  updatedAt: Date;
  authorSlugs: string[];
  tagSlugs: string[];
}

/** Every published post with the slugs of its authors and tags, newest first. */
export async function listPublishedForSitemap(db: Db): Promise<SitemapPost[]> {
  const published = (table: 'post_authors' | 'post_tags') =>
    db
      .selectFrom(table)
      .innerJoin('posts', 'posts.id', `${table}.post_id`)
      .where('posts.status', '=', 'published' satisfies PostStatus)
      .where('posts.deleted_at', 'is', null);
  const [rows, authorRows, tagRows] = await Promise.all([
    publishedQuery(db, {})
      .select(['posts.id', 'posts.slug', 'posts.published_at', 'posts.updated_at', 'blogs.slug as blog_slug'])
      .orderBy('posts.published_at', 'desc')
      .orderBy('posts.id', 'desc')
      .execute(),
    published('post_authors')
      .innerJoin('people', 'people.id', 'post_authors.person_id')
      .select(['post_authors.post_id', 'people.slug'])
      .execute(),
    published('post_tags').innerJoin('tags', 'tags.id', 'post_tags.tag_id').select(['post_tags.post_id', 'tags.slug']).execute(),
  ]);
  const slugsByPost = (list: readonly { post_id: string; slug: string }[]) => {
    const map = new Map<string, string[]>();
    for (const { post_id, slug } of list) map.set(post_id, [...(map.get(post_id) ?? []), slug]);
    return map;
  };
  const authors = slugsByPost(authorRows);
  const tags = slugsByPost(tagRows);
  return rows.map((row) => ({
    id: row.id,
    blogSlug: row.blog_slug,
    slug: row.slug,
    publishedAt: new Date(row.published_at!),
    updatedAt: new Date(row.updated_at),
    authorSlugs: authors.get(row.id) ?? [],
    tagSlugs: tags.get(row.id) ?? [],
  }));
}

export interface FollowerPostRow {
  id: string;
  slug: string;
  title: string;
  lead: string;
  published_at: string;
  blog_id: string;
  blog_slug: string;
  blog_title: string;
}

/** Published posts with their blog, newest first: one post (`postId`) or those matching `filter`. */
export async function listPublishedWithBlog(db: Db, filter: PostFilter & { postId?: string }, limit: number): Promise<FollowerPostRow[]> {
  let query = publishedQuery(db, filter).where('posts.published_at', 'is not', null);
  if (filter.postId !== undefined) query = query.where('posts.id', '=', filter.postId);
  const rows = await query
    .select([
      'posts.id',
      'posts.slug',
      'posts.title',
      'posts.lead',
      'posts.published_at',
      'posts.blog_id',
      'blogs.slug as blog_slug',
      'blogs.title as blog_title',
    ])
    .orderBy('posts.published_at', 'desc')
    .orderBy('posts.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, published_at: r.published_at! }));
}

// Rows per statement for the batch inserts below: well under either database's parameter limit.
const BATCH_ROWS = 100;

async function insertInSlices<T>(rows: readonly T[], insert: (slice: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH_ROWS) await insert(rows.slice(i, i + BATCH_ROWS));
}

export async function insertPostRows(db: Db, rows: readonly (PostRow & Partial<PostLanguageColumn>)[]): Promise<void> {
  await insertInSlices(rows, (slice) => db.insertInto('posts').values(slice).execute());
}

/** Authors and tags of new posts, which have none yet (replacePostParts for many posts at once). */
export async function insertPostAuthorsAndTags(
  db: Db,
  authors: readonly Insertable<PostAuthorTable & PostAuthorTitleColumns>[],
  tags: readonly { post_id: string; tag_id: string; position: number }[],
): Promise<void> {
  await insertInSlices(authors, (slice) => db.insertInto('post_authors').values(slice).execute());
  await insertInSlices(tags, (slice) => db.insertInto('post_tags').values(slice).execute());
}

/** Which of `slugs` posts in the blog already have. */
export async function findTakenPostSlugs(db: Db, blogId: string, slugs: readonly string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let i = 0; i < slugs.length; i += 500) {
    const rows = await db
      .selectFrom('posts')
      .select('slug')
      .where('blog_id', '=', blogId)
      .where('slug', 'in', slugs.slice(i, i + 500))
      .execute();
    for (const row of rows) taken.add(row.slug);
  }
  return taken;
}

export const findTagsBySlugs = (db: Db, slugs: readonly string[]): Promise<Tag[]> => findTagsWhere(db, 'slug', slugs);

export async function insertTags(db: Db, tags: readonly Tag[]): Promise<void> {
  await insertInSlices(tags, (slice) => db.insertInto('tags').values(slice).execute());
}
