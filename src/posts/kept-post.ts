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

// A few hundred posts read often are what a busy site's readers open; the rest are read when asked for.
const keep = keptReads(256);

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
