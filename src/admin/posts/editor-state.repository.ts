import type { Selectable } from 'kysely';
import type { Db } from '../../storage/db.js';
import type { EditorStateTable } from './editor-state.table.js';

export type EditorStateRow = Selectable<EditorStateTable>;

export async function insertEditorStateRow(db: Db, row: EditorStateRow): Promise<void> {
  await db.insertInto('editor_states').values(row).execute();
}

/** The row only if it is this account's, for this post (null: a new post), and made after `since`. */
export async function findEditorStateRow(
  db: Db,
  id: string,
  accountId: string,
  postId: string | null,
  since: string,
): Promise<EditorStateRow | undefined> {
  const query = db
    .selectFrom('editor_states')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .where('created_at', '>', since);
  return (postId === null ? query.where('post_id', 'is', null) : query.where('post_id', '=', postId)).executeTakeFirst();
}

/** Deletes an account's rows older than its `keep` newest. */
export async function trimEditorStateRows(db: Db, accountId: string, keep: number): Promise<void> {
  const edge = await db
    .selectFrom('editor_states')
    .select('created_at')
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .offset(keep - 1)
    .limit(1)
    .executeTakeFirst();
  if (edge) await db.deleteFrom('editor_states').where('account_id', '=', accountId).where('created_at', '<', edge.created_at).execute();
}

export async function deleteEditorStateRowsBefore(db: Db, before: string): Promise<number> {
  const result = await db.deleteFrom('editor_states').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
