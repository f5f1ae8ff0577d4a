import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/support/db.js';
import { openDb, type OpenDb } from './db.js';
import { withJobLock } from './job-lock.js';

for (const dialect of DIALECTS) {
  describe(`withJobLock (${dialect})`, () => {
    let database: TestDatabase;
    let open: OpenDb;
    before(async () => {
      database = await createTestDatabase(dialect);
      open = openDb(database.config);
    });
    after(async () => {
      await open?.close();
      await database?.drop();
    });

    it('runs the job and hands back its result', async () => {
      assert.equal(await withJobLock(open.db, 'job-a', async () => 42), 42);
    });

    it(
      'runs a job once when two instances start it at the same moment',
      { skip: dialect !== 'postgres' && 'one process owns a SQLite file' },
      async () => {
        // A second pool is a second instance: its own connections, the same database.
        const other = openDb(database.config);
        try {
          let runs = 0;
          const job = async () => {
            runs++;
            await sleep(300);
            return 'done';
          };
          const results = await Promise.all([withJobLock(open.db, 'job-b', job), withJobLock(other.db, 'job-b', job)]);
          assert.equal(runs, 1);
          assert.deepEqual(results.sort(), ['done', undefined]);
        } finally {
          await other.close();
        }
      },
    );

    it('lets the next run take the job once the first has finished', async () => {
      let runs = 0;
      await withJobLock(open.db, 'job-c', async () => {
        runs++;
      });
      await withJobLock(open.db, 'job-c', async () => {
        runs++;
      });
      assert.equal(runs, 2);
    });

    it('does not block a job of another name', { skip: dialect !== 'postgres' && 'no locks on SQLite' }, async () => {
      let runs = 0;
      const job = async () => {
        runs++;
        await sleep(100);
      };
      await Promise.all([withJobLock(open.db, 'job-d', job), withJobLock(open.db, 'job-e', job)]);
      assert.equal(runs, 2);
    });
  });
}
