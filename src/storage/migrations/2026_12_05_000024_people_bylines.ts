import type { Kysely } from 'kysely';

// people.is_guest: an invited guest expert (marked as such in bylines), set by hand or when the
// editor creates a guest inline; an account does not decide it, since the demo's staff have none.
// demo_items: what the demo loader created, so "remove the demo" removes that and never the site's own.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('people')
    .addColumn('is_guest', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('demo_items')
    .ifNotExists()
    .addColumn('item_type', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('demo_items_pk', ['item_type', 'item_id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('demo_items').ifExists().execute();
  await db.schema.alterTable('people').dropColumn('is_guest').execute();
}
