/** The plan a database makes for a recorded statement, as text, for tests of how a read is served. */
import { CompiledQuery, sql } from 'kysely';
import type { Db, Dialect } from '../../src/storage/db.js';

export interface RecordedQuery {
  sql: string;
  parameters: readonly unknown[];
}

/**
 * SQLite: EXPLAIN QUERY PLAN's steps, one a line. PostgreSQL: EXPLAIN's text with sequential scans
 * priced out (in one session, so the setting applies), so that on a test's few rows a plan still
 * shows which index could serve the read and from where.
 */
export async function planOf(db: Db, dialect: Dialect, query: RecordedQuery): Promise<string> {
  if (dialect === 'sqlite') {
    const rows = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]));
    return rows.rows.map((r) => r.detail).join('\n');
  }
  return db.connection().execute(async (connection) => {
    await sql`set enable_seqscan = off`.execute(connection);
    try {
      const rows = await connection.executeQuery<{ 'QUERY PLAN': string }>(
        CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]),
      );
      return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await sql`reset enable_seqscan`.execute(connection);
    }
  });
}
