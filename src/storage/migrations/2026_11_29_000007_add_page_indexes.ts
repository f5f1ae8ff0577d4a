import type { Kysely } from 'kysely';

// The feeds and the sitemap answer conditional GETs with the newest change to posts and to
// comments: max(updated_at) over the whole table, run on every feed request. Without these
// indexes each request reads every post and every comment; with them it reads one index entry.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('posts_updated_idx').ifNotExists().on('posts').columns(['updated_at']).execute();
  await db.schema.createIndex('comments_updated_idx').ifNotExists().on('comments').columns(['updated_at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('comments_updated_idx').ifExists().execute();
  await db.schema.dropIndex('posts_updated_idx').ifExists().execute();
}
