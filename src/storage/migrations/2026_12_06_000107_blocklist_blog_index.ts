import type { Kysely } from 'kysely';

// Every comment reads the site-wide blocklist entries and its blog's. The table's only index is its
// unique key, which starts with the kind and the value, so that read went through every entry of
// every blog: on a site with many blogs each keeping its own list, all of them for each comment.
// This index starts with the blog and holds what the read takes, so it reads just those entries.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('blocklist_blog_idx').ifNotExists().on('blocklist').columns(['blog_id', 'kind', 'value']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('blocklist_blog_idx').ifExists().execute();
}
