/** Blogs as an administrator creates and changes them: policy, change and audit entry in one transaction. */
import { canManageBlogs, type Actor } from '../accounts/account.js';
import { audit } from '../accounts/account.service.js';
import { forbidden, invalid } from '../errors.js';
import { findPeopleByIds } from '../people/person.service.js';
import { inTransaction, type Db } from '../storage/db.js';
import type { Blog, BlogInput } from './blog.js';
import { createBlog, updateBlog } from './blog.service.js';

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
export async function editBlog(db: Db, actor: Actor, id: string, input: Omit<BlogInput, 'slug'>, now = new Date()): Promise<Blog> {
  if (!canManageBlogs(actor)) throw forbidden();
  return inTransaction(db, async (trx) => {
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
