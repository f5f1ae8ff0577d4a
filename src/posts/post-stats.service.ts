import type { Db } from '../storage/db.js';
import type { PostStatus } from './post.js';
import { countPostsByStatus } from './post-stats.repository.js';

/** Posts per status, for the dashboard; `blogIds` limits to some blogs (null: all). */
export function postCountsByStatus(db: Db, blogIds: readonly string[] | null = null): Promise<Record<PostStatus, number>> {
  return countPostsByStatus(db, blogIds);
}
