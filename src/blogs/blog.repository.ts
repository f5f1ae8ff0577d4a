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
