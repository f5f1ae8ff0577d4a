import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { SqliteDialect } from 'kysely';

export function sqliteDialect(filename: string): { dialect: SqliteDialect; raw: SQLite.Database } {
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  const raw = new SQLite(filename);
  // WAL lets readers run while a comment is being written; the busy timeout rides out
  // short write locks from a second process (the CLI importing while the server runs).
  raw.pragma('journal_mode = WAL');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('foreign_keys = ON');
  raw.pragma('synchronous = NORMAL');
  return { dialect: new SqliteDialect({ database: raw }), raw };
}
