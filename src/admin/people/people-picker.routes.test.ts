/** The pickers' search (issue 13): staff only, by name, title or organisation, accents and case ignored. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loginAs, type Session } from '../../../test/support/admin.js';
import { DIALECTS } from '../../../test/support/db.js';
import { buildPerson } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

for (const dialect of DIALECTS) {
  describe(`person picker search (${dialect})`, () => {
    let server: TestServer;
    let author: Session;
    before(async () => {
      server = await startTestServer(dialect);
      author = await loginAs(server, 'author', { name: 'Åse Skribent' });
      await buildPerson(server.db, { name: 'Torben Østerby', jobTitle: 'Cheføkonom', organisation: 'Tænketanken Vækst' });
      await buildPerson(server.db, {
        name: 'Marie Munk',
        jobTitle: 'Afdelingschef',
        organisation: 'Økonomiministeriet',
        email: 'mm@privat.example',
      });
    });
    after(async () => {
      await server?.close();
    });

    const names = async (q: string) =>
      ((await (await author.get(`/admin/people.json?q=${encodeURIComponent(q)}`)).json()) as { people: { name: string }[] }).people.map(
        (p) => p.name,
      );

    it('finds people by name, job title or organisation, folding case and Danish letters', async () => {
      assert.deepEqual(await names('oesterby'), ['Torben Østerby']);
      assert.deepEqual(await names('AFDELINGSCHEF'), ['Marie Munk']);
      assert.deepEqual(await names('økonom'), ['Marie Munk', 'Torben Østerby']);
      assert.deepEqual(await names('ingen sådan'), []);
    });

    it('answers only staff, is never cached and holds no private e-mail', async () => {
      const answer = await author.get('/admin/people.json?q=munk');
      assert.equal(answer.headers.get('cache-control'), 'private, no-store');
      assert.doesNotMatch(await answer.text(), /privat\.example/);
      const anonymous = await server.get('/admin/people.json?q=munk', { redirect: 'manual' });
      assert.notEqual(anonymous.status, 200);
      const moderator = await loginAs(server, 'moderator');
      assert.equal((await moderator.get('/admin/people.json?q=munk')).status, 403);
    });
  });
}
