/** Serialises transactions that read, decide and then write, where two at once could both decide wrongly. */
import { sql } from 'kysely';
import { dialectOf, type Db } from './db.js';

/**
 * Holds the lock `name` until the transaction `trx` ends; a second transaction asking for it
 * waits. PostgreSQL: a transaction-scoped advisory lock. SQLite: the database's write lock,
 * taken up front (as BEGIN IMMEDIATE would) by a write that changes nothing, so another process
 * cannot slip in between this transaction's reads and its writes.
 */
export async function lockForDecision(trx: Db, name: string): Promise<void> {
  if (!trx.isTransaction) throw new Error('lockForDecision needs a transaction');
  if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${`decision:${name}`}))`.execute(trx);
  else await sql`delete from ytring_migrations where 0`.execute(trx);
}

/**
 * The rows `query` reads, locked until the transaction ends where the database locks rows
 * (PostgreSQL's `for update`): a writer of one of them waits, and one already writing is waited
 * for and its row read as it committed it. SQLite's one connection runs one transaction at a time.
 */
export function lockingRead<Q extends { forUpdate(): Q }>(trx: Db, query: Q): Q {
  if (!trx.isTransaction) throw new Error('lockingRead needs a transaction');
  return dialectOf(trx) === 'postgres' ? query.forUpdate() : query;
}
