import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../db.js';

export const LIVE_CHANNEL = 'ytring_live';

/**
 * What the live channel tells readers and moderators: a comment became approved on a post
 * ('approved'), or the moderation queue changed ('queue'). The database writes them itself, by
 * trigger, so every path that approves (the form, the moderation queue, another instance, SQL by
 * hand) is heard, and `seq` orders them for a reader's Last-Event-ID. On PostgreSQL the trigger
 * also sends NOTIFY with the new row, delivered to every instance on commit.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  await db.schema
    .createTable('live_events')
    .addColumn('seq', postgres ? 'bigserial' : 'integer', (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('comment_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('live_events_post_seq').on('live_events').columns(['post_id', 'seq']).execute();

  if (postgres) {
    await sql
      .raw(
        `create function ytring_live_event() returns trigger language plpgsql as $$
      declare
        was text := case when tg_op = 'UPDATE' then old.status else null end;
        at text := to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
        s bigint;
      begin
        if new.status = 'approved' and was is distinct from 'approved' then
          insert into live_events (kind, post_id, comment_id, created_at) values ('approved', new.post_id, new.id, at) returning seq into s;
          perform pg_notify('${LIVE_CHANNEL}', s || ' approved ' || new.post_id || ' ' || new.id);
        end if;
        if (new.status = 'pending' or was = 'pending') and new.status is distinct from was then
          insert into live_events (kind, post_id, comment_id, created_at) values ('queue', new.post_id, new.id, at) returning seq into s;
          perform pg_notify('${LIVE_CHANNEL}', s || ' queue ' || new.post_id || ' ' || new.id);
        end if;
        return null;
      end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger comments_live_event after insert or update of status on comments
        for each row execute function ytring_live_event()`,
      )
      .execute(db);
    return;
  }
  const at = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;
  await sql
    .raw(
      `create trigger comments_insert_live_event after insert on comments begin
      insert into live_events (kind, post_id, comment_id, created_at)
        select 'approved', new.post_id, new.id, ${at} where new.status = 'approved';
      insert into live_events (kind, post_id, comment_id, created_at)
        select 'queue', new.post_id, new.id, ${at} where new.status = 'pending';
    end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger comments_update_live_event after update of status on comments when new.status is not old.status begin
      insert into live_events (kind, post_id, comment_id, created_at)
        select 'approved', new.post_id, new.id, ${at} where new.status = 'approved';
      insert into live_events (kind, post_id, comment_id, created_at)
        select 'queue', new.post_id, new.id, ${at} where new.status = 'pending' or old.status = 'pending';
    end`,
    )
    .execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql.raw('drop trigger if exists comments_live_event on comments').execute(db);
    await sql.raw('drop function if exists ytring_live_event()').execute(db);
  } else {
    await sql.raw('drop trigger if exists comments_insert_live_event').execute(db);
    await sql.raw('drop trigger if exists comments_update_live_event').execute(db);
  }
  await db.schema.dropTable('live_events').ifExists().execute();
}
