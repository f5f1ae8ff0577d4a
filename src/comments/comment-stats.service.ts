import type { Db } from '../storage/db.js';
import type { CommentStatus } from './comment.js';
import { countByStatus, newestComments } from './comment-stats.repository.js';

export interface CommentGlance {
  id: string;
  authorName: string;
  excerpt: string;
  status: CommentStatus;
  createdAt: Date;
  postTitle: string;
  postUrl: string;
}

export const countWaitingComments = (db: Db): Promise<number> => countByStatus(db, 'pending');

export async function listNewestComments(db: Db, limit = 8): Promise<CommentGlance[]> {
  return (await newestComments(db, limit)).map((row) => ({
    id: row.id,
    authorName: row.author_name,
    excerpt: row.body.length > 140 ? `${row.body.slice(0, 140)}…` : row.body,
    status: row.status,
    createdAt: new Date(row.created_at),
    postTitle: row.post_title,
    postUrl: `/${row.blog_slug}/${row.post_slug}#comment-${row.id}`,
  }));
}
