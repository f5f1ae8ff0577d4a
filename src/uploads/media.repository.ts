/** Queries for the media library and featured images: which uploads there are, and where each is used. */
import { sql } from 'kysely';
import type { Db } from '../storage/db.js';
import { foldedContains } from '../storage/text-match.js';
import type { UploadRow } from './upload.repository.js';

const matching = (db: Db, q: string) => {
  let query = db.selectFrom('uploads');
  if (q) query = query.where((eb) => eb.or([foldedContains('alt', q), foldedContains('file_name', q)]));
  return query;
};

export async function countUploadRows(db: Db, q: string): Promise<number> {
  const row = await matching(db, q)
    .select((eb) => eb.fn.countAll().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Newest first. */
export async function listUploadRows(db: Db, q: string, limit: number, offset: number): Promise<UploadRow[]> {
  return matching(db, q).selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
}

export async function deleteUploadRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('uploads').where('id', '=', id).execute();
}

export interface UsageRows {
  featured: { id: string; title: string }[];
  bodies: { id: string; title: string }[];
  people: { id: string; name: string }[];
}

/**
 * Where the uploads `ids` are used: as a post's featured image, named in a post's body
 * (`/uploads/<id>…`, every file of an upload begins with its id), or as a person's photo.
 * Deleted posts count too: restoring one must not bring back a broken image.
 */
export async function findUsageRows(db: Db, ids: readonly string[]): Promise<Map<string, UsageRows>> {
  const result = new Map<string, UsageRows>(ids.map((id) => [id, { featured: [], bodies: [], people: [] }]));
  if (ids.length === 0) return result;
  const [featured, bodies, people] = await Promise.all([
    db.selectFrom('posts').select(['id', 'title', 'featured_upload_id']).where('featured_upload_id', 'in', ids).orderBy('title').execute(),
    db
      .selectFrom('posts')
      .innerJoin(
        (eb) => eb.selectFrom('uploads').select('uploads.id as upload_id').where('uploads.id', 'in', ids).as('u'),
        (join) => join.on(sql<boolean>`posts.body like ${sql.lit('%/uploads/')} || u.upload_id || ${sql.lit('%')}`),
      )
      .select(['posts.id', 'posts.title', 'u.upload_id'])
      .orderBy('posts.title')
      .execute(),
    db
      .selectFrom('people')
      .innerJoin(
        (eb) => eb.selectFrom('uploads').select('uploads.id as upload_id').where('uploads.id', 'in', ids).as('u'),
        (join) => join.on(sql<boolean>`people.avatar_path like ${sql.lit('/uploads/')} || u.upload_id || ${sql.lit('%')}`),
      )
      .select(['people.id', 'people.name', 'u.upload_id'])
      .orderBy('people.name')
      .execute(),
  ]);
  for (const row of featured) result.get(row.featured_upload_id!)?.featured.push({ id: row.id, title: row.title });
  for (const row of bodies) result.get(row.upload_id)?.bodies.push({ id: row.id, title: row.title });
  for (const row of people) result.get(row.upload_id)?.people.push({ id: row.id, name: row.name });
  return result;
}

export interface FeaturedRow {
  post_id: string;
  featured_alt: string;
  featured_caption: string;
  featured_credit: string;
  upload: UploadRow;
}

/** The featured images of `postIds` that have one whose upload still exists. */
export async function findFeaturedRows(db: Db, postIds: readonly string[]): Promise<FeaturedRow[]> {
  if (postIds.length === 0) return [];
  const rows = await db
    .selectFrom('posts')
    .innerJoin('uploads', 'uploads.id', 'posts.featured_upload_id')
    .selectAll('uploads')
    .select(['posts.id as post_id', 'posts.featured_alt', 'posts.featured_caption', 'posts.featured_credit'])
    .where('posts.id', 'in', postIds)
    .execute();
  return rows.map(({ post_id, featured_alt, featured_caption, featured_credit, ...upload }) => ({
    post_id,
    featured_alt,
    featured_caption,
    featured_credit,
    upload,
  }));
}

export async function updateFeaturedColumns(
  db: Db,
  postId: string,
  columns: { featured_upload_id: string | null; featured_alt: string; featured_caption: string; featured_credit: string },
): Promise<void> {
  await db.updateTable('posts').set(columns).where('id', '=', postId).execute();
}

export async function findFeaturedColumns(
  db: Db,
  postId: string,
): Promise<{ featured_upload_id: string | null; featured_alt: string; featured_caption: string; featured_credit: string } | undefined> {
  return db
    .selectFrom('posts')
    .select(['featured_upload_id', 'featured_alt', 'featured_caption', 'featured_credit'])
    .where('id', '=', postId)
    .executeTakeFirst();
}

/** Each post's blog and authors, for deciding which of them a person may see named. */
export async function findPostScopes(db: Db, ids: readonly string[]): Promise<Map<string, { blogId: string; authorPersonIds: string[] }>> {
  const result = new Map<string, { blogId: string; authorPersonIds: string[] }>();
  if (ids.length === 0) return result;
  const [posts, authors] = await Promise.all([
    db.selectFrom('posts').select(['id', 'blog_id']).where('id', 'in', ids).execute(),
    db.selectFrom('post_authors').select(['post_id', 'person_id']).where('post_id', 'in', ids).execute(),
  ]);
  for (const post of posts) result.set(post.id, { blogId: post.blog_id, authorPersonIds: [] });
  for (const author of authors) result.get(author.post_id)?.authorPersonIds.push(author.person_id);
  return result;
}
