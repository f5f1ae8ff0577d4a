/** Starts the real app on 127.0.0.1 and a free port, against a fresh database and a fresh uploads folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Db } from '../../src/storage/db.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export interface TestServer {
  url: string;
  db: Db;
  app: App;
  database: TestDatabase;
  /** Where this server writes uploaded images: a temporary folder of its own unless `env.UPLOADS_DIR` names one. */
  uploadsDir: string;
  get(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  demo?: boolean;
  env?: Record<string, string>;
  /** Rewrites the address the app connects to (a proxy in between); the test database itself is made and dropped directly. */
  databaseUrl?: (url: string) => string;
  /** Called for every statement the app runs (tests of which statements a request makes, in what order). */
  queryLog?: (query: { sql: string; parameters: readonly unknown[] }) => void;
}

/**
 * Stops an app a test started, dropping its open connections first. Fastify's close waits for each
 * busy connection to end, and one still sending a body the server already refused (a 413) is busy
 * until its keep-alive timeout, 72 s; a test that is over has nothing to wait for.
 */
export async function closeTestApp(app: App): Promise<void> {
  app.server.server.closeAllConnections();
  await app.close();
}

export async function startTestServer(dialect: 'sqlite' | 'postgres', options: TestServerOptions = {}): Promise<TestServer> {
  // The app migrates at start all the same; from the template it finds nothing left to do.
  const database = await createTestDatabase(dialect, { migrated: true });
  const databaseUrl = options.databaseUrl?.(database.config.url) ?? database.config.url;
  // Never ./data/uploads: a test's files must not outlive it, nor meet another test's.
  const ownUploads = options.env?.UPLOADS_DIR ? undefined : mkdtempSync(join(tmpdir(), 'ytring-test-uploads-'));
  const config = testConfig(
    { DATABASE_URL: databaseUrl, ...(ownUploads ? { UPLOADS_DIR: ownUploads } : {}), ...options.env },
    options.demo,
  );
  const app = await buildApp(
    { ...config, database: databaseUrl === database.config.url ? database.config : config.database },
    {
      schedulerIntervalMs: 0,
      ...(options.queryLog ? { queryLog: options.queryLog } : {}),
    },
  );
  return listenTestApp(app, database, config.uploadsDir, async () => {
    await closeTestApp(app);
    await database.drop();
    if (ownUploads) rmSync(ownUploads, { recursive: true, force: true });
  });
}

function testConfig(env: Record<string, string>, demo = false): Config {
  // No search budget unless a test sets one: tests that fire many searches at a server on a loaded
  // machine would otherwise be answered 503 by its share of the second (search-budget.test.ts tests it).
  const base = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: process.env.YTRING_TEST_LOG_LEVEL ?? 'silent', SEARCH_MS_PER_SECOND: '0' };
  return loadConfig({ ...base, ...env }, {}, demo);
}

/** Puts a built app on 127.0.0.1 and a free port, in the shape the form and login helpers take. */
async function listenTestApp(app: App, database: TestDatabase, uploadsDir: string, close: () => Promise<void>): Promise<TestServer> {
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    db: app.database.db,
    app,
    database,
    uploadsDir,
    get: (path, init) => fetch(`${url}${path}`, { redirect: 'manual', ...init }),
    close,
  };
}

export interface SharedInstances {
  /** The instances started with the set, in the order they started. */
  servers: TestServer[];
  database: TestDatabase;
  /**
   * Starts one more instance on the same database and data folder, e.g. one that runs the
   * scheduler, or one with an uploads folder of its own; `close` stops it if the test has not.
   */
  start(options?: SharedInstanceOptions): Promise<TestServer>;
  /** Stops every instance still running, then drops the database and the data folder. */
  close(): Promise<void>;
}

export interface SharedInstanceOptions {
  /** How often this instance runs the scheduled jobs; 0 (the default) never. */
  schedulerIntervalMs?: number;
  uploadsDir?: string;
}

/**
 * Several instances of the app on one fresh PostgreSQL database and one data folder, as a
 * load-balanced deployment runs them; started one after the other, as a rolling deploy does.
 * `migrated: false` starts from an empty database, so the first instance migrates it and the
 * second finds it done.
 */
export async function startSharedInstances(
  count: number,
  { migrated = true, ...options }: SharedInstanceOptions & { migrated?: boolean } = {},
): Promise<SharedInstances> {
  const database = await createTestDatabase('postgres', { migrated });
  const dataDir = mkdtempSync(join(tmpdir(), 'ytring-shared-data-'));
  const config = testConfig({ DATABASE_URL: database.config.url, DATA_DIR: dataDir });
  const running = new Set<App>();
  const servers: TestServer[] = [];
  const start = async ({ schedulerIntervalMs = 0, uploadsDir = config.uploadsDir }: SharedInstanceOptions = {}) => {
    const app = await buildApp({ ...config, uploadsDir }, { schedulerIntervalMs });
    running.add(app);
    return listenTestApp(app, database, uploadsDir, async () => {
      if (running.delete(app)) await closeTestApp(app);
    });
  };
  const close = async () => {
    for (const app of [...running]) {
      running.delete(app);
      await closeTestApp(app);
    }
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < count; i++) servers.push(await start(options));
  } catch (error) {
    await close();
    throw error;
  }
  return { servers, database, start, close };
}
