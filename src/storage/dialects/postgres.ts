import { PostgresDialect } from 'kysely';
import type pg from 'pg';

/**
 * The pg package, loaded when PostgreSQL is first used. Loading it builds a fetch Response (its
 * check for Cloudflare Workers), which makes Node load its whole fetch implementation: about a
 * tenth of a start's CPU, on SQLite sites too while it was imported up front.
 */
export async function loadPg(): Promise<typeof pg> {
  return (await import('pg')).default;
}

export function postgresDialect(url: string, options: { max?: number } = {}): { dialect: PostgresDialect } {
  const pool = async () => {
    const { Pool } = await loadPg();
    const created = new Pool({
      connectionString: url,
      max: options.max ?? 10,
      connectionTimeoutMillis: 5000,
    });
    // An idle client losing its server (a restart) must not crash the process: the pool
    // drops it and the next query gets a fresh connection.
    created.on('error', () => {});
    // The pool listens for a client's errors only while it is idle. Lost while lent out (the server
    // restarting between a transaction's statements), a client with no listener would throw its
    // error out of the process: the statement in flight, or the next, fails with it anyway, and
    // the pool drops the broken client when it is given back.
    created.on('connect', (client) => client.on('error', () => {}));
    return created;
  };
  return { dialect: new PostgresDialect({ pool }) };
}
