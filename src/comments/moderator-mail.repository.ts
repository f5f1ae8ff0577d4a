/** The queries behind moderators' own mail about waiting comments: who wants what, and what waits where. */
import type { Db } from '../storage/db.js';

export type CommentMail = 'each' | 'hourly' | 'daily' | 'none';
export const COMMENT_MAILS: readonly CommentMail[] = ['each', 'hourly', 'daily', 'none'];
export const isCommentMail = (value: unknown): value is CommentMail => COMMENT_MAILS.includes(value as CommentMail);

export interface MailingModerator {
  id: string;
  email: string;
  blogScope: string[] | null;
  digestAt: string | null;
}

/** Working accounts whose role moderates comments and who chose `mode`. */
export async function findModeratorsWanting(db: Db, mode: CommentMail): Promise<MailingModerator[]> {
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'email', 'blog_scope', 'comment_digest_at'])
    .where('comment_mail', '=', mode)
    .where('disabled_at', 'is', null)
    .where('role', 'in', ['admin', 'editor', 'moderator'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    // Only editors and moderators are limited to blogs; the column is null for everyone else.
    blogScope: r.blog_scope ? (JSON.parse(r.blog_scope) as string[]) : null,
    digestAt: r.comment_digest_at,
  }));
}

export async function blogOfPost(db: Db, postId: string): Promise<string | undefined> {
  const row = await db.selectFrom('posts').select('blog_id').where('id', '=', postId).executeTakeFirst();
  return row?.blog_id;
}

export async function markDigestSent(db: Db, accountId: string, at: string): Promise<void> {
  await db.updateTable('accounts').set({ comment_digest_at: at }).where('id', '=', accountId).execute();
}

export interface WaitingComment {
  id: string;
  authorName: string;
  body: string;
  createdAt: string;
  postTitle: string;
  blogSlug: string;
  postSlug: string;
}

/** Comments waiting for moderation on the given blogs (null: every blog), oldest first. */
export async function findWaitingComments(
  db: Db,
  blogScope: string[] | null,
  limit: number,
): Promise<{ total: number; rows: WaitingComment[] }> {
  if (blogScope && blogScope.length === 0) return { total: 0, rows: [] };
  let base = db
    .selectFrom('comments')
    .innerJoin('posts', 'posts.id', 'comments.post_id')
    .innerJoin('blogs', 'blogs.id', 'posts.blog_id')
    .where('comments.status', '=', 'pending')
    .where('comments.erased_at', 'is', null);
  if (blogScope) base = base.where('posts.blog_id', 'in', blogScope);
  const count = await base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
  const rows = await base
    .select([
      'comments.id',
      'comments.author_name',
      'comments.body',
      'comments.created_at',
      'posts.title',
      'posts.slug as post_slug',
      'blogs.slug as blog_slug',
    ])
    .orderBy('comments.created_at')
    .orderBy('comments.id')
    .limit(limit)
    .execute();
  return {
    total: Number(count?.n ?? 0),
    rows: rows.map((r) => ({
      id: r.id,
      authorName: r.author_name,
      body: r.body,
      createdAt: r.created_at,
      postTitle: r.title,
      blogSlug: r.blog_slug,
      postSlug: r.post_slug,
    })),
  };
}

export async function readCommentMail(db: Db, accountId: string): Promise<CommentMail> {
  const row = await db.selectFrom('accounts').select('comment_mail').where('id', '=', accountId).executeTakeFirst();
  return row?.comment_mail ?? 'none';
}

export async function writeCommentMail(db: Db, accountId: string, mode: CommentMail): Promise<void> {
  await db.updateTable('accounts').set({ comment_mail: mode }).where('id', '=', accountId).execute();
}
