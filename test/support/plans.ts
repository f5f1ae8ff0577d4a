/** The plan a database makes for a recorded statement, as text, for tests of how a read is served. */
import { CompiledQuery, sql } from 'kysely';
import { openDb, type Db, type Dialect } from '../../src/storage/db.js';
import { createTestDatabase } from './db.js';

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

/** A migrated test database whose statements can be recorded, for the reads a plan test looks at. */
export interface RecordedDatabase {
  readonly db: Db;
  /** Runs `act` and gives the statements run meanwhile, in order, with their parameters. */
  record(act: () => Promise<unknown>): Promise<RecordedQuery[]>;
  close(): Promise<void>;
}

export async function openRecordedDatabase(dialect: Dialect): Promise<RecordedDatabase> {
  const database = await createTestDatabase(dialect, { migrated: true });
  let recording: RecordedQuery[] | undefined;
  const open = openDb(database.config, { log: (query) => recording?.push({ sql: query.sql, parameters: query.parameters }) });
  return {
    db: open.db,
    async record(act) {
      const queries: RecordedQuery[] = [];
      recording = queries;
      try {
        await act();
        return queries;
      } finally {
        recording = undefined;
      }
    },
    async close() {
      await open.close();
      await database.drop();
    },
  };
}
