import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../test/support/db.js';
import { openDb, type OpenDb } from './db.js';
import { migrateToLatest } from './migrate.js';
import { lockForDecision } from './write-lock.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const dialect of DIALECTS) {
  describe(`lockForDecision (${dialect})`, () => {
    let database: TestDatabase;
    // Two handles on one database: as two processes (or instances) would hold.
    let first: OpenDb;
    let second: OpenDb;
    before(async () => {
      database = await createTestDatabase(dialect);
      first = openDb(database.config);
      second = openDb(database.config);
      await migrateToLatest(first.db, first.dialect);
    });
    after(async () => {
      await first?.close();
      await second?.close();
      await database?.drop();
    });

    it(
      'makes a second transaction wait until the first one ends',
      { skip: dialect === 'sqlite' && 'one process waiting on SQLite blocks its own event loop: see the next test' },
      async () => {
        const order: string[] = [];
        const holder = first.db.transaction().execute(async (trx) => {
          await lockForDecision(trx, 'test');
          order.push('first locked');
          await pause(300);
          order.push('first done');
        });
        await pause(100);
        const waiter = second.db.transaction().execute(async (trx) => {
          await lockForDecision(trx, 'test');
          order.push('second locked');
        });
        await Promise.all([holder, waiter]);
        assert.deepEqual(order, ['first locked', 'first done', 'second locked']);
      },
    );

    it(
      'is held from the start of the transaction, before it writes anything',
      { skip: dialect !== 'sqlite' && 'SQLite only' },
      async () => {
        // better-sqlite3 waits synchronously: with no patience, the second connection answers busy at once.
        await sql`pragma busy_timeout = 0`.execute(second.db);
        let release = () => {};
        const released = new Promise<void>((resolve) => {
          release = resolve;
        });
        let locked = () => {};
        const isLocked = new Promise<void>((resolve) => {
          locked = resolve;
        });
        const holder = first.db.transaction().execute(async (trx) => {
          await lockForDecision(trx, 'test');
          locked();
          await released;
        });
        await isLocked;
        await assert.rejects(
          second.db.transaction().execute((trx) => lockForDecision(trx, 'test')),
          { code: 'SQLITE_BUSY' },
        );
        release();
        await holder;
        await second.db.transaction().execute((trx) => lockForDecision(trx, 'test'));
      },
    );
  });
}
