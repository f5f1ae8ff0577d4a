/** Blogs as an administrator creates and changes them: policy, change and audit entry in one transaction. */
import { canManageBlogs, type Actor } from '../accounts/account.js';
import { audit } from '../accounts/account.service.js';
import { AppError, conflict, forbidden, invalid } from '../errors.js';
import { findPeopleByIds } from '../people/person.service.js';
import { inTransaction, type Db } from '../storage/db.js';
import { addRedirect } from '../redirects/redirect.service.js';
import { reindexPosts } from '../search/search.service.js';
import type { Blog, BlogInput } from './blog.js';
import {
  countBlogContent,
  countBlogRows,
  deleteBlogPosts,
  deleteBlogRow,
  findSlugClashes,
  moveBlogPosts,
  type BlogContentCounts,
} from './blog.repository.js';
import { savedSince } from '../shared/saved-since.js';
import { blogVersion, createBlog, getBlogById, listBlogs, updateBlog } from './blog.service.js';

/** Owners must be people who exist, each once; the first is the one the blog page presents. */
async function checkOwners(db: Db, ownerIds: readonly string[]): Promise<void> {
  if (new Set(ownerIds).size !== ownerIds.length) throw invalid({ ownerIds: 'duplicate' });
  if ((await findPeopleByIds(db, ownerIds)).length !== ownerIds.length) throw invalid({ ownerIds: 'unknown' });
}

/** Throws forbidden, invalid or conflict (slug taken). */
export async function addBlog(db: Db, actor: Actor, input: BlogInput, now = new Date()): Promise<Blog> {
  if (!canManageBlogs(actor)) throw forbidden();
  return inTransaction(db, async (trx) => {
    await checkOwners(trx, input.ownerIds);
    const blog = await createBlog(trx, input, now);
    await audit(trx, actor, 'blog.create', { type: 'blog', id: blog.id, summary: `${blog.title} (/${blog.slug})` }, now);
    return blog;
  });
}

/** Throws forbidden, not-found or invalid. */
/** Throws conflict on `version` when `expectedVersion` (blogVersion as the form was opened) is given and someone has saved the blog since. */
export async function editBlog(
  db: Db,
  actor: Actor,
  id: string,
  input: Omit<BlogInput, 'slug'>,
  now = new Date(),
  expectedVersion?: string,
): Promise<Blog> {
  if (!canManageBlogs(actor)) throw forbidden();
  return inTransaction(db, async (trx) => {
    // Two admins (or two tabs) on one blog: the later save would silently undo the earlier one.
    if (expectedVersion !== undefined && savedSince(await blogVersion(trx, id), expectedVersion))
      throw conflict('The blog was saved by someone else meanwhile', 'version');
    await checkOwners(trx, input.ownerIds);
    const { before, after } = await updateBlog(trx, id, input, now);
    const changed = [
      before.title !== after.title && 'title',
      before.description !== after.description && 'description',
      before.ownerIds.join() !== after.ownerIds.join() && 'owners',
    ].filter(Boolean);
    if (changed.length > 0)
      await audit(trx, actor, 'blog.update', { type: 'blog', id, summary: `${after.title}: ${changed.join(', ')}` }, now);
    return after;
  });
}

export interface BlogDeletionFacts {
  blog: Blog;
  counts: BlogContentCounts;
  /** The blogs its posts can move to. */
  otherBlogs: Blog[];
}

/** What deleting a blog would touch. Throws forbidden or not-found. */
export async function blogDeletionFacts(db: Db, actor: Actor, id: string): Promise<BlogDeletionFacts> {
  if (!canManageBlogs(actor)) throw forbidden();
  const blog = await getBlogById(db, id);
  const [counts, blogs] = await Promise.all([countBlogContent(db, id), listBlogs(db)]);
  return { blog, counts, otherBlogs: blogs.filter((b) => b.id !== id) };
}

/** Moving would put two posts at one address in the target blog: nothing changed. */
export class SlugClashError extends AppError {
  constructor(readonly titles: string[]) {
    super('conflict', `Posts whose address is taken in the target blog: ${titles.join(', ')}`, { fields: { moveTo: 'clash' } });
  }
}

/**
 * Deletes a blog in one transaction. With `moveTo`, its posts move to that blog and their old
 * addresses (and the blog's own) redirect there; without, its posts and their comments are deleted.
 * Throws forbidden, not-found, invalid (the last blog, or moving to itself) or SlugClashError.
 */
export async function deleteBlog(
  db: Db,
  actor: Actor,
  id: string,
  options: { moveTo?: string | undefined },
  now = new Date(),
): Promise<{ moved: number; deleted: number }> {
  if (!canManageBlogs(actor)) throw forbidden();
  return inTransaction(db, async (trx) => {
    const blog = await getBlogById(trx, id);
    if ((await countBlogRows(trx)) <= 1) throw invalid({ blog: 'last' });
    const at = now.toISOString();
    if (options.moveTo !== undefined) {
      if (options.moveTo === id) throw invalid({ moveTo: 'same' });
      const target = await getBlogById(trx, options.moveTo).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'not_found') throw invalid({ moveTo: 'unknown' });
        throw error;
      });
      const clashes = await findSlugClashes(trx, id, target.id);
      if (clashes.length) throw new SlugClashError(clashes);
      const { moved, removedIds } = await moveBlogPosts(trx, id, target.id, at);
      for (const post of moved)
        if (post.status === 'published') await addRedirect(trx, `/${blog.slug}/${post.slug}`, `/${target.slug}/${post.slug}`, now);
      await addRedirect(trx, `/${blog.slug}`, `/${target.slug}`, now);
      await reindexPosts(trx, [...moved.map((p) => p.id), ...removedIds]);
      await deleteBlogRow(trx, id);
      await audit(
        trx,
        actor,
        'blog.delete',
        { type: 'blog', id, summary: `${blog.title} (/${blog.slug}): ${moved.length} posts moved to /${target.slug}` },
        now,
      );
      return { moved: moved.length, deleted: removedIds.length };
    }
    const deletedIds = await deleteBlogPosts(trx, id);
    await reindexPosts(trx, deletedIds);
    await deleteBlogRow(trx, id);
    await audit(
      trx,
      actor,
      'blog.delete',
      { type: 'blog', id, summary: `${blog.title} (/${blog.slug}): ${deletedIds.length} posts deleted` },
      now,
    );
    return { moved: 0, deleted: deletedIds.length };
  });
}
