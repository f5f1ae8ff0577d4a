/** A consistent copy of a running site's database, where the database allows one from here. */
import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import SQLite from 'better-sqlite3';
import type { DatabaseConfig } from './database-url.js';

export type BackupOutcome =
  | { kind: 'copied'; source: string; pages: number; ms: number }
  | { kind: 'missing'; source: string }
  /** The database is a server, backed up with its own tools: `howTo` says how. */
  | { kind: 'elsewhere'; howTo: string };

const PG_DUMP_HOW_TO = `PostgreSQL is backed up with its own tools, which take a consistent snapshot of a running site:
  pg_dump --format=custom --file=ytring.dump "$DATABASE_URL"
and restored into a new database with:
  pg_restore --no-owner --dbname="postgres://…/new_db" ytring.dump
(or use "ytring export FILE", which works on both databases).`;

/**
 * Copies the SQLite file to `target` with SQLite's online backup (pages copied in steps; writers
 * are not stopped), through `target.partial` so a failed copy never looks like a backup.
 */
export async function backupDatabase(config: DatabaseConfig, target: string): Promise<BackupOutcome> {
  if (config.dialect !== 'sqlite') return { kind: 'elsewhere', howTo: PG_DUMP_HOW_TO };
  if (!existsSync(config.filename)) return { kind: 'missing', source: config.filename };
  const partial = `${target}.partial`;
  const source = new SQLite(config.filename, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    const started = Date.now();
    const { totalPages } = await source.backup(partial);
    await rename(partial, target);
    return { kind: 'copied', source: config.filename, pages: totalPages, ms: Date.now() - started };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    source.close();
  }
}
