/** `ytring import ytring FILE`: a Ytring export back into an empty database, in one transaction. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { rebuildSearchIndex } from '../search/search.service.js';
import { inTransaction, type Db } from '../storage/db.js';
import { countRows, deleteAllRows, insertRows, type Row } from './dump.repository.js';
import { EXPORT_FORMAT, EXPORT_VERSION } from './exporter.js';
import { EXPORTED_TABLES, REPLACED_ON_RESTORE } from './tables.js';

/** An export that cannot be restored, or a database that is not empty; nothing was stored. */
export class RestoreError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
    this.name = 'RestoreError';
  }
}

export interface RestoreOptions {
  batchSize?: number;
  onProgress?: (progress: { bytesRead: number; totalBytes: number; rows: number }) => void;
}

export interface RestoreInput {
  lines: AsyncIterable<string>;
  bytesRead(): number;
  totalBytes: number;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Restores rows per table; throws RestoreError (with the line) for a bad file or a database that already has content. */
export async function restoreSite(db: Db, input: RestoreInput, options: RestoreOptions = {}): Promise<Record<string, number>> {
  const batchSize = options.batchSize ?? 200;
  const known = new Map(EXPORTED_TABLES.map((t, i) => [t.name as string, i]));
  return inTransaction(db, async (trx) => {
    for (const table of EXPORTED_TABLES) {
      if (REPLACED_ON_RESTORE.includes(table.name)) continue;
      if ((await countRows(trx, table.name)) > 0)
        throw new RestoreError(`the database is not empty (${table.name} has rows): restore into a new database`);
    }
    for (const table of REPLACED_ON_RESTORE) await deleteAllRows(trx, table);
    const counts: Record<string, number> = {};
    let lineNumber = 0;
    let headerSeen = false;
    let ended: Record<string, unknown> | undefined;
    let current: string | undefined;
    let position = -1;
    let batch: Row[] = [];
    let rows = 0;
    const flush = async () => {
      if (current && batch.length > 0) await insertRows(trx, current, batch);
      batch = [];
    };
    for await (const text of input.lines) {
      lineNumber++;
      if (!text.trim()) continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new RestoreError('not a line of JSON', lineNumber);
      }
      if (!isObject(value)) throw new RestoreError('expected a JSON object', lineNumber);
      if (!headerSeen) {
        if (value.format !== EXPORT_FORMAT)
          throw new RestoreError('not a Ytring export (the first line has no "format":"ytring")', lineNumber);
        if (value.version !== EXPORT_VERSION)
          throw new RestoreError(`export version ${String(value.version)} is not one this Ytring reads (${EXPORT_VERSION})`, lineNumber);
        headerSeen = true;
        continue;
      }
      if (ended) throw new RestoreError('text after the end line', lineNumber);
      if (value.end === true) {
        ended = value;
        continue;
      }
      const table = value.table;
      if (typeof table !== 'string' || !known.has(table)) throw new RestoreError(`unknown table ${JSON.stringify(table)}`, lineNumber);
      if (!isObject(value.row)) throw new RestoreError('a row must be a JSON object', lineNumber);
      if (table !== current) {
        await flush();
        // Parents come first in the file as in EXPORTED_TABLES; going back would break a foreign key.
        if (known.get(table)! < position) throw new RestoreError(`table ${table} comes after a table it must precede`, lineNumber);
        current = table;
        position = known.get(table)!;
      }
      batch.push(value.row);
      counts[table] = (counts[table] ?? 0) + 1;
      rows++;
      if (batch.length >= batchSize) {
        await flush();
        options.onProgress?.({ bytesRead: input.bytesRead(), totalBytes: input.totalBytes, rows });
      }
    }
    await flush();
    if (!headerSeen) throw new RestoreError('the file is empty');
    if (!ended) throw new RestoreError(`the file ends early, after line ${lineNumber} (cut off?): no end line`);
    const expected = isObject(ended.counts) ? ended.counts : {};
    for (const [table, n] of Object.entries(expected)) {
      if ((counts[table] ?? 0) !== n)
        throw new RestoreError(`the end line promises ${String(n)} rows of ${table}, the file has ${counts[table] ?? 0}`);
    }
    await rebuildSearchIndex(trx);
    options.onProgress?.({ bytesRead: input.bytesRead(), totalBytes: input.totalBytes, rows });
    return counts;
  });
}

/** Restores the export at `path`, streaming it. */
export async function restoreFile(db: Db, path: string, options: RestoreOptions = {}): Promise<Record<string, number>> {
  const { size } = await stat(path);
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  const reader = createInterface({ input: stream, crlfDelay: Infinity });
  // Take the iterator now: lines read while the restore still checks the database would otherwise be lost.
  const iterator = reader[Symbol.asyncIterator]();
  const lines = { [Symbol.asyncIterator]: () => iterator };
  try {
    return await restoreSite(db, { lines, bytesRead: () => stream.bytesRead, totalBytes: size }, options);
  } finally {
    reader.close();
    stream.destroy();
  }
}
