/** Removing the demo content in one action, so a site started with the demo can go live. */
import { canManageSettings, type Actor } from '../accounts/account.js';
import { audit } from '../accounts/account.service.js';
import { forbidden } from '../errors.js';
import { reindexPosts } from '../search/search.service.js';
import { inTransaction, type Db } from '../storage/db.js';
import { deleteUnusedUploads, removeUploadFiles } from '../uploads/media.service.js';
import { countDemoItems, deleteDemoRows, listDemoUploadIds, type DemoCounts } from './demo.repository.js';

export type { DemoCounts };

/** What the demo loader made that is still there. Throws forbidden. */
export async function countDemoContent(db: Db, actor: Actor): Promise<DemoCounts> {
  if (!canManageSettings(actor)) throw forbidden();
  return countDemoItems(db);
}

/**
 * Removes the demo's rows and the images it drew that nothing else uses (their files in `uploadsDir`
 * too). Throws forbidden. Returns what was there before.
 */
export async function removeDemoContent(db: Db, actor: Actor, uploadsDir: string, now = new Date()): Promise<DemoCounts> {
  if (!canManageSettings(actor)) throw forbidden();
  const { before, files } = await inTransaction(db, async (trx) => {
    const before = await countDemoItems(trx);
    const uploadIds = await listDemoUploadIds(trx);
    const { postIds } = await deleteDemoRows(trx);
    // After the posts are gone, so an image is kept only if the site's own content uses it.
    const { deleted, files } = await deleteUnusedUploads(trx, uploadIds);
    await reindexPosts(trx, postIds);
    const summary = `${before.posts} posts, ${before.blogs} blogs, ${before.people} people, ${before.comments} comments, ${deleted} images`;
    await audit(trx, actor, 'demo.remove', { type: 'site', summary }, now);
    return { before, files };
  });
  await removeUploadFiles(uploadsDir, files);
  return before;
}
