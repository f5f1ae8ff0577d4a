import { Migrator, sql } from 'kysely';
import type { Db, Dialect } from './db.js';
import { migrations } from './migrations/index.js';

/** Brings the schema up to date; throws with the failing migration's name. Safe to re-run, and from several instances at once. */
export async function migrateToLatest(db: Db, dialect: Dialect): Promise<string[]> {
  // Kysely looks for its bookkeeping tables across every schema it can see; name ours, or a
  // second site (or a test) in another schema of the same PostgreSQL database would fool it.
  const schema = dialect === 'postgres'
    ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
    : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'ytring_migrations',
    migrationLockTableName: 'ytring_migrations_lock',
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of this build's migrations the database has not recorded as run; throws when the database does not answer. */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from ytring_migrations`.execute(db).catch((error: unknown) => {
    // A database never migrated has no bookkeeping table: everything is pending.
    if (/ytring_migrations/.test(String((error as Error | undefined)?.message))) return { rows: [] };
    throw error;
  });
  const done = new Set(rows.map((row) => row.name));
  return Object.keys(migrations).filter((name) => !done.has(name));
}
