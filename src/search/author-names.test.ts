/**
 * A post is found by its authors' names (the index's extra field): a person renamed in the admin is
 * found by the new name at once, and no longer by the old.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from '../accounts/account.js';
import { editPerson } from '../people/person-admin.service.js';
import { updatePerson } from '../people/person.service.js';
import { inTransaction } from '../storage/db.js';
import { buildPerson, buildPost } from '../../test/support/factories.js';
import { DIALECTS, openedTestDatabase } from '../../test/support/db.js';
import { searchPosts } from './search.service.js';

const admin: Actor = { accountId: 'no-account', personId: 'no-person', name: 'Admin', role: 'admin', blogScope: null };

for (const dialect of DIALECTS) {
  describe(`posts found by their authors' names (${dialect})`, () => {
    const database = openedTestDatabase(dialect);
    const titles = async (q: string) => (await searchPosts(database.db, { q, page: 1 })).hits.map((hit) => hit.title);

    it('finds a renamed author’s posts by the new name, and not by the old', async () => {
      const db = database.db;
      const person = await buildPerson(db, { name: 'Karoline Vindeløv' });
      await buildPost(db, { title: 'Om budgetter', authors: [{ personId: person.id }] });
      assert.deepEqual(await titles('vindeløv'), ['Om budgetter']);

      await editPerson(db, admin, person.id, { name: 'Karoline Stormgaard' });
      assert.deepEqual(await titles('stormgaard'), ['Om budgetter'], 'the new name');
      assert.deepEqual(await titles('vindeløv'), [], 'not the old');
    });

    it('indexes again in the profile change itself, so no caller of it can forget', async () => {
      const db = database.db;
      const person = await buildPerson(db, { name: 'Torben Havgaard' });
      await buildPost(db, { title: 'Om kystsikring', authors: [{ personId: person.id }] });
      await inTransaction(db, (trx) => updatePerson(trx, person.id, { name: 'Torben Klitmøller' }));
      assert.deepEqual(await titles('klitmøller'), ['Om kystsikring']);
      assert.deepEqual(await titles('havgaard'), []);
    });
  });
}
