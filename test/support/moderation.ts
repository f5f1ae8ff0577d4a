/** Comments for moderation tests, with the parts the queue reads (IP hash, reasons, status) set freely. */
import { insertComment } from '../../src/comments/comment.repository.js';
import type { CommentStatus, SpamReason } from '../../src/comments/comment.js';
import { newId } from '../../src/shared/ids.js';
import type { Db } from '../../src/storage/db.js';

let counter = 0;

/** A comment row as the public form would leave it, with the parts the search reads set freely. */
export async function addQueueComment(
  db: Db,
  input: {
    postId: string;
    name?: string;
    email?: string;
    body?: string;
    status?: CommentStatus;
    ipHash?: string | null;
    reasons?: SpamReason[];
    at?: Date;
  },
): Promise<string> {
  const at = input.at ?? new Date(Date.now() + ++counter);
  const id = newId(at.getTime());
  await insertComment(db, {
    id,
    post_id: input.postId,
    parent_id: null,
    root_id: id,
    depth: 1,
    author_name: input.name ?? 'Karen Kommentator',
    author_email: input.email ?? `karen${counter}@debat.example`,
    email_hash: `hash-${id}`,
    person_id: null,
    badge: null,
    body: input.body ?? `En kommentar ${counter}`,
    status: input.status ?? 'pending',
    spam_score: 0,
    spam_reasons: JSON.stringify(input.reasons ?? []),
    ip_hash: input.ipHash ?? null,
    created_at: at.toISOString(),
    updated_at: at.toISOString(),
    erased_at: null,
  });
  return id;
}
