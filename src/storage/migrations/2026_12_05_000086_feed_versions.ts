import type { Kysely } from 'kysely';

// A feed's Last-Modified is the time its current body first appeared (by ETag), the same whether the
// answer is rendered or kept, on every instance. It was the newest change to any post or comment
// site-wide, which moved with changes the feed does not show, so a kept feed's date lagged a fresh one.
// No content trigger: no page shows this table.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('feed_versions')
    .ifNotExists()
    .addColumn('path', 'text', (c) => c.primaryKey())
    .addColumn('etag', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('feed_versions').ifExists().execute();
}
