/** The settings form: typed text in, settings out, with every problem named per field and the text kept. */
import { AppError } from '../../errors.js';
import { normaliseHex } from '../../settings/contrast.js';
import { validateSettings, type SiteSettings } from '../../settings/settings.js';
import { field } from '../admin-page.js';

export type SettingsFormValues = { [K in keyof SiteSettings]: string };

export const NUMBER_FIELDS = [
  'postsPerPage',
  'commentMaxDepth',
  'commentsPerPage',
  'commentsCloseAfterDays',
  'editWindowMinutes',
  'minSecondsToSubmit',
  'maxLinks',
  'commentsPerHourPerIp',
  'commentsPerHourPerEmail',
  'holdScore',
  'spamScore',
  'ipRetentionDays',
  'followerMailsPerMinute',
] as const satisfies readonly (keyof SiteSettings)[];

const TEXT_FIELDS = ['title', 'description', 'language', 'timeZone', 'commentPolicy'] as const satisfies readonly (keyof SiteSettings)[];

export const BOOLEAN_FIELDS = [
  'questionEnabled',
  'honeypotEnabled',
  'duplicateCheckEnabled',
] as const satisfies readonly (keyof SiteSettings)[];

export function formValuesOf(settings: SiteSettings): SettingsFormValues {
  const values = {} as SettingsFormValues;
  for (const key of Object.keys(settings) as (keyof SiteSettings)[]) {
    const value = settings[key];
    values[key] =
      typeof value === 'boolean'
        ? value
          ? '1'
          : ''
        : Array.isArray(value)
          ? value.join('\n')
          : // The images have forms of their own.
            value === null || typeof value === 'object'
            ? ''
            : String(value);
  }
  return values;
}

/** Reads every setting the form has; `errors` is empty when `changes` may be saved. */
export function parseSettingsForm(body: unknown): {
  values: SettingsFormValues;
  changes: Partial<SiteSettings>;
  errors: Record<string, string>;
} {
  const values = {} as SettingsFormValues;
  const changes: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const key of TEXT_FIELDS) {
    values[key] = field(body, key, key === 'description' ? 2000 : 500).trim();
    changes[key] = values[key];
  }
  for (const key of NUMBER_FIELDS) {
    values[key] = field(body, key, 30).trim();
    if (/^-?\d{1,12}$/.test(values[key])) changes[key] = Number(values[key]);
    else errors[key] = 'not_a_number';
  }
  for (const key of BOOLEAN_FIELDS) {
    values[key] = field(body, key) === '1' ? '1' : '';
    changes[key] = values[key] === '1';
  }
  values.moderatorEmails = field(body, 'moderatorEmails', 20_000).trim();
  changes.moderatorEmails = values.moderatorEmails
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((e) => e.toLowerCase());
  values.accentColor = field(body, 'accentColor', 50).trim();
  if (values.accentColor === '') changes.accentColor = '';
  else {
    const hex = normaliseHex(values.accentColor);
    if (hex) changes.accentColor = hex;
    else errors.accentColor = 'invalid';
  }
  try {
    validateSettings(changes as Partial<SiteSettings>);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'invalid') throw error;
    for (const [key, code] of Object.entries(error.details.fields ?? {})) errors[key] ??= code;
  }
  return { values, changes: changes as Partial<SiteSettings>, errors };
}
