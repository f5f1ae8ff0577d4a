import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import SQLite from 'better-sqlite3';
import type { Config } from '../../config.js';

const PG_DUMP_HINT = `PostgreSQL is backed up with its own tools, which take a consistent snapshot of a running site:
  pg_dump --format=custom --file=ytring.dump "$DATABASE_URL"
and restored into a new database with:
  pg_restore --no-owner --dbname="postgres://…/new_db" ytring.dump
(or use "ytring export FILE", which works on both databases).`;

/**
 * `ytring backup FILE`: a consistent copy of a running SQLite site, taken with SQLite's online
 * backup (pages copied in steps; writers are not stopped). For PostgreSQL it explains pg_dump.
 */
export async function backupCommand(config: Config, args: string[]): Promise<number> {
  const [file, ...rest] = args;
  if (!file || rest.length > 0 || file.startsWith('--')) {
    console.error('Usage: ytring backup FILE');
    return 2;
  }
  if (config.database.dialect !== 'sqlite') {
    console.error(PG_DUMP_HINT);
    return 2;
  }
  if (!existsSync(config.database.filename)) {
    console.error(`No database at ${config.database.filename}: nothing to back up.`);
    return 1;
  }
  const partial = `${file}.partial`;
  const source = new SQLite(config.database.filename, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    const started = Date.now();
    const { totalPages } = await source.backup(partial);
    await rename(partial, file);
    console.log(`Backed up ${config.database.filename} to ${file}: ${totalPages} pages in ${Date.now() - started} ms.`);
    return 0;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    source.close();
  }
}
