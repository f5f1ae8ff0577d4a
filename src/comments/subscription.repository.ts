import type { Insertable } from 'kysely';
import type { Db } from '../storage/db.js';
import type { CommentSubscriptionTable } from './comment.table.js';

export async function insertSubscription(db: Db, row: Insertable<CommentSubscriptionTable>): Promise<void> {
  await db.insertInto('comment_subscriptions').values(row).execute();
}

/** Confirmed, still-wanted subscriptions on a comment. */
export async function findSubscriptionsForReply(db: Db, commentId: string): Promise<{ id: string; email: string }[]> {
  return db
    .selectFrom('comment_subscriptions')
    .select(['id', 'email'])
    .where('comment_id', '=', commentId)
    .where('confirmed_at', 'is not', null)
    .where('unsubscribed_at', 'is', null)
    .execute();
}

export async function findSubscriptionByTokenHash(db: Db, tokenHash: string) {
  return db.selectFrom('comment_subscriptions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function updateSubscription(
  db: Db,
  id: string,
  changes: Partial<Pick<CommentSubscriptionTable, 'confirmed_at' | 'unsubscribed_at'>>,
): Promise<void> {
  await db.updateTable('comment_subscriptions').set(changes).where('id', '=', id).execute();
}

export async function findSubscriptionById(db: Db, id: string) {
  return db.selectFrom('comment_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteSubscriptionsForComments(db: Db, commentIds: readonly string[]): Promise<void> {
  if (commentIds.length === 0) return;
  await db.deleteFrom('comment_subscriptions').where('comment_id', 'in', commentIds).execute();
}
