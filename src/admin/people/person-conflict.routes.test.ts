/**
 * Two admins (or two tabs) on one person's profile: the later save used to undo the earlier one
 * without a word. It is refused with what was typed kept, and a second press of Save saves it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DIALECTS } from '../../../test/support/db.js';
import { buildPerson } from '../../../test/support/factories.js';
import { loginAs, serverWithAdmin } from '../../../test/support/admin.js';

const versionIn = (html: string) => /name="version" value="([^"]*)"/.exec(html)?.[1] ?? '';

for (const dialect of DIALECTS) {
  describe(`a person saved by someone else meanwhile (${dialect})`, () => {
    const context = serverWithAdmin(dialect);

    it('refuses the later save with the form as typed, and saves it over the other when pressed again', async () => {
      const { server, admin } = context;
      const other = await loginAs(server, 'admin', { name: 'Bo Bertelsen' });
      const person = await buildPerson(server.db, { name: 'Karen Kystvej', jobTitle: 'Konsulent' });
      const profile = (overrides: Record<string, string>) => ({
        name: 'Karen Kystvej',
        initials: '',
        jobTitle: 'Konsulent',
        organisation: '',
        bio: '',
        avatarPath: '',
        email: '',
        phone: '',
        ...overrides,
      });
      const row = () => server.db.selectFrom('people').select(['job_title', 'bio']).where('id', '=', person.id).executeTakeFirstOrThrow();

      const first = versionIn(await (await admin.get(`/admin/people/${person.id}`)).text());
      const second = versionIn(await (await other.get(`/admin/people/${person.id}`)).text());
      assert.match(first, /^\d{4}-\d\d-\d\dT/, 'the form carries the version it was opened at');

      const saved = await admin.post(`/admin/people/${person.id}`, profile({ jobTitle: 'Chefkonsulent', version: first }));
      assert.equal(saved.status, 303);

      const refused = await other.post(`/admin/people/${person.id}`, profile({ bio: 'Skriver om kystsikring.', version: second }));
      assert.equal(refused.status, 409);
      const page = await refused.text();
      assert.match(page, /Personen er blevet ændret, siden du åbnede siden/);
      assert.match(page, /Skriver om kystsikring\./, 'what was typed is kept');
      assert.deepEqual(await row(), { job_title: 'Chefkonsulent', bio: '' }, 'the first save stands');

      const again = await other.post(`/admin/people/${person.id}`, profile({ bio: 'Skriver om kystsikring.', version: versionIn(page) }));
      assert.equal(again.status, 303, 'saved when pressed again');
      assert.equal((await row()).bio, 'Skriver om kystsikring.');
    });
  });
}
