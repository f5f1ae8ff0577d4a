/** Builds the database, services and the Fastify app from a Config; nothing listens here. */
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { demoContent } from './demo/demo-content.js';
import { loadDemo, type DemoSummary } from './demo/load-demo.js';
import { addDefaultIcons, loadAssets } from './http/assets.js';
import { buildServer } from './http/server.js';
import { smtpTransport } from './notifications/mail.service.js';
import { startMailWorker, type MailWorker } from './notifications/mail.worker.js';
import { prepareSearchIndexFill } from './search/search.service.js';
import { startIndexFill } from './search/index-fill.js';
import { ensureSecret } from './settings/secret.js';
import { openContentVersion } from './storage/content-version.js';
import { openLiveEvents } from './storage/live-events.js';
import { LiveHub } from './live/live-hub.js';
import { openDb, type OpenDb } from './storage/db.js';
import { PageCache } from './http/page-cache.js';
import { newLifecycle } from './http/readiness.js';
import { createMetrics } from './http/metrics.js';
import { outboxBacklog } from './notifications/mail.service.js';
import { migrateToLatest } from './storage/migrate.js';
import { runScheduledJobs } from './scheduled-jobs.js';
import { stopBouncedAddress } from './followers/follower.service.js';
import { isSiteEmpty } from './storage/site-state.js';
import { TimeBudget } from './shared/time-budget.js';

export interface App {
  server: FastifyInstance;
  database: OpenDb;
  demo: DemoSummary | undefined;
  mail: MailWorker;
  secret: string;
  /** Says "not ready" from now on and resolves once no request is in flight, or after `maxMs`. */
  drain(maxMs: number): Promise<void>;
  close(): Promise<void>;
}

export interface AppOptions {
  /** How often scheduled posts and housekeeping run; 0 turns the jobs off. */
  schedulerIntervalMs?: number;
  /** How often the outbox is checked besides the kicks after each queued mail. */
  mailIntervalMs?: number;
  /** Where the log goes instead of standard output (tests read it). */
  logStream?: NodeJS.WritableStream;
  /** Called for every statement the app's database handle runs (tests count them). */
  queryLog?: (query: { sql: string; parameters: readonly unknown[] }) => void;
}

export async function buildApp(config: Config, options: AppOptions = {}): Promise<App> {
  const onClose: (() => Promise<void>)[] = [];
  const database = openDb(config.database, options.queryLog ? { log: options.queryLog } : {});
  const { db } = database;
  try {
    // The logger comes with the server, built after the schema is settled.
    const migrationWarnings: string[] = [];
    await migrateToLatest(db, database.dialect, { warn: (message) => migrationWarnings.push(message) });
    const secret = await ensureSecret(db, config.secret);
    const demo =
      config.demo && (await isSiteEmpty(db)) ? await loadDemo(db, demoContent, { secret, uploadsDir: config.uploadsDir }) : undefined;
    // Posts from before the search index existed (or an upgrade that emptied the index's tables)
    // are indexed after the server listens, a few at a time (search/index-fill.ts): on a large site
    // that takes a minute, which a start must not wait for.
    const startNotes: string[] = [];
    const filling = await prepareSearchIndexFill(db);
    if (filling)
      startNotes.push('search index: filling it from the posts in the background; until then a search finds only the posts it has reached');
    // The routes need to kick the mail worker, and the worker needs the server's logger.
    const mailKick = { kick: () => {} };
    const logSink: { warn(obj: object, msg: string): void } = { warn: () => {} };
    const contentVersion = await openContentVersion({
      dialect: database.dialect,
      url: config.database.url,
      readInteger: database.readInteger,
      readRows: database.readRows,
      onListenError: (error) =>
        logSink.warn({ err: error }, 'page cache: lost the database notifications; caching paused until they are back'),
    });
    onClose.push(() => contentVersion.close());
    const liveEvents = await openLiveEvents({
      dialect: database.dialect,
      db,
      url: config.database.url,
      onError: (error) => logSink.warn({ err: error }, 'live channel: lost the database notifications; reconnecting'),
    });
    onClose.push(() => liveEvents.close());
    const liveHub = new LiveHub({ perIp: config.liveMaxPerIp, perInstance: config.liveMaxConnections });
    const lifecycle = newLifecycle();
    const pageCache = new PageCache({ maxBytes: config.pageCacheMb * 1024 * 1024, version: contentVersion });
    const searchBudget = new TimeBudget(config.searchMsPerSecond);
    const metrics = config.metricsToken ? createMetrics({ pageCache, searchBudget, outboxBacklog: () => outboxBacklog(db) }) : undefined;
    const assets = loadAssets();
    addDefaultIcons(assets).catch((error: unknown) =>
      logSink.warn({ err: error }, 'the default icons could not be drawn; they answer not-found'),
    );
    const server = await buildServer({
      pageCache,
      searchBudget,
      contentVersion,
      lifecycle,
      ...(metrics && config.metricsToken ? { metrics: { metrics, token: config.metricsToken } } : {}),
      db,
      secret,
      baseUrl: config.baseUrl,
      assets,
      logLevel: config.logLevel,
      trustProxy: config.trustProxy,
      smtpConfigured: Boolean(config.smtpUrl),
      requestTimeoutMs: config.requestTimeoutMs,
      uploadsDir: config.uploadsDir,
      onMailQueued: () => {
        mailKick.kick();
        // A comment was just stored: a single instance looks for approvals now rather than at its next poll.
        liveEvents.wake();
      },
      onCommentStored: () => liveEvents.wake(),
      live: { source: liveEvents, hub: liveHub },
      logOutput: { pretty: process.stdout.isTTY, ...(options.logStream ? { stream: options.logStream } : {}) },
    });
    logSink.warn = (obj, msg) => server.log.warn(obj, msg);
    for (const message of migrationWarnings) server.log.warn(message);
    for (const message of startNotes) server.log.info(message);
    const mail = startMailWorker({
      db,
      transport: config.smtpUrl ? smtpTransport(config.smtpUrl) : undefined,
      from: config.mailFrom,
      intervalMs: options.mailIntervalMs ?? 60_000,
      logger: server.log,
      ...(metrics ? { onFailures: metrics.countMailFailures } : {}),
      onPermanentFailure: (address) => stopBouncedAddress(db, secret, address),
    });

    mailKick.kick = () => mail.kick();
    const indexFill = filling ? startIndexFill(db, server.log) : undefined;

    const interval = options.schedulerIntervalMs ?? 30_000;
    const timer =
      interval > 0
        ? setInterval(() => {
            runScheduledJobs(
              db,
              server.log,
              new Date(),
              { secret, baseUrl: config.baseUrl, onMailQueued: () => mail.kick() },
              { uploadsDir: config.uploadsDir },
            )
              .then((allSucceeded) => {
                if (!allSucceeded) return;
                lifecycle.jobsLastSucceededAt = new Date();
                metrics?.jobsSucceeded(lifecycle.jobsLastSucceededAt);
              })
              .catch((error: unknown) => server.log.warn({ err: error }, 'scheduled jobs failed; will retry'));
          }, interval)
        : undefined;
    timer?.unref();

    return {
      server,
      database,
      demo,
      mail,
      secret,
      async drain(maxMs) {
        lifecycle.draining = true;
        // Live streams never finish by themselves: end them, and their readers reconnect elsewhere.
        liveHub.closeAll();
        const until = Date.now() + maxMs;
        while (lifecycle.inFlight > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
      },
      async close() {
        if (timer) clearInterval(timer);
        await indexFill?.stop();
        await server.close();
        await mail.stop();
        for (const close of onClose) await close();
        await database.close();
      },
    };
  } catch (error) {
    for (const close of onClose) await close().catch(() => {});
    await database.close();
    throw error;
  }
}
