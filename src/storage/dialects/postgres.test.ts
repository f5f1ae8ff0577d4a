/**
 * pg is loaded only where PostgreSQL is used: loading it builds a fetch Response (its check for
 * Cloudflare Workers), and with it Node's whole fetch implementation, a tenth of a SQLite start.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { createTestDatabase, DIALECTS } from '../../../test/support/db.js';

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
