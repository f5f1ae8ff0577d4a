/**
 * pg is loaded only where PostgreSQL is used: loading it builds a fetch Response (its check for
 * Cloudflare Workers), and with it Node's whole fetch implementation, a tenth of a SQLite start.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { createTestDatabase, DIALECTS, POSTGRES_URL } from '../../../test/support/db.js';
import { openDb } from '../db.js';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
// Imports what `ytring start` imports, opens the database, asks it something, and says what was loaded.
const SCRIPT = `
import { createRequire } from 'node:module';
await import('./src/app.ts');
const { openDb, pingDb } = await import('./src/storage/db.ts');
const open = openDb(JSON.parse(process.env.TEST_DATABASE));
const answered = await pingDb(open.db);
await open.close();
const pg = Object.keys(createRequire(import.meta.url).cache).some((file) => file.includes('/node_modules/pg/'));
const fetch = process.moduleLoadList.some((name) => name.includes('undici'));
console.log(JSON.stringify({ answered, pg, fetch }));
`;

describe('loading pg', () => {
  for (const name of DIALECTS) {
    it(`${name === 'sqlite' ? 'waits for PostgreSQL: not on' : 'happens on'} ${name}`, async () => {
      const database = await createTestDatabase(name);
      try {
        const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], {
          cwd: ROOT,
          env: { ...process.env, TEST_DATABASE: JSON.stringify(database.config) },
        });
        const loaded = name === 'postgres';
        assert.deepEqual(JSON.parse(stdout), { answered: true, pg: loaded, fetch: loaded });
      } finally {
        await database.drop();
      }
    });
  }
});

describe(
  'a PostgreSQL connection lost in the middle of a transaction',
  { skip: POSTGRES_URL ? false : 'YTRING_TEST_POSTGRES_URL is not set' },
  () => {
    it('fails that transaction alone: the process lives on, and the next statement gets a fresh connection', async () => {
      const database = await createTestDatabase('postgres');
      const open = openDb(database.config);
      // An error thrown out of the process (the defect) fails this test as an uncaught exception.
      try {
        const outcome = await open.db
          .transaction()
          .execute(async (trx) => {
            const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
            // The server ends the connection while the transaction holds it between two statements
            // (a restart, a failover, an administrator): the error arrives with no query in flight.
            await sql`select pg_terminate_backend(${rows[0]!.pid})`.execute(open.db);
            await new Promise((r) => setTimeout(r, 200));
            await sql`select 1`.execute(trx);
            return 'committed';
          })
          .catch((error: unknown) => error);
        assert.ok(outcome instanceof Error, `the transaction fails, not ${String(outcome)}`);
        const { rows } = await sql<{ one: number }>`select 1 as one`.execute(open.db);
        assert.equal(rows[0]!.one, 1);
      } finally {
        await open.close();
        await database.drop();
      }
    });
  },
);
