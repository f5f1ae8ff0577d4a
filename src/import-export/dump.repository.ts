/** Table-agnostic reads and writes for export and restore; the table list lives in tables.ts. */
import { sql, type Kysely } from 'kysely';
import type { Db } from '../storage/db.js';

export type Row = Record<string, unknown>;

// Export and restore handle every table alike, so the table name is a value here, not a type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const loose = (db: Db) => db as unknown as Kysely<any>;

/** One batch of a table's rows in primary-key order, after the row whose key is `after` (keyset paging on one-column keys). */
export async function readRowsAfter(
  db: Db,
  table: string,
  key: readonly string[],
  after: unknown[] | undefined,
  offset: number,
  limit: number,
): Promise<Row[]> {
  let query = loose(db).selectFrom(table).selectAll();
  for (const column of key) query = query.orderBy(sql.ref(column));
  if (key.length === 1 && after) query = query.where(sql.ref(key[0]!), '>', after[0]);
  else if (offset > 0) query = query.offset(offset);
  return query.limit(limit).execute() as Promise<Row[]>;
}

export async function countRows(db: Db, table: string): Promise<number> {
  const row = await loose(db)
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function insertRows(db: Db, table: string, rows: readonly Row[]): Promise<void> {
  if (rows.length > 0)
    await loose(db)
      .insertInto(table)
      .values(rows as Row[])
      .execute();
}

export async function deleteAllRows(db: Db, table: string): Promise<void> {
  await loose(db).deleteFrom(table).execute();
}

/** Rows of `table` whose `column` is one of `values`, in `orderBy` order. */
export async function readRowsWhereIn(
  db: Db,
  table: string,
  column: string,
  values: readonly unknown[],
  orderBy: readonly string[],
): Promise<Row[]> {
  if (values.length === 0) return [];
  let query = loose(db).selectFrom(table).selectAll().where(sql.ref(column), 'in', values);
  for (const order of orderBy) query = query.orderBy(sql.ref(order));
  return query.execute() as Promise<Row[]>;
}
