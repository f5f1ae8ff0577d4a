/** Starts the real app on 127.0.0.1 and a free port, against a fresh database. */
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/storage/db.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export interface TestServer {
  url: string;
  db: Db;
  app: App;
  database: TestDatabase;
  get(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  demo?: boolean;
  env?: Record<string, string>;
  /** Rewrites the address the app connects to (a proxy in between); the test database itself is made and dropped directly. */
  databaseUrl?: (url: string) => string;
}

export async function startTestServer(dialect: 'sqlite' | 'postgres', options: TestServerOptions = {}): Promise<TestServer> {
  const database = await createTestDatabase(dialect);
  const databaseUrl = options.databaseUrl?.(database.config.url) ?? database.config.url;
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: process.env.YTRING_TEST_LOG_LEVEL ?? 'silent', DATABASE_URL: databaseUrl, ...options.env }, {}, options.demo ?? false);
  const app = await buildApp({ ...config, database: databaseUrl === database.config.url ? database.config : config.database }, {
    schedulerIntervalMs: 0,
  });
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    db: app.database.db,
    app,
    database,
    get: (path, init) => fetch(`${url}${path}`, { redirect: 'manual', ...init }),
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
