import type { SiteSettings } from '../settings/settings.js';
import type { Db } from '../storage/db.js';
import { forgetOldIpHashes } from './comment.repository.js';
import { forgetExpiredTokens, forgetOldRateLimits, forgetOldSpamEvents } from './spam/spam.repository.js';

const DAY = 24 * 3600 * 1000;
/** How long the spam report's daily counts are kept: long enough to compare a season with the last. */
export const SPAM_EVENT_RETENTION_DAYS = 180;

type RetentionSettings = Pick<SiteSettings, 'ipRetentionDays'>;

function steps(db: Db, settings: () => Promise<RetentionSettings>, now: Date) {
  return {
    'forget-old-ip-hashes': async () => forgetOldIpHashes(db, new Date(now.getTime() - (await settings()).ipRetentionDays * DAY)),
    'forget-expired-question-tokens': () => forgetExpiredTokens(db, now),
    'forget-old-rate-limits': () => forgetOldRateLimits(db, new Date(now.getTime() - DAY)),
    'forget-old-spam-counts': () => forgetOldSpamEvents(db, new Date(now.getTime() - SPAM_EVENT_RETENTION_DAYS * DAY)),
  };
}

/** The housekeeping as separate jobs, so the scheduler runs each whatever another one did. */
export function commentMaintenanceJobs(
  db: Db,
  settings: () => Promise<RetentionSettings>,
  now = new Date(),
): { name: string; run(): Promise<void> }[] {
  return Object.entries(steps(db, settings, now)).map(([name, run]) => ({
    name,
    run: async () => {
      await run();
    },
  }));
}

/** Privacy and housekeeping: IP hashes past retention, spent tokens past expiry, old rate-limit windows and spam counts. */
export async function runCommentMaintenance(db: Db, settings: RetentionSettings, now = new Date()): Promise<{ ipHashesForgotten: number }> {
  const step = steps(db, async () => settings, now);
  const ipHashesForgotten = await step['forget-old-ip-hashes']();
  await step['forget-expired-question-tokens']();
  await step['forget-old-rate-limits']();
  await step['forget-old-spam-counts']();
  return { ipHashesForgotten };
}
