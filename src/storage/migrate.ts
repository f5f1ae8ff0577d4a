import { Migrator, sql, type Kysely } from 'kysely';
import type { Db, Dialect } from './db.js';
import { migrations } from './migrations/index.js';

export interface MigrateOptions {
  /** Told when the database was migrated further by a newer build and is left as it is; standard error by default. */
  warn?: (message: string, newer: string[]) => void;
}

/**
 * Brings the schema up to date; throws with the failing migration's name. Safe to re-run, and from
 * several instances at once: one migrates while the others wait, then find nothing left to do.
 * A database a newer build has migrated further is left alone (with a warning), because
 * migrations only add: this build runs on it.
 */
export async function migrateToLatest(db: Db, dialect: Dialect, options: MigrateOptions = {}): Promise<string[]> {
  const warn = options.warn ?? ((message: string) => console.warn(message));
  if (await aheadOfThisBuild(db, warn)) return [];
  // Kysely looks for its bookkeeping tables across every schema it can see; name ours, or a
  // second site (or a test) in another schema of the same PostgreSQL database would fool it.
  const schema =
    dialect === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({
    db: dialect === 'sqlite' ? withSqliteMigrationLock(db) : db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'ytring_migrations',
    migrationLockTableName: 'ytring_migrations_lock',
    ...(schema ? { migrationTableSchema: schema } : {}),
    nameComparator: compareMigrationNames,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    // A newer instance may have migrated between the check above and the lock.
    if (!failed && (await aheadOfThisBuild(db, warn).catch(() => false))) return [];
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Orders migration names as Kysely's default, localeCompare, orders ours (YYYY_MM_DD_NNNNNN_name,
 * ASCII, unique numbers), without loading ICU's collation at every start (about 9 ms of CPU).
 */
export function compareMigrationNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * True when the database has every migration this build knows and more from a newer build; throws
 * when it has newer ones yet lacks one of this build's, which no build can sort out by itself.
 */
async function aheadOfThisBuild(db: Db, warn: NonNullable<MigrateOptions['warn']>): Promise<boolean> {
  const done = await recordedMigrations(db);
  const known = Object.keys(migrations);
  const newer = [...done].filter((name) => !(name in migrations)).sort();
  if (newer.length === 0) return false;
  const missing = known.filter((name) => !done.has(name));
  if (missing.length > 0) {
    throw new Error(
      `The database was migrated by a newer Ytring (${newer.join(', ')}) but lacks ${missing.join(', ')}, which this build would have to add before them. Start the newer version, or restore the backup taken before the upgrade.`,
    );
  }
  warn(`The database was migrated by a newer Ytring (${newer.join(', ')}); this build runs on it because migrations only add.`, newer);
  return true;
}

/**
 * Kysely's SQLite adapter takes no lock, trusting that one connection is all there is; two
 * processes (or two connections) on one file would both run every migration. Holding SQLite's
 * write lock from before Kysely reads which migrations have run until after the last one makes the
 * others wait, then find them done.
 */
function withSqliteMigrationLock(db: Db): Db {
  const executor = db.getExecutor();
  const adapter = executor.adapter;
  // Kysely releases in a finally, also when acquiring failed; then there is nothing to commit.
  let held = false;
  const locking = Object.create(adapter, {
    acquireMigrationLock: {
      value: async (connection: Kysely<unknown>) => {
        // Waiting in SQLite's busy handler would stall this process's event loop (better-sqlite3
        // is synchronous), and with it any other connection of this process that holds the lock;
        // so ask without waiting, and wait here between tries.
        const { rows } = await sql<{ timeout: number }>`pragma busy_timeout`.execute(connection);
        await sql`pragma busy_timeout = 0`.execute(connection);
        const deadline = Date.now() + 10 * 60_000;
        try {
          for (;;) {
            try {
              await sql`begin immediate`.execute(connection);
              held = true;
              return;
            } catch (error) {
              if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
            }
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        } finally {
          await sql.raw(`pragma busy_timeout = ${Number(rows[0]?.timeout ?? 5000)}`).execute(connection);
        }
      },
    },
    releaseMigrationLock: {
      value: async (connection: Kysely<unknown>) => {
        if (!held) return;
        held = false;
        await sql`commit`.execute(connection);
      },
    },
  }) as typeof adapter;
  const lockingExecutor = new Proxy(executor, {
    get: (target, key) => (key === 'adapter' ? locking : bound(target, key)),
  });
  return new Proxy(db, {
    get: (target, key) => (key === 'getExecutor' ? () => lockingExecutor : bound(target, key)),
  });
}

/** Kysely's classes keep private fields, which a method only reaches when called on its real object. */
function bound(target: object, key: string | symbol): unknown {
  const value: unknown = Reflect.get(target, key, target);
  return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
}

/** Names the database has recorded as run; none when it was never migrated. */
async function recordedMigrations(db: Db): Promise<Set<string>> {
  const { rows } = await sql<{ name: string }>`select name from ytring_migrations`.execute(db).catch((error: unknown) => {
    // A database never migrated has no bookkeeping table.
    if (/ytring_migrations/.test(String((error as Error | undefined)?.message))) return { rows: [] };
    throw error;
  });
  return new Set(rows.map((row) => row.name));
}

/** Names of this build's migrations the database has not recorded as run; throws when the database does not answer. */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const done = await recordedMigrations(db);
  return Object.keys(migrations).filter((name) => !done.has(name));
}

/** Names of migrations the database has recorded that this build does not know: a newer build ran them. */
export async function newerMigrations(db: Db): Promise<string[]> {
  const done = await recordedMigrations(db);
  return [...done].filter((name) => !(name in migrations)).sort();
}
