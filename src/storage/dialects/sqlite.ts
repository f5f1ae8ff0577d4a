import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { SqliteDialect } from 'kysely';
import { foldText } from '../text-match.js';

export function sqliteDialect(filename: string): { dialect: SqliteDialect; raw: SQLite.Database } {
  if (filename !== ':memory:') {
    try {
      mkdirSync(dirname(filename), { recursive: true });
    } catch (error) {
      // Raised as SQLite's own "cannot open" (errors.ts), so a command names the database in one line.
      throw Object.assign(new Error(`its folder ${dirname(filename)} cannot be made: ${(error as Error).message}`), {
        code: 'SQLITE_CANTOPEN',
        cause: error,
      });
    }
  }
  const raw = new SQLite(filename);
  // WAL lets readers run while a comment is being written; the busy timeout rides out
  // short write locks from a second process (the CLI importing while the server runs).
  raw.pragma('journal_mode = WAL');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('foreign_keys = ON');
  raw.pragma('synchronous = NORMAL');
  // A comment writes some twenty pages; at the default checkpoint every 1,000 pages, every fiftieth
  // comment or so stopped the event loop for a checkpoint's two fsyncs and wrote back pages the
  // next ones changed again. 8,000 pages (32 MB of WAL at most) cut the commit's time by a fifth.
  raw.pragma('wal_autocheckpoint = 8000');
  // PostgreSQL gets its ytring_fold from migration 000016; here it is the same code, per connection.
  raw.function('ytring_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldText(text) : text));
  return { dialect: new SqliteDialect({ database: withStatementCache(raw) }), raw };
}

const STATEMENTS_KEPT = 500;

/**
 * Kysely prepares every query anew, and preparing costs more than running most of ours. The same
 * SQL text gets the same prepared statement back, unless that one is still busy (a row iterator
 * left open by a streamed export), which gets a fresh one.
 */
function withStatementCache(raw: SQLite.Database): Pick<SQLite.Database, 'prepare' | 'close'> {
  const kept = new Map<string, SQLite.Statement>();
  return {
    prepare(source: string) {
      const statement = kept.get(source);
      if (statement && !statement.busy) return statement;
      const fresh = raw.prepare(source);
      if (!statement) {
        kept.set(source, fresh);
        if (kept.size > STATEMENTS_KEPT) kept.delete(kept.keys().next().value!);
      }
      return fresh;
    },
    close() {
      kept.clear();
      return raw.close();
    },
  } as Pick<SQLite.Database, 'prepare' | 'close'>;
}
