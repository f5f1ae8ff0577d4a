import type { Kysely } from 'kysely';

// A post page links the posts just before and after it in its blog. With no index that starts with
// the blog and goes on by time, finding them read the site's published posts in time order until one
// of the blog turned up; for a blog's newest post (the one most read) that was every post of the
// site, on each render (issue 16). With this index each neighbour is the first entry of a range.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('posts_blog_live_published_idx')
    .ifNotExists()
    .on('posts')
    .columns(['blog_id', 'status', 'deleted_at', 'published_at', 'id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('posts_blog_live_published_idx').ifExists().execute();
}
