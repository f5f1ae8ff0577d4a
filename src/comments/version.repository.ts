/** A comment's earlier versions: its name and text before each edit, by the writer or by staff. */
import { newId } from '../shared/ids.js';
import type { Db } from '../storage/db.js';
import type { CommentVersionTable } from './comment.table.js';

/** Keeps the name and text as they were before an edit; `by` is the editing account's id, or 'writer'. */
export async function insertCommentVersion(
  db: Db,
  comment: { id: string; author_name: string; body: string },
  at: Date,
  by: string,
): Promise<void> {
  await db
    .insertInto('comment_versions')
    .values({
      id: newId(at.getTime()),
      comment_id: comment.id,
      author_name: comment.author_name,
      body: comment.body,
      replaced_at: at.toISOString(),
      replaced_by: by,
    })
    .execute();
}

/** The earlier versions of these comments, newest first per comment. */
export async function listCommentVersions(db: Db, commentIds: readonly string[]): Promise<Map<string, CommentVersionTable[]>> {
  const map = new Map<string, CommentVersionTable[]>();
  if (commentIds.length === 0) return map;
  const rows = await db
    .selectFrom('comment_versions')
    .selectAll()
    .where('comment_id', 'in', commentIds)
    .orderBy('comment_id')
    .orderBy('replaced_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  for (const row of rows) map.set(row.comment_id, [...(map.get(row.comment_id) ?? []), row]);
  return map;
}

/** An erased comment's earlier versions go with its text. */
export async function deleteCommentVersions(db: Db, commentIds: readonly string[]): Promise<void> {
  if (commentIds.length === 0) return;
  await db.deleteFrom('comment_versions').where('comment_id', 'in', commentIds).execute();
}
