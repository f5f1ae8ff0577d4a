import type { SiteSettings } from '../settings/settings.js';
import type { Db } from '../storage/db.js';
import { forgetOldIpHashes } from './comment.repository.js';
import { forgetExpiredTokens, forgetOldRateLimits } from './spam/spam.repository.js';

const DAY = 24 * 3600 * 1000;

/** Privacy and housekeeping: IP hashes past retention, spent tokens past expiry, old rate-limit windows. */
export async function runCommentMaintenance(db: Db, settings: Pick<SiteSettings, 'ipRetentionDays'>, now = new Date()): Promise<{ ipHashesForgotten: number }> {
  const ipHashesForgotten = await forgetOldIpHashes(db, new Date(now.getTime() - settings.ipRetentionDays * DAY));
  await forgetExpiredTokens(db, now);
  await forgetOldRateLimits(db, new Date(now.getTime() - DAY));
  return { ipHashesForgotten };
}
