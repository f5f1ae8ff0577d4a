/** Feed addresses: `<path>.atom`, `.rss` and `.json` for the site, each blog, author and tag, and the comments. */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../errors.js';
import type { PageDeps } from '../http/page-context.js';
import { dependsOn, pageQuery } from '../http/page-cache.js';
import { toAtom } from './atom.js';
import { sendConditional, weakEtag } from './conditional-get.js';
import { FEED_CONTENT_TYPES, isFeedFormat, type Feed, type FeedFormat } from './feed.js';
import {
  getAuthorFeed,
  getBlogFeed,
  getPostCommentsFeed,
  getSiteCommentsFeed,
  getSiteFeed,
  getTagFeed,
  feedLastModified,
  type FeedResult,
} from './feed.service.js';
import { toJsonFeed } from './json-feed.js';
import { toRss } from './rss.js';

const WRITERS: Record<FeedFormat, (feed: Feed) => string> = { atom: toAtom, rss: toRss, json: toJsonFeed };

type Params<T> = { Params: T & { format: string } };

// Slugs never contain a dot, so "/:blog/feed.:format" cannot shadow a post at "/:blog/:slug";
// find-my-way tries the static "feed." first and falls back to the post route ("/blog/feedback").
export const feedRoutes: FastifyPluginAsync<PageDeps> = async (app, deps) => {
  const { db, baseUrl } = deps;

  async function send(
    request: FastifyRequest,
    reply: FastifyReply,
    format: string,
    load: () => Promise<FeedResult>,
  ): Promise<FastifyReply> {
    if (!isFeedFormat(format)) throw notFound('Feed');
    const { feed, tags } = await load();
    dependsOn(request, tags);
    const body = WRITERS[format](feed);
    const etag = weakEtag(body);
    const changedAt = await feedLastModified(db, request.url.split('?')[0]!, etag, feed.updated);
    return sendConditional(request, reply, { body, etag, contentType: FEED_CONTENT_TYPES[format], changedAt });
  }

  app.get<Params<object>>('/feed.:format', pageQuery(), async (request, reply) =>
    send(request, reply, request.params.format, () => getSiteFeed(db, baseUrl)),
  );

  app.get<Params<{ blog: string }>>('/:blog/feed.:format', pageQuery(), async (request, reply) =>
    send(request, reply, request.params.format, () => getBlogFeed(db, baseUrl, request.params.blog)),
  );

  app.get<Params<{ slug: string }>>('/authors/:slug/feed.:format', pageQuery(), async (request, reply) =>
    send(request, reply, request.params.format, () => getAuthorFeed(db, baseUrl, request.params.slug)),
  );

  app.get<Params<{ slug: string }>>('/tags/:slug/feed.:format', pageQuery(), async (request, reply) =>
    send(request, reply, request.params.format, () => getTagFeed(db, baseUrl, request.params.slug)),
  );

  app.get<Params<object>>('/comments/feed.:format', pageQuery(), async (request, reply) =>
    send(request, reply, request.params.format, () => getSiteCommentsFeed(db, baseUrl)),
  );

  app.get<Params<{ blog: string; slug: string }>>('/:blog/:slug/comments/feed.:format', pageQuery(), async (request, reply) =>
    send(request, reply, request.params.format, () => getPostCommentsFeed(db, baseUrl, request.params.blog, request.params.slug)),
  );
};
