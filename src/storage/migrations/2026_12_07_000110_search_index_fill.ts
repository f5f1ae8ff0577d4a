import { sql, type Kysely } from 'kysely';

// An index found missing at start (after 000109, which empties it, or on a database from before
// search) was built in one transaction before the server listened: 70 s on a 100,000-post site, long
// enough for a supervisor's health check to restart it, which lost the whole build and began it
// again. The index is now filled after the server listens, a few posts per transaction, and this
// row says a fill is under way and the id of the last post it reached, so that a restart (or
// another instance) carries on from there. No row: the index is whole.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('search_index_fill')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('after_post_id', 'text', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('search_index_fill').ifExists().execute();
}
