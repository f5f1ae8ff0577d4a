/** The background jobs the app runs every half minute: scheduled posts, then each step of the comment housekeeping. */
import { pruneEditorStates } from './admin/posts/editor-state.js';
import { commentMaintenanceJobs } from './comments/comment-maintenance.js';
import { moderationDigestJobs } from './comments/moderator-mail.service.js';
import { followerJobs, type FollowerJobEnv } from './followers/follower.jobs.js';
import { publishDuePosts } from './posts/post.service.js';
import { getSiteSettings } from './settings/settings.service.js';
import type { Db } from './storage/db.js';
import { withJobLock } from './storage/job-lock.js';
import { LIVE_EVENT_RETENTION_MS, pruneLiveEvents } from './storage/live-events.js';
import { makeAvifCopies } from './uploads/avif-copies.js';

export interface JobLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface Job {
  name: string;
  run(): Promise<void>;
}

/**
 * Runs each job whatever the ones before it did: a failure is logged, and the next job runs.
 * Says whether every job succeeded, which is what an operator's "last success" measures.
 */
export async function runJobs(jobs: readonly Job[], log: JobLog): Promise<boolean> {
  let allSucceeded = true;
  for (const job of jobs) {
    try {
      await job.run();
    } catch (error) {
      allSucceeded = false;
      log.error({ err: error, job: job.name }, 'a scheduled job failed; it runs again next time');
    }
  }
  return allSucceeded;
}

/** Where the uploads' files are, for the jobs that make copies of them. */
export interface UploadJobEnv {
  uploadsDir: string;
}

export function scheduledJobs(db: Db, log: JobLog, now = new Date(), followers?: FollowerJobEnv, uploads?: UploadJobEnv): Job[] {
  return [
    {
      name: 'publish-due-posts',
      async run() {
        const onFailure = (postId: string, error: unknown) =>
          log.error({ err: error, post: postId }, 'a scheduled post could not be published; it stays scheduled');
        // Several instances may share one database: the job lock lets exactly one publish.
        const published = (await withJobLock(db, 'publish-due-posts', (trx) => publishDuePosts(trx, now, { onFailure }))) ?? [];
        if (published.length) log.info({ posts: published }, 'published scheduled posts');
      },
    },
    ...(followers ? followerJobs(db, followers, now) : []),
    ...(followers ? moderationDigestJobs(db, followers, () => getSiteSettings(db), now) : []),
    ...commentMaintenanceJobs(db, () => getSiteSettings(db), now),
    ...(uploads
      ? [
          {
            // A few uploads a run, each claimed first: instances sharing a database share the work.
            name: 'avif-copies',
            async run() {
              const onFailure = (uploadId: string, error: unknown) =>
                log.error({ err: error, upload: uploadId }, 'AVIF copies of an upload failed; tried again later');
              const made = await makeAvifCopies(db, uploads.uploadsDir, { now, onFailure });
              if (made.length) log.info({ uploads: made }, 'made AVIF copies');
            },
          },
        ]
      : []),
    {
      // The live channel's events are only kept for readers catching up after a reconnect.
      name: 'prune-live-events',
      async run() {
        await pruneLiveEvents(db, new Date(now.getTime() - LIVE_EVENT_RETENTION_MS));
      },
    },
    {
      // Editor forms shown back are kept only for Back and Reload soon after.
      name: 'prune-editor-states',
      async run() {
        await pruneEditorStates(db, now);
      },
    },
  ];
}

export async function runScheduledJobs(
  db: Db,
  log: JobLog,
  now = new Date(),
  followers?: FollowerJobEnv,
  uploads?: UploadJobEnv,
): Promise<boolean> {
  return runJobs(scheduledJobs(db, log, now, followers, uploads), log);
}
