import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../db.js';
import { CONTENT_CHANNEL } from './2026_11_29_000006_track_content_version.js';

/**
 * A post's own text apart from its comments. `post:<id>` (000028) also fires when an approved
 * comment changes the post's comment count, so a page naming it (a feed listing the post) was
 * dropped by every comment. These triggers add, beside 000028's tags:
 *
 * - `post-text:<id>`: the post's own rows changed (text, authors, tags, links, info boxes, featured
 *   image), not only its comment count;
 * - `post-text`: some post's own row changed (what the sitemap's dates are made from).
 *
 * A posts update counts unless it changed the comment count and not updated_at: the comment code
 * touches only the count, every edit through the services sets updated_at, and an edit by hand that
 * leaves the count alone counts too.
 */

type Row = 'new' | 'old';
const TABLES: { table: string; postId: (row: Row) => string; global?: boolean }[] = [
  { table: 'posts', postId: (row) => `${row}.id`, global: true },
  { table: 'post_authors', postId: (row) => `${row}.post_id` },
  { table: 'post_tags', postId: (row) => `${row}.post_id` },
  { table: 'related_links', postId: (row) => `${row}.post_id` },
  { table: 'info_boxes', postId: (row) => `${row}.post_id` },
  // When the box is gone already (a cascade), its own delete has named the post.
  { table: 'info_box_contacts', postId: (row) => `(select post_id from info_boxes where id = ${row}.info_box_id)` },
];
const EVENTS = ['insert', 'update', 'delete'] as const;

const sqliteTrigger = (table: string, event: string) => `${table}_${event}_post_text_tags`;
const postgresFunction = (table: string) => `ytring_${table}_post_text_tags`;
const postgresTrigger = (table: string) => `${table}_post_text_tags`;

/** Only for posts: an update that changed the comment count alone is a comment's, not the post's. */
const countOnly = (isSame: (column: string) => string) => `not (${isSame('updated_at')} and not ${isSame('comment_count')})`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    const same = (c: string) => `old.${c} is not distinct from new.${c}`;
    for (const { table, postId, global } of TABLES) {
      const notify = (row: Row) =>
        [
          `perform pg_notify('${CONTENT_CHANNEL}', '#post-text:' || ${postId(row)}) where ${postId(row)} is not null;`,
          global ? `perform pg_notify('${CONTENT_CHANNEL}', '#post-text');` : '',
        ].join(' ');
      const guard = table === 'posts' ? ` and ${countOnly(same)}` : '';
      await sql
        .raw(
          `create or replace function ${postgresFunction(table)}() returns trigger language plpgsql as $$
        begin
          if tg_op = 'INSERT' then ${notify('new')} end if;
          if tg_op = 'UPDATE'${guard} then ${notify('new')} end if;
          if tg_op = 'UPDATE' and ${postId('old')} is distinct from ${postId('new')} then ${notify('old')} end if;
          if tg_op = 'DELETE' then ${notify('old')} end if;
          return null;
        end $$`,
        )
        .execute(db);
      await sql.raw(`drop trigger if exists ${postgresTrigger(table)} on ${table}`).execute(db);
      await sql
        .raw(
          `create trigger ${postgresTrigger(table)} after insert or update or delete on ${table}
        for each row execute function ${postgresFunction(table)}()`,
        )
        .execute(db);
    }
    return;
  }
  const same = (c: string) => `old.${c} is new.${c}`;
  for (const { table, postId, global } of TABLES) {
    for (const event of EVENTS) {
      const rows: Row[] = event === 'insert' ? ['new'] : event === 'delete' ? ['old'] : ['new', 'old'];
      const lines = rows.map((row) => {
        // An update names the row as it was only when it moved to another post.
        const moved = event === 'update' && row === 'old' ? ` and ${postId('old')} is not ${postId('new')}` : '';
        return `insert into content_changes (tag) select 'post-text:' || ${postId(row)} where ${postId(row)} is not null${moved};`;
      });
      if (global) lines.push(`insert into content_changes (tag) values ('post-text');`);
      const when = table === 'posts' && event === 'update' ? ` when ${countOnly(same)}` : '';
      await sql.raw(`drop trigger if exists ${sqliteTrigger(table, event)}`).execute(db);
      await sql
        .raw(
          `create trigger ${sqliteTrigger(table, event)} after ${event} on ${table}${when}
        begin ${lines.join(' ')} end`,
        )
        .execute(db);
    }
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const { table } of TABLES) {
    if (dialectOf(db) === 'postgres') {
      await sql.raw(`drop trigger if exists ${postgresTrigger(table)} on ${table}`).execute(db);
      await sql.raw(`drop function if exists ${postgresFunction(table)}()`).execute(db);
    } else {
      for (const event of EVENTS) await sql.raw(`drop trigger if exists ${sqliteTrigger(table, event)}`).execute(db);
    }
  }
}
