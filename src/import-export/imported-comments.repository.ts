/**
 * Imported comments written many rows to a statement: the comment service's one-at-a-time path
 * (addImportedComment) made a large import spend its time on round trips. The rows are built by
 * the import from the comment module's own rules (placeReply, emailHashOf); this file only stores them.
 */
import type { Insertable } from 'kysely';
import type { CommentTable } from '../comments/comment.table.js';
import type { Db } from '../storage/db.js';
import { ROWS_PER_STATEMENT } from './import-source.repository.js';

export type ImportedCommentRow = Pick<
  Insertable<CommentTable>,
  | 'id'
  | 'post_id'
  | 'parent_id'
  | 'root_id'
  | 'depth'
  | 'author_name'
  | 'author_email'
  | 'email_hash'
  | 'badge'
  | 'body'
  | 'status'
  | 'created_at'
>;

/** Inserts the comments in order (parents before their replies), as the comment service would: not spam-scored, no IP, not erased. */
export async function insertImportedComments(db: Db, rows: readonly ImportedCommentRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    await db
      .insertInto('comments')
      .values(
        rows.slice(i, i + ROWS_PER_STATEMENT).map((row) => ({
          ...row,
          person_id: null,
          spam_score: 0,
          spam_reasons: '[]',
          ip_hash: null,
          updated_at: row.created_at,
          erased_at: null,
        })),
      )
      .execute();
  }
}

/** Adds each post's newly approved comments to its comment_count, one statement per post. */
export async function addToCommentCounts(db: Db, approvedByPost: ReadonlyMap<string, number>): Promise<void> {
  for (const [postId, delta] of approvedByPost) {
    await db
      .updateTable('posts')
      .set((eb) => ({ comment_count: eb('comment_count', '+', delta) }))
      .where('id', '=', postId)
      .execute();
  }
}

/** Where earlier imported comments sit in their threads, for replies to them imported now. */
export async function findCommentPlaces(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, { id: string; parentId: string | null; depth: number; rootId: string }>> {
  const places = new Map<string, { id: string; parentId: string | null; depth: number; rootId: string }>();
  for (let i = 0; i < ids.length; i += ROWS_PER_STATEMENT) {
    const rows = await db
      .selectFrom('comments')
      .select(['id', 'parent_id', 'depth', 'root_id'])
      .where('id', 'in', ids.slice(i, i + ROWS_PER_STATEMENT))
      .execute();
    for (const row of rows) places.set(row.id, { id: row.id, parentId: row.parent_id, depth: row.depth, rootId: row.root_id });
  }
  return places;
}
