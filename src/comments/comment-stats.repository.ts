import type { Db } from '../storage/db.js';
import type { CommentStatus } from './comment.table.js';

export async function countByStatus(db: Db, status: CommentStatus): Promise<number> {
  const row = await db.selectFrom('comments').select((eb) => eb.fn.countAll().as('count')).where('status', '=', status).executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function newestComments(db: Db, limit: number) {
  return db.selectFrom('comments')
    .innerJoin('posts', 'posts.id', 'comments.post_id')
    .innerJoin('blogs', 'blogs.id', 'posts.blog_id')
    .select(['comments.id', 'comments.author_name', 'comments.body', 'comments.status', 'comments.created_at', 'posts.title as post_title', 'posts.slug as post_slug', 'blogs.slug as blog_slug'])
    .where('comments.erased_at', 'is', null)
    .orderBy('comments.id', 'desc').limit(limit).execute();
}
