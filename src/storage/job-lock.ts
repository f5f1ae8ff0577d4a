/** Background jobs that must run on one instance at a time when several share a PostgreSQL database. */
import { sql } from 'kysely';
import { dialectOf, type Db } from './db.js';

/**
 * Runs `fn` unless another instance is running the job `name` right now; returns its result, or
 * undefined when the job was skipped. On PostgreSQL a transaction-scoped advisory lock decides,
 * and `fn` gets that transaction, so the lock lasts exactly as long as its work. On SQLite one
 * process owns the file, and `fn` simply runs.
 */
export async function withJobLock<T>(db: Db, name: string, fn: (db: Db) => Promise<T>): Promise<T | undefined> {
  if (dialectOf(db) === 'sqlite') return fn(db);
  const locked = async (trx: Db) => {
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(hashtext(${name})) as locked`.execute(trx);
    return rows[0]?.locked === true ? fn(trx) : undefined;
  };
  return db.isTransaction ? locked(db) : db.transaction().execute(locked);
}
