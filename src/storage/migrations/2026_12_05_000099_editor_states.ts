import type { Kysely } from 'kysely';

// A post editor form the server showed back (a refused save, a row button, the no-script search or
// upload) is kept here for a while, so the answer to its POST can be a redirect to a GET that shows
// it: Back and Reload then never ask to send the form again. Pruned by a scheduled job; not exported.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('editor_states')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('post_id', 'text', (c) => c.references('posts.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('editor_states_account').ifNotExists().on('editor_states').columns(['account_id', 'created_at']).execute();
  await db.schema.createIndex('editor_states_created').ifNotExists().on('editor_states').column('created_at').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('editor_states').ifExists().execute();
}
