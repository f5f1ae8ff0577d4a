import { invalid } from '../errors.js';
import { isLanguage, type Language } from '../i18n/i18n.js';
import { isValidTimeZone } from '../shared/time.js';
import { isEmailAddress } from '../shared/email-obfuscation.js';
import { accentProblem } from './contrast.js';

/** A stored image under /uploads, with its size in pixels. */
export interface ImageRef {
  file: string;
  width: number;
  height: number;
}

/** The site's logo: a copy sized for the header (twice its CSS height) and the cleaned original. */
export interface LogoSetting {
  header: ImageRef;
  full: ImageRef;
}

/** The app icons: `<id>.png` (512 px) and `<id>-32.png`, `<id>-180.png`, `<id>-192.png`; made from the logo or uploaded. */
export interface IconSetting {
  id: string;
  fromLogo: boolean;
}

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
  /** `#rrggbb`, or empty for the theme's own; white text on it reaches WCAG AA. */
  accentColor: string;
  logo: LogoSetting | null;
  icon: IconSetting | null;
  /** The og:image of pages that have no image of their own. */
  socialImage: ImageRef | null;
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
  accentColor: '',
  logo: null,
  icon: null,
  socialImage: null,
};

const UPLOAD_NAME = /^[0-9a-f-]{36}(?:-\d{2,5})?\.(?:jpg|png|webp|gif)$/;
const isImageRef = (v: unknown): v is ImageRef => {
  const r = v as ImageRef;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof r.file === 'string' &&
    UPLOAD_NAME.test(r.file) &&
    Number.isInteger(r.width) &&
    Number.isInteger(r.height) &&
    r.width > 0 &&
    r.height > 0
  );
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
  accentColor: (v): v is string => v === '' || (typeof v === 'string' && /^#[0-9a-f]{6}$/.test(v) && accentProblem(v) === undefined),
  logo: (v): v is LogoSetting | null => v === null || (isImageRef((v as LogoSetting).header) && isImageRef((v as LogoSetting).full)),
  icon: (v): v is IconSetting | null =>
    v === null ||
    (typeof (v as IconSetting).id === 'string' &&
      /^[0-9a-f-]{36}$/.test((v as IconSetting).id) &&
      typeof (v as IconSetting).fromLogo === 'boolean'),
  socialImage: (v): v is ImageRef | null => v === null || isImageRef(v),
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
    else if (key === 'accentColor' && typeof value === 'string' && /^#[0-9a-f]{6}$/.test(value) && accentProblem(value))
      problems[key] = 'low_contrast';
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
