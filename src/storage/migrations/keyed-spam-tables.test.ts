import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, DIALECTS, migrateTo } from '../../../test/support/db.js';
import { dialectOf, openDb } from '../db.js';
import { migrateToLatest } from '../migrate.js';
import { hitRateLimits, spendToken } from '../../comments/spam/spam.repository.js';

for (const dialect of DIALECTS) {
  describe(`migration 000090: the spent tokens and rate-limit windows kept in key order (${dialect})`, () => {
    it('keeps every row, one b-tree per table on the file database, and the tables work as before', async () => {
      const database = await createTestDatabase(dialect);
      const { db, close } = openDb(database.config);
      try {
        assert.equal(await migrateTo(db, '2026_12_05_000086_feed_versions'), undefined);
        await sql`insert into used_question_tokens (nonce, expires_at) values ('n1', '2026-12-05T20:00:00.000Z')`.execute(db);
        await sql`insert into rate_limits (key, window_start, hits) values ('comment:ip:x', '2026-12-05T10:00:00.000Z', 7)`.execute(db);
        await migrateToLatest(db, dialect);

        if (dialectOf(db) === 'sqlite') {
          // A rowid table keeps its primary key in a second b-tree, an automatic index.
          const { rows } = await sql<{ name: string }>`select name from sqlite_master
            where tbl_name in ('used_question_tokens', 'rate_limits') and type = 'index'`.execute(db);
          assert.deepEqual(rows, []);
        }
        const token = await db.selectFrom('used_question_tokens').selectAll().execute();
        assert.deepEqual(token, [{ nonce: 'n1', expires_at: '2026-12-05T20:00:00.000Z' }]);
        assert.equal(await spendToken(db, 'n1', new Date('2026-12-05T20:00:00.000Z')), false, 'a spent token stays spent');
        assert.equal(await spendToken(db, 'n2', new Date('2026-12-05T20:00:00.000Z')), true);
        const hits = await hitRateLimits(db, ['comment:ip:x', 'comment:email:y'], new Date('2026-12-05T10:30:00.000Z'), 3600_000);
        assert.deepEqual(Object.fromEntries(hits), { 'comment:ip:x': 8, 'comment:email:y': 1 });
      } finally {
        await close();
        await database.drop();
      }
    });
  });
}
