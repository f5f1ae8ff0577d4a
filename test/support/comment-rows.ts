/**
 * A comment row inserted as hand-made SQL would be: no service, no spam layer, no posts.comment_count
 * kept; only the database's own triggers run. For tests of what those triggers keep.
 */
import type { CommentStatus } from '../../src/comments/comment.js';
import { newId } from '../../src/shared/ids.js';
import type { Db } from '../../src/storage/db.js';

export async function insertCommentRow(
  db: Db,
  postId: string,
  status: CommentStatus,
  parent?: { id: string; rootId: string },
): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  await db
    .insertInto('comments')
    .values({
      id,
      post_id: postId,
      parent_id: parent?.id ?? null,
      root_id: parent?.rootId ?? id,
      depth: parent ? 2 : 1,
      author_name: 'Tove Tråd',
      author_email: 'tove@traad.example',
      email_hash: 'h',
      body: `Et indlæg i debatten ${id}`,
      status,
      spam_score: 0,
      spam_reasons: '[]',
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}
