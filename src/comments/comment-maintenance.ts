import type { SiteSettings } from '../settings/settings.js';
import type { Db } from '../storage/db.js';
import { forgetOldIpHashes } from './comment.repository.js';
import { forgetExpiredTokens, forgetOldRateLimits, forgetOldSpamEvents } from './spam/spam.repository.js';

const DAY = 24 * 3600 * 1000;
/** How long the spam report's daily counts are kept: long enough to compare a season with the last. */
export const SPAM_EVENT_RETENTION_DAYS = 180;

/** Privacy and housekeeping: IP hashes past retention, spent tokens past expiry, old rate-limit windows and spam counts. */
export async function runCommentMaintenance(db: Db, settings: Pick<SiteSettings, 'ipRetentionDays'>, now = new Date()): Promise<{ ipHashesForgotten: number }> {
  const ipHashesForgotten = await forgetOldIpHashes(db, new Date(now.getTime() - settings.ipRetentionDays * DAY));
  await forgetExpiredTokens(db, now);
  await forgetOldRateLimits(db, new Date(now.getTime() - DAY));
  await forgetOldSpamEvents(db, new Date(now.getTime() - SPAM_EVENT_RETENTION_DAYS * DAY));
  return { ipHashesForgotten };
}
