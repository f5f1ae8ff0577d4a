/** The Fastify app: its options, then the hooks (hooks.ts), error handling (error-handling.tsx) and routes (routes.ts), in that order. */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { LiveChannel } from '../live/live.routes.js';
import type { Assets } from './assets.js';
import { registerErrorHandling } from './error-handling.js';
import { registerHooks } from './hooks.js';
import { logStream, OneLinePerRequest, type LogOutput } from './logging.js';
import { registerMetrics, type Metrics } from './metrics.js';
import { hasOwnPageCookies } from '../comments/own-page-cookies.js';
import { registerPageCache, type PageCache } from './page-cache.js';
import type { PageDeps } from './page-context.js';
import { registerReadiness, type Lifecycle } from './readiness.js';
import { loggerOptions } from './request-log.js';
import { registerRoutes } from './routes.js';
import { inputError } from './schemas.js';
import { lazyValidators } from './lazy-validators.js';
import type { TimeBudget } from '../shared/time-budget.js';

export interface ServerDeps extends PageDeps {
  logLevel: string;
  assets: Assets;
  onMailQueued?: () => void;
  /** A comment was stored through the public form. */
  onCommentStored?: () => void;
  trustProxy?: boolean | string;
  /** Whether SMTP_URL is set, for the settings page. */
  smtpConfigured?: boolean;
  /** Rendered anonymous pages; without it every page is rendered anew. */
  pageCache?: PageCache;
  /** SEARCH_MS_PER_SECOND: what searches no cache holds may take; without it, no limit. */
  searchBudget?: TimeBudget;
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
    schemaController: { compilersFactory: { buildValidator: lazyValidators } },
  });

  await registerHooks(app, deps);
  if (deps.metrics) registerMetrics(app, deps.metrics.metrics, deps.metrics.token);
  if (deps.lifecycle) registerReadiness(app, { db: deps.db, contentVersion: deps.contentVersion, lifecycle: deps.lifecycle });
  // After the headers above, so a page served from the cache carries them too.
  registerPageCache(app, deps.pageCache, { ownPage: (request) => hasOwnPageCookies(deps.secret, request.cookies) });
  registerErrorHandling(app, deps);
  await registerRoutes(app, deps);
  return app;
}
