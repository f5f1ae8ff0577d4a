/** The settings form: typed text in, settings out, with every problem named per field and the text kept. */
import { AppError } from '../../errors.js';
import { normaliseHex } from '../../settings/contrast.js';
import { validateSettings, type SiteSettings } from '../../settings/settings.js';
import { Form, Text } from '../../http/schemas.js';
import type { Static } from '@fastify/type-provider-typebox';
import { problemsIn, type ProblemCatalogue, type Problems } from '../../shared/problems.js';
import { clip } from '../admin-page.js';

export type SettingsFormValues = { [K in keyof SiteSettings]: string };

/** The settings form's shape: every field text; the numbers, the colour and the rest are judged below, per field. */
export const SettingsForm = Form({
  title: Text,
  description: Text,
  language: Text,
  timeZone: Text,
  commentPolicy: Text,
  postsPerPage: Text,
  commentMaxDepth: Text,
  commentsPerPage: Text,
  commentsCloseAfterDays: Text,
  editWindowMinutes: Text,
  minSecondsToSubmit: Text,
  maxLinks: Text,
  commentsPerHourPerIp: Text,
  commentsPerHourPerEmail: Text,
  holdScore: Text,
  spamScore: Text,
  ipRetentionDays: Text,
  followerMailsPerMinute: Text,
  questionEnabled: Text,
  honeypotEnabled: Text,
  duplicateCheckEnabled: Text,
  moderatorEmails: Text,
  accentColor: Text,
  opened: Text,
});
export type SettingsFormInput = Static<typeof SettingsForm>;

const ANY = ['invalid'] as const;
const NUMBER = ['invalid', 'not_a_number'] as const;
/**
 * Every problem the settings form can come back with, by field. Closed: settings.page.tsx has a
 * message for each code (and more specific ones for some fields), typed over this, so tsc fails on a
 * code without one.
 */
export const SETTINGS_PROBLEMS = {
  form: ['invalid'],
  title: ANY,
  description: ANY,
  language: ANY,
  timeZone: ANY,
  commentPolicy: ANY,
  postsPerPage: NUMBER,
  commentMaxDepth: NUMBER,
  commentsPerPage: NUMBER,
  commentsCloseAfterDays: NUMBER,
  editWindowMinutes: NUMBER,
  minSecondsToSubmit: NUMBER,
  maxLinks: NUMBER,
  commentsPerHourPerIp: NUMBER,
  commentsPerHourPerEmail: NUMBER,
  holdScore: [...NUMBER, 'not_below_spam'],
  spamScore: NUMBER,
  ipRetentionDays: NUMBER,
  followerMailsPerMinute: NUMBER,
  questionEnabled: ANY,
  honeypotEnabled: ANY,
  duplicateCheckEnabled: ANY,
  moderatorEmails: ANY,
  accentColor: ['invalid', 'low_contrast'],
} as const satisfies ProblemCatalogue & { [F in Exclude<keyof SettingsFormInput, '_csrf' | 'opened'>]: readonly string[] };
export type SettingsProblems = Problems<typeof SETTINGS_PROBLEMS>;

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
] as const satisfies readonly (keyof SiteSettings & keyof SettingsFormInput)[];

const TEXT_FIELDS = ['title', 'description', 'language', 'timeZone', 'commentPolicy'] as const satisfies readonly (keyof SiteSettings &
  keyof SettingsFormInput)[];

export const BOOLEAN_FIELDS = [
  'questionEnabled',
  'honeypotEnabled',
  'duplicateCheckEnabled',
] as const satisfies readonly (keyof SiteSettings & keyof SettingsFormInput)[];

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
export function parseSettingsForm(body: SettingsFormInput): {
  values: SettingsFormValues;
  changes: Partial<SiteSettings>;
  errors: SettingsProblems;
} {
  const values = {} as SettingsFormValues;
  const changes: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const key of TEXT_FIELDS) {
    values[key] = clip(body[key], key === 'description' ? 2000 : 500).trim();
    changes[key] = values[key];
  }
  for (const key of NUMBER_FIELDS) {
    values[key] = clip(body[key], 30).trim();
    if (/^-?\d{1,12}$/.test(values[key])) changes[key] = Number(values[key]);
    else errors[key] = 'not_a_number';
  }
  for (const key of BOOLEAN_FIELDS) {
    values[key] = body[key] === '1' ? '1' : '';
    changes[key] = values[key] === '1';
  }
  values.moderatorEmails = clip(body.moderatorEmails, 20_000).trim();
  changes.moderatorEmails = values.moderatorEmails
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((e) => e.toLowerCase());
  values.accentColor = clip(body.accentColor, 50).trim();
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
  return { values, changes: changes as Partial<SiteSettings>, errors: problemsIn(SETTINGS_PROBLEMS, errors) };
}

/** The most `opened` may hold: every field at its longest, as JSON. */
const OPENED_MAX = 40_000;

/**
 * The form's values as it was opened, from its hidden `opened` field (JSON); undefined when missing
 * or unreadable, and then the whole form counts as changed, as it did before.
 */
export function readOpened(text: string | undefined): Partial<Record<string, string>> | undefined {
  if (!text || text.length > OPENED_MAX) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return undefined;
  }
}

/**
 * Only the settings this person changed in the form: a field left as it was opened is not written,
 * so two admins saving the settings at once keep each other's changes (the same field changed by
 * both ends as the later save has it).
 */
export function changedOnly(
  changes: Partial<SiteSettings>,
  values: SettingsFormValues,
  opened: Partial<Record<string, string>> | undefined,
): Partial<SiteSettings> {
  if (!opened) return changes;
  // A browser sends a text area's line breaks as CR LF, whatever the page held.
  const same = (a: string | undefined, b: string) => a !== undefined && a.replace(/\r\n/g, '\n') === b.replace(/\r\n/g, '\n');
  return Object.fromEntries(
    Object.entries(changes).filter(([key]) => !same(opened[key], values[key as keyof SettingsFormValues])),
  ) as Partial<SiteSettings>;
}
