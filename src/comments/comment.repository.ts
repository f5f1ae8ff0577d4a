import { sql, type Compilable, type QueryCreator, type Selectable } from 'kysely';
import { compiledRead } from '../storage/compiled-read.js';
import { compiledStatement, writesInWith } from '../storage/compiled-statement.js';
import type { Database } from '../storage/database.js';
import type { Db } from '../storage/db.js';
import { rateLimitHits } from './spam/spam.repository.js';
import type { CommentStatus, CommentTable } from './comment.table.js';

export type CommentRow = Selectable<CommentTable>;

type InsertedComment = Omit<CommentRow, 'edited_at'>;
// A record, so that tsc names a column added to the table and missing here.
const INSERTED_COLUMNS = Object.keys({
  id: true,
  post_id: true,
  parent_id: true,
  root_id: true,
  depth: true,
  author_name: true,
  author_email: true,
  email_hash: true,
  person_id: true,
  badge: true,
  body: true,
  status: true,
  spam_score: true,
  spam_reasons: true,
  ip_hash: true,
  created_at: true,
  updated_at: true,
  erased_at: true,
} satisfies Record<keyof InsertedComment, true>) as (keyof InsertedComment)[];

// The statements every comment sent through the form runs are built once (compiled-statement.ts).
const insertCommentStatement = compiledStatement((db: Db, values: (string | number | null)[]) => commentInsert(db, values));

const commentInsert = (db: QueryCreator<Database>, values: readonly (string | number | null)[]) =>
  db.insertInto('comments').values(Object.fromEntries(INSERTED_COLUMNS.map((column, i) => [column, values[i]])) as InsertedComment);

const valuesOf = (row: InsertedComment) => INSERTED_COLUMNS.map((column) => row[column]);

export async function insertComment(db: Db, row: InsertedComment): Promise<void> {
  await insertCommentStatement(db, valuesOf(row));
}

/** The last writes of a comment sent through the form, each when given. */
export interface LastWrites {
  comment?: InsertedComment | undefined;
  /** The post whose comment count goes up by one. */
  countedPostId?: string | undefined;
  /** A hit in each of these rate-limit windows, opened at `at` unless one opened after `windowOpenedAfter` runs on. */
  hits?: { keys: readonly string[]; at: string; windowOpenedAfter: string } | undefined;
}

/**
 * Writes the comment, counts a hit in each of the writer's rate-limit windows and the comment in
 * its post's count, in that order, and answers the hits in each window so far, by key. Where a WITH
 * may write, all of them go as one statement: one round trip rather than three.
 */
export async function writeLast(db: Db, writes: LastWrites): Promise<Map<string, number>> {
  const comment = writes.comment ? valuesOf(writes.comment) : [];
  const counted = writes.countedPostId ? [writes.countedPostId] : [];
  const keys = [...(writes.hits?.keys ?? [])];
  const window = writes.hits ? [writes.hits.at, writes.hits.windowOpenedAfter] : [];
  if (writesInWith(db)) {
    const { rows } = await lastWritesStatement(db, comment, counted, keys, window);
    return new Map(rows.map((row) => [row.key, Number(row.hits)]));
  }
  if (comment.length > 0) await insertCommentStatement(db, comment);
  const { rows } = keys.length > 0 ? await lastWritesStatement(db, [], [], keys, window) : { rows: [] };
  if (counted.length > 0) await lastWritesStatement(db, [], counted, [], []);
  return new Map(rows.map((row) => [row.key, Number(row.hits)]));
}

const commentCountUp = (db: QueryCreator<Database>, postId: string) =>
  db
    .updateTable('posts')
    .set((eb) => ({ comment_count: eb('comment_count', '+', 1) }))
    .where('id', '=', postId);

type Hit = { key: string; hits: number };

// Each list is empty or whole, so each of its lengths is a shape of its own (compiled-statement.ts).
// The hits are the statement's own (its answer), the other writes go before them in its WITH.
const lastWritesStatement = compiledStatement(
  (db: Db, comment: (string | number | null)[], counted: string[], keys: string[], window: string[]) => {
    const writes: ((q: QueryCreator<Database>) => Compilable<unknown>)[] = [];
    if (comment.length > 0) writes.push((q) => commentInsert(q, comment));
    if (counted.length > 0) writes.push((q) => commentCountUp(q, counted[0]!));
    if (keys.length > 0) writes.push((q) => rateLimitHits(q, keys, window[0]!, window[1]!));
    const last = writes.pop()!;
    let creator: QueryCreator<Database> = db;
    writes.forEach((write, i) => {
      creator = creator.with(`write_${i}`, (q) => write(q as QueryCreator<Database>) as never) as unknown as QueryCreator<Database>;
    });
    return last(creator) as Compilable<Hit>;
  },
);

export async function findCommentRow(db: Db, id: string): Promise<CommentRow | undefined> {
  return db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateCommentRow(db: Db, id: string, changes: Partial<CommentRow>): Promise<void> {
  await db.updateTable('comments').set(changes).where('id', '=', id).execute();
}

/** Keeps posts.comment_count equal to the approved comments, without counting per request. */
export async function adjustCommentCount(db: Db, postId: string, delta: number): Promise<void> {
  await adjustCommentCountStatement(db, postId, delta);
}

const adjustCommentCountStatement = compiledStatement((db: Db, postId: string, delta: number) =>
  db
    .updateTable('posts')
    .set((eb) => ({ comment_count: eb('comment_count', '+', delta) }))
    .where('id', '=', postId),
);

/** A post's threads: its approved top-level comments, as the triggers of 000108 keep them counted. */
export async function countThreads(db: Db, postId: string): Promise<number> {
  const [row] = await threadCountRead(db, postId);
  return Number(row?.threads ?? 0);
}

const threadCountRead = compiledRead((db: Db, postId: string) =>
  db.selectFrom('post_thread_counts').select('threads').where('post_id', '=', postId),
);

/**
 * What a public page shows of a comment, and the thread it is in: no address, hash of an IP or spam
 * score is read. A change to any of these moves the thread's revision (migration 000111, which
 * names them too).
 */
const SHOWN_COLUMNS = [
  'id',
  'post_id',
  'parent_id',
  'root_id',
  'depth',
  'author_name',
  'email_hash',
  'badge',
  'body',
  'status',
  'created_at',
  'edited_at',
  'erased_at',
] as const;
export type ShownCommentRow = Pick<CommentRow, (typeof SHOWN_COLUMNS)[number]>;

/**
 * Whether two lists of shown rows, in the same order, hold the same values. Every column is a
 * string, a number or null, so comparing each with === says what a deep comparison would, at a
 * tenth of its cost: a kept post page compares its page of comments (81 rows on the bench's
 * 200-comment post) on every refresh, and isDeepStrictEqual took 125 µs of it.
 */
export function sameShownRows(a: readonly ShownCommentRow[], b: readonly ShownCommentRow[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    for (const column of SHOWN_COLUMNS) if (x[column] !== y[column]) return false;
  }
  return true;
}

/** The ids of a page's threads (its top-level comments), from the comments index alone. */
const pageRootIds = (db: Db, postId: string, statuses: readonly string[], limit: number, offset: number) =>
  db
    .selectFrom('comments')
    .select('id')
    .where('post_id', '=', postId)
    .where('status', 'in', statuses as CommentStatus[])
    .where('parent_id', 'is', null)
    .orderBy('id')
    .limit(limit)
    .offset(offset);

/**
 * The same page of a post's published threads, counted from the end of the debate: the threads
 * after the page are passed over, not those before it, so the last page of a long debate (where
 * its new comments are) costs its own size. The post's kept count of threads (000108's triggers)
 * places the page, read in this same statement, so the page is the one an ascending read would
 * give at that moment, even if a thread is added while the request is under way.
 */
const pageRootIdsFromEnd = (db: Db, postId: string, limit: number, offset: number) => {
  const page = sql<number>`cast(${limit} as integer)`;
  // The threads from the page's first on, as the post's kept count has them now.
  const fromPage = sql`(select coalesce((select "threads" from "post_thread_counts" where "post_id" = ${postId}), 0) - cast(${offset} as integer) as "n") as "remaining"`;
  // CASE, which every dialect reads alike, where the functions that clamp differ. A negative LIMIT
  // can mean no limit at all, so a page past the end gets none.
  return db
    .selectFrom('comments')
    .select('id')
    .where('post_id', '=', postId)
    .where('status', '=', 'approved' satisfies CommentStatus)
    .where('parent_id', 'is', null)
    .orderBy('id', 'desc')
    .limit(sql<number>`(select case when "n" >= ${page} then ${page} when "n" > 0 then "n" else 0 end from ${fromPage})`)
    .offset(sql<number>`(select case when "n" > ${page} then "n" - ${page} else 0 end from ${fromPage})`);
};

/**
 * One page of top-level comments, oldest first (ids are time-ordered), and the replies under them,
 * in one statement. A top-level comment is its own root. Unordered: the caller sorts the page's
 * few rows; with an ORDER BY, the file database's planner walks the (status, id) index through
 * every approved comment on the site rather than the roots' own (root_id, …) index.
 */
const threadRows = (db: Db, roots: RootIds, statuses: readonly string[]) =>
  db
    .with('roots', () => roots)
    .selectFrom('comments')
    .select(SHOWN_COLUMNS)
    .where('id', 'in', (q) => q.selectFrom('roots').select('id'))
    .unionAll((q) =>
      q
        .selectFrom('comments')
        .select(SHOWN_COLUMNS)
        .where('root_id', 'in', (r) => r.selectFrom('roots').select('id'))
        .where('status', 'in', statuses as CommentStatus[])
        .where('parent_id', 'is not', null),
    );

type RootIds = ReturnType<typeof pageRootIds>;

const threadPageRead = compiledRead((db, postId: string, statuses: readonly string[], limit: number, offset: number) =>
  threadRows(db, pageRootIds(db, postId, statuses, limit, offset), statuses),
);

const threadPageFromEndRead = compiledRead((db, postId: string, limit: number, offset: number) =>
  threadRows(db, pageRootIdsFromEnd(db, postId, limit, offset), ['approved']),
);

/**
 * One page of a post's threads as ids and revisions, `id:revision` joined by spaces, in the page's
 * order: the same string while the page shows the same comments (migration 000111), read from the
 * comments index and the revisions' keys, without a row of the comments themselves.
 */
export async function threadPageSignature(db: Db, postId: string, page: ThreadWindow): Promise<string> {
  const rows = page.fromEnd
    ? await threadWindowFromEndRead(db, postId, page.limit, page.offset)
    : await threadWindowRead(db, postId, ['approved'], page.limit, page.offset);
  let signature = '';
  for (const row of rows) signature += `${row.id}:${row.revision ?? 0} `;
  return signature;
}

/**
 * A page of a post's published threads: `limit` of them after the first `offset`. `fromEnd` only
 * says how to find them (pageRootIdsFromEnd), for a page past the middle of the debate; the page
 * is the same either way.
 */
export interface ThreadWindow {
  limit: number;
  offset: number;
  fromEnd: boolean;
}

// The page's threads are found in the comments index alone and only they are joined to their
// revisions: with the join under the offset, every thread before the page was looked up too, and a
// long debate's last page cost 2.4 ms at 10,000 threads (0.1 ms at 200).
const threadWindow = (db: Db, roots: RootIds) =>
  db.selectFrom(roots.as('c')).leftJoin('thread_revisions as r', 'r.root_id', 'c.id').select(['c.id', 'r.revision']).orderBy('c.id');

const threadWindowRead = compiledRead((db, postId: string, statuses: readonly string[], limit: number, offset: number) =>
  threadWindow(db, pageRootIds(db, postId, statuses, limit, offset)),
);

const threadWindowFromEndRead = compiledRead((db, postId: string, limit: number, offset: number) =>
  threadWindow(db, pageRootIdsFromEnd(db, postId, limit, offset)),
);

/** The approved rows of these threads (top-level comments and their replies), unordered. */
export async function listThreadRows(db: Db, rootIds: readonly string[], statuses: readonly CommentStatus[]): Promise<ShownCommentRow[]> {
  if (rootIds.length === 0) return [];
  return threadRowsRead(db, rootIds, statuses);
}

// Each length of either list is a statement of its own; a page holds at most its threads.
const threadRowsRead = compiledRead((db, rootIds: readonly string[], statuses: readonly string[]) =>
  db
    .selectFrom('comments')
    .select(SHOWN_COLUMNS)
    .where('id', 'in', rootIds as string[])
    .where('status', 'in', statuses as CommentStatus[])
    .unionAll((q) =>
      q
        .selectFrom('comments')
        .select(SHOWN_COLUMNS)
        .where('root_id', 'in', rootIds as string[])
        .where('status', 'in', statuses as CommentStatus[])
        .where('parent_id', 'is not', null),
    ),
);

/** One page of a post's published threads, their top-level comments and replies, unordered. */
export async function listThreadPage(db: Db, postId: string, page: ThreadWindow): Promise<ShownCommentRow[]> {
  // Built once per shape: building this statement with Kysely cost as much as running it (every post page rendered).
  return page.fromEnd
    ? threadPageFromEndRead(db, postId, page.limit, page.offset)
    : threadPageRead(db, postId, ['approved'], page.limit, page.offset);
}

export async function findCommentRowsByIds(db: Db, ids: readonly string[]): Promise<CommentRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('comments').selectAll().where('id', 'in', ids).orderBy('id').execute();
}

/**
 * Position (1-based) of a top-level comment among the post's approved top-level comments: the
 * post's count less the threads started after it, so a new comment's page (its redirect) costs a
 * look at the few threads newer than its own rather than at every thread of a long debate.
 */
export async function topLevelPosition(db: Db, postId: string, rootId: string): Promise<number> {
  const [row] = (await topLevelPositionStatement(db, postId, rootId)).rows;
  return Number(row?.position ?? 0);
}

const topLevelPositionStatement = compiledStatement((db: Db, postId: string, rootId: string) =>
  db
    .selectFrom('comments')
    .select((eb) =>
      sql<number | string>`${eb.selectFrom('post_thread_counts').select('threads').where('post_id', '=', postId)} - count(*)`.as(
        'position',
      ),
    )
    .where('post_id', '=', postId)
    .where('status', '=', 'approved' satisfies CommentStatus)
    .where('parent_id', 'is', null)
    .where('id', '>', rootId),
);

export async function hasApprovedComment(db: Db, emailHash: string): Promise<boolean> {
  return (await approvedCommentStatement(db, emailHash)).rows.length > 0;
}

const approvedCommentStatement = compiledStatement((db: Db, emailHash: string) =>
  db.selectFrom('comments').select('id').where('email_hash', '=', emailHash).where('status', '=', 'approved').limit(1),
);

export async function forgetOldIpHashes(db: Db, before: Date): Promise<number> {
  const result = await db
    .updateTable('comments')
    .set({ ip_hash: null })
    .where('ip_hash', 'is not', null)
    .where('created_at', '<', before.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface CommentWithPost extends CommentRow {
  post_title: string;
  post_slug: string;
  blog_slug: string;
}

export async function findCommentWithPost(db: Db, id: string): Promise<CommentWithPost | undefined> {
  return db
    .selectFrom('comments')
    .innerJoin('posts', 'posts.id', 'comments.post_id')
    .innerJoin('blogs', 'blogs.id', 'posts.blog_id')
    .selectAll('comments')
    .select(['posts.title as post_title', 'posts.slug as post_slug', 'blogs.slug as blog_slug'])
    .where('comments.id', '=', id)
    .executeTakeFirst();
}

export async function listCommentsByEmailHash(db: Db, emailHash: string): Promise<CommentWithPost[]> {
  return db
    .selectFrom('comments')
    .innerJoin('posts', 'posts.id', 'comments.post_id')
    .innerJoin('blogs', 'blogs.id', 'posts.blog_id')
    .selectAll('comments')
    .select(['posts.title as post_title', 'posts.slug as post_slug', 'blogs.slug as blog_slug'])
    .where('comments.email_hash', '=', emailHash)
    .where('comments.erased_at', 'is', null)
    .orderBy('comments.id')
    .execute();
}

// ---- Read-only queries for the comment feeds.

/** What a comment feed may show of a comment: never the address, its hash or the IP hash. */
export interface PublicCommentWithPost {
  id: string;
  post_id: string;
  root_id: string;
  author_name: string;
  body: string;
  created_at: string;
  updated_at: string;
  post_title: string;
  post_slug: string;
  blog_slug: string;
  /** Where its thread starts among the post's approved top-level comments (1-based), as topLevelPosition counts. */
  root_position: number | string | null;
}

/** The newest approved, unerased comments on published posts (on one post when `postId` is given). */
export async function listLatestApprovedComments(db: Db, postId: string | undefined, limit: number): Promise<PublicCommentWithPost[]> {
  let query = db
    .selectFrom('comments')
    .innerJoin('posts', 'posts.id', 'comments.post_id')
    .innerJoin('blogs', 'blogs.id', 'posts.blog_id')
    .select([
      'comments.id',
      'comments.post_id',
      'comments.root_id',
      'comments.author_name',
      'comments.body',
      'comments.created_at',
      'comments.updated_at',
      'posts.title as post_title',
      'posts.slug as post_slug',
      'blogs.slug as blog_slug',
      // Counted in the same statement, by the thread index, rather than one statement per comment listed.
      (eb) =>
        eb
          .selectFrom('comments as tops')
          .select(eb.fn.countAll<number | string>().as('n'))
          .whereRef('tops.post_id', '=', 'comments.post_id')
          .where('tops.status', '=', 'approved' satisfies CommentStatus)
          .where('tops.parent_id', 'is', null)
          .whereRef('tops.id', '<=', 'comments.root_id')
          .as('root_position'),
    ])
    .where('comments.status', '=', 'approved' satisfies CommentStatus)
    .where('comments.erased_at', 'is', null)
    .where('posts.status', '=', 'published')
    .where('posts.deleted_at', 'is', null);
  if (postId) query = query.where('comments.post_id', '=', postId);
  return query.orderBy('comments.created_at', 'desc').orderBy('comments.id', 'desc').limit(limit).execute();
}
