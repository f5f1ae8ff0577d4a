import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { formBody, loginAs, type Session } from '../../test/support/admin.js';
import { DIALECTS } from '../../test/support/db.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { countAdmins } from './account.repository.js';

const setup = (server: TestServer, n: number) =>
  server.get('/admin/setup', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: formBody({ name: `Ejer ${n}`, email: `ejer${n}@setup.example`, password: 'et-langt-kodeord' }),
  });

const accountCount = async (server: TestServer) =>
  Number(
    (
      await server.db
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

for (const dialect of DIALECTS) {
  describe(`first-run setup (${dialect})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect);
    });
    after(async () => {
      await server?.close();
    });

    it('ten setups sent at once to a new site make exactly one administrator', async () => {
      const statuses = (await Promise.all(Array.from({ length: 10 }, (_, n) => setup(server, n)))).map((r) => r.status);
      assert.equal(statuses.filter((s) => s === 303).length, 1, `statuses: ${statuses.join(', ')}`);
      assert.equal(await accountCount(server), 1);
    });

    it('stays closed once the site has had an account, even with no administrator left', async () => {
      await server.db.updateTable('accounts').set({ role: 'editor' }).execute();
      assert.equal(await countAdmins(server.db), 0);
      assert.equal((await server.get('/admin/setup')).status, 404);
      assert.equal((await setup(server, 99)).status, 404);
      assert.equal(await accountCount(server), 1);
    });

    it('stays closed after every account is gone', async () => {
      await server.db.deleteFrom('accounts').execute();
      assert.equal((await setup(server, 100)).status, 404);
      assert.equal(await accountCount(server), 0);
    });
  });

  describe(`the last administrator (${dialect})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect);
    });
    after(async () => {
      await server?.close();
    });

    /** Two fresh administrators, and no other. */
    async function twoAdmins(): Promise<[Session, Session]> {
      await server.db.updateTable('accounts').set({ role: 'author' }).where('role', '=', 'admin').execute();
      return [await loginAs(server, 'admin'), await loginAs(server, 'admin')];
    }
    const change = (by: Session, of: Session, fields: Record<string, string>) =>
      by.post(`/admin/people/${of.personId}/account`, { role: 'admin', ...fields });

    it('two administrators demoting each other at once leave one administrator', async () => {
      for (let round = 0; round < 5; round++) {
        const [a, b] = await twoAdmins();
        const statuses = (await Promise.all([change(a, b, { role: 'editor' }), change(b, a, { role: 'editor' })])).map((r) => r.status);
        assert.equal(await countAdmins(server.db), 1, `round ${round}: statuses ${statuses.join(', ')}`);
        // The loser is refused as the last administrator, or, when it came second, as no administrator at all.
        assert.equal(statuses.filter((s) => s === 303).length, 1, `round ${round}: statuses ${statuses.join(', ')}`);
      }
    });

    it('two administrators disabling each other at once leave one administrator', async () => {
      for (let round = 0; round < 5; round++) {
        const [a, b] = await twoAdmins();
        await Promise.all([change(a, b, { disabled: '1' }), change(b, a, { disabled: '1' })]);
        assert.equal(await countAdmins(server.db), 1, `round ${round}`);
      }
    });
  });
}
