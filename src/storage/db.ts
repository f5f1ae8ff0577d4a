/**
 * Runs `fn` so that, when it throws, its writes are undone and the caller's transaction goes on:
 * a savepoint inside a transaction (PostgreSQL refuses every statement after a failed one until
 * it is rolled back to), a transaction of its own otherwise.
 */
export async function inSavepoint<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  if (!db.isTransaction) return db.transaction().execute(fn);
  await sql`savepoint ytring_step`.execute(db);
  try {
    const result = await fn(db);
    await sql`release savepoint ytring_step`.execute(db);
    return result;
  } catch (error) {
    await sql`rollback to savepoint ytring_step`.execute(db);
    await sql`release savepoint ytring_step`.execute(db);
    throw error;
  }
}

/** Opens the database that DATABASE_URL names; the only place that knows which dialect runs. */
import { existsSync } from 'node:fs';
import { Kysely, PostgresAdapter, sql, type LogEvent } from 'kysely';
import type { DatabaseConfig } from './database-url.js';
import type { Database } from './database.js';
import { postgresDialect } from './dialects/postgres.js';
import { sqliteDialect } from './dialects/sqlite.js';

export type Db = Kysely<Database>;
export type Dialect = DatabaseConfig['dialect'];

export interface OpenDb {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
  /**
   * SQLite only: reads one integer column of one row without Kysely's query building, for the
   * single read every request makes (the page caches' content version).
   */
  readInteger?: (sql: string) => number | undefined;
  /**
   * SQLite only: the rows of a read, with its parameters, as readInteger reads; undefined while a
   * transaction is open on the connection, whose writes may yet be rolled back.
   */
  readRows?: (sql: string, ...parameters: unknown[]) => Record<string, unknown>[] | undefined;
}

export interface OpenDbOptions {
  /** Called for every statement run, with its parameters (the query-plan tests record them). */
  log?: (query: { sql: string; parameters: readonly unknown[] }) => void;
}

export function openDb(config: DatabaseConfig, options: OpenDbOptions = {}): OpenDb {
  const { log } = options;
  const logConfig = log
    ? {
        log: (event: LogEvent) => {
          if (event.level === 'query') log(event.query);
        },
      }
    : {};
  if (config.dialect === 'sqlite') {
    const { dialect, raw } = sqliteDialect(config.filename);
    const db = new Kysely<Database>({ dialect, ...logConfig });
    const statements = new Map<string, ReturnType<typeof raw.prepare<[]>>>();
    const readInteger = (source: string) => {
      let statement = statements.get(source);
      if (!statement) statements.set(source, (statement = raw.prepare<[]>(source).pluck()));
      const value = statement.get();
      return typeof value === 'number' || typeof value === 'bigint' ? Number(value) : undefined;
    };
    const rowStatements = new Map<string, ReturnType<typeof raw.prepare<unknown[]>>>();
    const readRows = (source: string, ...parameters: unknown[]) => {
      if (raw.inTransaction) return undefined;
      let statement = rowStatements.get(source);
      if (!statement) rowStatements.set(source, (statement = raw.prepare<unknown[]>(source)));
      return statement.all(...parameters) as Record<string, unknown>[];
    };
    return { db, dialect: 'sqlite', close: () => db.destroy(), readInteger, readRows };
  }
  const { dialect } = postgresDialect(config.url);
  const db = new Kysely<Database>({ dialect, ...logConfig });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/** The database's product and version in words, e.g. "SQLite 3.46.1" or "PostgreSQL 16.4"; throws when it does not answer. */
export async function databaseVersion(db: Db): Promise<string> {
  if (dialectOf(db) === 'postgres') {
    const { rows } = await sql<{ version: string }>`select current_setting('server_version') as version`.execute(db);
    return `PostgreSQL ${rows[0]?.version ?? '?'}`;
  }
  const { rows } = await sql<{ version: string }>`select sqlite_version() as version`.execute(db);
  return `SQLite ${rows[0]?.version ?? '?'}`;
}

/** Bytes the database takes on disk (PostgreSQL: this database; SQLite: the file without its WAL). */
export async function databaseSizeBytes(db: Db): Promise<number> {
  const { rows } =
    dialectOf(db) === 'postgres'
      ? await sql<{ bytes: string | number }>`select pg_database_size(current_database()) as bytes`.execute(db)
      : await sql<{ bytes: string | number }>`select page_count * page_size as bytes from pragma_page_count(), pragma_page_size()`.execute(
          db,
        );
  return Number(rows[0]?.bytes ?? 0);
}

/** SQLite only: the database file named in the configuration when it does not exist yet (opening it would create it). */
export function missingDatabaseFile(config: DatabaseConfig): string | undefined {
  if (config.dialect !== 'sqlite' || config.filename === ':memory:') return undefined;
  return existsSync(config.filename) ? undefined : config.filename;
}

/** True when the database answers a trivial query. */
export async function pingDb(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/** Runs `fn` in a transaction, or inside the caller's transaction when `db` already is one. */
export async function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().execute(fn);
}

/**
 * The dialect behind `db`, a transaction of it, or the handle a migration gets. Read from the
 * adapter rather than a map filled by openDb: transactions and the migrator hand out new objects.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
