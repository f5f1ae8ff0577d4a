import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../test/support/db.js';
import { backupDatabase } from './backup.js';
import { openDb } from './db.js';
import { migrateToLatest } from './migrate.js';

for (const dialect of DIALECTS) {
  describe(`backupDatabase (${dialect})`, () => {
    let database: TestDatabase;
    let dir: string;
    before(async () => {
      database = await createTestDatabase(dialect);
      dir = mkdtempSync(join(tmpdir(), 'ytring-backup-'));
      const open = openDb(database.config);
      await migrateToLatest(open.db, open.dialect);
      await open.db.insertInto('settings').values({ key: 'backup-test', value: '"kept"', updated_at: new Date().toISOString() }).execute();
      await open.close();
    });
    after(async () => {
      await database?.drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("copies a database file whole, or explains the server's own tools", async () => {
      const target = join(dir, 'copy.db');
      const outcome = await backupDatabase(database.config, target);
      if (database.config.dialect !== 'sqlite') {
        assert.equal(outcome.kind, 'elsewhere');
        assert.equal(existsSync(target), false);
        return;
      }
      assert.equal(outcome.kind, 'copied');
      const copy = openDb({ ...database.config, url: `sqlite:${target}`, filename: target });
      try {
        const row = await copy.db.selectFrom('settings').select('value').where('key', '=', 'backup-test').executeTakeFirst();
        assert.equal(row?.value, '"kept"');
      } finally {
        await copy.close();
      }
      assert.equal(existsSync(`${target}.partial`), false);
    });

    it('reports a missing database file instead of creating one', { skip: dialect !== 'sqlite' && 'a server has no file' }, async () => {
      const missing = join(dir, 'nothing-here.db');
      const outcome = await backupDatabase({ dialect: 'sqlite', url: `sqlite:${missing}`, filename: missing }, join(dir, 'out.db'));
      assert.deepEqual(outcome, { kind: 'missing', source: missing });
      assert.equal(existsSync(missing), false);
    });
  });
}
