import type { Kysely } from 'kysely';

// Preview links for guest experts: a random token shown once, stored only as a keyed hash, with an
// expiry and a revocation time. No public page is made from this table, so it has no content trigger.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('post_preview_links')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('account_id', 'text')
    .execute();
  await db.schema
    .createIndex('post_preview_links_post')
    .ifNotExists()
    .on('post_preview_links')
    .columns(['post_id', 'created_at'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('post_preview_links').ifExists().execute();
}
