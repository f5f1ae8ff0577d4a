/**
 * Undo for approve, spam, trash and block: for a few minutes after the action, the moderator who
 * took it can put back what it changed — each comment's status and reasons, the spam-report
 * counts, the blocklist entry a block added. Mail the action queued cannot be taken back. The
 * undo is logged like the action.
 */
import type { Actor } from '../accounts/account.js';
import { audit } from '../accounts/account.service.js';
import { conflict, notFound } from '../errors.js';
import { inTransaction, type Db } from '../storage/db.js';
import { updateCommentRow } from './comment.repository.js';
import type { CommentEnv } from './comment.service.js';
import { findModerationRows, recountComments } from './moderation.repository.js';
import { authorize } from './moderation.service.js';
import { deleteBlocklistEntry, removeSpamEvent } from './spam/spam.repository.js';
import { deleteUndosBefore, findUndo, markUndone, type UndoChanges } from './undo.repository.js';

/** How long an action can be undone. */
export const UNDO_WINDOW_MS = 10 * 60 * 1000;

export interface UndoOffer {
  id: string;
  action: string;
  comments: number;
  /** Reply notices went out with the action; an undo cannot call them back. */
  mailQueued: boolean;
  until: Date;
}

const changesOf = (json: string): UndoChanges => JSON.parse(json) as UndoChanges;

/** The undo the moderator may still use, or undefined (someone else's, used, too old, unknown). */
export async function findUndoOffer(db: Db, actor: Actor, id: string, now = new Date()): Promise<UndoOffer | undefined> {
  const row = await findUndo(db, id, actor.accountId);
  if (!row || row.undone_at) return undefined;
  const until = new Date(new Date(row.created_at).getTime() + UNDO_WINDOW_MS);
  if (until <= now) return undefined;
  const changes = changesOf(row.changes);
  return { id: row.id, action: row.action, comments: changes.comments.length, mailQueued: changes.mailQueued, until };
}

/**
 * Takes an action back. A comment someone has moved on since (another action) keeps its newer
 * state and is counted as skipped. Throws not-found for another's or an unknown record, and
 * conflict when it was used already or its time has passed.
 */
export async function undoModeration(
  db: Db,
  env: CommentEnv,
  actor: Actor,
  id: string,
): Promise<{ action: string; restored: number; skipped: number; mailQueued: boolean }> {
  const { now } = env;
  return inTransaction(db, async (trx) => {
    const row = await findUndo(trx, id, actor.accountId);
    if (!row) throw notFound('Undo');
    if (row.undone_at) throw conflict('This action was undone already', 'undo');
    if (new Date(row.created_at).getTime() + UNDO_WINDOW_MS <= now.getTime()) throw conflict('Too late to undo this action', 'undo');
    if (!(await markUndone(trx, id, now))) throw conflict('This action was undone already', 'undo');
    const changes = changesOf(row.changes);
    const rows = await findModerationRows(
      trx,
      changes.comments.map((c) => c.id),
    );
    // The policy is asked again: the moderator's scope may have narrowed since.
    await authorize(trx, actor, rows);
    const current = new Map(rows.map((r) => [r.id, r]));
    let restored = 0;
    let skipped = 0;
    const posts = new Set<string>();
    for (const change of changes.comments) {
      const stored = current.get(change.id);
      if (!stored || stored.status !== change.to) {
        skipped++;
        continue;
      }
      await updateCommentRow(trx, change.id, { status: change.from, spam_reasons: change.reasons, updated_at: now.toISOString() });
      posts.add(change.postId);
      restored++;
    }
    for (const postId of posts) await recountComments(trx, postId);
    for (const event of changes.spamEvents) await removeSpamEvent(trx, event.layer, event.outcome, event.postId, event.day);
    if (changes.blocklist) await deleteBlocklistEntry(trx, changes.blocklist.kind, changes.blocklist.value, changes.blocklist.blogId ?? '');
    const blocked = changes.blocklist
      ? `; blocklist entry removed: ${changes.blocklist.kind === 'ip' ? `ip ${changes.blocklist.value.slice(0, 10)}…` : `${changes.blocklist.kind} ${changes.blocklist.value}`}`
      : '';
    const subjectId = changes.comments.length === 1 ? changes.comments[0]!.id : null;
    await audit(
      trx,
      actor,
      'comment.undo',
      { type: 'comment', id: subjectId, summary: `${row.action} undone: ${restored} restored, ${skipped} changed since${blocked}` },
      now,
    );
    await deleteUndosBefore(trx, new Date(now.getTime() - 24 * 60 * 60 * 1000));
    return { action: row.action, restored, skipped, mailQueued: changes.mailQueued };
  });
}
