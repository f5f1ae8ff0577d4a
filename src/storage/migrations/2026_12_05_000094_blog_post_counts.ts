import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../db.js';

/**
 * How many published posts each blog has, kept by the database as 000093 keeps the tags' counts.
 * The front page's and a blog page's pager counted the published posts on every render: even read
 * from the index of 000085 alone, 100,000 entries cost about 20 ms of CPU (and 60 ms on a busy
 * machine) on a site of that size. The site's count is the sum over its few blogs.
 *
 * A post counts while it is published and not deleted. Triggers on posts: insert, update of status,
 * deleted_at or blog_id (it may move to another blog), delete. A blog is deleted only without posts;
 * its count goes with it (foreign key).
 */

const LIVE = (row: string) => `(${row}.status = 'published' and ${row}.deleted_at is null)`;
const add = (delta: number, blogId: string) =>
  `insert into blog_post_counts (blog_id, posts) values (${blogId}, ${delta})
   on conflict (blog_id) do update set posts = blog_post_counts.posts + excluded.posts;`;

const SQLITE_TRIGGERS: Record<string, string> = {
  posts_insert_blog_counts: `after insert on posts when ${LIVE('new')} begin ${add(1, 'new.blog_id')} end`,
  posts_delete_blog_counts: `after delete on posts when ${LIVE('old')} begin ${add(-1, 'old.blog_id')} end`,
  posts_update_blog_counts_old: `after update of status, deleted_at, blog_id on posts
    when ${LIVE('old')} and (not ${LIVE('new')} or old.blog_id is not new.blog_id) begin ${add(-1, 'old.blog_id')} end`,
  posts_update_blog_counts_new: `after update of status, deleted_at, blog_id on posts
    when ${LIVE('new')} and (not ${LIVE('old')} or old.blog_id is not new.blog_id) begin ${add(1, 'new.blog_id')} end`,
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('blog_post_counts')
    .ifNotExists()
    .addColumn('blog_id', 'text', (c) => c.primaryKey().references('blogs.id').onDelete('cascade'))
    .addColumn('posts', 'integer', (c) => c.notNull())
    .execute();

  if (dialectOf(db) === 'postgres') {
    await sql
      .raw(
        `create or replace function ytring_posts_blog_counts() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') and ${LIVE('old')}
          and (tg_op = 'DELETE' or not ${LIVE('new')} or old.blog_id is distinct from new.blog_id) then
          ${add(-1, 'old.blog_id')}
        end if;
        if tg_op in ('UPDATE', 'INSERT') and ${LIVE('new')}
          and (tg_op = 'INSERT' or not ${LIVE('old')} or old.blog_id is distinct from new.blog_id) then
          ${add(1, 'new.blog_id')}
        end if;
        return null;
      end $$`,
      )
      .execute(db);
    await sql.raw('drop trigger if exists posts_blog_counts on posts').execute(db);
    await sql
      .raw(
        `create trigger posts_blog_counts after insert or delete or update of status, deleted_at, blog_id on posts
      for each row execute function ytring_posts_blog_counts()`,
      )
      .execute(db);
  } else {
    for (const [name, definition] of Object.entries(SQLITE_TRIGGERS)) {
      await sql.raw(`drop trigger if exists ${name}`).execute(db);
      await sql.raw(`create trigger ${name} ${definition}`).execute(db);
    }
  }

  // Safe to re-run: the counts are made anew from the rows.
  await sql.raw('delete from blog_post_counts').execute(db);
  await sql
    .raw(`insert into blog_post_counts (blog_id, posts) select p.blog_id, count(*) from posts p where ${LIVE('p')} group by p.blog_id`)
    .execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql.raw('drop trigger if exists posts_blog_counts on posts').execute(db);
    await sql.raw('drop function if exists ytring_posts_blog_counts()').execute(db);
  } else {
    for (const name of Object.keys(SQLITE_TRIGGERS)) await sql.raw(`drop trigger if exists ${name}`).execute(db);
  }
  await db.schema.dropTable('blog_post_counts').ifExists().execute();
}
