/**
 * A published post as its page shows it (its row, bylines, tags, links, info boxes, images and
 * neighbours), kept per address until something it shows changes (storage/kept-read): a post page
 * rendered from scratch (a miss of the page cache, or every page with the cache off) then reads
 * none of it again.
 */
import type { FastifyRequest } from 'fastify';
import { keepingOf, type PageDeps } from '../http/page-context.js';
import { keptReads } from '../storage/kept-read.js';
import { getPublishedPost, type PublishedPostView } from './post.service.js';
import { POST_LIST_TAG, postTag, postTextTag, postTitleTag } from './post-tags.js';

// A few hundred posts read often are what a busy site's readers open; the rest are read when asked
// for. Long reports weigh: by count alone, 256 views of 200 KB bodies held some 150 MB. A view
// weighs about its text three times over (as read, its article rendered to bytes, and strings that
// take two bytes a character), and a little for the rest.
const KEPT_VIEWS_BYTES = 32 * 1024 * 1024;
const keep = keptReads(256, { maxWeight: KEPT_VIEWS_BYTES, weigh: (view) => 3 * JSON.stringify(view).length + 2048 });

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
 * getPublishedPost, kept while none of its tags has changed, and frozen: every later page shares
 * it. What is not found (or is gone) is not kept: the next request asks again.
 */
export async function publishedPostOf(
  deps: PageDeps,
  request: FastifyRequest,
  blog: { id: string; slug: string; title: string },
  slug: string,
): Promise<PublishedPostView> {
  const keeping = await keepingOf(deps, request);
  const { value } = await keep(deps.db, keeping, `${blog.id}\u0000${slug}`, async () => {
    const view = await getPublishedPost(deps.db, blog, slug);
    return { value: view, tags: postViewTags(view) };
  });
  return value;
}
