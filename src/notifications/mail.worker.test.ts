import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { openDb, type OpenDb } from '../storage/db.js';
import { migrateToLatest } from '../storage/migrate.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/support/db.js';
import type { MailMessage } from './mail.js';
import { findOutboxMail, queueMail, type MailLogger, type MailTransport } from './mail.service.js';
import { startMailWorker, type MailWorker } from './mail.worker.js';

const FROM = 'noreply@ytring.example';
const mail = (subject = 'Nyt svar'): MailMessage => ({ to: 'ida@forbund.example', subject, text: 'Bo har svaret.' });

/** Records sends; while `hold()` is in force every send waits until `release()`. */
function recordingTransport() {
  const sent: string[] = [];
  let active = 0;
  let maxActive = 0;
  let started = 0;
  let gate: Promise<void> | undefined;
  let open: () => void = () => {};
  const transport: MailTransport = {
    async send(message) {
      started++;
      active++;
      maxActive = Math.max(maxActive, active);
      try {
        await gate;
        sent.push(message.subject);
      } finally {
        active--;
      }
    },
  };
  return {
    transport,
    sent,
    get started() {
      return started;
    },
    get maxActive() {
      return maxActive;
    },
    hold() {
      gate = new Promise((resolve) => {
        open = resolve;
      });
    },
    release() {
      gate = undefined;
      open();
    },
  };
}

const silent: MailLogger = { info: () => {}, debug: () => {}, warn: () => {} };

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const dialect of DIALECTS) {
  describe(`mail worker (${dialect})`, () => {
    let testDb: TestDatabase;
    let opened: OpenDb;
    let worker: MailWorker | undefined;

    beforeEach(async () => {
      testDb = await createTestDatabase(dialect, { migrated: true });
      opened = openDb(testDb.config);
      await migrateToLatest(opened.db, opened.dialect);
    });
    afterEach(async () => {
      await worker?.stop();
      worker = undefined;
      await opened?.close();
      await testDb?.drop();
    });

    it('delivers mail left from before it started', async () => {
      await queueMail(opened.db, mail('Fra før'));
      const smtp = recordingTransport();
      worker = startMailWorker({ db: opened.db, transport: smtp.transport, from: FROM, intervalMs: 60_000, logger: silent });
      await until(() => smtp.sent.length === 1);
      assert.deepEqual(smtp.sent, ['Fra før']);
    });

    it('delivers soon after a kick, without waiting for the interval', async () => {
      const smtp = recordingTransport();
      worker = startMailWorker({ db: opened.db, transport: smtp.transport, from: FROM, intervalMs: 60_000, logger: silent });
      await pause(20);
      const id = await queueMail(opened.db, mail());
      worker.kick();
      await until(async () => (await findOutboxMail(opened.db, id))?.sentAt !== null);
      assert.deepEqual(smtp.sent, ['Nyt svar']);
    });

    it('never runs two deliveries at once and sends each mail once', async () => {
      const smtp = recordingTransport();
      smtp.hold();
      await queueMail(opened.db, mail('En'), new Date(Date.now() - 2000));
      await queueMail(opened.db, mail('To'), new Date(Date.now() - 1000));
      worker = startMailWorker({ db: opened.db, transport: smtp.transport, from: FROM, intervalMs: 5, logger: silent });
      await until(() => smtp.started === 1);
      for (let i = 0; i < 5; i++) worker.kick();
      await pause(60);
      assert.equal(smtp.started, 1);
      smtp.release();
      await until(() => smtp.sent.length === 2);
      await pause(30);
      assert.deepEqual(smtp.sent, ['En', 'To']);
      assert.equal(smtp.maxActive, 1);
    });

    it('stop waits for the running delivery to finish', async () => {
      const smtp = recordingTransport();
      smtp.hold();
      const id = await queueMail(opened.db, mail());
      worker = startMailWorker({ db: opened.db, transport: smtp.transport, from: FROM, intervalMs: 60_000, logger: silent });
      await until(() => smtp.started === 1);
      let stopped = false;
      const stopping = worker.stop().then(() => {
        stopped = true;
      });
      await pause(30);
      assert.equal(stopped, false);
      smtp.release();
      await stopping;
      assert.notEqual((await findOutboxMail(opened.db, id))?.sentAt, null);
    });

    it('does nothing after stop', async () => {
      const smtp = recordingTransport();
      worker = startMailWorker({ db: opened.db, transport: smtp.transport, from: FROM, intervalMs: 5, logger: silent });
      await worker.stop();
      await queueMail(opened.db, mail());
      worker.kick();
      await pause(40);
      assert.equal(smtp.started, 0);
    });

    it('logs a failed run at warn and keeps going', async () => {
      const warnings: object[] = [];
      const logger: MailLogger = {
        ...silent,
        warn: (obj) => {
          warnings.push(obj);
        },
      };
      const unmigrated = await createTestDatabase(dialect);
      const broken = openDb(unmigrated.config);
      try {
        worker = startMailWorker({ db: broken.db, transport: recordingTransport().transport, from: FROM, intervalMs: 5, logger });
        await until(() => warnings.length >= 2);
        await worker.stop();
        worker = undefined;
      } finally {
        await broken.close();
        await unmigrated.drop();
      }
    });

    it('refuses a sender with a display name', () => {
      assert.throws(
        () =>
          startMailWorker({
            db: opened.db,
            transport: recordingTransport().transport,
            from: 'Ytring <noreply@ytring.example>',
            intervalMs: 5,
            logger: silent,
          }),
        (error: { code?: string }) => error.code === 'invalid',
      );
    });
  });
}
