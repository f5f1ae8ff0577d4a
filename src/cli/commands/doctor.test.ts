import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { spawnYtring } from '../../../test/support/cli.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/support/db.js';
import { startSmtpServer } from '../../../test/support/smtp.js';
import { openDb } from '../../storage/db.js';
import { migrateToLatest } from '../../storage/migrate.js';
import { checkSmtp, checkUploads, type Finding } from './doctor.js';

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('ytring doctor: the mail server', () => {
  it('reports an SMTP_URL where nothing answers, naming host and port', async () => {
    const port = await closedPort();
    const findings: Finding[] = [];
    await checkSmtp(`smtp://user:pw@127.0.0.1:${port}`, findings);
    assert.equal(findings[0]!.level, 'problem');
    assert.match(findings[0]!.text, new RegExp(`127\\.0\\.0\\.1:${port}`));
    assert.doesNotMatch(findings[0]!.text, /pw/, 'no password in the message');
  });

  it('is satisfied by a mail server that answers, and sends nothing to it', async () => {
    const smtp = await startSmtpServer();
    try {
      const findings: Finding[] = [];
      await checkSmtp(smtp.url, findings);
      assert.equal(findings[0]!.level, 'ok', findings[0]!.text);
      assert.equal(smtp.delivered.length, 0);
    } finally {
      await smtp.close();
    }
  });
});

describe('ytring doctor: the uploads folder', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ytring-doctor-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a folder that cannot be made because its parent is a file (true for root too)', async () => {
    writeFileSync(join(dir, 'a-file'), 'not a folder');
    const findings: Finding[] = [];
    await checkUploads(join(dir, 'a-file', 'uploads'), findings);
    assert.equal(findings[0]!.level, 'problem');
    assert.match(findings[0]!.text, /a-file is a file/);
  });

  it('accepts a writable folder, or one that can be made, and tells the free space', async () => {
    for (const uploads of [dir, join(dir, 'not-yet', 'uploads')]) {
      const findings: Finding[] = [];
      await checkUploads(uploads, findings);
      assert.equal(findings[0]!.level, 'ok', findings[0]!.text);
      assert.match(findings[0]!.text, /\d+ [GM]B free/);
    }
  });
});

for (const dialect of DIALECTS) {
  describe(`ytring doctor as a command (${dialect})`, () => {
    let database: TestDatabase;
    let dir: string;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'ytring-doctor-'));
      database = await createTestDatabase(dialect);
      const open = openDb(database.config);
      try {
        await migrateToLatest(open.db, open.dialect);
      } finally {
        await open.close();
      }
    });
    after(async () => {
      await database?.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('exits 0 on a sound site, with the database version and the schema up to date', async () => {
      const run = spawnYtring(['doctor'], {
        DATABASE_URL: database.config.url,
        UPLOADS_DIR: join(dir, 'uploads'),
        SMTP_URL: '',
        YTRING_SECRET: '',
      });
      try {
        assert.equal(await run.exited, 0, run.output());
        assert.match(run.output(), /OK\s+Database: (SQLite|PostgreSQL) \d+\.\d+/);
        assert.match(run.output(), /OK\s+Migrations:/);
        assert.match(run.output(), /WARNING\s+Mail server: SMTP_URL is not set/);
      } finally {
        await run.kill();
      }
    });

    it('exits 1 and says what to fix when the mail server does not answer and uploads cannot be stored', async () => {
      writeFileSync(join(dir, 'file'), '');
      const run = spawnYtring(['doctor'], {
        DATABASE_URL: database.config.url,
        UPLOADS_DIR: join(dir, 'file', 'uploads'),
        SMTP_URL: `smtp://127.0.0.1:${await closedPort()}`,
        YTRING_SECRET: '',
      });
      try {
        assert.equal(await run.exited, 1, run.output());
        assert.match(run.output(), /PROBLEM\s+Mail server: Could not connect[^\n]*\n\s+Fix: Check SMTP_URL/);
        assert.match(run.output(), /PROBLEM\s+Uploads folder:[^\n]*\n\s+Fix: Point UPLOADS_DIR/);
      } finally {
        await run.kill();
      }
    });
  });
}

describe('ytring doctor with a configuration that does not hold', () => {
  it('lists the problem and exits 1', async () => {
    const run = spawnYtring(['doctor'], { PORT: 'eighty' });
    try {
      assert.equal(await run.exited, 1);
      assert.match(run.output(), /PROBLEM\s+Configuration: PORT must be a port number/);
    } finally {
      await run.kill();
    }
  });
});
