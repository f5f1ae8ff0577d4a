import type { Db } from '../storage/db.js';

export async function readSettingRows(db: Db): Promise<{ key: string; value: string }[]> {
  return db.selectFrom('settings').select(['key', 'value']).execute();
}

export async function writeSettingRow(db: Db, key: string, value: string, at: string): Promise<void> {
  await db.insertInto('settings').values({ key, value, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
    .execute();
}
