import type { FastifyPluginAsync } from 'fastify';
import type { PageDeps } from '../http/page-context.js';
import { pageQuery } from '../http/page-cache.js';
import { sendPostPage } from './post-page.js';

const positiveInt = (value: unknown) => (typeof value === 'string' && /^[1-9]\d{0,5}$/.test(value) ? Number(value) : undefined);
const isId = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f-]{36}$/.test(value);

export const postRoutes: FastifyPluginAsync<PageDeps> = async (app, deps) => {
  app.get<{ Params: { blog: string; slug: string }; Querystring: Record<string, unknown> }>(
    '/:blog/:slug',
    pageQuery('comments-page', 'reply'),
    async (request, reply) => {
      const query = request.query;
      const replyToId = isId(query.reply) ? query.reply : undefined;
      return sendPostPage(deps, request, reply, {
        blogSlug: request.params.blog,
        slug: request.params.slug,
        commentsPage: positiveInt(query['comments-page']) ?? 1,
        ...(replyToId ? { replyToId } : {}),
      });
    },
  );
};
