import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../db.js';

/**
 * How many published posts carry each tag, kept by the database. The front page's topics grouped
 * every published post's tags on every render: about 85 ms of CPU on a site of 100,000 posts. Kept by
 * triggers rather than by the services so that every writer (an older build, an import, plain SQL)
 * keeps it exact: a post counts while it is published and not deleted, as the post lists count.
 *
 * - post_tags insert, delete or update: the tag of a counted post moves by one;
 * - posts update of status or deleted_at: each of its tags moves by one when it starts or stops counting;
 * - posts delete: before the row goes, so its tags are still there to be counted down (the cascade
 *   that then deletes them finds no post, and counts nothing twice);
 * - a deleted tag takes its count with it (foreign key), and a cascade from it counts nothing.
 *
 * The counts are made here once from the rows there are: derived data, like an index.
 */

const LIVE = (row: string) => `(${row}.status = 'published' and ${row}.deleted_at is null)`;
const livePost = (postId: string) => `exists (select 1 from posts p where p.id = ${postId} and ${LIVE('p')})`;
const tagExists = (tagId: string) => `exists (select 1 from tags t where t.id = ${tagId})`;
/** Adds `delta` to the tags selected by `from` (a FROM … WHERE … giving `tag_id`). */
const add = (delta: number, from: string) =>
  `insert into tag_post_counts (tag_id, posts) select tag_id, ${delta} ${from}
   on conflict (tag_id) do update set posts = tag_post_counts.posts + excluded.posts;`;
const addOne = (delta: number, row: string) =>
  add(delta, `from (select ${row}.tag_id as tag_id) x where ${livePost(`${row}.post_id`)} and ${tagExists(`${row}.tag_id`)}`);
const addPostTags = (delta: number, row: string) => add(delta, `from post_tags where post_id = ${row}.id`);

const SQLITE_TRIGGERS: Record<string, string> = {
  post_tags_insert_tag_counts: `after insert on post_tags begin ${addOne(1, 'new')} end`,
  post_tags_delete_tag_counts: `after delete on post_tags begin ${addOne(-1, 'old')} end`,
  post_tags_update_tag_counts: `after update of post_id, tag_id on post_tags begin ${addOne(-1, 'old')} ${addOne(1, 'new')} end`,
  posts_publish_tag_counts: `after update of status, deleted_at on posts when ${LIVE('new')} and not ${LIVE('old')}
    begin ${addPostTags(1, 'new')} end`,
  posts_unpublish_tag_counts: `after update of status, deleted_at on posts when ${LIVE('old')} and not ${LIVE('new')}
    begin ${addPostTags(-1, 'new')} end`,
  posts_delete_tag_counts: `before delete on posts when ${LIVE('old')} begin ${addPostTags(-1, 'old')} end`,
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tag_post_counts')
    .ifNotExists()
    .addColumn('tag_id', 'text', (c) => c.primaryKey().references('tags.id').onDelete('cascade'))
    .addColumn('posts', 'integer', (c) => c.notNull())
    .execute();
  // The topics read the most used first without sorting every tag.
  await db.schema.createIndex('tag_post_counts_posts_idx').ifNotExists().on('tag_post_counts').columns(['posts', 'tag_id']).execute();

  if (dialectOf(db) === 'postgres') {
    const body = (op: string, lines: string) => `if tg_op = '${op}' then ${lines} end if;`;
    await sql
      .raw(
        `create or replace function ytring_post_tags_tag_counts() returns trigger language plpgsql as $$
      begin
        ${body('INSERT', addOne(1, 'new'))}
        ${body('DELETE', addOne(-1, 'old'))}
        ${body('UPDATE', `${addOne(-1, 'old')} ${addOne(1, 'new')}`)}
        return null;
      end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create or replace function ytring_posts_tag_counts() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          if ${LIVE('old')} then ${addPostTags(-1, 'old')} end if;
          return old;
        end if;
        if ${LIVE('old')} and not ${LIVE('new')} then ${addPostTags(-1, 'new')} end if;
        if ${LIVE('new')} and not ${LIVE('old')} then ${addPostTags(1, 'new')} end if;
        return null;
      end $$`,
      )
      .execute(db);
    await sql.raw('drop trigger if exists post_tags_tag_counts on post_tags').execute(db);
    await sql
      .raw(
        `create trigger post_tags_tag_counts after insert or delete or update of post_id, tag_id on post_tags
      for each row execute function ytring_post_tags_tag_counts()`,
      )
      .execute(db);
    await sql.raw('drop trigger if exists posts_tag_counts on posts').execute(db);
    await sql
      .raw(
        `create trigger posts_tag_counts after update of status, deleted_at on posts
      for each row execute function ytring_posts_tag_counts()`,
      )
      .execute(db);
    await sql.raw('drop trigger if exists posts_delete_tag_counts on posts').execute(db);
    await sql
      .raw(`create trigger posts_delete_tag_counts before delete on posts for each row execute function ytring_posts_tag_counts()`)
      .execute(db);
  } else {
    for (const [name, definition] of Object.entries(SQLITE_TRIGGERS)) {
      await sql.raw(`drop trigger if exists ${name}`).execute(db);
      await sql.raw(`create trigger ${name} ${definition}`).execute(db);
    }
  }

  // Safe to re-run: the counts are made anew from the rows.
  await sql.raw('delete from tag_post_counts').execute(db);
  await sql
    .raw(
      `insert into tag_post_counts (tag_id, posts)
      select pt.tag_id, count(*) from post_tags pt join posts p on p.id = pt.post_id where ${LIVE('p')} group by pt.tag_id`,
    )
    .execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql.raw('drop trigger if exists post_tags_tag_counts on post_tags').execute(db);
    await sql.raw('drop trigger if exists posts_tag_counts on posts').execute(db);
    await sql.raw('drop trigger if exists posts_delete_tag_counts on posts').execute(db);
    await sql.raw('drop function if exists ytring_post_tags_tag_counts()').execute(db);
    await sql.raw('drop function if exists ytring_posts_tag_counts()').execute(db);
  } else {
    for (const name of Object.keys(SQLITE_TRIGGERS)) await sql.raw(`drop trigger if exists ${name}`).execute(db);
  }
  await db.schema.dropTable('tag_post_counts').ifExists().execute();
}
