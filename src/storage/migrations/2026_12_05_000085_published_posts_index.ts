import type { Kysely } from 'kysely';

// Counting and listing the published posts (the front page's pager, its most used tags, the feeds'
// dates) read every published row of posts to check deleted_at and find the blog, whole rows with
// their bodies: on a site of 100,000 posts the first front page after a start read hundreds of MB
// and took seconds. With these columns in one index, the same statements read the index alone.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('posts_live_published_idx')
    .ifNotExists()
    .on('posts')
    .columns(['status', 'deleted_at', 'published_at', 'id', 'blog_id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('posts_live_published_idx').ifExists().execute();
}
