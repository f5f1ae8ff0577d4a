import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { inTransaction, type Db } from '../storage/db.js';
import { DIALECTS, openedTestDatabase } from '../../test/support/db.js';
import { addRedirect, addRedirects, findRedirect, redirectKey, type RedirectToAdd } from './redirect.service.js';

class Rollback extends Error {}

for (const dialect of DIALECTS) {
  describe(`addRedirects (${dialect})`, () => {
    const open = openedTestDatabase(dialect);

    const table = async (db: Db) =>
      (await sql<{ from_path: string; to_path: string }>`select from_path, to_path from redirects order by from_path`.execute(db)).rows;

    /** The table after `additions`, made one at a time as the import used to, or at once; nothing is kept. */
    const outcome = async (existing: [string, string][], additions: RedirectToAdd[], batched: boolean) => {
      let result: { rows: unknown[]; made: number } | undefined;
      await inTransaction(open.db, async (trx) => {
        for (const [from, to] of existing) await addRedirect(trx, from, to);
        let made = 0;
        if (batched) made = (await addRedirects(trx, additions)).length;
        else
          for (const { from, to, guessed } of additions) {
            const there = await findRedirect(trx, from);
            if (there === redirectKey(to) || (there && guessed) || redirectKey(from) === redirectKey(to)) continue;
            await addRedirect(trx, from, to);
            made++;
          }
        result = { rows: await table(trx), made };
        throw new Rollback();
      }).catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
      return result!;
    };

    it('ends where one addition after another ends, chains and live-again addresses included', async () => {
      const path = fc.constantFrom('/a', '/b', '/c', '/d', '/e/', '/?p=1');
      const pair = fc.tuple(path, path);
      await fc.assert(
        fc.asyncProperty(
          fc.array(pair, { maxLength: 4 }),
          fc.array(fc.record({ from: path, to: path, guessed: fc.boolean() }), { maxLength: 8 }),
          async (existing, additions) => {
            assert.deepEqual(await outcome(existing, additions, true), await outcome(existing, additions, false));
          },
        ),
        { numRuns: dialect === 'postgres' ? 60 : 150 },
      );
    });

    it('points an earlier redirect at the new address and lets a guess yield to one already there', async () => {
      const { rows, made } = await outcome(
        [['/old', '/mid']],
        [
          { from: '/mid', to: '/new' },
          { from: '/old', to: '/elsewhere', guessed: true },
        ],
        true,
      );
      assert.equal(made, 1);
      assert.deepEqual(rows, [
        { from_path: '/mid', to_path: '/new' },
        { from_path: '/old', to_path: '/new' },
      ]);
    });
  });
}
