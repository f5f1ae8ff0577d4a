/**
 * A post's page of comments as last read, kept until the post's comments change: an unchanged
 * debate costs no reading and mapping of its rows on each post page rendered from scratch.
 */
import type { FastifyRequest } from 'fastify';
import type { PublicComment } from '../comments/comment.js';
import { getThreadPage, type ThreadPage } from '../comments/comment.service.js';
import { keepingOf, type PageDeps } from '../http/page-context.js';
import { lruPerOwner } from '../shared/lru.js';
import type { Db } from '../storage/db.js';
import { postTag } from './post-tags.js';

// Pages of a few hundred comments each; a post's page numbers past its last page of threads are redirected away.
const PAGES_KEPT = 32;

interface Kept {
  version: string;
  thread: ThreadPage;
}
const keptOf = lruPerOwner<Db, string, Kept>(PAGES_KEPT);

/**
 * The thread page getThreadPage reads, kept per post, page and size under the content version it
 * was read after, and used while no change to the post's approved comments (the `post:` tag, which
 * every insert, update or delete of one records) has been heard of since. A viewer's own held
 * comments make the page theirs: it is read afresh.
 */
export async function threadPageOf(
  deps: PageDeps,
  request: FastifyRequest,
  post: { id: string; commentCount: number },
  page: number,
  perPage: number,
  ownPendingIds: readonly string[],
  atWord: string,
): Promise<ThreadPage> {
  const read = () => getThreadPage(deps.db, post, page, perPage, ownPendingIds, atWord);
  if (ownPendingIds.length > 0) return read();
  // Read before the rows: a change after it leaves what is kept under a version already past.
  const keeping = await keepingOf(deps, request);
  const { version } = keeping;
  if (version === undefined) return read();
  const kept = keptOf(deps.db);
  const key = `${post.id}\u0000${page}\u0000${perPage}\u0000${atWord}`;
  const found = kept.get(key);
  // The total is the post row's own count, read with the post on every page.
  if (found && !keeping.stale(found.version, [postTag(post.id)])) return { ...found.thread, total: post.commentCount };
  const thread = await read();
  freezeThread(thread.comments);
  kept.set(key, { version, thread });
  return thread;
}

/** Frozen, a kept list's views may be kept by the list itself (keptThreadRuns): nothing can change it after. */
function freezeThread(comments: readonly PublicComment[]): void {
  for (const comment of comments) {
    freezeThread(comment.replies);
    Object.freeze(comment);
  }
  Object.freeze(comments);
}
