import type { Selectable } from 'kysely';
import type { UploadTable } from '../accounts/account.table.js';
import type { Db } from '../storage/db.js';

export type UploadRow = Selectable<UploadTable>;

export async function insertUploadRow(db: Db, row: UploadRow): Promise<void> {
  await db.insertInto('uploads').values(row).execute();
}

export async function findUploadRowById(db: Db, id: string): Promise<UploadRow | undefined> {
  return db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUploadRowsByIds(db: Db, ids: readonly string[]): Promise<UploadRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('uploads').selectAll().where('id', 'in', ids).orderBy('id').execute();
}
