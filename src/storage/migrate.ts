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
