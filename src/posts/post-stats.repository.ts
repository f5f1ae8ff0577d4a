import type { Db } from '../storage/db.js';
import type { PostStatus } from './post.js';

export async function countPostsByStatus(db: Db, blogIds: readonly string[] | null): Promise<Record<PostStatus, number>> {
  let query = db.selectFrom('posts').select(['status', (eb) => eb.fn.countAll().as('count')]).where('deleted_at', 'is', null).groupBy('status');
  if (blogIds) query = blogIds.length ? query.where('blog_id', 'in', blogIds) : query.where('blog_id', '=', '');
  const counts: Record<PostStatus, number> = { draft: 0, scheduled: 0, published: 0 };
  for (const row of await query.execute()) counts[row.status] = Number(row.count);
  return counts;
}
