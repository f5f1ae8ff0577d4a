/** How many comments wait for moderation within an actor's reach: the admin menu's count, live. */
import type { Actor } from '../accounts/account.js';
import { glanceAtComments } from '../comments/moderation.service.js';
import type { Db } from '../storage/db.js';

export async function waitingFor(db: Db, actor: Actor): Promise<number> {
  return (await glanceAtComments(db, actor, 0)).waiting;
}
