/** Builds the database, services and the Fastify app from a Config; nothing listens here. */
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { demoContent } from './demo/demo-content.js';
import { loadDemo, type DemoSummary } from './demo/load-demo.js';
import { loadAssets } from './http/assets.js';
import { buildServer } from './http/server.js';
import { publishDuePosts } from './posts/post.service.js';
import { openDb, type OpenDb } from './storage/db.js';
import { migrateToLatest } from './storage/migrate.js';
import { isSiteEmpty } from './storage/site-state.js';

export interface App {
  server: FastifyInstance;
  database: OpenDb;
  demo: DemoSummary | undefined;
  close(): Promise<void>;
}

export interface AppOptions {
  /** For tests: a PostgreSQL schema to work in. */
  searchPath?: string;
  /** How often scheduled posts are checked; 0 turns the job off. */
  schedulerIntervalMs?: number;
}

export async function buildApp(config: Config, options: AppOptions = {}): Promise<App> {
  const database = openDb(config.database, options.searchPath ? { searchPath: options.searchPath } : {});
  try {
    await migrateToLatest(database.db);
    const demo = config.demo && await isSiteEmpty(database.db) ? await loadDemo(database.db, demoContent) : undefined;
    const server = await buildServer({ db: database.db, baseUrl: config.baseUrl, assets: loadAssets(), logLevel: config.logLevel });

    const interval = options.schedulerIntervalMs ?? 30_000;
    const timer = interval > 0 ? setInterval(() => {
      publishDuePosts(database.db).then((ids) => {
        if (ids.length) server.log.info({ posts: ids }, 'published scheduled posts');
      }, (error: unknown) => server.log.warn({ err: error }, 'scheduled publishing failed; will retry'));
    }, interval) : undefined;
    timer?.unref();

    return {
      server,
      database,
      demo,
      async close() {
        if (timer) clearInterval(timer);
        await server.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
