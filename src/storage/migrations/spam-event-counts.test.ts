import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, DIALECTS, migrateTo } from '../../../test/support/db.js';
import { openDb } from '../db.js';
import { migrateToLatest } from '../migrate.js';

for (const dialect of DIALECTS) {
  describe(`migration 000009: spam events become daily counts (${dialect})`, () => {
    it('carries the counts over, one row per day, layer, outcome and post', async () => {
      const database = await createTestDatabase(dialect);
      const { db, close } = openDb(database.config);
      try {
        assert.equal(await migrateTo(db, '2026_11_29_000007_add_page_indexes'), undefined);
        const events = [
          ['1', 'question', 'rejected', 'p1', '2026-12-01T10:00:00.000Z'],
          ['2', 'question', 'rejected', 'p1', '2026-12-01T23:59:59.999Z'],
          ['3', 'question', 'rejected', 'p1', '2026-12-02T00:00:00.000Z'],
          ['4', 'honeypot', 'rejected', null, '2026-12-01T10:00:00.000Z'],
          ['5', 'honeypot', 'rejected', null, '2026-12-01T11:00:00.000Z'],
        ];
        for (const [id, layer, outcome, postId, at] of events) {
          await sql`insert into spam_events (id, layer, outcome, post_id, created_at) values (${id}, ${layer}, ${outcome}, ${postId}, ${at})`.execute(
            db,
          );
        }
        await migrateToLatest(db, dialect);
        const rows = await db.selectFrom('spam_event_counts').select(['id', 'day', 'layer', 'post_id', 'count']).orderBy('id').execute();
        assert.deepEqual(
          rows.map((r) => ({ ...r, count: Number(r.count) })),
          [
            { id: '2026-12-01|honeypot|rejected|', day: '2026-12-01', layer: 'honeypot', post_id: null, count: 2 },
            { id: '2026-12-01|question|rejected|p1', day: '2026-12-01', layer: 'question', post_id: 'p1', count: 2 },
            { id: '2026-12-02|question|rejected|p1', day: '2026-12-02', layer: 'question', post_id: 'p1', count: 1 },
          ],
        );
      } finally {
        await close();
        await database.drop();
      }
    });
  });
}
