import { invalid } from '../errors.js';
import { isLanguage, type Language } from '../i18n/i18n.js';
import { isValidTimeZone } from '../shared/time.js';
import { isEmailAddress } from '../shared/email-obfuscation.js';

/** Site settings: rows an administrator edits, unlike deploy configuration. */
export interface SiteSettings {
  title: string;
  description: string;
  language: Language;
  timeZone: string;
  postsPerPage: number;
  /** open: publish at once; first-time: hold until one of the address's comments was approved; all: hold everything. */
  commentPolicy: CommentPolicy;
  commentMaxDepth: number;
  /** Top-level comments per page of a thread. */
  commentsPerPage: number;
  /** Comments close this many days after publication; 0 keeps them open. */
  commentsCloseAfterDays: number;
  ipRetentionDays: number;
  questionEnabled: boolean;
  /** The hidden field only bots fill in. */
  honeypotEnabled: boolean;
  /** Refuse the same text from the same address on the same post twice. */
  duplicateCheckEnabled: boolean;
  minSecondsToSubmit: number;
  maxLinks: number;
  commentsPerHourPerIp: number;
  commentsPerHourPerEmail: number;
  /** Spam score at which a comment is held, and at which it is marked as spam. */
  holdScore: number;
  spamScore: number;
  editWindowMinutes: number;
  /** Addresses told when a comment waits for moderation. */
  moderatorEmails: string[];
  /** How many mails about a new post go to followers per minute at most (issue 19). */
  followerMailsPerMinute: number;
}

export type CommentPolicy = 'open' | 'first-time' | 'all';

export const DEFAULT_SETTINGS: SiteSettings = {
  title: 'Ytring',
  description: '',
  language: 'da',
  timeZone: 'Europe/Copenhagen',
  postsPerPage: 10,
  commentPolicy: 'open',
  commentMaxDepth: 3,
  commentsPerPage: 50,
  commentsCloseAfterDays: 0,
  ipRetentionDays: 30,
  questionEnabled: true,
  honeypotEnabled: true,
  duplicateCheckEnabled: true,
  minSecondsToSubmit: 3,
  maxLinks: 2,
  commentsPerHourPerIp: 20,
  commentsPerHourPerEmail: 10,
  holdScore: 3,
  spamScore: 8,
  editWindowMinutes: 15,
  moderatorEmails: [],
  followerMailsPerMinute: 600,
};

const isInt =
  (min: number, max: number) =>
  (v: unknown): v is number =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

type Validators = { [K in keyof SiteSettings]: (value: unknown) => value is SiteSettings[K] };

const VALIDATORS: Validators = {
  title: (v): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= 120,
  description: (v): v is string => typeof v === 'string' && v.length <= 500,
  language: (v): v is Language => isLanguage(v),
  timeZone: (v): v is string => typeof v === 'string' && isValidTimeZone(v),
  postsPerPage: isInt(1, 100),
  commentPolicy: (v): v is CommentPolicy => v === 'open' || v === 'first-time' || v === 'all',
  commentMaxDepth: isInt(1, 10),
  commentsPerPage: isInt(5, 500),
  commentsCloseAfterDays: isInt(0, 36500),
  ipRetentionDays: isInt(1, 3650),
  questionEnabled: (v): v is boolean => typeof v === 'boolean',
  honeypotEnabled: (v): v is boolean => typeof v === 'boolean',
  duplicateCheckEnabled: (v): v is boolean => typeof v === 'boolean',
  minSecondsToSubmit: isInt(0, 600),
  maxLinks: isInt(0, 100),
  commentsPerHourPerIp: isInt(1, 1_000_000),
  commentsPerHourPerEmail: isInt(1, 1_000_000),
  holdScore: isInt(1, 1000),
  spamScore: isInt(1, 1000),
  editWindowMinutes: isInt(0, 1440),
  moderatorEmails: (v): v is string[] => Array.isArray(v) && v.length <= 50 && v.every((e) => typeof e === 'string' && isEmailAddress(e)),
  followerMailsPerMinute: isInt(1, 100_000),
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
    try {
      parsed = JSON.parse(value);
    } catch {
      continue;
    }
    if (VALIDATORS[key](parsed)) (settings as unknown as Record<string, unknown>)[key] = parsed;
  }
  return settings;
}
