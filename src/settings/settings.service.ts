import type { Db } from '../storage/db.js';
import { insertInUseRowIfMissing, readInUseRow, readSettingRows, writeSettingRow } from './setting.repository.js';
import { settingsFromRows, validateSettings, type SiteSettings } from './settings.js';

export async function getSiteSettings(db: Db): Promise<SiteSettings> {
  return settingsFromRows(await readSettingRows(db));
}

export async function updateSiteSettings(db: Db, changes: Partial<SiteSettings>, now = new Date()): Promise<SiteSettings> {
  validateSettings(changes);
  for (const [key, value] of Object.entries(changes)) {
    await writeSettingRow(db, key, JSON.stringify(value), now.toISOString());
  }
  return getSiteSettings(db);
}

/** Records, once, that the site has had an account; nothing clears it. */
export async function markSiteInUse(db: Db, now = new Date()): Promise<void> {
  await insertInUseRowIfMissing(db, now.toISOString());
}

/** Whether an account was ever made here (since this mark exists; older sites still have their accounts). */
export async function wasSiteInUse(db: Db): Promise<boolean> {
  return (await readInUseRow(db)) !== undefined;
}
