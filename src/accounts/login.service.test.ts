import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../test/support/db.js';
import { openDb, type OpenDb } from '../storage/db.js';
import { migrateToLatest } from '../storage/migrate.js';
import { createAccount } from './account.service.js';
import { attemptLogin, MAX_FAILURES } from './login.service.js';

const SECRET = 'login-test-secret-0123456789';
const noSleep = async () => {};

for (const dialect of DIALECTS) {
  describe(`login throttling (${dialect})`, () => {
    let database: TestDatabase;
    let open: OpenDb;
    before(async () => {
      database = await createTestDatabase(dialect);
      open = openDb(database.config);
      await migrateToLatest(open.db, open.dialect);
    });
    after(async () => {
      await open?.close();
      await database?.drop();
    });

    const tally = (results: { ok: boolean; reason?: string }[]) => ({
      failed: results.filter((r) => !r.ok && r.reason === 'failed').length,
      slowed: results.filter((r) => !r.ok && r.reason === 'slowed').length,
    });

    it('checks at most the account limit of 150 wrong passwords sent at once from many addresses', async () => {
      await createAccount(open.db, { name: 'Maal', email: 'maal@login.example', password: 'det-rigtige-kodeord', role: 'admin' });
      const results = await Promise.all(
        Array.from({ length: 150 }, (_, i) =>
          attemptLogin(open.db, SECRET, 'maal@login.example', `forkert-${i}`, `10.0.${i >> 8}.${i & 255}`, new Date(), noSleep),
        ),
      );
      assert.deepEqual(tally(results), { failed: MAX_FAILURES.account, slowed: 150 - MAX_FAILURES.account });
      const right = await attemptLogin(open.db, SECRET, 'maal@login.example', 'det-rigtige-kodeord', '10.9.9.9', new Date(), noSleep);
      assert.equal(right.ok, false, 'the right password waits for the window too');
    });

    it('checks at most the address limit of 150 wrong passwords for different accounts from one address', async () => {
      const results = await Promise.all(
        Array.from({ length: 150 }, (_, i) =>
          attemptLogin(open.db, SECRET, `person${i}@login.example`, 'forkert-kodeord', '192.0.2.7', new Date(), noSleep),
        ),
      );
      assert.deepEqual(tally(results), { failed: MAX_FAILURES.ip, slowed: 150 - MAX_FAILURES.ip });
    });

    it('does not count successful logins against the address', async () => {
      await createAccount(open.db, { name: 'Travl', email: 'travl@login.example', password: 'det-rigtige-kodeord', role: 'author' });
      for (let i = 0; i < MAX_FAILURES.ip + 5; i++) {
        const result = await attemptLogin(open.db, SECRET, 'travl@login.example', 'det-rigtige-kodeord', '192.0.2.99', new Date(), noSleep);
        assert.equal(result.ok, true, `login number ${i + 1}`);
      }
    });
  });
}
