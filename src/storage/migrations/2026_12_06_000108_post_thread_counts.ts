import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../db.js';

/**
 * How many threads (approved top-level comments) each post has, kept by the database as 000094
 * keeps the blogs' post counts. A post's comment pages were counted on every render, and the page a
 * new comment lands on (its redirect) on every comment: both read every top-level entry of the post
 * in the comments index, so a debate of 10,000 threads cost each comment about a third of a
 * millisecond on SQLite, growing with the debate.
 *
 * A comment counts while it is approved and has no parent, erased or not (an erased comment keeps
 * its place in its thread). Triggers on comments: insert, update of status, parent_id or post_id,
 * delete. A post's count goes with the post (foreign key); deleting a post deletes its comments.
 *
 * On PostgreSQL two transactions that add or take away a thread of the same post now take turns at
 * the post's count row, as the comment form's update of posts.comment_count already made them do;
 * replies and other posts' threads do not wait.
 */

const THREAD = (row: string) => `(${row}.status = 'approved' and ${row}.parent_id is null)`;
const add = (delta: number, postId: string) =>
  `insert into post_thread_counts (post_id, threads) values (${postId}, ${delta})
   on conflict (post_id) do update set threads = post_thread_counts.threads + excluded.threads;`;

// A comment of a post being deleted goes after the post (the cascade): it no longer has a count to
// keep, and a new count row would point at no post.
const POST_EXISTS = (postId: string) => `exists (select 1 from posts where id = ${postId})`;

const SQLITE_TRIGGERS: Record<string, string> = {
  comments_insert_thread_counts: `after insert on comments when ${THREAD('new')} begin ${add(1, 'new.post_id')} end`,
  comments_delete_thread_counts: `after delete on comments when ${THREAD('old')} and ${POST_EXISTS('old.post_id')}
    begin ${add(-1, 'old.post_id')} end`,
  comments_update_thread_counts_old: `after update of status, parent_id, post_id on comments
    when ${THREAD('old')} and (not ${THREAD('new')} or old.post_id is not new.post_id) begin ${add(-1, 'old.post_id')} end`,
  comments_update_thread_counts_new: `after update of status, parent_id, post_id on comments
    when ${THREAD('new')} and (not ${THREAD('old')} or old.post_id is not new.post_id) begin ${add(1, 'new.post_id')} end`,
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('post_thread_counts')
    .ifNotExists()
    .addColumn('post_id', 'text', (c) => c.primaryKey().references('posts.id').onDelete('cascade'))
    .addColumn('threads', 'integer', (c) => c.notNull())
    .execute();

  if (dialectOf(db) === 'postgres') {
    await sql
      .raw(
        `create or replace function ytring_comments_thread_counts() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') and ${THREAD('old')}
          and (tg_op = 'UPDATE' or ${POST_EXISTS('old.post_id')})
          and (tg_op = 'DELETE' or not ${THREAD('new')} or old.post_id is distinct from new.post_id) then
          ${add(-1, 'old.post_id')}
        end if;
        if tg_op in ('UPDATE', 'INSERT') and ${THREAD('new')}
          and (tg_op = 'INSERT' or not ${THREAD('old')} or old.post_id is distinct from new.post_id) then
          ${add(1, 'new.post_id')}
        end if;
        return null;
      end $$`,
      )
      .execute(db);
    await sql.raw('drop trigger if exists comments_thread_counts on comments').execute(db);
    await sql
      .raw(
        `create trigger comments_thread_counts after insert or delete or update of status, parent_id, post_id on comments
      for each row execute function ytring_comments_thread_counts()`,
      )
      .execute(db);
  } else {
    for (const [name, definition] of Object.entries(SQLITE_TRIGGERS)) {
      await sql.raw(`drop trigger if exists ${name}`).execute(db);
      await sql.raw(`create trigger ${name} ${definition}`).execute(db);
    }
  }

  // Safe to re-run: the counts are made anew from the rows.
  await sql.raw('delete from post_thread_counts').execute(db);
  await sql
    .raw(
      `insert into post_thread_counts (post_id, threads) select c.post_id, count(*) from comments c where ${THREAD('c')} group by c.post_id`,
    )
    .execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql.raw('drop trigger if exists comments_thread_counts on comments').execute(db);
    await sql.raw('drop function if exists ytring_comments_thread_counts()').execute(db);
  } else {
    for (const name of Object.keys(SQLITE_TRIGGERS)) await sql.raw(`drop trigger if exists ${name}`).execute(db);
  }
  await db.schema.dropTable('post_thread_counts').ifExists().execute();
}
