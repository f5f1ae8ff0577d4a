/**
 * Fills the search index from the posts in the background, a few posts per transaction, while the
 * server answers: started when a start finds the index missing (an upgrade that emptied it, a
 * database from before search) or finds a fill an earlier start left unfinished. Several instances
 * on one database take turns through a job lock; each goes on until the fill's record is gone.
 */
import type { Db } from '../storage/db.js';
import { withJobLock } from '../storage/job-lock.js';
import { fillSearchIndexStep, FILL_BATCH } from './search.service.js';

export interface FillLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface IndexFill {
  /** Resolves when the fill is over, or when it was stopped. */
  readonly finished: Promise<void>;
  /** Stops after the step under way. */
  stop(): Promise<void>;
}

/** Another instance holds the job: try again after this long. */
const BUSY_WAIT_MS = 200;
/** A failed step (the database away): try again after this long. */
const RETRY_MS = 5_000;

// Between steps: requests that arrived meanwhile are answered before the next step holds the loop.
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

export function startIndexFill(db: Db, log: FillLog, batch = FILL_BATCH): IndexFill {
  let stopped = false;
  let wake = () => {};
  // A pause that stop() cuts short: closing the app does not wait out a retry.
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const began = performance.now();
  const finished = (async () => {
    let indexed = 0;
    while (!stopped) {
      let step: { indexed: number; done: boolean } | undefined;
      try {
        step = await withJobLock(db, 'fill-search-index', (trx) => fillSearchIndexStep(trx, batch));
      } catch (error) {
        log.warn({ err: error }, 'search index: a step of its fill failed; trying again');
        await pause(RETRY_MS);
        continue;
      }
      if (step === undefined) {
        await pause(BUSY_WAIT_MS);
        continue;
      }
      indexed += step.indexed;
      if (step.done) {
        log.info({ posts: indexed, ms: Math.round(performance.now() - began) }, 'search index: filled; every published post can be found');
        return;
      }
      await yieldToRequests();
    }
  })();
  return {
    finished,
    async stop() {
      stopped = true;
      wake();
      await finished;
    },
  };
}
