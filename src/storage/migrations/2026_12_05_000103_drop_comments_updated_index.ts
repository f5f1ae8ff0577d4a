import type { Kysely } from 'kysely';

// Migration 000007 indexed comments.updated_at for the feeds' max(updated_at) per request. The
// feeds have answered from feed_versions since 000086, and no query filters or sorts comments by
// updated_at any more, yet every comment written and every moderation step still updated the index.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('comments_updated_idx').ifExists().execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('comments_updated_idx').ifNotExists().on('comments').columns(['updated_at']).execute();
}
