import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { buildApp } from '../app.js';
import { checkDatabase, type Finding } from '../cli/commands/doctor.js';
import { loadConfig } from '../config.js';
import { closeTestApp } from '../../test/support/server.js';
import { createTestDatabase, DIALECTS } from '../../test/support/db.js';
import { openDb } from './db.js';
import { compareMigrationNames, migrateToLatest, newerMigrations, pendingMigrations } from './migrate.js';
import { migrations } from './migrations/index.js';

const known = Object.keys(migrations).sort();
const NEWER = '2999_01_01_000001_from_a_newer_ytring';

const run = promisify(execFile);

// Separate processes are how several instances meet on one SQLite file.
describe('migrations (sqlite, separate processes)', () => {
  it('run once when four processes start at once on a fresh file', async () => {
    const database = await createTestDatabase('sqlite');
    const migrate = fileURLToPath(new URL('./migrate.ts', import.meta.url));
    const dbModule = fileURLToPath(new URL('./db.ts', import.meta.url));
    // Loading tsx takes about a second and varies; all four begin at the same moment after it.
    const startAt = Date.now() + 4000;
    const script = `
      const { openDb } = await import(${JSON.stringify(dbModule)});
      const { migrateToLatest } = await import(${JSON.stringify(migrate)});
      const open = openDb(${JSON.stringify(database.config)});
      await new Promise((resolve) => setTimeout(resolve, ${startAt} - Date.now()));
      try { console.log(JSON.stringify(await migrateToLatest(open.db, open.dialect))); } finally { await open.close(); }`;
    try {
      const outputs = await Promise.all(
        Array.from({ length: 4 }, () =>
          run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 60_000 }),
        ),
      );
      const applied = outputs.flatMap(({ stdout }) => JSON.parse(stdout) as string[]);
      assert.deepEqual(applied.sort(), known);
      const open = openDb(database.config);
      try {
        const { rows } = await sql<{ name: string }>`select name from ytring_migrations`.execute(open.db);
        assert.deepEqual(rows.map((row) => row.name).sort(), known);
      } finally {
        await open.close();
      }
    } finally {
      await database.drop();
    }
  });
});

for (const dialect of DIALECTS) {
  describe(`migrations (${dialect})`, () => {
    it('run once when four instances start at once on a fresh database', async () => {
      const database = await createTestDatabase(dialect);
      const instances = Array.from({ length: 4 }, () => openDb(database.config));
      try {
        const applied = await Promise.all(instances.map((open) => migrateToLatest(open.db, open.dialect)));
        // Every migration ran in exactly one of them, and the others found nothing left to do.
        assert.deepEqual(applied.flat().sort(), known);
        const { rows } = await sql<{ name: string }>`select name from ytring_migrations`.execute(instances[0]!.db);
        assert.deepEqual(rows.map((row) => row.name).sort(), known);
        for (const open of instances) assert.deepEqual(await pendingMigrations(open.db), []);
        // The schema is complete: the last migration's work is there.
        await sql`select ytring_fold('x') as folded`.execute(instances[0]!.db);
        await instances[0]!.db.selectFrom('posts').select('id').limit(1).execute();
      } finally {
        for (const open of instances) await open.close();
        await database.drop();
      }
    });

    it('leave a database that a newer build migrated further alone, with a warning', async () => {
      const database = await createTestDatabase(dialect, { migrated: true });
      const open = openDb(database.config);
      try {
        await sql`insert into ytring_migrations (name, timestamp) values (${NEWER}, ${new Date().toISOString()})`.execute(open.db);
        const warnings: string[] = [];
        assert.deepEqual(await migrateToLatest(open.db, open.dialect, { warn: (message) => warnings.push(message) }), []);
        assert.equal(warnings.length, 1);
        assert.match(warnings[0]!, /newer Ytring/);
        assert.ok(warnings[0]!.includes(NEWER));
        assert.deepEqual(await pendingMigrations(open.db), []);
        assert.deepEqual(await newerMigrations(open.db), [NEWER]);
      } finally {
        await open.close();
        await database.drop();
      }
    });

    it("refuse, in plain words, a database missing one of this build's migrations while a newer build migrated it", async () => {
      const database = await createTestDatabase(dialect, { migrated: true });
      const open = openDb(database.config);
      try {
        const missing = known[known.length - 1]!;
        await sql`delete from ytring_migrations where name = ${missing}`.execute(open.db);
        await sql`insert into ytring_migrations (name, timestamp) values (${NEWER}, ${new Date().toISOString()})`.execute(open.db);
        await assert.rejects(migrateToLatest(open.db, open.dialect, { warn: () => {} }), (error: Error) => {
          assert.ok(error.message.includes(missing), error.message);
          assert.ok(error.message.includes(NEWER), error.message);
          assert.doesNotMatch(error.message, /corrupted/);
          return true;
        });
      } finally {
        await open.close();
        await database.drop();
      }
    });

    it('let an older build start, serve pages and say it is ready on a newer schema; doctor warns', async () => {
      const database = await createTestDatabase(dialect, { migrated: true });
      const setup = openDb(database.config);
      await sql`insert into ytring_migrations (name, timestamp) values (${NEWER}, ${new Date().toISOString()})`.execute(setup.db);
      await setup.close();
      const uploads = mkdtempSync(join(tmpdir(), 'ytring-test-uploads-'));
      const stream = new PassThrough();
      let log = '';
      stream.on('data', (chunk: Buffer) => {
        log += chunk.toString();
      });
      try {
        const config = loadConfig(
          { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: database.config.url, UPLOADS_DIR: uploads },
          {},
          false,
        );
        const app = await buildApp({ ...config, database: database.config }, { schedulerIntervalMs: 0, logStream: stream });
        try {
          const home = await app.server.inject({ method: 'GET', url: '/' });
          assert.equal(home.statusCode, 200);
          const ready = await app.server.inject({ method: 'GET', url: '/readyz' });
          assert.equal(ready.statusCode, 200, ready.body);
          assert.equal((ready.json() as { checks: Record<string, string> }).checks.migrations, 'ok');
          assert.match(log, /newer Ytring/);
          assert.ok(log.includes(NEWER));

          const findings: Finding[] = [];
          const checked = await checkDatabase({ ...config, database: database.config }, findings);
          await checked?.close();
          const about = findings.filter((finding) => finding.topic === 'Migrations');
          assert.equal(about.length, 1);
          assert.equal(about[0]!.level, 'warning');
          assert.ok(about[0]!.text.includes(NEWER), about[0]!.text);
        } finally {
          await closeTestApp(app);
        }
      } finally {
        rmSync(uploads, { recursive: true, force: true });
        await database.drop();
      }
    });
  });
}

describe('compareMigrationNames', () => {
  it("orders this build's migrations as Kysely's default (localeCompare) does", () => {
    const names = Object.keys(migrations).reverse();
    assert.deepEqual(
      [...names].sort(compareMigrationNames),
      [...names].sort((a, b) => a.localeCompare(b)),
    );
  });
});
