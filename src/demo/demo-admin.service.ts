/** Removing the demo content in one action, so a site started with the demo can go live. */
import { canManageSettings, type Actor } from '../accounts/account.js';
import { audit } from '../accounts/account.service.js';
import { forbidden } from '../errors.js';
import { reindexPosts } from '../search/search.service.js';
import { inTransaction, type Db } from '../storage/db.js';
import { countDemoItems, deleteDemoRows, type DemoCounts } from './demo.repository.js';

export type { DemoCounts };

/** What the demo loader made that is still there. Throws forbidden. */
export async function countDemoContent(db: Db, actor: Actor): Promise<DemoCounts> {
  if (!canManageSettings(actor)) throw forbidden();
  return countDemoItems(db);
}

/** Throws forbidden. Returns what was there before. */
export async function removeDemoContent(db: Db, actor: Actor, now = new Date()): Promise<DemoCounts> {
  if (!canManageSettings(actor)) throw forbidden();
  return inTransaction(db, async (trx) => {
    const before = await countDemoItems(trx);
    const { postIds } = await deleteDemoRows(trx);
    await reindexPosts(trx, postIds);
    const summary = `${before.posts} posts, ${before.blogs} blogs, ${before.people} people, ${before.comments} comments`;
    await audit(trx, actor, 'demo.remove', { type: 'site', summary }, now);
    return before;
  });
}
