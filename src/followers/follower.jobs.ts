/** The followers' scheduled jobs: queue mails of newly published posts, and the weekly digest; each under the job lock. */
import { mailBrandOf } from '../notifications/mail-layout.js';
import { getSiteSettings } from '../settings/settings.service.js';
import type { Db } from '../storage/db.js';
import { withJobLock } from '../storage/job-lock.js';
import { queueFollowerMails, sendWeeklyDigests } from './follower.service.js';

export interface FollowerJobEnv {
  secret: string;
  baseUrl: string;
  /** Told when mail was queued, to kick the mail worker. */
  onMailQueued?: () => void;
}

export function followerJobs(db: Db, env: FollowerJobEnv, now: Date): { name: string; run(): Promise<void> }[] {
  const mailEnv = async () => {
    const settings = await getSiteSettings(db);
    return {
      settings,
      env: { secret: env.secret, now, site: mailBrandOf(settings, env.baseUrl) },
    };
  };
  return [
    {
      name: 'queue-follower-mails',
      async run() {
        const { settings, env: mail } = await mailEnv();
        // Several instances may share one database: the job lock lets exactly one queue a post's mails.
        const queued = await withJobLock(db, 'queue-follower-mails', (trx) =>
          queueFollowerMails(trx, mail, { perMinute: settings.followerMailsPerMinute }),
        );
        if (queued) env.onMailQueued?.();
      },
    },
    {
      name: 'weekly-follower-digests',
      async run() {
        const { env: mail } = await mailEnv();
        const sent = await withJobLock(db, 'weekly-follower-digests', (trx) => sendWeeklyDigests(trx, mail));
        if (sent) env.onMailQueued?.();
      },
    },
  ];
}
