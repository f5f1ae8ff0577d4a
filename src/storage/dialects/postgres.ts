import { PostgresDialect } from 'kysely';
import pg from 'pg';

export function postgresDialect(url: string, options: { max?: number } = {}): { dialect: PostgresDialect; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5000,
  });
  // An idle client losing its server (a restart) must not crash the process: the pool
  // drops it and the next query gets a fresh connection.
  pool.on('error', () => {});
  return { dialect: new PostgresDialect({ pool }), pool };
}
