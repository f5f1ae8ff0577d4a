/** `ytring export`: every table of EXPORTED_TABLES as NDJSON, one row a line, streamed. */
import { writeFileAtomically } from './files.js';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Db } from '../storage/db.js';
import { countRows, readRowsAfter } from './dump.repository.js';
import { EXPORTED_TABLES, PRIVATE_COLUMNS } from './tables.js';

export const EXPORT_FORMAT = 'ytring';
export const EXPORT_VERSION = 1;

export interface ExportHeader {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  tables: string[];
  /** Private columns per table (password hashes, e-mail addresses …): keep the file like a backup. */
  private: Partial<Record<string, readonly string[]>>;
}

export interface ExportOptions {
  now?: Date;
  batchSize?: number;
  onProgress?: (progress: { rows: number; totalRows: number }) => void;
}

async function writeLine(out: Writable, value: unknown): Promise<void> {
  if (!out.write(`${JSON.stringify(value)}\n`)) await once(out, 'drain');
}

/**
 * Writes the site to `out`: a header line (format, version, time, tables), then
 * `{"table":…,"row":…}` lines table by table in primary-key order, then an end line with
 * the counts, so a cut-off file is noticed. Returns rows per table.
 */
export async function exportSite(db: Db, out: Writable, options: ExportOptions = {}): Promise<Record<string, number>> {
  const batchSize = options.batchSize ?? 1000;
  const totals = new Map<string, number>();
  for (const table of EXPORTED_TABLES) totals.set(table.name, await countRows(db, table.name));
  const totalRows = [...totals.values()].reduce((a, b) => a + b, 0);
  const header: ExportHeader = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: (options.now ?? new Date()).toISOString(),
    tables: EXPORTED_TABLES.map((t) => t.name),
    private: PRIVATE_COLUMNS,
  };
  await writeLine(out, header);
  const counts: Record<string, number> = {};
  let rows = 0;
  for (const table of EXPORTED_TABLES) {
    counts[table.name] = 0;
    let after: unknown[] | undefined;
    for (let offset = 0; ; offset += batchSize) {
      const batch = await readRowsAfter(db, table.name, table.key, after, offset, batchSize);
      for (const row of batch) await writeLine(out, { table: table.name, row });
      counts[table.name]! += batch.length;
      rows += batch.length;
      options.onProgress?.({ rows, totalRows });
      if (batch.length < batchSize) break;
      const last = batch[batch.length - 1]!;
      after = table.key.map((column) => last[column]);
    }
  }
  await writeLine(out, { end: true, counts });
  return counts;
}

/** Exports to `path`, written beside it first and renamed at the end, so a failed export leaves no half file. */
export async function exportSiteToFile(db: Db, path: string, options: ExportOptions = {}): Promise<Record<string, number>> {
  return writeFileAtomically(path, (out) => exportSite(db, out, options));
}
