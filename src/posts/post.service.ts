import { createHash } from 'node:crypto';
import { getBlogById } from '../blogs/blog.service.js';
import { conflict, gone, notFound, pastLastPage } from '../errors.js';
import { notePostPublished, notePostWithdrawn } from '../followers/follower-publishing.js';
import { findPeopleByIds } from '../people/person.service.js';
import { addRedirect } from '../redirects/redirect.service.js';
import { reindexPosts } from '../search/search.service.js';
import { normaliseLanguageTag } from '../shared/language-tag.js';
import { newId } from '../shared/ids.js';
import { slugify, uniqueSlug } from '../shared/slug.js';
import { zonedMonthOf, zonedMonthStart } from '../shared/time.js';
import { inSavepoint, inTransaction, type Db } from '../storage/db.js';
import { findFeaturedImages, findPostImages, withFeaturedImages } from '../uploads/media.service.js';
import {
  effectiveStatus,
  postPath,
  isSlugMadeFrom,
  slugFollowsTitle,
  UNTITLED_TITLES,
  validatePostInput,
  type Post,
  type PostDetail,
  type PostInput,
  type PostSummary,
  type Tag,
} from './post.js';
import {
  countPublished,
  findAdjacentPosts,
  findAuthorsForPosts,
  findDuePostIds,
  findInfoBoxes,
  findPostRowById,
  findCommentTargetRow,
  findPostRowBySlug,
  findRelatedLinks,
  findTagById,
  findTagsByIds,
  findTagsBySlugs,
  findTakenPostSlugs,
  insertPostAuthorsAndTags,
  insertPostRows,
  insertTags,
  findTagBySlug,
  listMostUsedTags,
  findTagsForPost,
  searchTagRows,
  insertPostRow,
  insertTag,
  findCommentCount,
  isPostSlugTaken,
  listPublishedSummaries,
  listPublishedTimes,
  replacePostParts,
  toPost,
  updatePostRow,
  type AdjacentPost,
  type PostFilter,
  type PostParts,
  type PostRow,
} from './post.repository.js';

/** A post's approved comments, as its row counts them; undefined when there is no such post. */
export const commentCountOf = (db: Db, postId: string): Promise<number | undefined> => findCommentCount(db, postId);

export interface Page<T> {
  items: T[];
  page: number;
  pages: number;
  total: number;
}

/** The slug a tag by this name has (or will have). */
export function tagSlugOf(name: string): string {
  // A name with no Latin letters (Chinese, say) still needs one stable slug, or the same tag
  // on two posts would become two tags.
  return slugify(name.trim()) || `t-${createHash('sha256').update(name.trim().toLowerCase()).digest('hex').slice(0, 12)}`;
}

async function tagIdsFor(db: Db, names: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names) {
    const slug = tagSlugOf(name);
    let tag = await findTagBySlug(db, slug);
    if (!tag) {
      tag = { id: newId(), slug, name: name.trim() };
      await insertTag(db, tag);
    }
    if (!ids.includes(tag.id)) ids.push(tag.id);
  }
  return ids;
}

async function partsFor(db: Db, postId: string, input: PostInput): Promise<PostParts> {
  const authors = await findPeopleByIds(
    db,
    input.authors.map((a) => a.personId),
  );
  if (authors.length !== input.authors.length) throw notFound('Author');
  const contactPersonIds = (input.infoBoxes ?? []).flatMap((b) => b.contacts.flatMap((c) => c.personId ?? []));
  const contactPeople = new Map((await findPeopleByIds(db, contactPersonIds)).map((p) => [p.id, p]));
  return {
    authors: input.authors.map((a, position) => ({
      post_id: postId,
      person_id: a.personId,
      position,
      byline_note: a.bylineNote?.trim() ?? '',
      job_title: a.jobTitle?.trim() ?? '',
      organisation: a.organisation?.trim() ?? '',
    })),
    tagIds: await tagIdsFor(db, input.tags ?? []),
    relatedLinks: (input.relatedLinks ?? []).map((link, position) => ({
      id: newId(),
      post_id: postId,
      position,
      title: link.title.trim(),
      url: link.url.trim(),
      description: link.description?.trim() ?? '',
    })),
    infoBoxes: (input.infoBoxes ?? []).map((box, position) => {
      const boxId = newId();
      return {
        box: { id: boxId, post_id: postId, position, heading: box.heading.trim(), body: box.body?.trim() ?? '' },
        contacts: box.contacts.map((c, contactPosition) => {
          const person = c.personId ? contactPeople.get(c.personId) : undefined;
          if (c.personId && !person) throw notFound('Contact person');
          return {
            id: newId(),
            info_box_id: boxId,
            position: contactPosition,
            person_id: person?.id ?? null,
            name: c.name?.trim() || person?.name || '',
            role: c.role?.trim() ?? '',
            phone: c.phone?.trim() ?? '',
            email: c.email?.trim() ?? '',
          };
        }),
      };
    }),
  };
}

/** The row a new post is stored as at `now` (its status as its date makes it, no comments yet), and its language. */
function newPostRow(id: string, blogId: string, slug: string, input: Omit<PostInput, 'blogId' | 'slug'>, now: Date) {
  const { status, publishedAt } = effectiveStatus(input.status, input.publishedAt, now);
  const at = now.toISOString();
  const row: PostRow = {
    id,
    blog_id: blogId,
    slug,
    title: input.title.trim(),
    lead: input.lead?.trim() ?? '',
    body: input.body ?? '',
    status,
    published_at: publishedAt?.toISOString() ?? null,
    created_at: at,
    updated_at: at,
    deleted_at: null,
    comments_open: input.commentsOpen === false ? 0 : 1,
    comment_count: 0,
  };
  const language = input.language ? (normaliseLanguageTag(input.language) ?? null) : null;
  return { row, language, status, publishedAt };
}

export async function createPost(db: Db, input: PostInput, now = new Date()): Promise<Post> {
  return inTransaction(db, async (trx) => {
    const blog = await getBlogById(trx, input.blogId);
    const slug = input.slug?.trim() || (await uniqueSlug(slugify(input.title), (s) => isPostSlugTaken(trx, blog.id, s)));
    validatePostInput(input, slug);
    if (input.slug && (await isPostSlugTaken(trx, blog.id, slug))) {
      throw conflict('Another post in this blog has this slug', 'slug');
    }
    const id = newId(now.getTime());
    const { row, language, status, publishedAt } = newPostRow(id, blog.id, slug, input, now);
    await insertPostRow(trx, { ...row, language });
    await replacePostParts(trx, id, await partsFor(trx, id, input));
    await reindexPosts(trx, [id]);
    if (status === 'published') await notePostPublished(trx, id, publishedAt ?? null, now);
    return toPost(row);
  });
}

/** A post for createPosts: its slug given, and no related links or info boxes (an import has none). */
export type NewPost = Omit<PostInput, 'slug' | 'relatedLinks' | 'infoBoxes'> & { slug: string };

export interface CreatedPost {
  post: Post;
  /** The post's tags as stored, in order: an existing tag keeps its own spelling of the name. */
  tags: Tag[];
  authors: { personId: string; bylineNote: string; jobTitle: string; organisation: string }[];
}

/**
 * Creates posts as createPost would one at a time, each at its own `now`, in a few statements per
 * table (an import creates thousands). An `id` given is used (made as createPost makes one, so the
 * caller can refer to the post before it is written). Throws conflict when a slug is taken or given twice.
 */
export async function createPosts(db: Db, entries: readonly { input: NewPost; now: Date; id?: string }[]): Promise<CreatedPost[]> {
  if (entries.length === 0) return [];
  return inTransaction(db, async (trx) => {
    const slugs = entries.map(({ input }) => input.slug.trim());
    entries.forEach(({ input }, i) => validatePostInput(input, slugs[i]!));
    const blogIds = [...new Set(entries.map(({ input }) => input.blogId))];
    for (const blogId of blogIds) {
      await getBlogById(trx, blogId);
      const wanted = slugs.filter((_, i) => entries[i]!.input.blogId === blogId);
      const taken = await findTakenPostSlugs(trx, blogId, wanted);
      if (taken.size > 0 || new Set(wanted).size < wanted.length) throw conflict('Another post in this blog has this slug', 'slug');
    }
    const personIds = [...new Set(entries.flatMap(({ input }) => input.authors.map((a) => a.personId)))];
    const found = new Set((await findPeopleByIds(trx, personIds)).map((p) => p.id));
    if (personIds.some((id) => !found.has(id))) throw notFound('Author');
    const tagBySlug = await tagsByNames(
      trx,
      entries.flatMap(({ input }) => input.tags ?? []),
    );
    const created: CreatedPost[] = [];
    const rows: (PostRow & { language: string | null })[] = [];
    const authors: Parameters<typeof insertPostAuthorsAndTags>[1][number][] = [];
    const postTags: { post_id: string; tag_id: string; position: number }[] = [];
    entries.forEach(({ input, now, id = newId(now.getTime()) }, i) => {
      const { row, language } = newPostRow(id, input.blogId, slugs[i]!, input, now);
      rows.push({ ...row, language });
      const own = input.authors.map((a, position) => ({
        post_id: id,
        person_id: a.personId,
        position,
        byline_note: a.bylineNote?.trim() ?? '',
        job_title: a.jobTitle?.trim() ?? '',
        organisation: a.organisation?.trim() ?? '',
      }));
      authors.push(...own);
      const tags: Tag[] = [];
      for (const name of input.tags ?? []) {
        const tag = tagBySlug.get(tagSlugOf(name))!;
        if (!tags.includes(tag)) tags.push(tag);
      }
      tags.forEach((tag, position) => postTags.push({ post_id: id, tag_id: tag.id, position }));
      created.push({
        post: toPost(row),
        tags,
        authors: own.map((a) => ({
          personId: a.person_id,
          bylineNote: a.byline_note,
          jobTitle: a.job_title!,
          organisation: a.organisation!,
        })),
      });
    });
    await insertPostRows(trx, rows);
    await insertPostAuthorsAndTags(trx, authors, postTags);
    await reindexPosts(
      trx,
      created.map(({ post }) => post.id),
    );
    for (const [i, { post }] of created.entries())
      if (post.status === 'published') await notePostPublished(trx, post.id, post.publishedAt, entries[i]!.now);
    return created;
  });
}

/** The tags by these names, by slug, made where missing (tagIdsFor for many posts at once). */
async function tagsByNames(db: Db, names: readonly string[]): Promise<Map<string, Tag>> {
  const wanted = new Map<string, string>();
  for (const name of names) if (!wanted.has(tagSlugOf(name))) wanted.set(tagSlugOf(name), name.trim());
  const tags = new Map((await findTagsBySlugs(db, [...wanted.keys()])).map((tag) => [tag.slug, tag]));
  const missing = [...wanted].filter(([slug]) => !tags.has(slug)).map(([slug, name]) => ({ id: newId(), slug, name }));
  await insertTags(db, missing);
  for (const tag of missing) tags.set(tag.slug, tag);
  return tags;
}

/** Which of `slugs` posts in the blog already have. */
export async function takenPostSlugs(db: Db, blogId: string, slugs: readonly string[]): Promise<Set<string>> {
  return findTakenPostSlugs(db, blogId, slugs);
}

/**
 * Replaces a post's content; a changed slug or blog leaves a redirect from the old address. A
 * draft never published whose address came from its title gets one from its new title, unless
 * `followTitle` is false (autosave: the address changes when the person saves, not while typing).
 */
export async function updatePost(
  db: Db,
  id: string,
  input: PostInput,
  now = new Date(),
  { followTitle = true }: { followTitle?: boolean } = {},
): Promise<Post> {
  return inTransaction(db, async (trx) => {
    const existing = await findPostRowById(trx, id);
    if (!existing || existing.deleted_at) throw notFound('Post');
    const oldBlog = await getBlogById(trx, existing.blog_id);
    const blog = input.blogId === existing.blog_id ? oldBlog : await getBlogById(trx, input.blogId);
    const fresh = slugify(input.title);
    const follows =
      followTitle &&
      fresh !== '' &&
      !isSlugMadeFrom(existing.slug, fresh) &&
      slugFollowsTitle(
        { status: existing.status, publishedAt: existing.published_at, title: existing.title, slug: existing.slug },
        input.slug ?? '',
        UNTITLED_TITLES,
      );
    const slug = follows ? await uniqueSlug(fresh, (s) => isPostSlugTaken(trx, blog.id, s, id)) : input.slug?.trim() || existing.slug;
    validatePostInput(input, slug);
    if (await isPostSlugTaken(trx, blog.id, slug, id)) {
      throw conflict('Another post in this blog has this slug', 'slug');
    }
    const { status, publishedAt } = effectiveStatus(
      input.status,
      input.publishedAt ?? (existing.published_at ? new Date(existing.published_at) : null),
      now,
    );
    const changes = {
      blog_id: blog.id,
      slug,
      title: input.title.trim(),
      lead: input.lead?.trim() ?? '',
      body: input.body ?? '',
      status,
      published_at: publishedAt?.toISOString() ?? null,
      updated_at: now.toISOString(),
      comments_open: input.commentsOpen === false ? 0 : 1,
    };
    await updatePostRow(trx, id, changes);
    await replacePostParts(trx, id, await partsFor(trx, id, input));
    const oldPath = postPath(oldBlog.slug, existing.slug);
    const newPath = postPath(blog.slug, slug);
    if (oldPath !== newPath && existing.status === 'published') await addRedirect(trx, oldPath, newPath, now);
    await reindexPosts(trx, [id]);
    if (status === 'published' && existing.status !== 'published') await notePostPublished(trx, id, publishedAt ?? null, now);
    if (status !== 'published' && existing.status === 'published') await notePostWithdrawn(trx, id, now);
    return toPost({ ...existing, ...changes });
  });
}

/** Deletes a post for readers: its address answers 410 Gone from now on. */
export async function deletePost(db: Db, id: string, now = new Date()): Promise<void> {
  const existing = await findPostRowById(db, id);
  if (!existing || existing.deleted_at) throw notFound('Post');
  await inTransaction(db, async (trx) => {
    await updatePostRow(trx, id, { deleted_at: now.toISOString(), updated_at: now.toISOString() });
    await reindexPosts(trx, [id]);
    await notePostWithdrawn(trx, id, now);
  });
}

/** Publishes every scheduled post whose time has come; returns their ids. */
export interface PublishDueOptions {
  /** Told of each post that could not be published; it stays scheduled and is tried again next run. */
  onFailure?: (postId: string, error: unknown) => void;
  /** How one post is published; tests replace it to make one fail. */
  publish?: (trx: Db, postId: string, now: Date) => Promise<void>;
}

/** Publishes one scheduled post: its status, then its search index entry, together. */
export async function publishScheduledPost(trx: Db, postId: string, now: Date): Promise<void> {
  await updatePostRow(trx, postId, { status: 'published', updated_at: now.toISOString() });
  await reindexPosts(trx, [postId]);
  await notePostPublished(trx, postId, now, now);
}

/**
 * Publishes every scheduled post whose time has come and returns their ids. Each post is
 * published on its own, so one that fails (a body the indexer chokes on) holds back no other.
 */
export async function publishDuePosts(db: Db, now = new Date(), options: PublishDueOptions = {}): Promise<string[]> {
  const publish = options.publish ?? publishScheduledPost;
  const published: string[] = [];
  for (const id of await findDuePostIds(db, now)) {
    try {
      await inSavepoint(db, (trx) => publish(trx, id, now));
      published.push(id);
    } catch (error) {
      options.onFailure?.(id, error);
    }
  }
  return published;
}

export interface PublishedPostView {
  post: PostDetail;
  previous?: AdjacentPost;
  next?: AdjacentPost;
}

/**
 * The published post at /blog/slug with everything its page shows, in the blog the caller has
 * already loaded. Throws not-found, or gone for a deleted post.
 */
export async function getPublishedPost(
  db: Db,
  blog: { id: string; slug: string; title: string },
  slug: string,
): Promise<PublishedPostView> {
  const row = await findPostRowBySlug(db, blog.id, slug);
  if (!row || row.status !== 'published') throw notFound('Post');
  if (row.deleted_at) throw gone('Post');
  return postViewOf(db, row, blog);
}

/** A draft or scheduled post at /blog/slug, as its page would show it; undefined for anything else. */
export async function findUnpublishedPost(db: Db, blogId: string, slug: string): Promise<PublishedPostView | undefined> {
  const row = await findPostRowBySlug(db, blogId, slug);
  if (!row || row.status === 'published' || row.deleted_at) return undefined;
  return postViewOf(db, row);
}

/** Whether the post with this id is out for readers (published, not deleted): the live channel's check. */
export async function isPostPublished(db: Db, id: string): Promise<boolean> {
  const row = await findPostRowById(db, id);
  return row !== undefined && row.status === 'published' && !row.deleted_at;
}

/** Any post not deleted, by id, as its page would show it (previews). Throws not-found. */
export async function getPostPreview(db: Db, id: string): Promise<PublishedPostView> {
  const row = await findPostRowById(db, id);
  if (!row || row.deleted_at) throw notFound('Post');
  return postViewOf(db, row);
}

async function postViewOf(
  db: Db,
  row: Parameters<typeof toPost>[0] & {
    language?: string | null;
    featured_upload_id?: string | null;
    featured_alt?: string;
    featured_caption?: string;
    featured_credit?: string;
  },
  knownBlog?: { id: string; slug: string; title: string },
): Promise<PublishedPostView> {
  const post = toPost(row);
  // The page route has loaded the blog already; a preview by id has not.
  const blog = knownBlog ?? (await getBlogById(db, row.blog_id));
  const [authors, tags, relatedLinks, infoBoxes, adjacent, images] = await Promise.all([
    findAuthorsForPosts(db, [row.id]),
    findTagsForPost(db, row.id),
    findRelatedLinks(db, row.id),
    findInfoBoxes(db, row.id),
    // A post not out yet has no place among the published ones.
    row.status === 'published' && post.publishedAt
      ? findAdjacentPosts(db, { id: row.id, blogId: row.blog_id, publishedAt: post.publishedAt })
      : Promise.resolve({}),
    // One query for the featured image and the body's images together; a post with neither asks nothing.
    findPostImages(db, row),
  ]);
  const { featuredImage, bodyImages } = images;
  return {
    post: {
      ...post,
      blog: { id: blog.id, slug: blog.slug, title: blog.title },
      authors: authors.get(row.id) ?? [],
      tags,
      relatedLinks,
      infoBoxes,
      language: row.language ?? null,
      ...(featuredImage ? { featuredImage } : {}),
      bodyImages,
    },
    ...adjacent,
  };
}

/** What a comment on a post needs to know of it: far less than its page. Throws as getPublishedPost does. */
export async function getCommentTarget(
  db: Db,
  blogId: string,
  slug: string,
): Promise<{
  id: string;
  slug: string;
  title: string;
  commentsOpen: boolean;
  publishedAt: Date | null;
  /** Approved comments as the post was read. */
  commentCount: number;
  isAuthor(personId: string): Promise<boolean>;
}> {
  const row = await findCommentTargetRow(db, blogId, slug);
  if (!row || row.status !== 'published') throw notFound('Post');
  if (row.deleted_at) throw gone('Post');
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    commentsOpen: Number(row.comments_open) === 1,
    publishedAt: row.published_at ? new Date(row.published_at) : null,
    commentCount: Number(row.comment_count),
    // Only a staff member's comment asks, for its badge.
    isAuthor: async (personId) => ((await findAuthorsForPosts(db, [row.id])).get(row.id) ?? []).some((a) => a.person.id === personId),
  };
}

export async function listPublishedPosts(db: Db, filter: PostFilter, page: number, perPage: number): Promise<Page<PostSummary>> {
  const total = await countPublished(db, filter);
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (page > pages) throw pastLastPage(pages);
  const items = await withFeaturedImages(db, await listPublishedSummaries(db, filter, perPage, (page - 1) * perPage));
  return { items, page, pages, total };
}

/** The topics readers can browse by: the tags of the most published posts, most used first. */
export async function listTopTags(db: Db, limit = 8): Promise<Tag[]> {
  return (await listMostUsedTags(db, limit)).map(({ id, slug, name }) => ({ id, slug, name }));
}

/** The tags a picker offers for what was typed: the name contains it, case and accents ignored. */
export async function searchTags(db: Db, query: string, limit = 20): Promise<Tag[]> {
  return searchTagRows(db, query.trim().slice(0, 120), limit);
}

export async function findTag(db: Db, slug: string): Promise<Tag | undefined> {
  return findTagBySlug(db, slug);
}

export interface ArchiveMonth {
  year: number;
  month: number;
  count: number;
}

/** Months that have published posts, newest first, in the site's time zone. */
export async function listArchiveMonths(db: Db, timeZone: string): Promise<ArchiveMonth[]> {
  const months: ArchiveMonth[] = [];
  for (const time of await listPublishedTimes(db)) {
    const { year, month } = zonedMonthOf(time, timeZone);
    const last = months[months.length - 1];
    if (last && last.year === year && last.month === month) last.count++;
    else months.push({ year, month, count: 1 });
  }
  return months;
}

export function monthRange(year: number, month: number, timeZone: string): { from: Date; until: Date } {
  return { from: zonedMonthStart(year, month, timeZone), until: zonedMonthStart(year, month + 1, timeZone) };
}

export { postPath };

// ---- Read-only: feeds and the sitemap.

// Imported here rather than above so this block stays one self-contained addition.
import {
  findPostChangeTimes,
  findTagsForPosts,
  listPublishedContent,
  listPublishedForSitemap,
  listPublishedWithBlog,
  type FollowerPostRow,
  type PublishedPostContent,
  type SitemapPost,
} from './post.repository.js';

export type { PublishedPostContent, SitemapPost };

/** The `limit` newest published posts matching `filter`, with body, authors and tags. */
export async function listLatestPublishedPosts(db: Db, filter: PostFilter, limit: number): Promise<PublishedPostContent[]> {
  return withFeaturedImages(db, await listPublishedContent(db, filter, limit));
}

/**
 * When the published posts last changed anywhere on the site: the newest edit, deletion or
 * unpublishing of any post, or publication. Undefined for a site without posts.
 */
export async function findPostsChangedAt(db: Db): Promise<Date | undefined> {
  const { updatedAt, publishedAt } = await findPostChangeTimes(db);
  const times = [updatedAt, publishedAt].filter((t): t is Date => t !== null);
  return times.length ? new Date(Math.max(...times.map((t) => t.getTime()))) : undefined;
}

export async function listSitemapPosts(db: Db): Promise<SitemapPost[]> {
  return listPublishedForSitemap(db);
}

export async function findTagByIdForFollowers(db: Db, id: string): Promise<Tag | undefined> {
  return findTagById(db, id);
}

export async function findTagsByIdsForFollowers(db: Db, ids: readonly string[]): Promise<Tag[]> {
  return findTagsByIds(db, ids);
}

/** What a mail to followers tells of a post, and what it matches them by. */
export interface PostForFollowers {
  id: string;
  title: string;
  lead: string;
  path: string;
  publishedAt: Date;
  blog: { id: string; title: string };
  authors: { id: string; name: string; bylineNote: string }[];
  tagIds: string[];
  /** The featured image's page copy (address relative to the site) with its size and alt text. */
  featuredImage?: { src: string; width: number; height: number; alt: string };
}

/** Posts as followers hear of them: their authors, tags and featured images read for all of them at once. */
async function postsForFollowers(db: Db, rows: readonly FollowerPostRow[]): Promise<PostForFollowers[]> {
  const ids = rows.map((r) => r.id);
  const [authors, tags, images] = await Promise.all([findAuthorsForPosts(db, ids), findTagsForPosts(db, ids), findFeaturedImages(db, ids)]);
  return rows.map((row) => {
    const image = images.get(row.id);
    return {
      id: row.id,
      title: row.title,
      lead: row.lead,
      path: postPath(row.blog_slug, row.slug),
      publishedAt: new Date(row.published_at),
      blog: { id: row.blog_id, title: row.blog_title },
      authors: (authors.get(row.id) ?? []).map((a) => ({ id: a.person.id, name: a.person.name, bylineNote: a.bylineNote })),
      tagIds: (tags.get(row.id) ?? []).map((t) => t.id),
      ...(image ? { featuredImage: { src: image.share.url, width: image.share.width, height: image.share.height, alt: image.alt } } : {}),
    };
  });
}

/** The post as followers hear of it, or undefined when it is not (or no longer) published. */
export async function findPostForFollowers(db: Db, id: string): Promise<PostForFollowers | undefined> {
  const [post] = await postsForFollowers(db, await listPublishedWithBlog(db, { postId: id }, 1));
  return post;
}

/** Posts published in [from, until), oldest first, as followers hear of them (the weekly digest): four statements however many. */
export async function listPostsForFollowers(db: Db, from: Date, until: Date, limit = 200): Promise<PostForFollowers[]> {
  return (await postsForFollowers(db, await listPublishedWithBlog(db, { from, until }, limit))).reverse();
}
