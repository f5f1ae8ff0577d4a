/** Queues mail in the outbox and delivers it from there, through SMTP or, without SMTP_URL, to the log. */
import type { Transporter } from 'nodemailer';
import { invalid } from '../errors.js';
import { newId } from '../shared/ids.js';
import type { Db } from '../storage/db.js';
import { isPermanentFailure, isPlainAddress, NEVER, validateMail, withoutAddress, type MailMessage, type OutboxMail } from './mail.js';
import {
  claimOutboxRow,
  countUnsentOutboxRows,
  deleteOutboxRowsFor,
  listStuckOutboxRows,
  rescheduleOutboxRow,
  findDueOutboxRows,
  findOutboxRowById,
  insertOutboxRow,
  insertOutboxRows,
  deleteUnsentOutboxRows,
  keepOutboxRow,
  listOutboxRows,
  markOutboxFailed,
  markOutboxSent,
  toOutboxMail,
  type OutboxRow,
} from './outbox.repository.js';

/** Pino-compatible; fastify's `app.log` fits. */
export interface MailLogger {
  info(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface MailTransport {
  send(message: MailMessage & { from: string }): Promise<void>;
}

export interface DeliverOptions {
  from: string;
  now?: Date;
  limit?: number;
  logger?: MailLogger;
  /** Told of an address the receiving server refused for good (SMTP 5xx), e.g. to stop mailing it. */
  onPermanentFailure?: (address: string) => Promise<void>;
}

export interface DeliveryCounts {
  sent: number;
  failed: number;
  kept: number;
}

/** The last_error of a mail kept in the outbox because no mail server is configured. */
export const KEPT_NOTE = 'kept: no SMTP_URL';

// Longer than nodemailer's own socket timeout, so a slow send is not taken over by another worker.
const CLAIM_MS = 15 * 60_000;

const silentLogger: MailLogger = { info: () => {}, debug: () => {}, warn: () => {} };

/** Validates and writes the mail to the outbox (in `db`'s transaction, if it is one); returns the outbox id. Throws invalid. */
export async function queueMail(db: Db, message: MailMessage, now = new Date()): Promise<string> {
  const mail = validateMail(message);
  const id = newId(now.getTime());
  const at = now.toISOString();
  await insertOutboxRow(db, {
    id,
    to_address: mail.to,
    subject: mail.subject,
    text_body: mail.text,
    html_body: mail.html ?? null,
    headers: JSON.stringify(mail.headers ?? {}),
    created_at: at,
    sent_at: null,
    attempts: 0,
    next_attempt_at: at,
    last_error: null,
  });
  return id;
}

/**
 * Validates and writes many mails in one statement per few hundred (in `db`'s transaction, if it
 * is one); returns their outbox ids in order. `dueAt` may hold a mail back until then. Throws invalid.
 */
export async function queueMails(db: Db, messages: readonly MailMessage[], now = new Date(), dueAt = now): Promise<string[]> {
  const at = now.toISOString();
  const due = dueAt.toISOString();
  const rows: OutboxRow[] = messages.map((message) => {
    const mail = validateMail(message);
    return {
      id: newId(now.getTime()),
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html ?? null,
      headers: JSON.stringify(mail.headers ?? {}),
      created_at: at,
      sent_at: null,
      attempts: 0,
      next_attempt_at: due,
      last_error: null,
    };
  });
  // 11 columns a row: well under either database's limit on bound parameters per statement.
  for (let i = 0; i < rows.length; i += 500) await insertOutboxRows(db, rows.slice(i, i + 500));
  return rows.map((row) => row.id);
}

/** Removes those of `ids` not sent yet (a post unpublished before its mails went out); returns the ids removed. */
export async function withdrawUnsentMail(db: Db, ids: readonly string[]): Promise<string[]> {
  const withdrawn: string[] = [];
  for (let i = 0; i < ids.length; i += 500) withdrawn.push(...(await deleteUnsentOutboxRows(db, ids.slice(i, i + 500))));
  return withdrawn;
}

/** Sends through nodemailer to `smtpUrl`; each message is checked again, and only its `to` is in the envelope. */
export function smtpTransport(smtpUrl: string): MailTransport {
  // nodemailer is loaded with the first mail rather than at every start.
  let transporter: Promise<Transporter> | undefined;
  return {
    async send(message) {
      const mail = validateMail(message);
      if (!isPlainAddress(message.from)) throw invalid({ from: 'not_a_plain_address' });
      transporter ??= import('nodemailer').then((m) => m.default.createTransport(smtpUrl));
      await (
        await transporter
      ).sendMail({
        from: message.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html !== undefined ? { html: mail.html } : {}),
        headers: mail.headers ?? {},
        envelope: { from: message.from, to: [mail.to] },
        disableFileAccess: true,
        disableUrlAccess: true,
      });
    },
  };
}

const toMessage = (row: OutboxRow): MailMessage => ({
  to: row.to_address,
  subject: row.subject,
  text: row.text_body,
  ...(row.html_body ? { html: row.html_body } : {}),
  headers: JSON.parse(row.headers) as Record<string, string>,
});

function describeError(error: unknown): { message: string; code?: string } {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? { message: error.message, code } : { message: error.message };
}

/**
 * Works through the due outbox rows. With a transport each is sent and marked sent, or failed
 * with the next attempt scheduled; without one each is kept unsent in the outbox and logged once.
 * Recipients are logged at debug level only.
 */
export async function deliverPending(db: Db, transport: MailTransport | undefined, options: DeliverOptions): Promise<DeliveryCounts> {
  const { from, now = new Date(), limit = 20, logger = silentLogger, onPermanentFailure } = options;
  if (transport && !isPlainAddress(from)) throw invalid({ from: 'not_a_plain_address' });
  const counts: DeliveryCounts = { sent: 0, failed: 0, kept: 0 };
  for (const row of await findDueOutboxRows(db, now, limit)) {
    if (!transport) {
      if (!(await keepOutboxRow(db, row, KEPT_NOTE))) continue;
      counts.kept++;
      logger.info({ outboxId: row.id, subject: row.subject }, 'Mail kept in the outbox (no SMTP_URL)');
      logger.debug({ outboxId: row.id, to: row.to_address, text: row.text_body }, 'Kept mail');
      continue;
    }
    if (!(await claimOutboxRow(db, row, new Date(now.getTime() + CLAIM_MS)))) continue;
    try {
      await transport.send({ ...toMessage(row), from });
    } catch (error) {
      const { message, code } = describeError(error);
      const next = await markOutboxFailed(db, row, message, now);
      counts.failed++;
      logger.warn(
        {
          outboxId: row.id,
          attempts: Number(row.attempts) + 1,
          nextAttemptAt: next.getTime() === NEVER.getTime() ? null : next.toISOString(),
          code,
          error: withoutAddress(message, row.to_address),
        },
        next.getTime() === NEVER.getTime() ? 'Mail delivery failed; giving up' : 'Mail delivery failed; will retry',
      );
      logger.debug({ outboxId: row.id, to: row.to_address }, 'Failed mail recipient');
      if (onPermanentFailure && isPermanentFailure(error)) {
        await onPermanentFailure(row.to_address).catch((hookError: unknown) =>
          logger.warn({ outboxId: row.id, err: hookError }, 'Could not record a permanent mail failure'),
        );
      }
      continue;
    }
    await markOutboxSent(db, row, now);
    counts.sent++;
    logger.info({ outboxId: row.id }, 'Mail sent');
    logger.debug({ outboxId: row.id, to: row.to_address }, 'Sent mail recipient');
  }
  return counts;
}

/** The outbox, newest first, for the admin and tests. */
export async function listOutbox(db: Db, { limit = 50, offset = 0 }: { limit?: number; offset?: number } = {}): Promise<OutboxMail[]> {
  return (await listOutboxRows(db, limit, offset)).map(toOutboxMail);
}

export async function findOutboxMail(db: Db, id: string): Promise<OutboxMail | undefined> {
  const row = await findOutboxRowById(db, id);
  return row && toOutboxMail(row);
}

/** Forgets mail to or about an address, sent or not: part of erasing a person's data. */
export async function forgetMailFor(db: Db, address: string): Promise<number> {
  return deleteOutboxRowsFor(db, address.trim().toLowerCase());
}

/** How much mail waits: still to be tried (and since when), and parked (given up, or kept without SMTP_URL). */
export async function outboxBacklog(db: Db): Promise<{ waiting: number; oldestWaitingAt: Date | undefined; parked: number }> {
  const counts = await countUnsentOutboxRows(db);
  return {
    waiting: counts.waiting,
    parked: counts.parked,
    oldestWaitingAt: counts.oldestWaiting ? new Date(counts.oldestWaiting) : undefined,
  };
}

/** Connects to the mail server and logs in as SMTP_URL says, sending nothing; throws what went wrong. */
export async function verifySmtp(smtpUrl: string, timeoutMs = 10_000): Promise<void> {
  const nodemailer = (await import('nodemailer')).default;
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await transporter.verify();
  } finally {
    transporter.close();
  }
}

/** Mail that failed at least once, or was given up or kept, oldest first: what an administrator should look at. */
export async function listStuckMail(db: Db, limit = 50): Promise<OutboxMail[]> {
  return (await listStuckOutboxRows(db, limit)).map(toOutboxMail);
}

/** Puts an unsent mail back in line to be sent at once, with all its attempts again; false when there is none such. */
export async function retryMail(db: Db, id: string, now = new Date()): Promise<boolean> {
  return rescheduleOutboxRow(db, id, now);
}
