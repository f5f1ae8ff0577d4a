/**
 * A published post as its page shows it (its row, bylines, tags, links, info boxes, images and
 * neighbours), kept per address until something it shows changes: a post page rendered from
 * scratch (a miss of the page cache, or every page with the cache off) then reads none of it again.
 */
import type { FastifyRequest } from 'fastify';
import { keepingOf, type PageDeps } from '../http/page-context.js';
import { lruPerOwner } from '../shared/lru.js';
import type { Db } from '../storage/db.js';
import { getPublishedPost, type PublishedPostView } from './post.service.js';
import { POST_LIST_TAG, postTag, postTextTag, postTitleTag } from './post-tags.js';

// A few hundred posts read often are what a busy site's readers open; the rest are read when asked for.
const POSTS_KEPT = 256;

interface Kept {
  version: string;
  view: PublishedPostView;
}
const keptOf = lruPerOwner<Db, string, Kept>(POSTS_KEPT);

/**
 * The change tags of what a post's page shows of it: its own rows, its comment count (the post
 * row's, which a comment changes: the `post:` tag), its neighbours' titles and the blog's list of
 * posts. A `site` change (people, uploads, blogs, settings) counts against every tag.
 */
export function postViewTags(view: PublishedPostView): string[] {
  const { post, previous, next } = view;
  return [postTag(post.id), postTextTag(post.id), ...[previous, next].flatMap((p) => (p ? [postTitleTag(p.id)] : [])), POST_LIST_TAG];
}

/**
 * getPublishedPost, kept under the content version it was read after while none of its tags has
 * changed since. What is not found (or is gone) is not kept: the next request asks again.
 */
export async function publishedPostOf(
  deps: PageDeps,
  request: FastifyRequest,
  blog: { id: string; slug: string; title: string },
  slug: string,
): Promise<PublishedPostView> {
  // Read before the rows: a change after it leaves what is kept under a version already past.
  const keeping = await keepingOf(deps, request);
  const { version } = keeping;
  if (version === undefined) return getPublishedPost(deps.db, blog, slug);
  const kept = keptOf(deps.db);
  const key = `${blog.id}\u0000${slug}`;
  const found = kept.get(key);
  if (found && !keeping.stale(found.version, postViewTags(found.view))) return found.view;
  const view = deepFreeze(await getPublishedPost(deps.db, blog, slug));
  kept.set(key, { version, view });
  return view;
}

/** Frozen, a kept view cannot be changed by one page for the next: an attempt throws (modules are strict). */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
