import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import type { Db } from '../storage/db.js';
import type { BlogTable } from './blog.table.js';
import type { Blog } from './blog.js';

type BlogRow = Selectable<BlogTable>;

const toBlog = (row: BlogRow): Blog => ({
  id: row.id,
  slug: row.slug,
  title: row.title,
  description: row.description,
  position: row.position,
});

export async function insertBlog(db: Db, row: BlogRow, ownerIds: readonly string[]): Promise<Blog> {
  await db.insertInto('blogs').values(row).execute();
  await db
    .insertInto('blog_owners')
    .values(ownerIds.map((personId, position) => ({ blog_id: row.id, person_id: personId, position })))
    .execute();
  return toBlog(row);
}

export async function listBlogRows(db: Db): Promise<Blog[]> {
  return (await db.selectFrom('blogs').selectAll().orderBy('position').orderBy('title').execute()).map(toBlog);
}

export async function findBlogRowBySlug(db: Db, slug: string): Promise<Blog | undefined> {
  const row = await db.selectFrom('blogs').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row && toBlog(row);
}

export async function findBlogRowById(db: Db, id: string): Promise<Blog | undefined> {
  const row = await db.selectFrom('blogs').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toBlog(row);
}

export async function isBlogSlugTaken(db: Db, slug: string): Promise<boolean> {
  return (await db.selectFrom('blogs').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined;
}

/** Owner person ids per blog id, in order. */
export async function findOwnerIds(db: Db, blogIds: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (blogIds.length === 0) return result;
  const rows = await db
    .selectFrom('blog_owners')
    .select(['blog_id', 'person_id'])
    .where('blog_id', 'in', blogIds)
    .orderBy('blog_id')
    .orderBy('position')
    .execute();
  for (const row of rows) result.set(row.blog_id, [...(result.get(row.blog_id) ?? []), row.person_id]);
  return result;
}

export async function updateBlogRow(db: Db, id: string, changes: Partial<Omit<BlogRow, 'id'>>): Promise<void> {
  await db.updateTable('blogs').set(changes).where('id', '=', id).execute();
}

/** Replaces a blog's owners with `ownerIds`, in that order. */
export async function replaceBlogOwners(db: Db, blogId: string, ownerIds: readonly string[]): Promise<void> {
  await db.deleteFrom('blog_owners').where('blog_id', '=', blogId).execute();
  if (ownerIds.length === 0) return;
  await db
    .insertInto('blog_owners')
    .values(ownerIds.map((personId, position) => ({ blog_id: blogId, person_id: personId, position })))
    .execute();
}

export async function countBlogRows(db: Db): Promise<number> {
  return Number(
    (
      await db
        .selectFrom('blogs')
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

export interface BlogContentCounts {
  published: number;
  /** Drafts and scheduled posts: everything not published and not deleted. */
  drafts: number;
  comments: number;
}

/** The live posts of a blog, published or not, and the comments on them. */
export async function countBlogContent(db: Db, blogId: string): Promise<BlogContentCounts> {
  const posts = await db
    .selectFrom('posts')
    .select(['status', sql<number>`count(*)`.as('n')])
    .where('blog_id', '=', blogId)
    .where('deleted_at', 'is', null)
    .groupBy('status')
    .execute();
  const comments = await db
    .selectFrom('comments')
    .innerJoin('posts', 'posts.id', 'comments.post_id')
    .select(sql<number>`count(*)`.as('n'))
    .where('posts.blog_id', '=', blogId)
    .where('posts.deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  const published = Number(posts.find((p) => p.status === 'published')?.n ?? 0);
  const all = posts.reduce((sum, p) => sum + Number(p.n), 0);
  return { published, drafts: all - published, comments: Number(comments.n) };
}

/** Titles of the live posts of blog `fromId` whose address is taken in blog `toId`. */
export async function findSlugClashes(db: Db, fromId: string, toId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('posts')
    .select('title')
    .where('blog_id', '=', fromId)
    .where('deleted_at', 'is', null)
    .where('slug', 'in', db.selectFrom('posts as taken').select('taken.slug').where('taken.blog_id', '=', toId))
    .orderBy('title')
    .execute();
  return rows.map((r) => r.title);
}

/**
 * Moves the live posts of blog `fromId` to blog `toId`; the ones deleted for readers are removed
 * for good (their addresses could clash). Returns the moved posts.
 */
export async function moveBlogPosts(
  db: Db,
  fromId: string,
  toId: string,
  at: string,
): Promise<{ moved: { id: string; slug: string; status: string }[]; removedIds: string[] }> {
  const removedIds = (
    await db.selectFrom('posts').select('id').where('blog_id', '=', fromId).where('deleted_at', 'is not', null).execute()
  ).map((r) => r.id);
  if (removedIds.length) await db.deleteFrom('posts').where('id', 'in', removedIds).execute();
  const moved = await db.selectFrom('posts').select(['id', 'slug', 'status']).where('blog_id', '=', fromId).execute();
  await db.updateTable('posts').set({ blog_id: toId, updated_at: at }).where('blog_id', '=', fromId).execute();
  return { moved, removedIds };
}

/** Removes every post of a blog for good (their comments, authors, tags and revisions go with them); returns their ids. */
export async function deleteBlogPosts(db: Db, blogId: string): Promise<string[]> {
  const ids = (await db.selectFrom('posts').select('id').where('blog_id', '=', blogId).execute()).map((r) => r.id);
  if (ids.length) await db.deleteFrom('posts').where('id', 'in', ids).execute();
  return ids;
}

/** Removes the blog row; its owners go with it. */
export async function deleteBlogRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('blogs').where('id', '=', id).execute();
}
