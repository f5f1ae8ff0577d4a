import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../db.js';

/**
 * The two tables every comment writes a row to, the spent question tokens and the rate-limit
 * windows, stored in the order of their key (SQLite: WITHOUT ROWID). As rowid tables each
 * row went into the table and again into the key's index: two b-trees, and two more pages in the
 * WAL for every comment. PostgreSQL keeps a heap and an index whatever the table says: nothing to do.
 * Both hold only short-lived rows (six hours, one hour), copied over as they are.
 */
const TABLES = [
  { name: 'used_question_tokens', columns: 'nonce text primary key not null, expires_at text not null', copy: 'nonce, expires_at' },
  {
    name: 'rate_limits',
    columns: 'key text primary key not null, window_start text not null, hits integer not null',
    copy: 'key, window_start, hits',
  },
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function rebuild(db: Kysely<any>, withoutRowid: boolean): Promise<void> {
  if (dialectOf(db) === 'postgres') return;
  // Inside the migration lock's transaction (migrate.ts): a stop half-way leaves the old tables as they were.
  for (const table of TABLES) {
    await sql.raw(`drop table if exists ${table.name}_rebuilt`).execute(db);
    await sql.raw(`create table ${table.name}_rebuilt (${table.columns})${withoutRowid ? ' without rowid' : ''}`).execute(db);
    await sql.raw(`insert into ${table.name}_rebuilt (${table.copy}) select ${table.copy} from ${table.name}`).execute(db);
    await sql.raw(`drop table ${table.name}`).execute(db);
    await sql.raw(`alter table ${table.name}_rebuilt rename to ${table.name}`).execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await rebuild(db, true);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await rebuild(db, false);
}
