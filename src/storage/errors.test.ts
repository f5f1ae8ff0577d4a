import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../test/support/db.js';
import { openDb, type OpenDb } from './db.js';
import { isDatabaseUnavailable, isUnstorableText } from './errors.js';

const failure = async (run: () => Promise<unknown>): Promise<unknown> => {
  try {
    await run();
  } catch (error) {
    return error;
  }
  assert.fail('expected the database to refuse');
};

for (const dialect of DIALECTS) {
  describe(`what a database error means (${dialect})`, () => {
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

    it("a syntax error is neither an outage nor the request's text", async () => {
      const error = await failure(() => sql`selec 1`.execute(open.db));
      assert.equal(isDatabaseUnavailable(error), false);
      assert.equal(isUnstorableText(error), false);
    });

    it('a NUL byte is unstorable text only where the database refuses it', async () => {
      if (dialect === 'sqlite') {
        await sql`select ${'a\0b'} as text`.execute(open.db);
        return;
      }
      const error = await failure(() => sql`select ${'a\0b'} as text`.execute(open.db));
      assert.equal(isUnstorableText(error), true);
      assert.equal(isDatabaseUnavailable(error), false);
    });

    it('a database that cannot be reached is an outage', async () => {
      // A folder where the file should be, or a port nothing listens on.
      const error = await failure(async () => {
        const away = openDb(
          database.config.dialect === 'sqlite'
            ? { ...database.config, url: `sqlite:${tmpdir()}`, filename: tmpdir() }
            : { ...database.config, url: 'postgres://ytring@127.0.0.1:1/ytring' },
        );
        try {
          await sql`select 1`.execute(away.db);
        } finally {
          await away.close().catch(() => {});
        }
      });
      assert.equal(isDatabaseUnavailable(error), true);
    });
  });
}
