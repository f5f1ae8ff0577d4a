import type { Db } from '../storage/db.js';
import { readSettingRows, writeSettingRow } from './setting.repository.js';
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
