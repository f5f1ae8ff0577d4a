/** Queries behind the moderation queue: comments with their post, limited to what an actor may moderate. */
import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../storage/database.js';
import type { Db } from '../storage/db.js';
import { foldedContains } from '../storage/text-match.js';
import type { CommentRow } from './comment.repository.js';
import type { BlocklistTable, CommentStatus } from './comment.table.js';

export interface ModerationRow extends CommentRow {
  post_title: string;
  post_slug: string;
  blog_id: string;
  blog_slug: string;
  blog_title: string;
}

/** Which comments an actor sees: blogIds null means every blog; authorPersonId limits to posts they wrote. */
export interface ModerationScope {
  blogIds: readonly string[] | null;
  authorPersonId: string | null;
}

export interface ModerationFilter {
  scope: ModerationScope;
  postId?: string | undefined;
  blogId?: string | undefined;
  /** Found in the name, address, text, post title or IP hash, ignoring case and accents. */
  search?: string | undefined;
  /** A LIKE pattern over the stored reasons (fixed patterns from moderation-rules.ts, never input). */
  reasonPattern?: string | undefined;
}

/** The posts an actor may moderate, as a condition on the joined `posts` row. */
function postInScope(eb: ExpressionBuilder<Database, 'posts'>, { blogIds, authorPersonId }: ModerationScope) {
  const conditions = [];
  if (blogIds) conditions.push(eb('posts.blog_id', 'in', blogIds));
  if (authorPersonId) {
    conditions.push(
      eb.exists(
        eb
          .selectFrom('post_authors')
          .select('post_authors.post_id')
          .whereRef('post_authors.post_id', '=', 'posts.id')
          .where('post_authors.person_id', '=', authorPersonId),
      ),
    );
  }
  return eb.and(conditions);
}

function scoped(db: Db, filter: ModerationFilter) {
  let query = db
    .selectFrom('comments')
    .innerJoin('posts', 'posts.id', 'comments.post_id')
    .innerJoin('blogs', 'blogs.id', 'posts.blog_id')
    .where((eb) => postInScope(eb, filter.scope));
  if (filter.postId) query = query.where('comments.post_id', '=', filter.postId);
  if (filter.blogId) query = query.where('posts.blog_id', '=', filter.blogId);
  const { search, reasonPattern } = filter;
  if (search) {
    query = query.where((eb) =>
      eb.or([
        foldedContains('comments.author_name', search),
        foldedContains('comments.author_email', search),
        foldedContains('comments.body', search),
        foldedContains('posts.title', search),
        foldedContains(eb.fn.coalesce('comments.ip_hash', eb.val('')), search),
      ]),
    );
  }
  if (reasonPattern) query = query.where('comments.spam_reasons', 'like', reasonPattern);
  return query;
}

// `in ()` is not SQL: a scope of no blogs matches nothing and is answered without a query.
const empty = (filter: ModerationFilter) => filter.scope.blogIds !== null && filter.scope.blogIds.length === 0;

/** One page of comments, held ones first, then newest first (ids are time-ordered). */
export async function listModerationRows(
  db: Db,
  filter: ModerationFilter & { statuses: readonly CommentStatus[]; limit: number; offset: number },
): Promise<ModerationRow[]> {
  if (empty(filter) || filter.statuses.length === 0) return [];
  return scoped(db, filter)
    .selectAll('comments')
    .select([
      'posts.title as post_title',
      'posts.slug as post_slug',
      'posts.blog_id as blog_id',
      'blogs.slug as blog_slug',
      'blogs.title as blog_title',
    ])
    .where('comments.status', 'in', filter.statuses)
    .orderBy((eb) => eb.case().when('comments.status', '=', 'pending').then(0).else(1).end())
    .orderBy('comments.id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

export async function countModerationRows(db: Db, filter: ModerationFilter): Promise<Record<CommentStatus, number>> {
  const counts: Record<CommentStatus, number> = { pending: 0, approved: 0, spam: 0, trash: 0 };
  if (empty(filter)) return counts;
  const rows = await scoped(db, filter)
    .select(['comments.status', (eb) => eb.fn.countAll().as('count')])
    .groupBy('comments.status')
    .execute();
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}

export async function findModerationRow(db: Db, id: string): Promise<ModerationRow | undefined> {
  return db
    .selectFrom('comments')
    .innerJoin('posts', 'posts.id', 'comments.post_id')
    .innerJoin('blogs', 'blogs.id', 'posts.blog_id')
    .selectAll('comments')
    .select([
      'posts.title as post_title',
      'posts.slug as post_slug',
      'posts.blog_id as blog_id',
      'blogs.slug as blog_slug',
      'blogs.title as blog_title',
    ])
    .where('comments.id', '=', id)
    .executeTakeFirst();
}

export async function findModerationRows(db: Db, ids: readonly string[]): Promise<ModerationRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('comments')
    .innerJoin('posts', 'posts.id', 'comments.post_id')
    .innerJoin('blogs', 'blogs.id', 'posts.blog_id')
    .selectAll('comments')
    .select([
      'posts.title as post_title',
      'posts.slug as post_slug',
      'posts.blog_id as blog_id',
      'blogs.slug as blog_slug',
      'blogs.title as blog_title',
    ])
    .where('comments.id', 'in', ids)
    .orderBy('comments.id')
    .execute();
}

/** Person ids of each post's authors: the policy lets authors moderate comments on their own posts. */
export async function findPostAuthorIds(db: Db, postIds: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(postIds.map((id) => [id, []]));
  if (postIds.length === 0) return map;
  const rows = await db.selectFrom('post_authors').select(['post_id', 'person_id']).where('post_id', 'in', postIds).execute();
  for (const row of rows) map.get(row.post_id)?.push(row.person_id);
  return map;
}

/** A post's heading, only when the post is within the scope: another blog's post is as unknown as a missing one. */
export async function findPostHeading(
  db: Db,
  scope: ModerationScope,
  postId: string,
): Promise<{ id: string; title: string; blog_id: string } | undefined> {
  if (empty({ scope })) return undefined;
  const query = db
    .selectFrom('posts')
    .select(['posts.id', 'posts.title', 'posts.blog_id'])
    .where('posts.id', '=', postId)
    .where((eb) => postInScope(eb, scope));
  return query.executeTakeFirst();
}

/** The newest comments within a scope, in any state but erased, for the dashboard. */
export async function listNewestModerationRows(db: Db, scope: ModerationScope, limit: number): Promise<ModerationRow[]> {
  if (empty({ scope })) return [];
  return scoped(db, { scope })
    .selectAll('comments')
    .select([
      'posts.title as post_title',
      'posts.slug as post_slug',
      'posts.blog_id as blog_id',
      'blogs.slug as blog_slug',
      'blogs.title as blog_title',
    ])
    .where('comments.erased_at', 'is', null)
    .orderBy('comments.id', 'desc')
    .limit(limit)
    .execute();
}

/** Every comment of a thread, in any state. */
export async function findThreadRows(db: Db, rootId: string): Promise<CommentRow[]> {
  return db.selectFrom('comments').selectAll().where('root_id', '=', rootId).orderBy('id').execute();
}

export async function deleteCommentRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('comments').where('id', '=', id).execute();
}

/**
 * Sets posts.comment_count to the approved, unerased comments, counted afresh: after a
 * moderator's change the count is right whatever it was before.
 */
export async function recountComments(db: Db, postId: string): Promise<void> {
  await db
    .updateTable('posts')
    .set((eb) => ({
      comment_count: eb
        .selectFrom('comments')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('comments.post_id', '=', postId)
        .where('comments.status', '=', 'approved')
        .where('comments.erased_at', 'is', null),
    }))
    .where('id', '=', postId)
    .execute();
}

/** The entries of one scope: site-wide ('') or one blog's. */
export async function listBlocklistRows(db: Db, blogId = ''): Promise<Pick<BlocklistTable, 'kind' | 'value' | 'created_at'>[]> {
  return db
    .selectFrom('blocklist')
    .select(['kind', 'value', 'created_at'])
    .where('blog_id', '=', blogId)
    .orderBy('kind')
    .orderBy('value')
    .execute();
}

/** How far a block of one IP hash reaches: its comments, and the different addresses that wrote them. */
export async function countIpHashUse(db: Db, ipHash: string, blogId?: string): Promise<{ comments: number; people: number }> {
  let query = db
    .selectFrom('comments')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('comments'),
      eb.fn.count<number | string>('comments.email_hash').distinct().as('people'),
    ])
    .where('comments.ip_hash', '=', ipHash);
  if (blogId !== undefined)
    query = query.where('comments.post_id', 'in', (eb) => eb.selectFrom('posts').select('posts.id').where('posts.blog_id', '=', blogId));
  const row = await query.executeTakeFirst();
  return { comments: Number(row?.comments ?? 0), people: Number(row?.people ?? 0) };
}
