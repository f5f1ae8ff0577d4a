import { invalid } from '../errors.js';
import { isLanguage, type Language } from '../i18n/i18n.js';
import { isValidTimeZone } from '../shared/time.js';

/** Site settings: rows an administrator edits, unlike deploy configuration. */
export interface SiteSettings {
  title: string;
  description: string;
  language: Language;
  timeZone: string;
  postsPerPage: number;
}

export const DEFAULT_SETTINGS: SiteSettings = {
  title: 'Ytring',
  description: '',
  language: 'da',
  timeZone: 'Europe/Copenhagen',
  postsPerPage: 10,
};

type Validators = { [K in keyof SiteSettings]: (value: unknown) => value is SiteSettings[K] };

const VALIDATORS: Validators = {
  title: (v): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= 120,
  description: (v): v is string => typeof v === 'string' && v.length <= 500,
  language: (v): v is Language => isLanguage(v),
  timeZone: (v): v is string => typeof v === 'string' && isValidTimeZone(v),
  postsPerPage: (v): v is number => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 100,
};

export function isSettingKey(key: string): key is keyof SiteSettings {
  return Object.hasOwn(VALIDATORS, key);
}

export function validateSettings(changes: Partial<SiteSettings>): void {
  const problems: Record<string, string> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (!isSettingKey(key)) problems[key] = 'unknown';
    else if (!VALIDATORS[key](value)) problems[key] = 'invalid';
  }
  if (Object.keys(problems).length > 0) throw invalid(problems);
}

/** Stored values that no longer validate (an older version, a hand edit) fall back to the default. */
export function settingsFromRows(rows: readonly { key: string; value: string }[]): SiteSettings {
  const settings: SiteSettings = { ...DEFAULT_SETTINGS };
  for (const { key, value } of rows) {
    if (!isSettingKey(key)) continue;
    let parsed: unknown;
    try { parsed = JSON.parse(value); } catch { continue; }
    if (VALIDATORS[key](parsed)) (settings as unknown as Record<string, unknown>)[key] = parsed;
  }
  return settings;
}
