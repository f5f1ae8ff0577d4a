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
    return created;
  };
  return { dialect: new PostgresDialect({ pool }) };
}
