/**
 * The file database's connection settings that the comment rate depends on (issue 16). A comment
 * writes about twenty pages to the WAL (the comment, its seven indexes, the token, the rate-limit
 * rows, the live event, the cache tags, the post's count); with SQLite's default of a checkpoint
 * every 1,000 pages, every fiftieth comment or so paid for a checkpoint and its two fsyncs on the
 * event loop, and wrote back pages that the next fifty comments changed again.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestDatabase } from '../../../test/support/db.js';
import { sqliteDialect } from './sqlite.js';

describe('the SQLite connection', () => {
  // SQLite's own settings: there is no PostgreSQL side to loop over.
  it('checkpoints its WAL after thousands of pages, not after the default thousand', async () => {
    const database = await createTestDatabase('sqlite');
    const { raw } = sqliteDialect(database.config.dialect === 'sqlite' ? database.config.filename : '');
    try {
      assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
      assert.ok(Number(raw.pragma('wal_autocheckpoint', { simple: true })) >= 8000);
    } finally {
      raw.close();
      await database.drop();
    }
  });
});
