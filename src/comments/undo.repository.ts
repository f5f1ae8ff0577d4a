/** Undo records: what one moderation action changed, so it can be taken back for a short while. */
import { newId } from '../shared/ids.js';
import type { Db } from '../storage/db.js';
import type { BlocklistTable, CommentStatus, ModerationUndoTable } from './comment.table.js';

/** Everything an action changed that an undo puts back (mail that went out cannot come back). */
export interface UndoChanges {
  comments: { id: string; postId: string; from: CommentStatus; to: CommentStatus; reasons: string; mailed: boolean }[];
  /** Spam-report counts the action added: the undo takes them away again. */
  spamEvents: { day: string; layer: string; outcome: string; postId: string | null }[];
  /** A blocklist entry the action added (not one that was already there). */
  blocklist: { kind: BlocklistTable['kind']; value: string; /** '' or absent: site-wide. */ blogId?: string } | null;
  mailQueued: boolean;
}

export const noChanges = (): UndoChanges => ({ comments: [], spamEvents: [], blocklist: null, mailQueued: false });

export async function insertUndo(db: Db, accountId: string, action: string, changes: UndoChanges, at: Date): Promise<string> {
  const id = newId(at.getTime());
  await db
    .insertInto('moderation_undos')
    .values({ id, account_id: accountId, action, changes: JSON.stringify(changes), created_at: at.toISOString(), undone_at: null })
    .execute();
  return id;
}

export async function findUndo(db: Db, id: string, accountId: string): Promise<ModerationUndoTable | undefined> {
  return db.selectFrom('moderation_undos').selectAll().where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
}

/** Marks the record used; false when another request used it first. */
export async function markUndone(db: Db, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('moderation_undos')
    .set({ undone_at: at.toISOString() })
    .where('id', '=', id)
    .where('undone_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records older than `before` can no longer be used: they go. */
export async function deleteUndosBefore(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('moderation_undos').where('created_at', '<', before.toISOString()).execute();
}
