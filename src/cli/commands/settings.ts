import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import { DEFAULT_SETTINGS, isSettingKey } from '../../settings/settings.js';
import { getSiteSettings, updateSiteSettings } from '../../settings/settings.service.js';
import { openDb } from '../../storage/db.js';
import { migrateToLatest } from '../../storage/migrate.js';

/** Reads a value typed on the command line as the type the setting has. */
function parseValue(key: keyof typeof DEFAULT_SETTINGS, text: string): unknown {
  const sample = DEFAULT_SETTINGS[key];
  if (typeof sample === 'number') return Number(text);
  if (typeof sample === 'boolean') return text === 'true' || text === 'on' || text === '1';
  if (Array.isArray(sample))
    return text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return text;
}

/** `ytring settings [get KEY | set KEY VALUE]`: site settings for operators, until the admin has them. */
export async function settingsCommand(config: Config, args: string[]): Promise<number> {
  const [action = 'get', key, ...valueParts] = args;
  const database = openDb(config.database);
  try {
    await migrateToLatest(database.db, database.dialect);
    if (action === 'get') {
      const settings = await getSiteSettings(database.db);
      if (key && !isSettingKey(key)) {
        console.error(`Unknown setting "${key}". Settings: ${Object.keys(DEFAULT_SETTINGS).join(', ')}`);
        return 2;
      }
      const entries = key && isSettingKey(key) ? [[key, settings[key]] as const] : Object.entries(settings);
      for (const [name, value] of entries) console.log(`${name} = ${JSON.stringify(value)}`);
      return 0;
    }
    if (action === 'set' && key && valueParts.length > 0) {
      if (!isSettingKey(key)) {
        console.error(`Unknown setting "${key}". Settings: ${Object.keys(DEFAULT_SETTINGS).join(', ')}`);
        return 2;
      }
      try {
        const updated = await updateSiteSettings(database.db, { [key]: parseValue(key, valueParts.join(' ')) });
        console.log(`${key} = ${JSON.stringify(updated[key])}`);
        return 0;
      } catch (error) {
        if (error instanceof AppError) {
          console.error(`Not saved: ${key} ${error.details.fields?.[key] ?? 'is invalid'}`);
          return 2;
        }
        throw error;
      }
    }
    console.error('Usage: ytring settings get [KEY] | ytring settings set KEY VALUE');
    return 2;
  } finally {
    await database.close();
  }
}
