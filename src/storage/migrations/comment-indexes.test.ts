import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, DIALECTS, migrateTo } from '../../../test/support/db.js';
import { dialectOf, openDb, type Db } from '../db.js';
import { migrateToLatest } from '../migrate.js';

async function commentIndexes(db: Db): Promise<string[]> {
  const { rows } =
    dialectOf(db) === 'sqlite'
      ? await sql<{
          name: string;
        }>`select name from sqlite_master where tbl_name = 'comments' and type = 'index' and sql is not null`.execute(db)
      : await sql<{
          name: string;
        }>`select indexname as name from pg_indexes where tablename = 'comments' and indexname <> 'comments_pkey'`.execute(db);
  return rows.map((r) => r.name).sort();
}

for (const dialect of DIALECTS) {
  describe(`migration 000103: the comments carry only the indexes a query reads (${dialect})`, () => {
    it('drops the updated_at index, which no query reads since the feeds use feed_versions, and down puts it back', async () => {
      const database = await createTestDatabase(dialect);
      const { db, close } = openDb(database.config);
      try {
        await migrateToLatest(db, dialect);
        assert.deepEqual(await commentIndexes(db), [
          'comments_email_idx',
          'comments_ip_idx',
          'comments_root_idx',
          'comments_status_idx',
          'comments_thread_idx',
        ]);
        assert.equal(await migrateTo(db, '2026_12_05_000099_editor_states'), undefined);
        assert.ok((await commentIndexes(db)).includes('comments_updated_idx'));
      } finally {
        await close();
        await database.drop();
      }
    });
  });
}
