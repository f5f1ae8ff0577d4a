/** The Fastify app: hooks every request passes through, error mapping, and the route plugins. */
import { randomUUID } from 'node:crypto';
import { crc32 } from 'node:zlib';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import etag from '@fastify/etag';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { blogRoutes } from '../blogs/blog.routes.js';
import { AppError, type AppErrorCode } from '../errors.js';
import { postRoutes } from '../posts/post.routes.js';
import { searchRoutes } from '../search/search.routes.js';
import { findRedirect, isWordPressIdAddress } from '../redirects/redirect.service.js';
import { siteRoutes } from '../site/site.routes.js';
import { ErrorPage, type ErrorKind } from '../views/pages/site/error.page.js';
import { sendAsset, type Assets } from './assets.js';
import { isDatabaseUnavailable, isUnstorableText } from '../storage/errors.js';
import { sendPage, type PageDeps } from './page-context.js';
import { commentRoutes } from '../comments/comment.routes.js';
import { commenterRoutes } from '../comments/commenter.routes.js';
import { followerRoutes } from '../followers/follower.routes.js';
import { feedRoutes } from '../feeds/feed.routes.js';
import { seoRoutes } from '../seo/seo.routes.js';
import { adminRoutes } from '../admin/admin.routes.js';
import { uploadRoutes } from '../uploads/uploads.routes.js';
import { liveRoutes, type LiveChannel } from '../live/live.routes.js';
import { loadActor } from './auth.js';
import { markPastTheEnd, registerPageCache, type PageCache } from './page-cache.js';
import { loggerOptions } from './request-log.js';
import { registerReadiness, type Lifecycle } from './readiness.js';
import { registerMetrics, type Metrics } from './metrics.js';
import { logStream, OneLinePerRequest, type LogOutput } from './logging.js';
import { inputError } from './schemas.js';

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: { method: string; url: string }[];
  }
}

export interface ServerDeps extends PageDeps {
  logLevel: string;
  assets: Assets;
  onMailQueued?: () => void;
  trustProxy?: boolean | string;
  /** Whether SMTP_URL is set, for the settings page. */
  smtpConfigured?: boolean;
  /** Rendered anonymous pages; without it every page is rendered anew. */
  pageCache?: PageCache;
  /** REQUEST_TIMEOUT_MS: the time a client has to send its headers and its whole request. */
  requestTimeoutMs?: number;
  /** Draining and requests in flight, for /readyz and a graceful stop. */
  lifecycle?: Lifecycle;
  /** With METRICS_TOKEN: what /metrics reports, and the token it asks for. */
  metrics?: { metrics: Metrics; token: string };
  /** Readable lines on a terminal, or another destination than standard output. */
  logOutput?: LogOutput;
  /** UPLOADS_DIR: where this app writes uploaded images and serves them from. */
  uploadsDir: string;
  /** New approved comments, streamed to readers of a post (src/live). */
  live?: LiveChannel;
}

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  if (Array.isArray(value)) return value.map(withoutNul);
  // Parsed forms and queries only: fast-querystring's objects have a prototype of their own.
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, withoutNul(v)]));
  }
  return value;
}

/** The page each domain error is shown with (its status is the error's own); tsc fails here when a code is added without one. */
const ERROR_PAGE: Record<AppErrorCode, ErrorKind> = {
  not_found: 'notFound',
  gone: 'gone',
  unavailable: 'unavailable',
  forbidden: 'badRequest',
  invalid: 'badRequest',
  conflict: 'badRequest',
  rate_limited: 'badRequest',
};

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { ...loggerOptions(deps.logLevel), ...logStream(deps.logOutput ?? {}) },
    logController: new OneLinePerRequest(),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
    connectionTimeout: deps.requestTimeoutMs ?? 30_000,
    requestTimeout: deps.requestTimeoutMs ?? 30_000,
    // A client trickling its headers keeps the socket active, so only Node's own clocks end it, and
    // Node looks at them every connectionsCheckingInterval: keep that a fraction of the timeout.
    http: {
      headersTimeout: deps.requestTimeoutMs ?? 30_000,
      requestTimeout: deps.requestTimeoutMs ?? 30_000,
      connectionsCheckingInterval: Math.min(30_000, Math.max(50, Math.floor((deps.requestTimeoutMs ?? 30_000) / 4))),
    },
    return503OnClosing: true,
    trustProxy: deps.trustProxy ?? false,
    schemaErrorFormatter: inputError,
  });

  const sendError = async (request: FastifyRequest, reply: FastifyReply, kind: ErrorKind, status: number) => {
    try {
      // A 503 page asks nothing of the database: when it is away, asking again would double the wait.
      return await sendPage(deps, request, reply, () => <ErrorPage kind={kind} />, status, { offline: status === 503 });
    } catch {
      // The database may be the reason we are here: fall back to a page that needs nothing.
      return reply
        .code(status)
        .type('text/plain; charset=utf-8')
        .send(status === 503 ? 'Service unavailable. Please try again shortly.' : 'Error');
    }
  };

  // Every route, as registered: the security tests walk this list so no route escapes them.
  const routeTable: { method: string; url: string }[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url });
  });

  // First, so request.cookies is there for every hook below (the session, the page cache); see cookies.ts.
  await app.register(cookie);
  await app.register(formbody);
  // CRC-32 and the length make a good weak validator and cost a fraction of the default SHA-1 on large pages.
  await app.register(etag, {
    weak: true,
    hashFn: (payload: string | Buffer) => `${crc32(payload).toString(36)}-${payload.length.toString(36)}`,
  });

  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.addHook('onRequest', loadActor(deps.db));
  // A NUL character means nothing in any field, and one of the databases refuses to store it: take it out of
  // forms and queries, so a pasted text is kept (minus that) on both databases instead of refused.
  app.addHook('preValidation', async (request) => {
    // Multipart bodies hold files and their methods: their text fields are left to the routes.
    if (request.body && /^application\/(x-www-form-urlencoded|json)/.test(request.headers['content-type'] ?? ''))
      request.body = withoutNul(request.body);
    if (request.query) request.query = withoutNul(request.query);
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.headers(SECURITY_HEADERS);
    reply.header('x-request-id', request.id);
    if (deps.baseUrl.startsWith('https:')) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    // An imported WordPress site's /?p=123 would reach the front page, never the not-found handler.
    if ((request.method === 'GET' || request.method === 'HEAD') && isWordPressIdAddress(request.url)) {
      const target = await findRedirect(deps.db, request.url).catch(() => undefined);
      if (target) return reply.code(301).header('cache-control', 'public, max-age=3600').redirect(target, 301);
    }
  });

  if (deps.metrics) registerMetrics(app, deps.metrics.metrics, deps.metrics.token);
  if (deps.lifecycle) registerReadiness(app, { db: deps.db, contentVersion: deps.contentVersion, lifecycle: deps.lifecycle });
  // After the headers above, so a page served from the cache carries them too.
  registerPageCache(app, deps.pageCache);

  const assetSchema = { params: Type.Object({ file: Type.String() }) };
  app.withTypeProvider<TypeBoxTypeProvider>().get('/static/:file', { schema: assetSchema }, async (request, reply) => {
    const asset = deps.assets.files.get(request.params.file);
    if (!asset) return sendError(request, reply, 'notFound', 404);
    return sendAsset(request, reply, asset, 'public, max-age=31536000, immutable');
  });

  // Both handlers are set before the routes are registered: Fastify copies them into each plugin's context.
  app.setNotFoundHandler(async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD') {
      const target = await findRedirect(deps.db, request.url).catch(() => undefined);
      if (target) return reply.code(301).header('cache-control', 'public, max-age=3600').redirect(target, 301);
    }
    return sendError(request, reply, 'notFound', 404);
  });

  app.setErrorHandler(async (error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.code === 'not_found' && (request.method === 'GET' || request.method === 'HEAD')) {
        const target = await findRedirect(deps.db, request.url).catch(() => undefined);
        if (target) return reply.redirect(target, 301);
      }
      if (error.details.lastPage !== undefined) markPastTheEnd(request, error.details.lastPage);
      return sendError(request, reply, ERROR_PAGE[error.code], error.status);
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      reply.header('retry-after', '5');
      return sendError(request, reply, 'unavailable', 503);
    }
    // A %00 in an address or a form reaches the database as a NUL byte, which one of them rejects.
    if (isUnstorableText(error)) return sendError(request, reply, 'badRequest', 400);
    if (error.statusCode && error.statusCode < 500) {
      return sendError(request, reply, error.statusCode === 404 ? 'notFound' : 'badRequest', error.statusCode);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, 'server', 500);
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
  await app.register(searchRoutes, pageDeps);
  const commentDeps = {
    ...pageDeps,
    ...(deps.onMailQueued ? { onMailQueued: deps.onMailQueued } : {}),
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

  return app;
}
