/** Feed addresses: `<path>.atom`, `.rss` and `.json` for the site, each blog, author and tag, and the comments. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { keepingOf, type PageDeps } from '../http/page-context.js';
import { dependsOn, pageQuery } from '../http/page-cache.js';
import { atomText } from './atom.js';
import { sendConditional, weakEtag } from './conditional-get.js';
import { FEED_CONTENT_TYPES, feedPieces, type Feed, type FeedFormat, type FeedText } from './feed.js';
import {
  getAuthorFeed,
  getBlogFeed,
  getPostCommentsFeed,
  getSiteCommentsFeed,
  getSiteFeed,
  getTagFeed,
  type FeedResult,
} from './feed.service.js';
import type { Keeping } from '../storage/content-version.js';
import { keptLastModified } from './kept-feed.js';
import { toJsonFeed } from './json-feed.js';
import { rssText } from './rss.js';
import { bodyOfPieces } from '../views/splices.js';

// Atom and RSS as their runs of lines, so the entries can be kept compressed as one piece (feedPieces).
const WRITERS: Record<FeedFormat, (feed: Feed) => FeedText | string> = { atom: atomText, rss: rssText, json: toJsonFeed };

function feedBody(format: FeedFormat, feed: Feed): { body: Buffer; etag: string } {
  const text = WRITERS[format](feed);
  if (typeof text === 'string') return { body: Buffer.from(text, 'utf8'), etag: weakEtag(text) };
  const { pieces, etag } = feedPieces(format, feed.items, text);
  return { body: bodyOfPieces(pieces), etag };
}

/** `feed.atom`, `feed.rss` or `feed.json`: any other ending names no feed (not found). */
const Format = Type.Union([Type.Literal('atom'), Type.Literal('rss'), Type.Literal('json')]);
const Slug = Type.String();
const params = <P extends Record<string, typeof Slug>>(slugs: P) => ({
  ...pageQuery(),
  schema: { params: Type.Object({ ...slugs, format: Format }) },
});

// Slugs never contain a dot, so "/:blog/feed.:format" cannot shadow a post at "/:blog/:slug";
// find-my-way tries the static "feed." first and falls back to the post route ("/blog/feedback").
export const feedRoutes: FastifyPluginAsyncTypebox<PageDeps> = async (app, deps) => {
  const { db, baseUrl } = deps;

  async function send(
    request: FastifyRequest,
    reply: FastifyReply,
    format: FeedFormat,
    load: (keeping: Keeping) => Promise<FeedResult>,
  ): Promise<FastifyReply> {
    const keeping = await keepingOf(deps, request);
    const { feed, tags } = await load(keeping);
    dependsOn(request, tags);
    const { body, etag } = feedBody(format, feed);
    const changedAt = await keptLastModified(db, keeping, tags, { path: request.url.split('?')[0]!, etag, updated: feed.updated });
    return sendConditional(request, reply, { body, etag, contentType: FEED_CONTENT_TYPES[format], changedAt });
  }

  app.get('/feed.:format', params({}), async (request, reply) =>
    send(request, reply, request.params.format, (keeping) => getSiteFeed(db, baseUrl, keeping)),
  );

  app.get('/:blog/feed.:format', params({ blog: Slug }), async (request, reply) =>
    send(request, reply, request.params.format, (keeping) => getBlogFeed(db, baseUrl, request.params.blog, keeping)),
  );

  app.get('/authors/:slug/feed.:format', params({ slug: Slug }), async (request, reply) =>
    send(request, reply, request.params.format, (keeping) => getAuthorFeed(db, baseUrl, request.params.slug, keeping)),
  );

  app.get('/tags/:slug/feed.:format', params({ slug: Slug }), async (request, reply) =>
    send(request, reply, request.params.format, (keeping) => getTagFeed(db, baseUrl, request.params.slug, keeping)),
  );

  app.get('/comments/feed.:format', params({}), async (request, reply) =>
    send(request, reply, request.params.format, (keeping) => getSiteCommentsFeed(db, baseUrl, keeping)),
  );

  app.get('/:blog/:slug/comments/feed.:format', params({ blog: Slug, slug: Slug }), async (request, reply) =>
    send(request, reply, request.params.format, (keeping) =>
      getPostCommentsFeed(db, baseUrl, request.params.blog, request.params.slug, keeping),
    ),
  );
};
