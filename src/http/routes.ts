/** The route plugins, each with the dependencies it needs, and the fingerprinted static assets. */
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { adminRoutes } from '../admin/admin.routes.js';
import { blogRoutes } from '../blogs/blog.routes.js';
import { commentRoutes } from '../comments/comment.routes.js';
import { commenterRoutes } from '../comments/commenter.routes.js';
import { feedRoutes } from '../feeds/feed.routes.js';
import { followerRoutes } from '../followers/follower.routes.js';
import { liveRoutes } from '../live/live.routes.js';
import { postRoutes } from '../posts/post.routes.js';
import { searchRoutes } from '../search/search.routes.js';
import { seoRoutes } from '../seo/seo.routes.js';
import { siteRoutes } from '../site/site.routes.js';
import { uploadRoutes } from '../uploads/uploads.routes.js';
import { sendAsset } from './assets.js';
import { sendErrorPage } from './error-handling.js';
import type { PageDeps } from './page-context.js';
import type { ServerDeps } from './server.js';
import { TimeBudget } from '../shared/time-budget.js';

/** After the hooks and the error handlers: the static assets, then every module's plugin in the order the router needs. */
export async function registerRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  const assetSchema = { params: Type.Object({ file: Type.String() }) };
  app.withTypeProvider<TypeBoxTypeProvider>().get('/static/:file', { schema: assetSchema }, async (request, reply) => {
    const asset = deps.assets.files.get(request.params.file);
    if (!asset) return sendErrorPage(deps, request, reply, 'notFound', 404);
    return sendAsset(request, reply, asset, 'public, max-age=31536000, immutable');
  });

  const pageDeps: PageDeps = {
    db: deps.db,
    baseUrl: deps.baseUrl,
    assets: deps.assets,
    secret: deps.secret,
    contentVersion: deps.contentVersion,
  };
  await app.register(siteRoutes, pageDeps);
  await app.register(blogRoutes, pageDeps);
  await app.register(postRoutes, pageDeps);
  await app.register(searchRoutes, { ...pageDeps, searchBudget: deps.searchBudget ?? new TimeBudget(0) });
  const commentDeps = {
    ...pageDeps,
    ...(deps.onMailQueued ? { onMailQueued: deps.onMailQueued } : {}),
    ...(deps.onCommentStored ? { onCommentStored: deps.onCommentStored } : {}),
    ...(deps.metrics ? { onCommentResult: deps.metrics.metrics.countComment } : {}),
  };
  await app.register(commentRoutes, commentDeps);
  await app.register(commenterRoutes, commentDeps);
  await app.register(followerRoutes, commentDeps);
  await app.register(feedRoutes, pageDeps);
  await app.register(seoRoutes, { ...pageDeps, uploadsDir: deps.uploadsDir });
  await app.register(uploadRoutes, { ...pageDeps, uploadsDir: deps.uploadsDir });
  if (deps.live) await app.register(liveRoutes, { ...pageDeps, live: deps.live });
  await app.register(adminRoutes, {
    ...commentDeps,
    smtpConfigured: deps.smtpConfigured ?? false,
    uploadsDir: deps.uploadsDir,
    operations: () => ({
      jobsLastSucceededAt: deps.lifecycle?.jobsLastSucceededAt,
      pageCache: deps.pageCache?.enabled ? deps.pageCache.stats : undefined,
    }),
  });
}
