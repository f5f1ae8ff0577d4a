import type { Db } from '../storage/db.js';

export async function readSettingRows(db: Db): Promise<{ key: string; value: string }[]> {
  return db.selectFrom('settings').select(['key', 'value']).execute();
}

export async function writeSettingRow(db: Db, key: string, value: string, at: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
    .execute();
}

// The secret lives beside the settings but under a key settingsFromRows ignores, so it never
// reaches a view or an export of settings.
const SECRET_KEY = 'instance.secret';

export async function readSecretRow(db: Db): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SECRET_KEY).executeTakeFirst();
  return row ? (JSON.parse(row.value) as string) : undefined;
}

export async function insertSecretRowIfMissing(db: Db, secret: string, at: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: SECRET_KEY, value: JSON.stringify(secret), updated_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

// Set once and never cleared: the site has had an account, so first-run setup is over for good.
const IN_USE_KEY = 'instance.first_account_at';

export async function readInUseRow(db: Db): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', IN_USE_KEY).executeTakeFirst();
  return row?.value;
}

export async function insertInUseRowIfMissing(db: Db, at: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: IN_USE_KEY, value: JSON.stringify(at), updated_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}
