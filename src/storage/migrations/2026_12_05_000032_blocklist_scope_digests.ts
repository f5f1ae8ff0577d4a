import { sql, type Kysely } from 'kysely';

// accounts.comment_mail: how a person hears of comments waiting for moderation: 'each' (a mail
// per comment), 'hourly' or 'daily' (a digest), or 'none' (the default, as before).
// accounts.comment_digest_at: when the last digest went out, so a restart never sends one twice.
// blocklist.blog_id: the blog an entry is for; '' is site-wide (an empty string rather than null,
// so the unique (kind, value, blog_id) index holds for site-wide entries on every database).
// The old table's unique (kind, value) constraint cannot be dropped on every database, so the
// table is copied into a new one with the new index; existing entries stay site-wide.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('accounts')
    .addColumn('comment_mail', 'text', (c) => c.notNull().defaultTo('none'))
    .execute();
  await db.schema.alterTable('accounts').addColumn('comment_digest_at', 'text').execute();

  await db.schema
    .createTable('blocklist_scoped')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('blog_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into blocklist_scoped (id, kind, value, blog_id, created_at) select id, kind, value, '', created_at from blocklist`.execute(
    db,
  );
  await db.schema.dropTable('blocklist').execute();
  await db.schema.alterTable('blocklist_scoped').renameTo('blocklist').execute();
  await db.schema.createIndex('blocklist_kind_value_blog_unique').on('blocklist').columns(['kind', 'value', 'blog_id']).unique().execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('blocklist_kind_value_blog_unique').execute();
  await db.deleteFrom('blocklist').where('blog_id', '<>', '').execute();
  await db.schema.alterTable('blocklist').dropColumn('blog_id').execute();
  await db.schema.alterTable('accounts').dropColumn('comment_digest_at').execute();
  await db.schema.alterTable('accounts').dropColumn('comment_mail').execute();
}
