/**
 * What publishing tells the followers module, inside the publishing transaction: a post went out
 * (open its fan-out; a job queues the mails) or came back in (withdraw its mails not sent yet).
 * Imports nothing of posts, so posts may call it.
 */
import { withdrawUnsentMail } from '../notifications/mail.service.js';
import type { Db } from '../storage/db.js';
import { deleteDeliveries, findFanout, listDeliveryOutboxIds, openFanout, updateFanout } from './follower.repository.js';

// An import or a back-dated post publishes old news: followers hear only of posts published lately.
const FRESH_MS = 2 * 24 * 3_600_000;

export async function notePostPublished(db: Db, postId: string, publishedAt: Date | null, now: Date): Promise<void> {
  if (publishedAt && now.getTime() - publishedAt.getTime() > FRESH_MS) return;
  await openFanout(db, postId, now.toISOString());
}

/** Stops a post's fan-out and withdraws its unsent mails; followers already mailed keep their mail. */
export async function notePostWithdrawn(db: Db, postId: string, now: Date): Promise<void> {
  const fanout = await findFanout(db, postId);
  if (!fanout) return;
  await updateFanout(db, postId, { cancelled_at: now.toISOString() });
  const withdrawn = await withdrawUnsentMail(db, await listDeliveryOutboxIds(db, postId));
  await deleteDeliveries(db, postId, withdrawn);
}
