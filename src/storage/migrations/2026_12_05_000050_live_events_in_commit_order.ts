import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../db.js';
import { LIVE_CHANNEL } from './2026_12_05_000026_live_events.js';

/**
 * Live events numbered in the order their transactions commit (PostgreSQL). With a bigserial, a
 * transaction took its seq when it wrote and could commit after one that took a higher seq: a
 * reader resuming from that higher Last-Event-ID (or an instance catching up after a lost
 * connection) skipped it for good. Now the event row is written by a deferred constraint trigger,
 * which runs as the transaction commits, and takes its seq from a one-row counter whose row lock
 * is held until the commit is done: the next committer waits for it and numbers after it. The lock
 * is taken last, at commit, so it is held for moments and never before another lock.
 * SQLite needs nothing: it has one writer at a time, so its numbers are already in commit order.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql.raw('create table if not exists live_event_counter (id integer primary key, seq bigint not null)').execute(db);
  await sql
    .raw('insert into live_event_counter (id, seq) select 1, coalesce(max(seq), 0) from live_events on conflict (id) do nothing')
    .execute(db);
  await sql
    .raw(
      `create or replace function ytring_live_event() returns trigger language plpgsql as $$
      declare
        was text := case when tg_op = 'UPDATE' then old.status else null end;
        at text := to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
        s bigint;
      begin
        if new.status = 'approved' and was is distinct from 'approved' then
          update live_event_counter set seq = seq + 1 where id = 1 returning seq into s;
          insert into live_events (seq, kind, post_id, comment_id, created_at) values (s, 'approved', new.post_id, new.id, at);
          perform pg_notify('${LIVE_CHANNEL}', s || ' approved ' || new.post_id || ' ' || new.id);
        end if;
        if (new.status = 'pending' or was = 'pending') and new.status is distinct from was then
          update live_event_counter set seq = seq + 1 where id = 1 returning seq into s;
          insert into live_events (seq, kind, post_id, comment_id, created_at) values (s, 'queue', new.post_id, new.id, at);
          perform pg_notify('${LIVE_CHANNEL}', s || ' queue ' || new.post_id || ' ' || new.id);
        end if;
        return null;
      end $$`,
    )
    .execute(db);
  await sql.raw('drop trigger if exists comments_live_event on comments').execute(db);
  await sql
    .raw(
      `create constraint trigger comments_live_event after insert or update of status on comments
      deferrable initially deferred for each row execute function ytring_live_event()`,
    )
    .execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql.raw('drop trigger if exists comments_live_event on comments').execute(db);
  await sql
    .raw(
      `create or replace function ytring_live_event() returns trigger language plpgsql as $$
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
  // The bigserial goes on after the numbers the counter gave.
  await sql
    .raw(`select setval(pg_get_serial_sequence('live_events', 'seq'), greatest((select coalesce(max(seq), 0) from live_events), 1))`)
    .execute(db);
  await sql
    .raw(
      `create trigger comments_live_event after insert or update of status on comments
      for each row execute function ytring_live_event()`,
    )
    .execute(db);
  await sql.raw('drop table if exists live_event_counter').execute(db);
}
