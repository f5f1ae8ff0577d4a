/**
 * Bulk actions of the posts list: publish, unpublish, move to another blog, delete. Each post is
 * checked by the same policies as the single action (canEditPost, and canPostInBlog for the
 * target blog); one post the actor may not act on refuses the whole request, before anything changes.
 */
import { canEditPost, canPostInBlog, canWritePosts, type Actor } from '../accounts/account.js';
import { audit } from '../accounts/account.service.js';
import { getBlogById } from '../blogs/blog.service.js';
import { AppError, forbidden, invalid } from '../errors.js';
import { inSavepoint, inTransaction, type Db } from '../storage/db.js';
import type { PostInput } from './post.js';
import { getEditablePost, policySubject, resolveStatus, snapshotOf, type EditablePost } from './post-admin.service.js';
import { recordRevision } from './post-revision.service.js';
import { deletePost, updatePost } from './post.service.js';

export type BulkPostAction = 'publish' | 'unpublish' | 'move' | 'delete';
export const BULK_POST_ACTIONS: readonly BulkPostAction[] = ['publish', 'unpublish', 'move', 'delete'];
export const isBulkPostAction = (value: unknown): value is BulkPostAction => BULK_POST_ACTIONS.includes(value as BulkPostAction);

/** What the list says after a bulk action. */
export type BulkNotice =
  { kind: 'done'; action: BulkPostAction; done: number; count: number; failed: number } | { kind: 'none' | 'no-blog' };

export interface BulkResult {
  action: BulkPostAction;
  /** Posts asked for. */
  count: number;
  /** Posts changed; the rest were as asked already, or failed. */
  done: number;
  /** Posts that could not be changed (a taken address in the target blog), by title. */
  failed: string[];
}

const inputOf = (post: EditablePost, changes: Partial<PostInput>): PostInput => ({
  blogId: post.blogId,
  title: post.title,
  slug: post.slug,
  lead: post.lead,
  body: post.body,
  status: post.status,
  publishedAt: post.publishedAt ? new Date(post.publishedAt) : null,
  commentsOpen: post.commentsOpen,
  authors: post.authors.map(({ name: _name, ...author }) => author),
  tags: post.tags,
  relatedLinks: post.relatedLinks,
  infoBoxes: post.infoBoxes,
  ...changes,
});

/** Throws forbidden (one post out of reach, or the target blog), not-found (a post gone), invalid (no target blog). */
export async function applyToPosts(
  db: Db,
  actor: Actor,
  ids: readonly string[],
  action: BulkPostAction,
  targetBlogId?: string,
  now = new Date(),
): Promise<BulkResult> {
  if (!canWritePosts(actor)) throw forbidden('Your role does not allow this');
  const unique = [...new Set(ids)];
  return inTransaction(db, async (trx) => {
    const posts: EditablePost[] = [];
    for (const id of unique) posts.push(await getEditablePost(trx, id));
    if (!posts.every((post) => canEditPost(actor, policySubject(post)))) throw forbidden('Your role does not allow this');
    if (action === 'move') {
      if (!targetBlogId) throw invalid({ blog: 'required' });
      if (!canPostInBlog(actor, targetBlogId)) throw forbidden('Your role does not allow this');
      await getBlogById(trx, targetBlogId);
    }
    const result: BulkResult = { action, count: posts.length, done: 0, failed: [] };
    for (const post of posts) {
      try {
        const changed = await inSavepoint(trx, async (step) => {
          if (action === 'delete') {
            await deletePost(step, post.id, now);
            await audit(step, actor, 'post.delete', { type: 'post', id: post.id, summary: post.title }, now);
            return true;
          }
          let changes: Partial<PostInput> | undefined;
          let auditAction = 'post.update';
          if (action === 'publish' && post.status !== 'published') {
            changes = resolveStatus('publish', null, post, now);
            auditAction = 'post.publish';
          } else if (action === 'unpublish' && post.status !== 'draft') {
            changes = { status: 'draft', publishedAt: post.publishedAt ? new Date(post.publishedAt) : null };
            auditAction = 'post.unpublish';
          } else if (action === 'move' && post.blogId !== targetBlogId) {
            changes = { blogId: targetBlogId! };
            auditAction = 'post.move';
          }
          if (!changes) return false;
          await updatePost(step, post.id, inputOf(post, changes), now);
          await recordRevision(step, post.id, actor.accountId, 'save', snapshotOf(await getEditablePost(step, post.id)), now);
          await audit(step, actor, auditAction, { type: 'post', id: post.id, summary: post.title }, now);
          return true;
        });
        if (changed) result.done++;
      } catch (error) {
        // A taken address in the target blog, or a post an author left without authors: the others go on.
        if (!(error instanceof AppError) || (error.code !== 'conflict' && error.code !== 'invalid')) throw error;
        result.failed.push(post.title);
      }
    }
    return result;
  });
}
