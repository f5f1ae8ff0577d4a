/** Runs outbox delivery on a timer and on demand, one run at a time. */
import { invalid } from '../errors.js';
import type { Db } from '../storage/db.js';
import { isPlainAddress } from './mail.js';
import { deliverPending, type MailLogger, type MailTransport } from './mail.service.js';

export interface MailWorkerOptions {
  db: Db;
  /** Undefined without SMTP_URL: mail is then kept in the outbox and logged. */
  transport: MailTransport | undefined;
  from: string;
  intervalMs: number;
  logger: MailLogger;
  /** Rows per delivery run. */
  batchSize?: number;
  /** Told how many sends failed in each run, for /metrics. */
  onFailures?: (count: number) => void;
  /** Told of each address a mail server refused for good (SMTP 5xx). */
  onPermanentFailure?: (address: string) => Promise<void>;
}

export interface MailWorker {
  /** Delivers soon; call it after the transaction that queued a mail has committed. */
  kick(): void;
  /** Stops the timer and waits for a running delivery to finish. */
  stop(): Promise<void>;
}

/**
 * Starts delivering at once (mail left from before a restart) and then every `intervalMs`; the
 * timer does not keep the process alive. Throws invalid when `from` is not a plain address.
 */
export function startMailWorker({
  db,
  transport,
  from,
  intervalMs,
  logger,
  batchSize = 20,
  onFailures,
  onPermanentFailure,
}: MailWorkerOptions): MailWorker {
  if (transport && !isPlainAddress(from)) throw invalid({ from: 'not_a_plain_address' });
  let running: Promise<void> | undefined;
  let runAgain = false;
  let kickPending = false;
  let stopped = false;

  async function deliverUntilDone(): Promise<void> {
    do {
      runAgain = false;
      try {
        const counts = await deliverPending(db, transport, {
          from,
          limit: batchSize,
          logger,
          ...(onPermanentFailure ? { onPermanentFailure } : {}),
        });
        onFailures?.(counts.failed);
        // A full batch means more may be due right now.
        if (counts.sent + counts.failed + counts.kept >= batchSize) runAgain = true;
      } catch (error) {
        logger.warn({ err: error }, 'Mail delivery run failed');
        // Wait for the timer rather than retrying a failing database at once.
        runAgain = false;
      }
    } while (runAgain && !stopped);
  }

  function run(): void {
    if (stopped) return;
    // Kicks during a run are folded into one more pass once it ends, never a second run beside it.
    if (running) {
      runAgain = true;
      return;
    }
    running = deliverUntilDone().finally(() => {
      running = undefined;
    });
  }

  const timer = setInterval(run, intervalMs);
  timer.unref();

  function kick(): void {
    if (stopped || kickPending) return;
    kickPending = true;
    setImmediate(() => {
      kickPending = false;
      run();
    }).unref();
  }

  kick();

  return {
    kick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
