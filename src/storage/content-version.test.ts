/**
 * SQLite's content version, which every request reads (the page cache asks it before serving a
 * kept page): it must see every change to what pages show, by this process or by another
 * connection (a CLI import, a second process), and cost next to nothing when there is none.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../test/support/db.js';
import { openContentVersion, type ContentVersion } from './content-version.js';
import { openDb, type OpenDb } from './db.js';

describe('the SQLite content version', () => {
  let database: TestDatabase;
  let own: OpenDb;
  let other: OpenDb;
  let version: ContentVersion;
  const reads: string[] = [];

  before(async () => {
    database = await createTestDatabase('sqlite', { migrated: true });
    own = openDb(database.config);
    other = openDb(database.config);
    version = await openContentVersion({
      dialect: 'sqlite',
      readInteger: (source) => (reads.push(source), own.readInteger!(source)),
      readRows: (source, ...parameters) => (reads.push(source), own.readRows!(source, ...parameters)),
    });
  });
  after(async () => {
    await own?.close();
    await other?.close();
    await database?.drop();
  });

  const setTitle = (db: OpenDb['db'], title: string) =>
    sql`insert into settings (key, value, updated_at) values ('title', ${JSON.stringify(title)}, ${new Date().toISOString()})
      on conflict (key) do update set value = excluded.value`.execute(db);

  it('reads no table while nothing changes', async () => {
    const first = await version.current();
    reads.length = 0;
    assert.equal(await version.current(), first);
    assert.equal(await version.current(), first);
    assert.ok(reads.length > 0);
    assert.doesNotMatch(reads.join('\n'), /\bfrom\b/i);
  });

  it("sees another connection's change, as a CLI import's", async () => {
    const before = (await version.current())!;
    await setTitle(other.db, `Udefra ${Math.random()}`);
    const now = (await version.current())!;
    assert.notEqual(now, before);
    assert.equal(version.stale!(before, ['post:x']), true, 'a site change dates every page');
    assert.equal(await version.current(), now, 'and only once');
  });

  it('sees its own change, once its transaction is over', async () => {
    const before = (await version.current())!;
    await own.db.transaction().execute(async (trx) => {
      await setTitle(trx, `Indefra ${Math.random()}`);
      // Not yet: the transaction may still be rolled back.
      assert.equal(await version.current(), before);
    });
    const now = (await version.current())!;
    assert.notEqual(now, before);
    assert.equal(version.stale!(before, ['post:x']), true);
  });

  it('takes a change to what no page shows for none', async () => {
    const before = (await version.current())!;
    await sql`insert into rate_limits (key, window_start, hits) values (${`test:${Math.random()}`}, ${new Date().toISOString()}, 1)`.execute(
      other.db,
    );
    await sql`insert into rate_limits (key, window_start, hits) values (${`test:${Math.random()}`}, ${new Date().toISOString()}, 1)`.execute(
      own.db,
    );
    assert.equal(await version.current(), before);
  });
});
