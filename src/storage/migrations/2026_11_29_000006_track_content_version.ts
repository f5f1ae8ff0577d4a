import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../db.js';

/**
 * The tables a public page is made from. Any write to one of them, by this process, another
 * instance, a CLI import or a person with psql, tells the page caches that they are out of date.
 */
export const CONTENT_TABLES = [
  'people',
  'blogs',
  'blog_owners',
  'posts',
  'post_authors',
  'tags',
  'post_tags',
  'related_links',
  'info_boxes',
  'info_box_contacts',
  'redirects',
  'settings',
  'comments',
  'search_documents',
  'uploads',
] as const;

export const CONTENT_CHANNEL = 'ytring_content';

// SQLite has one writer at a time, so a counter row bumped inside the writing transaction costs
// no contention and becomes visible exactly when the change does. PostgreSQL writers run side by
// side: a shared counter row would serialise them (and could deadlock against the posts row a
// comment also updates), so there the trigger sends NOTIFY, which is delivered on commit, once per
// transaction and table. Row triggers, not statement triggers: an UPDATE that changes no row (the
// scheduler finding nothing due) must not empty every cache.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql
      .raw(
        `create function ytring_content_changed() returns trigger language plpgsql as $$
      begin perform pg_notify('${CONTENT_CHANNEL}', tg_table_name); return null; end $$`,
      )
      .execute(db);
    for (const table of CONTENT_TABLES) {
      await sql
        .raw(
          `create trigger ${table}_content_changed after insert or update or delete on ${table}
        for each row execute function ytring_content_changed()`,
        )
        .execute(db);
    }
    return;
  }
  await db.schema
    .createTable('content_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('content_version').values({ id: 1, version: 1 }).execute();
  for (const table of CONTENT_TABLES) {
    for (const event of ['insert', 'update', 'delete']) {
      await sql
        .raw(
          `create trigger ${table}_${event}_content_changed after ${event} on ${table}
        begin update content_version set version = version + 1 where id = 1; end`,
        )
        .execute(db);
    }
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    for (const table of CONTENT_TABLES) await sql.raw(`drop trigger if exists ${table}_content_changed on ${table}`).execute(db);
    await sql.raw('drop function if exists ytring_content_changed()').execute(db);
    return;
  }
  for (const table of CONTENT_TABLES) {
    for (const event of ['insert', 'update', 'delete'])
      await sql.raw(`drop trigger if exists ${table}_${event}_content_changed`).execute(db);
  }
  await db.schema.dropTable('content_version').ifExists().execute();
}
