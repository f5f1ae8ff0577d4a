import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../db.js';
import { CONTENT_CHANNEL } from './2026_11_29_000006_track_content_version.js';

/**
 * Invalidation as fine as the change. Until now every write to a content table told every page
 * cache that everything was out of date. From here each write says what it changed, as tags a
 * kept page names among what it depends on:
 *
 * - `post:<id>`: that post's own rows (its text, authors, tags, links, info boxes, approved comments and their count);
 * - `post-title:<id>`: what a link to that post shows (its title and address);
 * - `post-list`: which posts are published where and in what order (a post published, moved, deleted…);
 * - `comment-list`: the approved comments across the site (the site's comment feed, commenters' pages);
 * - `search`: the search index;
 * - `site`: anything every page may show (settings, blogs, people, tags, redirects, uploads).
 *
 * On SQLite the tags go to `content_changes`, in the writing transaction; on PostgreSQL they are
 * NOTIFY payloads, prefixed `#`, delivered on commit (a payload without `#`, from 000006's function
 * on a table added later, still means "anything may have changed").
 */

type Row = 'new' | 'old';
interface Rule {
  table: string;
  /** SQL expressions giving the tags a row changes, for the row as it is (new) or was (old). */
  tags: (row: Row) => string[];
  /** For posts: tags an insert or delete causes, and an update only when it changes these columns. */
  onChangeOf?: { columns: string[]; tags: (row: Row) => string[] }[];
  /** Only rows that are, or were, in view count (000008's rule for comments). */
  when?: Record<'insert' | 'update' | 'delete', string>;
}

const SITE = ["'site'"];
const postOf = (row: Row) => `'post:' || ${row}.post_id`;

export const RULES: Rule[] = [
  ...['people', 'blogs', 'blog_owners', 'tags', 'redirects', 'settings', 'uploads'].map((table) => ({ table, tags: () => SITE })),
  {
    table: 'posts',
    tags: (row) => [`'post:' || ${row}.id`],
    onChangeOf: [
      { columns: ['status', 'published_at', 'deleted_at', 'blog_id', 'slug'], tags: () => ["'post-list'"] },
      // What a link to the post shows (a neighbour's page links to it by its title).
      { columns: ['title', 'slug'], tags: (row) => [`'post-title:' || ${row}.id`] },
    ],
  },
  { table: 'post_authors', tags: (row) => [postOf(row), "'post-list'"] },
  { table: 'post_tags', tags: (row) => [postOf(row), "'post-list'"] },
  { table: 'related_links', tags: (row) => [postOf(row)] },
  { table: 'info_boxes', tags: (row) => [postOf(row)] },
  {
    table: 'info_box_contacts',
    // The box may be gone already (a cascade): then its own delete has named the post, and this says "anything".
    tags: (row) => [`coalesce('post:' || (select post_id from info_boxes where id = ${row}.info_box_id), 'site')`],
  },
  {
    table: 'comments',
    tags: (row) => [postOf(row), "'comment-list'"],
    when: {
      insert: "new.status = 'approved'",
      update: "old.status = 'approved' or new.status = 'approved'",
      delete: "old.status = 'approved'",
    },
  },
  { table: 'search_documents', tags: () => ["'search'"] },
];

const EVENTS = ['insert', 'update', 'delete'] as const;
type Event = (typeof EVENTS)[number];
const columnsOf = (tag: string) => [...tag.matchAll(/old\.(\w+)/g)].map((m) => m[1]!);

/**
 * The tags one event on one table records, each with the condition under which it does. An update
 * names the row as it is, and as it was only when a column its tags are made from changed (a
 * comment moved to another post).
 */
function tagsFor(rule: Rule, event: Event, differs: (column: string) => string): { tag: string; when?: string }[] {
  const out: { tag: string; when?: string }[] = [];
  if (event !== 'delete') for (const tag of rule.tags('new')) out.push({ tag });
  if (event === 'delete') for (const tag of rule.tags('old')) out.push({ tag });
  if (event === 'update') {
    for (const tag of rule.tags('old')) {
      const columns = columnsOf(tag);
      if (columns.length > 0) out.push({ tag, when: columns.map(differs).join(' or ') });
    }
  }
  for (const { columns, tags } of rule.onChangeOf ?? []) {
    for (const tag of tags(event === 'delete' ? 'old' : 'new')) {
      out.push(event === 'update' ? { tag, when: columns.map(differs).join(' or ') } : { tag });
    }
  }
  return out;
}

const sqliteTrigger = (table: string, event: string) => `${table}_${event}_content_tags`;
const postgresFunction = (table: string) => `ytring_${table}_content_tags`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    for (const rule of RULES) {
      const branches = EVENTS.map((event) => {
        const lines = tagsFor(rule, event, (c) => `old.${c} is distinct from new.${c}`).map(
          ({ tag, when }) => `perform pg_notify('${CONTENT_CHANNEL}', '#' || ${tag})${when ? ` where ${when}` : ''};`,
        );
        const guard = rule.when ? ` and (${rule.when[event]})` : '';
        return `if tg_op = '${event.toUpperCase()}'${guard} then ${lines.join(' ')} end if;`;
      });
      await sql
        .raw(
          `create function ${postgresFunction(rule.table)}() returns trigger language plpgsql as $$
        begin ${branches.join('\n')} return null; end $$`,
        )
        .execute(db);
      // 000006's and 000008's triggers said "everything"; this one says what.
      await sql.raw(`drop trigger if exists ${rule.table}_content_changed on ${rule.table}`).execute(db);
      for (const event of EVENTS)
        await sql.raw(`drop trigger if exists ${rule.table}_${event}_content_changed on ${rule.table}`).execute(db);
      await sql
        .raw(
          `create trigger ${rule.table}_content_tags after insert or update or delete on ${rule.table}
        for each row execute function ${postgresFunction(rule.table)}()`,
        )
        .execute(db);
    }
    return;
  }
  await db.schema
    .createTable('content_changes')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('tag', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('content_changes').values({ tag: 'site' }).execute();
  // Kept short: a reader that has fallen further behind than this starts over (see content-version).
  await sql
    .raw(
      `create trigger content_changes_prune after insert on content_changes when new.seq % 1000 = 0
    begin delete from content_changes where seq < new.seq - 10000; end`,
    )
    .execute(db);
  for (const rule of RULES) {
    for (const event of EVENTS) {
      await sql.raw(`drop trigger if exists ${rule.table}_${event}_content_changed`).execute(db);
      const lines = tagsFor(rule, event, (c) => `old.${c} is not new.${c}`).map(
        ({ tag, when }) => `insert into content_changes (tag) select ${tag}${when ? ` where ${when}` : ''};`,
      );
      await sql
        .raw(
          `create trigger ${sqliteTrigger(rule.table, event)} after ${event} on ${rule.table}${rule.when ? ` when ${rule.when[event]}` : ''}
        begin ${lines.join(' ')} end`,
        )
        .execute(db);
    }
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  const comments = (event: string) =>
    ({
      insert: "new.status = 'approved'",
      update: "old.status = 'approved' or new.status = 'approved'",
      delete: "old.status = 'approved'",
    })[event];
  if (dialectOf(db) === 'postgres') {
    for (const rule of RULES) {
      await sql.raw(`drop trigger if exists ${rule.table}_content_tags on ${rule.table}`).execute(db);
      await sql.raw(`drop function if exists ${postgresFunction(rule.table)}()`).execute(db);
      if (rule.table === 'comments') {
        for (const event of EVENTS)
          await sql
            .raw(
              `create trigger comments_${event}_content_changed after ${event} on comments
            for each row when (${comments(event)}) execute function ytring_content_changed()`,
            )
            .execute(db);
      } else {
        await sql
          .raw(
            `create trigger ${rule.table}_content_changed after insert or update or delete on ${rule.table}
          for each row execute function ytring_content_changed()`,
          )
          .execute(db);
      }
    }
    return;
  }
  for (const rule of RULES) {
    for (const event of EVENTS) {
      await sql.raw(`drop trigger if exists ${sqliteTrigger(rule.table, event)}`).execute(db);
      const when = rule.table === 'comments' ? ` when ${comments(event)}` : '';
      await sql
        .raw(
          `create trigger ${rule.table}_${event}_content_changed after ${event} on ${rule.table}${when}
        begin update content_version set version = version + 1 where id = 1; end`,
        )
        .execute(db);
    }
  }
  await db.schema.dropTable('content_changes').ifExists().execute();
}
