import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, it } from 'node:test';
import Fastify from 'fastify';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { openDb, type OpenDb } from '../storage/db.js';
import { migrateToLatest } from '../storage/migrate.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/support/db.js';
import type { MailMessage } from './mail.js';
import { deliverPending, findOutboxMail, KEPT_NOTE, listOutbox, queueMail, smtpTransport, type MailLogger } from './mail.service.js';

const FROM = 'noreply@ytring.example';
const UNSUBSCRIBE = '<https://ytring.example/notifications/unsubscribe/9f2c1e7ab35d4c0e8d1b6a2f4e7c9d01>';

interface TestSmtpServer {
  port: number;
  url: string;
  messages: ParsedMail[];
  recipients: string[][];
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1; recipients in `refuse` get a permanent 550 whose text names them. */
async function startSmtpServer(refuse: readonly string[] = []): Promise<TestSmtpServer> {
  const messages: ParsedMail[] = [];
  const recipients: string[][] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!refuse.includes(address.address)) return callback();
      callback(
        Object.assign(new Error(`<${address.address}>: Recipient address rejected: no such user ${address.address}`), {
          responseCode: 550,
        }),
      );
    },
    onData(stream, session, callback) {
      simpleParser(stream).then((parsed) => {
        messages.push(parsed);
        recipients.push(session.envelope.rcptTo.map((r) => r.address));
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    messages,
    recipients,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => {
    probe.listen(0, '127.0.0.1', resolve);
  });
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => {
    probe.close(() => resolve());
  });
  return port;
}

function capturingLogger(): { logger: MailLogger; lines: { level: string; line: string }[] } {
  const lines: { level: string; line: string }[] = [];
  const at = (level: string) => (obj: object, msg?: string) => {
    lines.push({ level, line: `${JSON.stringify(obj)} ${msg ?? ''}` });
  };
  return { lines, logger: { info: at('info'), debug: at('debug'), warn: at('warn') } };
}

const reply = (overrides: Partial<MailMessage> = {}): MailMessage => ({
  to: 'ida.holm@forbund.example',
  subject: 'Nyt svar på din kommentar',
  text: 'Bo Lund har svaret på din kommentar.\n\nAfmeld: https://ytring.example/notifications/unsubscribe/9f2c',
  headers: { 'List-Unsubscribe': UNSUBSCRIBE, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  ...overrides,
});

const at = (iso: string) => new Date(iso);

for (const dialect of DIALECTS) {
  describe(`mail outbox (${dialect})`, () => {
    let testDb: TestDatabase;
    let opened: OpenDb;
    let smtp: TestSmtpServer;

    beforeEach(async () => {
      testDb = await createTestDatabase(dialect, { migrated: true });
      opened = openDb(testDb.config);
      await migrateToLatest(opened.db, opened.dialect);
      smtp = await startSmtpServer(['gone@forbund.example']);
    });
    afterEach(async () => {
      await smtp?.close();
      await opened?.close();
      await testDb?.drop();
    });

    it('delivers a queued mail with its subject, text and List-Unsubscribe header', async () => {
      const id = await queueMail(opened.db, reply(), at('2026-12-01T10:00:00.000Z'));
      const counts = await deliverPending(opened.db, smtpTransport(smtp.url), { from: FROM, now: at('2026-12-01T10:00:01.000Z') });
      assert.deepEqual(counts, { sent: 1, failed: 0, kept: 0 });
      const [mail] = smtp.messages;
      assert.equal(mail?.subject, 'Nyt svar på din kommentar');
      assert.equal(mail?.text?.trim(), reply().text);
      assert.deepEqual(smtp.recipients, [['ida.holm@forbund.example']]);
      const unsubscribe = mail?.headerLines.find((h) => h.key === 'list-unsubscribe');
      assert.equal(unsubscribe?.line.replace(/\r\n\s+/g, ' '), `List-Unsubscribe: ${UNSUBSCRIBE}`);
      assert.ok(mail?.headerLines.some((h) => h.line === 'List-Unsubscribe-Post: List-Unsubscribe=One-Click'));
      const row = await findOutboxMail(opened.db, id);
      assert.equal(row?.sentAt?.toISOString(), '2026-12-01T10:00:01.000Z');
    });

    it('refuses a subject carrying a Bcc header and queues nothing', async () => {
      await assert.rejects(
        queueMail(opened.db, reply({ subject: 'Hej\r\nBcc: x@evil.example' })),
        (error: { code?: string; details?: { fields?: Record<string, string> } }) =>
          error.code === 'invalid' && error.details?.fields?.subject === 'control_character',
      );
      assert.deepEqual(await listOutbox(opened.db), []);
    });

    it('refuses an injected subject even when the transport is called directly', async () => {
      await assert.rejects(
        smtpTransport(smtp.url).send({ ...reply({ subject: 'Hej\nBcc: x@evil.example' }), from: FROM }),
        (error: { code?: string }) => error.code === 'invalid',
      );
      assert.equal(smtp.messages.length, 0);
    });

    it("writes the mail in the caller's transaction", async () => {
      await assert.rejects(
        opened.db.transaction().execute(async (trx) => {
          await queueMail(trx, reply());
          throw new Error('the comment was not saved');
        }),
      );
      assert.deepEqual(await listOutbox(opened.db), []);
      await opened.db.transaction().execute((trx) => queueMail(trx, reply()));
      assert.equal((await listOutbox(opened.db)).length, 1);
    });

    it('keeps a mail unsent while the server is down and delivers it once the server is back', async () => {
      const id = await queueMail(opened.db, reply(), at('2026-12-01T10:00:00.000Z'));
      const down = smtpTransport(`smtp://127.0.0.1:${await closedPort()}?ignoreTLS=true`);
      assert.deepEqual(await deliverPending(opened.db, down, { from: FROM, now: at('2026-12-01T10:00:00.000Z') }), {
        sent: 0,
        failed: 1,
        kept: 0,
      });
      const failed = await findOutboxMail(opened.db, id);
      assert.equal(failed?.sentAt, null);
      assert.equal(failed?.attempts, 1);
      assert.equal(failed?.nextAttemptAt.toISOString(), '2026-12-01T10:01:00.000Z');
      assert.ok(failed?.lastError);

      const up = smtpTransport(smtp.url);
      assert.deepEqual(await deliverPending(opened.db, up, { from: FROM, now: at('2026-12-01T10:00:30.000Z') }), {
        sent: 0,
        failed: 0,
        kept: 0,
      });
      assert.deepEqual(await deliverPending(opened.db, up, { from: FROM, now: at('2026-12-01T10:01:00.000Z') }), {
        sent: 1,
        failed: 0,
        kept: 0,
      });
      assert.equal(smtp.messages.length, 1);
      assert.equal((await findOutboxMail(opened.db, id))?.sentAt?.toISOString(), '2026-12-01T10:01:00.000Z');
    });

    it('stops retrying after eight failures but keeps the mail in the outbox', async () => {
      const id = await queueMail(opened.db, reply(), at('2026-12-01T10:00:00.000Z'));
      const down = smtpTransport(`smtp://127.0.0.1:${await closedPort()}?ignoreTLS=true`);
      let now = at('2026-12-01T10:00:00.000Z');
      for (let attempt = 1; attempt <= 8; attempt++) {
        assert.equal((await deliverPending(opened.db, down, { from: FROM, now })).failed, 1);
        now = (await findOutboxMail(opened.db, id))!.nextAttemptAt;
      }
      const mail = await findOutboxMail(opened.db, id);
      assert.equal(mail?.attempts, 8);
      assert.equal(mail?.sentAt, null);
      assert.equal(mail?.nextAttemptAt.getUTCFullYear(), 9999);
      assert.deepEqual(await deliverPending(opened.db, down, { from: FROM, now: at('2030-01-01T00:00:00.000Z') }), {
        sent: 0,
        failed: 0,
        kept: 0,
      });
    });

    it("keeps a refused recipient's address out of the warn log", async () => {
      const id = await queueMail(opened.db, reply({ to: 'gone@forbund.example' }));
      const { logger, lines } = capturingLogger();
      assert.deepEqual(await deliverPending(opened.db, smtpTransport(smtp.url), { from: FROM, logger }), { sent: 0, failed: 1, kept: 0 });
      assert.match((await findOutboxMail(opened.db, id))?.lastError ?? '', /550/);
      const warnings = lines.filter((l) => l.level === 'warn');
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!.line, new RegExp(id));
      assert.ok(lines.filter((l) => l.level !== 'debug').every((l) => !l.line.includes('gone@forbund.example')));
    });

    it('without a transport keeps the mail in the outbox and logs it once, with the recipient at debug only', async () => {
      const id = await queueMail(opened.db, reply());
      const { logger, lines } = capturingLogger();
      assert.deepEqual(await deliverPending(opened.db, undefined, { from: FROM, logger }), { sent: 0, failed: 0, kept: 1 });
      assert.deepEqual(await deliverPending(opened.db, undefined, { from: FROM, logger }), { sent: 0, failed: 0, kept: 0 });

      const mail = await findOutboxMail(opened.db, id);
      assert.equal(mail?.sentAt, null);
      assert.equal(mail?.lastError, KEPT_NOTE);
      const info = lines.filter((l) => l.level === 'info');
      assert.equal(info.length, 1);
      assert.match(info[0]!.line, new RegExp(id));
      assert.match(info[0]!.line, /Nyt svar på din kommentar/);
      assert.ok(!info[0]!.line.includes('ida.holm@forbund.example'));
      assert.ok(lines.some((l) => l.level === 'debug' && l.line.includes('ida.holm@forbund.example')));
      assert.equal(smtp.messages.length, 0);
    });

    it("logs through fastify's pino logger", async () => {
      const lines: { level: number; msg: string; to?: string }[] = [];
      const app = Fastify({
        logger: {
          level: 'debug',
          stream: {
            write: (line: string) => {
              lines.push(JSON.parse(line));
            },
          },
        },
      });
      try {
        await queueMail(opened.db, reply());
        await deliverPending(opened.db, undefined, { from: FROM, logger: app.log });
      } finally {
        await app.close();
      }
      assert.deepEqual(
        lines.map((l) => [l.level, l.to]),
        [
          [30, undefined],
          [20, 'ida.holm@forbund.example'],
        ],
      );
    });

    it('lists the outbox newest first', async () => {
      const first = await queueMail(opened.db, reply({ subject: 'Først' }), at('2026-12-01T10:00:00.000Z'));
      const second = await queueMail(opened.db, reply({ subject: 'Så' }), at('2026-12-01T11:00:00.000Z'));
      assert.deepEqual(
        (await listOutbox(opened.db)).map((m) => m.id),
        [second, first],
      );
    });
  });
}
