import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../db.js';

/**
 * A count per thread (a top-level comment and its replies) that moves whenever any comment of the
 * thread is added, changed or taken away, kept by the database's triggers so that writes by other
 * instances, the CLI and hand-made SQL move it too.
 *
 * A kept post page follows its comments without being rendered again (page-cache followChanges):
 * after a comment, it asked whether its page of comments was still the same by reading every row
 * of it again, body and all, and comparing them (0.3-0.6 ms for the 81 rows of the bench's first
 * page, twice for each comment of a live debate: the new comment's page and the post's first). The
 * page's threads and their revisions, read from the comments index and this table, say the same
 * for a tenth of that. No revision row is a thread that has not changed since this migration: 0.
 *
 * Triggers on comments: insert (the new row's thread), update of what a page shows (the thread it
 * is in, and the one it left when it moved), delete (a reply's thread; a deleted top-level comment's own row goes with
 * it, as no page can show that thread again). A comment deleted with its post (the cascade) moves
 * nothing: every page of that post goes with it.
 */

// The thread's revision moves only when something a page shows of a comment changed: the columns
// a public page reads (SHOWN_COLUMNS in comment.repository.ts) and the thread a comment is in. The
// address, the IP hash, the spam score and the like change nothing on a page.
const SHOWN = 'post_id, parent_id, root_id, depth, author_name, email_hash, badge, body, status, created_at, edited_at, erased_at';

// A SELECT with a WHERE, not VALUES: an upsert's source must say when it applies, and SQLite reads
// `on conflict` after a bare SELECT as part of a join.
const bump = (rootId: string, when = 'true') =>
  `insert into thread_revisions (root_id, revision) select ${rootId}, 1 where ${when}
   on conflict (root_id) do update set revision = thread_revisions.revision + 1;`;
const POST_EXISTS = (postId: string) => `exists (select 1 from posts where id = ${postId})`;

const SQLITE_TRIGGERS: Record<string, string> = {
  comments_insert_thread_revisions: `after insert on comments begin ${bump('new.root_id')} end`,
  comments_update_thread_revisions: `after update of ${SHOWN} on comments begin
    ${bump('new.root_id')}
    ${bump('old.root_id', 'old.root_id is not new.root_id')}
  end`,
  comments_delete_thread_revisions: `after delete on comments when ${POST_EXISTS('old.post_id')} begin
    delete from thread_revisions where root_id = old.id;
    ${bump('old.root_id', 'old.root_id <> old.id')}
  end`,
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  // Read by its key alone: on SQLite without a rowid of its own, one lookup rather than two.
  await sql
    .raw(
      `create table if not exists thread_revisions (root_id text primary key, revision integer not null)${postgres ? '' : ' without rowid'}`,
    )
    .execute(db);

  if (postgres) {
    await sql
      .raw(
        `create or replace function ytring_comments_thread_revisions() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          if ${POST_EXISTS('old.post_id')} then
            delete from thread_revisions where root_id = old.id;
            ${bump('old.root_id', 'old.root_id <> old.id')}
          end if;
          return null;
        end if;
        ${bump('new.root_id')}
        if tg_op = 'UPDATE' then ${bump('old.root_id', 'old.root_id is distinct from new.root_id')} end if;
        return null;
      end $$`,
      )
      .execute(db);
    await sql.raw('drop trigger if exists comments_thread_revisions on comments').execute(db);
    await sql
      .raw(
        `create trigger comments_thread_revisions after insert or delete or update of ${SHOWN} on comments
      for each row execute function ytring_comments_thread_revisions()`,
      )
      .execute(db);
  } else {
    for (const [name, definition] of Object.entries(SQLITE_TRIGGERS)) {
      await sql.raw(`drop trigger if exists ${name}`).execute(db);
      await sql.raw(`create trigger ${name} ${definition}`).execute(db);
    }
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql.raw('drop trigger if exists comments_thread_revisions on comments').execute(db);
    await sql.raw('drop function if exists ytring_comments_thread_revisions()').execute(db);
  } else {
    for (const name of Object.keys(SQLITE_TRIGGERS)) await sql.raw(`drop trigger if exists ${name}`).execute(db);
  }
  await sql.raw('drop table if exists thread_revisions').execute(db);
}
