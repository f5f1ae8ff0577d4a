import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { DIALECTS, openedTestDatabase } from '../../test/support/db.js';
import { rateLimitHits } from '../comments/spam/spam.repository.js';
import { compiledStatement } from './compiled-statement.js';
import type { Db } from './db.js';

for (const dialect of DIALECTS) {
  describe(`statements compiled once (${dialect})`, () => {
    const opened = openedTestDatabase(dialect);

    it('builds an upsert once and answers each call with its own arguments and returned rows', async () => {
      const { db } = opened;
      let builds = 0;
      // The comment form's own rate-limit upsert.
      const hit = compiledStatement((d: Db, keys: string[], at: string, start: string) => {
        builds++;
        return rateLimitHits(d, keys, at, start);
      });
      const hits = async (keys: string[], at: string, start: string) => {
        const result = await hit(db, keys, at, start);
        return Object.fromEntries(result.rows.map((r) => [r.key, Number(r.hits)]));
      };
      assert.deepEqual(await hits(['a', 'b'], '2026-12-05T10:00:00.000Z', '2026-12-05T09:00:00.000Z'), { a: 1, b: 1 });
      assert.deepEqual(await hits(['b', 'c'], '2026-12-05T10:10:00.000Z', '2026-12-05T09:10:00.000Z'), { b: 2, c: 1 });
      assert.deepEqual(await hits(['a', 'b'], '2026-12-05T12:00:00.000Z', '2026-12-05T11:00:00.000Z'), { a: 1, b: 1 });
      assert.deepEqual(await hits(['c'], '2026-12-05T10:20:00.000Z', '2026-12-05T09:20:00.000Z'), { c: 2 });
      // Built with stand-ins once per length of the key list, never per call.
      assert.equal(builds, 2);
    });

    it('passes null where the statement takes a value, and counts a write that changed nothing', async () => {
      const { db } = opened;
      let builds = 0;
      const count = compiledStatement((d: Db, id: string, postId: string | null) => {
        builds++;
        return d
          .insertInto('spam_event_counts')
          .values({ id, day: '2026-12-05', layer: 'question', outcome: 'rejected', post_id: postId, count: 1 })
          .onConflict((oc) => oc.column('id').doNothing());
      });
      assert.equal(Number((await count(db, 'x1', null)).numAffectedRows), 1);
      assert.equal(Number((await count(db, 'x2', 'p2')).numAffectedRows), 1);
      assert.equal(Number((await count(db, 'x1', 'p9')).numAffectedRows), 0, 'a conflict inserts nothing');
      const rows = await db
        .selectFrom('spam_event_counts')
        .select(['id', 'post_id'])
        .where('id', 'in', ['x1', 'x2'])
        .orderBy('id')
        .execute();
      assert.deepEqual(rows, [
        { id: 'x1', post_id: null },
        { id: 'x2', post_id: 'p2' },
      ]);
      assert.equal(builds, 1);
    });

    it('builds anew each call when an argument shapes the text rather than going to the parameters', async () => {
      const { db } = opened;
      let builds = 0;
      const named = compiledStatement((d: Db, id: string, layer: string) => {
        builds++;
        return d
          .insertInto('spam_event_counts')
          .values({ id, day: '2026-12-05', layer: sql.lit(layer), outcome: 'held', post_id: null, count: 1 });
      });
      await named(db, 'y1', 'rules');
      await named(db, 'y2', 'links');
      const rows = await db.selectFrom('spam_event_counts').select(['id', 'layer']).where('id', 'in', ['y1', 'y2']).orderBy('id').execute();
      assert.deepEqual(rows, [
        { id: 'y1', layer: 'rules' },
        { id: 'y2', layer: 'links' },
      ]);
      assert.equal(builds, 3, 'the first call finds out (one build with stand-ins, one for real); the second builds for real');
    });
  });
}
