/** E-mail messages and the rules they must pass before they reach the outbox or a mail server. */
import { invalid } from '../errors.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** An HTML part beside `text`, for mail that has one (followers' post mails). */
  html?: string;
  headers?: Record<string, string>;
}

/** A message in the outbox, as the admin and the tests see it. */
export interface OutboxMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
  createdAt: Date;
  sentAt: Date | null;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
}

export const MAX_SUBJECT_LENGTH = 200;
export const MAX_TEXT_LENGTH = 100_000;
export const MAX_HEADER_VALUE_LENGTH = 900;

/** A row that will not be tried again sorts after every real time. */
export const NEVER = new Date('9999-12-31T23:59:59.999Z');

/** After this many failed attempts a mail stays in the outbox but is not tried again. */
export const MAX_ATTEMPTS = 8;

const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000];

// Headers that decide who gets the mail, or that the composer writes itself. Nodemailer adds
// the addresses of a custom To/Cc/Bcc header to the envelope, so a caller must not set them.
const RESERVED_HEADERS = new Set([
  'to',
  'cc',
  'bcc',
  'from',
  'sender',
  'reply-to',
  'subject',
  'date',
  'message-id',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'content-disposition',
  'return-path',
  'received',
  'dkim-signature',
  'resent-to',
  'resent-cc',
  'resent-bcc',
  'resent-from',
  'resent-sender',
]);

// C0, DEL and C1 controls, plus the Unicode line and paragraph separators some readers break on.
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
const HEADER_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
const LOCAL_ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const DOMAIN_LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?';
const PLAIN_ADDRESS = new RegExp(
  `^${LOCAL_ATOM}(?:\\.${LOCAL_ATOM})*@${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})*\\.(?:\\p{L}{2,63}|xn--[A-Za-z0-9-]{1,59})$`,
  'u',
);

/** True for one bare address such as `ida@example.org`: no display name, no list, no quoting, no comments. */
export function isPlainAddress(value: string): boolean {
  if (value.length > 254) return false;
  const at = value.lastIndexOf('@');
  return at > 0 && at <= 64 && PLAIN_ADDRESS.test(value);
}

const codePoints = (value: string) => [...value].length;

function headerProblems(headers: unknown): string | undefined {
  if (headers === undefined) return undefined;
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) return 'not_an_object';
  const seen = new Set<string>();
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) return 'bad_name';
    const lower = name.toLowerCase();
    if (RESERVED_HEADERS.has(lower)) return 'reserved';
    if (seen.has(lower)) return 'duplicate';
    seen.add(lower);
    if (typeof value !== 'string') return 'not_text';
    if (CONTROL.test(value)) return 'control_character';
    if (!value.trim()) return 'required';
    if (value.length > MAX_HEADER_VALUE_LENGTH) return 'too_long';
  }
  return undefined;
}

/**
 * The message as it may be sent: `to` and the subject trimmed, headers copied.
 * Throws invalid for a `to` that is not one plain address and for any control character
 * (CR and LF included) in the subject or a header.
 */
export function validateMail(message: MailMessage): MailMessage {
  const problems: Record<string, string> = {};
  const to = typeof message.to === 'string' ? message.to.trim() : '';
  if (!to) problems.to = 'required';
  else if (!isPlainAddress(to)) problems.to = 'not_a_plain_address';

  const subject = typeof message.subject === 'string' ? message.subject.trim() : '';
  if (typeof message.subject === 'string' && CONTROL.test(message.subject)) problems.subject = 'control_character';
  else if (!subject) problems.subject = 'required';
  else if (codePoints(subject) > MAX_SUBJECT_LENGTH) problems.subject = 'too_long';

  if (typeof message.text !== 'string' || !message.text.trim()) problems.text = 'required';
  else if (message.text.includes('\0')) problems.text = 'control_character';
  else if (message.text.length > MAX_TEXT_LENGTH) problems.text = 'too_long';

  if (message.html !== undefined) {
    if (typeof message.html !== 'string' || message.html.includes('\0')) problems.html = 'control_character';
    else if (message.html.length > MAX_TEXT_LENGTH * 2) problems.html = 'too_long';
  }

  const headerProblem = headerProblems(message.headers);
  if (headerProblem) problems.headers = headerProblem;

  if (Object.keys(problems).length > 0) throw invalid(problems);
  return {
    to,
    subject,
    text: message.text,
    ...(message.html !== undefined ? { html: message.html } : {}),
    headers: { ...message.headers },
  };
}

/** When to try again after the `attempts`-th failure: 1 min, 5 min, 30 min, 2 h, then every 12 h; never after MAX_ATTEMPTS. */
export function nextAttemptAfter(attempts: number, now: Date): Date {
  if (attempts >= MAX_ATTEMPTS) return NEVER;
  const delay = BACKOFF_MS[Math.min(Math.max(attempts, 1), BACKOFF_MS.length) - 1]!;
  return new Date(now.getTime() + delay);
}

/** Whether a send failed for good at the receiving server (an SMTP 5xx answer, such as 550 no such user). */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** `text` with every occurrence of `address` replaced, for log lines above debug level. */
export function withoutAddress(text: string, address: string): string {
  if (!address) return text;
  return text.replace(new RegExp(address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), '[recipient]');
}
