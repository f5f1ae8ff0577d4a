import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { insertAuditEntry } from '../accounts/account.repository.js';
import { listAuditEntries } from '../accounts/audit.repository.js';
import { countPersonRows, listPersonRows } from '../people/person.repository.js';
import { listAdminPosts } from '../posts/post-admin.repository.js';
import { loginAs, type Session } from '../../test/support/admin.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildPerson, buildPost } from '../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { foldText } from './text-match.js';

const NAMES = ['Anne Østerby', 'Jérôme Lefèvre', 'Jürgen Müller', 'Ærø Ålund', '100% Hansen', 'Bo_Berg', 'Oscar Ostergaard'];

describe('foldText', () => {
  it('lower-cases, spells æ, ø and å as ae, oe and aa, and drops accents', () => {
    assert.equal(foldText('ØSTERBY Ærø Ålund Jérôme Müller Straße'), 'oesterby aeroe aalund jerome muller strasse');
  });

  it('folds a letter typed as a base letter and a combining accent like the composed letter', () => {
    assert.equal(foldText('Je\u0301ro\u0302me O\u0308'), foldText('Jérôme Ö'));
  });

  it('folds Latin text on its quick path as the tables do', () => {
    // A Greek letter sends the text down the table path; the Latin letter before it must fold the same.
    for (let code = 0x20; code < 0x180; code++) {
      const letter = String.fromCodePoint(code);
      assert.equal(foldText(letter), foldText(`${letter}Ω`).slice(0, -1), `U+${code.toString(16)}`);
    }
  });
});

for (const dialect of DIALECTS) {
  describe(`case- and accent-insensitive matching (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin', { name: 'Ada Admin' });
      for (const name of NAMES) await buildPerson(server.db, { name });
    });
    after(async () => {
      await server?.close();
    });

    const people = async (query: string) => (await listPersonRows(server.db, { query, limit: 50, offset: 0 })).map((p) => p.name);

    for (const [query, expected] of [
      ['Østerby', ['Anne Østerby']],
      ['østerby', ['Anne Østerby']],
      ['ØSTERBY', ['Anne Østerby']],
      ['oesterby', ['Anne Østerby']],
      ['Jérôme', ['Jérôme Lefèvre']],
      ['jerome', ['Jérôme Lefèvre']],
      ['JEROME LEFEVRE', ['Jérôme Lefèvre']],
      ['Müller', ['Jürgen Müller']],
      ['muller', ['Jürgen Müller']],
      ['ærø', ['Ærø Ålund']],
      ['ÅLUND', ['Ærø Ålund']],
      ['%', ['100% Hansen']],
      ['_', ['Bo_Berg']],
      ['n_e', []],
    ] as const) {
      it(`finds ${JSON.stringify(expected)} for the name search "${query}"`, async () => {
        assert.deepEqual(await people(query), expected);
        assert.equal(await countPersonRows(server.db, query), expected.length);
      });
    }

    it('the database folds every letter as the code does', async () => {
      const letters = [];
      for (let code = 0x20; code < 0x2000; code++) letters.push(String.fromCodePoint(code));
      // One at a time (a space apart): the order the two give a run of rare accents follows their Unicode versions.
      for (const text of [letters.join(' '), 'ØSTERBRO Æble Ålborg Straße Œuvre ΟΔΟΣ МОСКВА', 'å\u0308 æ\u0308 Å\u0308 o\u0308\u0301']) {
        const { rows } = await sql<{ folded: string }>`select ytring_fold(${text}) as folded`.execute(server.db);
        assert.equal(rows[0]?.folded, foldText(text));
      }
    });

    it('finds posts in the admin list by title, lead or body the same way', async () => {
      const post = await buildPost(server.db, { title: 'Besøg på Østerbro', lead: 'Café-kultur', body: 'Skrevet af Jürgen.' });
      for (const q of ['ØSTERBRO', 'østerbro', 'cafe', 'CAFÉ', 'jurgen', 'besoeg oesterbro']) {
        assert.deepEqual(
          (await listAdminPosts(server.db, { q }, 10, 0)).map((p) => p.id),
          [post.id],
          q,
        );
      }
      assert.deepEqual(await listAdminPosts(server.db, { q: 'østerbro%' }, 10, 0), []);
    });

    it("finds audit entries by the actor's name the same way", async () => {
      const entry = (id: string, actorName: string) =>
        insertAuditEntry(server.db, {
          id,
          at: new Date().toISOString(),
          account_id: null,
          actor_name: actorName,
          action: 'test',
          subject_type: 'test',
          subject_id: null,
          summary: '',
        });
      await entry('01000000-0000-7000-8000-000000000001', 'Søren Ærøskøbing');
      await entry('01000000-0000-7000-8000-000000000002', 'Søren_Æ');
      const actors = async (actor: string) => (await listAuditEntries(server.db, { actor }, 10, 0)).map((e) => e.actorName);
      assert.deepEqual(await actors('SØREN ÆRØ'), ['Søren Ærøskøbing']);
      assert.deepEqual(await actors('soeren aeroe'), ['Søren Ærøskøbing']);
      assert.deepEqual(await actors('søren_'), ['Søren_Æ']);
    });

    it('the admin people search finds "Østerby" typed exactly', async () => {
      const response = await admin.get(`/admin/people?q=${encodeURIComponent('Østerby')}`);
      assert.equal(response.status, 200);
      const html = await response.text();
      assert.match(html, /Anne Østerby/);
      assert.doesNotMatch(html, /Jürgen Müller/);
    });
  });
}
