/** Site settings as an administrator changes them, the SMTP test mail, and what the outbox tells about SMTP. */
import { canManageSettings, type Actor } from '../accounts/account.js';
import { oneLine } from '../accounts/account-mail.js';
import { audit, getAccount } from '../accounts/account.service.js';
import { forbidden, invalid } from '../errors.js';
import { mailBrandOf, withMailLayout } from '../notifications/mail-layout.js';
import { KEPT_NOTE, listOutbox, queueMail } from '../notifications/mail.service.js';
import { inTransaction, type Db } from '../storage/db.js';
import { validateSettings, type SiteSettings } from './settings.js';
import { getSiteSettings, updateSiteSettings } from './settings.service.js';

const shown = (value: unknown) => {
  const text = Array.isArray(value)
    ? value.join(' ')
    : value !== null && typeof value === 'object'
      ? // An image: its file, the one thing a person can follow up.
        String(
          (value as { file?: string; id?: string; full?: { file: string } }).full?.file ??
            (value as { file?: string }).file ??
            (value as { id?: string }).id,
        )
      : String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
};

/**
 * Saves the settings that differ from the stored ones, with one audit entry naming each change.
 * Throws forbidden, or invalid for any value out of range (nothing is saved then).
 */
export async function changeSiteSettings(db: Db, actor: Actor, changes: Partial<SiteSettings>, now = new Date()): Promise<SiteSettings> {
  if (!canManageSettings(actor)) throw forbidden();
  validateSettings(changes);
  return inTransaction(db, async (trx) => {
    const current = await getSiteSettings(trx);
    const next = { ...current, ...changes };
    // Held at a score the comment already counts as spam at would never be held.
    if (next.holdScore >= next.spamScore) throw invalid({ holdScore: 'not_below_spam' });
    const changed = (Object.keys(changes) as (keyof SiteSettings)[]).filter(
      (key) => JSON.stringify(current[key]) !== JSON.stringify(changes[key]),
    );
    if (changed.length === 0) return current;
    const saved = await updateSiteSettings(trx, Object.fromEntries(changed.map((key) => [key, changes[key]])), now);
    const summary = changed.map((key) => `${key}: ${shown(current[key])} → ${shown(saved[key])}`).join('; ');
    await audit(trx, actor, 'settings.update', { type: 'settings', id: null, summary }, now);
    return saved;
  });
}

/**
 * Queues a test mail to the administrator's own login address, in the look every mail has (the
 * logo under `baseUrl`), and returns that address. Throws forbidden.
 */
export async function sendTestMail(db: Db, actor: Actor, baseUrl: string, now = new Date()): Promise<string> {
  if (!canManageSettings(actor)) throw forbidden();
  return inTransaction(db, async (trx) => {
    const [account, settings] = await Promise.all([getAccount(trx, actor.accountId), getSiteSettings(trx)]);
    const site = oneLine(settings.title);
    const message =
      settings.language === 'en'
        ? {
            to: account.email,
            subject: `Test mail from ${site}`,
            text: `This mail was sent from the administration of ${site} to test the mail setup.\n\nIf it reached you, mail works.\n`,
          }
        : {
            to: account.email,
            subject: `Testmail fra ${site}`,
            text: `Denne mail er sendt fra administrationen af ${site} for at afprøve opsætningen af mail.\n\nNår den er nået frem, virker mailen.\n`,
          };
    await queueMail(trx, withMailLayout(message, mailBrandOf(settings, baseUrl)), now);
    await audit(trx, actor, 'settings.test-mail', { type: 'settings', id: null, summary: 'Test mail queued' }, now);
    return account.email;
  });
}

export type SmtpStatus = 'set' | 'not-set' | 'unknown';

/**
 * Whether SMTP_URL is set: the deploy config's answer when the caller has it, otherwise what the
 * newest mail the worker handled shows (sent or tried, or kept for want of SMTP_URL); unknown before any.
 */
export async function smtpStatus(db: Db, configured: boolean | undefined): Promise<SmtpStatus> {
  if (configured !== undefined) return configured ? 'set' : 'not-set';
  for (const mail of await listOutbox(db, { limit: 50 })) {
    if (mail.lastError === KEPT_NOTE) return 'not-set';
    // Sent, or tried and failed: either way a mail server was configured.
    if (mail.sentAt || mail.lastError) return 'set';
  }
  return 'unknown';
}
