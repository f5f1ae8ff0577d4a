/** Builds the database, services and the Fastify app from a Config; nothing listens here. */
import type { FastifyInstance } from 'fastify';
import { runCommentMaintenance } from './comments/comment-maintenance.js';
import type { Config } from './config.js';
import { demoContent } from './demo/demo-content.js';
import { loadDemo, type DemoSummary } from './demo/load-demo.js';
import { loadAssets } from './http/assets.js';
import { buildServer } from './http/server.js';
import { smtpTransport } from './notifications/mail.service.js';
import { startMailWorker, type MailWorker } from './notifications/mail.worker.js';
import { publishDuePosts } from './posts/post.service.js';
import { withJobLock } from './storage/job-lock.js';
import { isSearchIndexMissing, rebuildSearchIndex } from './search/search.service.js';
import { ensureSecret } from './settings/secret.js';
import { getSiteSettings } from './settings/settings.service.js';
import { openContentVersion } from './storage/content-version.js';
import { openDb, type OpenDb } from './storage/db.js';
import { PageCache } from './http/page-cache.js';
import { migrateToLatest } from './storage/migrate.js';
import { isSiteEmpty } from './storage/site-state.js';

export interface App {
  server: FastifyInstance;
  database: OpenDb;
  demo: DemoSummary | undefined;
  mail: MailWorker;
  secret: string;
  close(): Promise<void>;
}

export interface AppOptions {
  /** How often scheduled posts and housekeeping run; 0 turns the jobs off. */
  schedulerIntervalMs?: number;
  /** How often the outbox is checked besides the kicks after each queued mail. */
  mailIntervalMs?: number;
}

export async function buildApp(config: Config, options: AppOptions = {}): Promise<App> {
  const onClose: (() => Promise<void>)[] = [];
  const database = openDb(config.database);
  const { db } = database;
  try {
    await migrateToLatest(db, database.dialect);
    const secret = await ensureSecret(db, config.secret);
    const demo = config.demo && await isSiteEmpty(db) ? await loadDemo(db, demoContent, { secret }) : undefined;
    // Posts from before the search index existed (or a restored database) are indexed once.
    if (await isSearchIndexMissing(db)) await rebuildSearchIndex(db);
    // The routes need to kick the mail worker, and the worker needs the server's logger.
    const mailKick = { kick: () => {} };
    const logSink: { warn(obj: object, msg: string): void } = { warn: () => {} };
    const contentVersion = await openContentVersion({
      dialect: database.dialect, url: config.database.url, readInteger: database.readInteger,
      onListenError: (error) => logSink.warn({ err: error }, 'page cache: lost the database notifications; caching paused until they are back'),
    });
    onClose.push(() => contentVersion.close());
    const pageCache = new PageCache({ maxBytes: config.pageCacheMb * 1024 * 1024, version: contentVersion });
    const server = await buildServer({
      pageCache, contentVersion,
      db, secret, baseUrl: config.baseUrl, assets: loadAssets(), logLevel: config.logLevel, trustProxy: config.trustProxy,
      smtpConfigured: Boolean(config.smtpUrl), requestTimeoutMs: config.requestTimeoutMs, uploadsDir: config.uploadsDir,
      onMailQueued: () => mailKick.kick(),
    });
    logSink.warn = (obj, msg) => server.log.warn(obj, msg);
    const mail = startMailWorker({
      db,
      transport: config.smtpUrl ? smtpTransport(config.smtpUrl) : undefined,
      from: config.mailFrom,
      intervalMs: options.mailIntervalMs ?? 60_000,
      logger: server.log,
    });

    mailKick.kick = () => mail.kick();

    const interval = options.schedulerIntervalMs ?? 30_000;
    const runJobs = async () => {
      // Several instances may share PostgreSQL: the advisory lock lets exactly one publish.
      const published = (await withJobLock(db, 'publish-due-posts', (trx) => publishDuePosts(trx))) ?? [];
      if (published.length) server.log.info({ posts: published }, 'published scheduled posts');
      await runCommentMaintenance(db, await getSiteSettings(db));
    };
    const timer = interval > 0 ? setInterval(() => {
      runJobs().catch((error: unknown) => server.log.warn({ err: error }, 'scheduled jobs failed; will retry'));
    }, interval) : undefined;
    timer?.unref();

    return {
      server,
      database,
      demo,
      mail,
      secret,
      async close() {
        if (timer) clearInterval(timer);
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
