/** Deleting and merging people (issue 13): merge moves everything and leaves no orphan; delete is refused while posts name them. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addImportedComment } from '../../comments/comment.service.js';
import { PICKER_LIMIT } from '../../people/person.js';
import { loginAs, type Session } from '../../../test/support/admin.js';
import { DIALECTS } from '../../../test/support/db.js';
import { buildBlog, buildPerson, buildPost } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

for (const dialect of DIALECTS) {
  describe(`deleting and merging people (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin', { name: 'Ada Admin' });
    });
    after(async () => {
      await server?.close();
    });

    const count = async (table: 'post_authors' | 'info_box_contacts' | 'blog_owners' | 'comments', personId: string) =>
      Number(
        (
          await server.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .where('person_id', '=', personId)
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('refuses to delete a person with bylines, saying why and offering the merge', async () => {
      const person = await buildPerson(server.db, { name: 'Fejl Stavet' });
      await buildPost(server.db, { authors: [{ personId: person.id }] });
      const page = await (await admin.get(`/admin/people/${person.id}/delete`)).text();
      assert.match(page, /id="delete-refused"/);
      assert.match(page, new RegExp(`href="/admin/people/${person.id}/merge"`));
      assert.doesNotMatch(page, /action="\/admin\/people\/[^"]+\/delete"/);
      const refused = await admin.post(`/admin/people/${person.id}/delete`);
      assert.equal(refused.status, 409);
      assert.ok(await server.db.selectFrom('people').select('id').where('id', '=', person.id).executeTakeFirst());
    });

    it('deletes a person only named as a contact, keeping the name in the info box, and audits it', async () => {
      const person = await buildPerson(server.db, { name: 'Kun Kontakt' });
      const post = await buildPost(server.db, { infoBoxes: [{ heading: 'Kontakt', contacts: [{ personId: person.id }] }] });
      const response = await admin.post(`/admin/people/${person.id}/delete`);
      assert.equal(response.status, 303);
      assert.equal(await server.db.selectFrom('people').select('id').where('id', '=', person.id).executeTakeFirst(), undefined);
      const contact = await server.db
        .selectFrom('info_box_contacts')
        .innerJoin('info_boxes', 'info_boxes.id', 'info_box_contacts.info_box_id')
        .select(['info_box_contacts.name', 'info_box_contacts.person_id'])
        .where('info_boxes.post_id', '=', post.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(contact, { name: 'Kun Kontakt', person_id: null });
      const audit = await server.db
        .selectFrom('audit_log')
        .select(['action', 'subject_id'])
        .where('action', '=', 'person.delete')
        .execute();
      assert.deepEqual(audit, [{ action: 'person.delete', subject_id: person.id }]);
    });

    it('merges a mistyped guest: shows what moves, then moves bylines, contacts, blogs, comments and the account, leaving no orphan', async () => {
      const keep = await buildPerson(server.db, { name: 'Marie Munk', guest: true });
      const drop = await buildPerson(server.db, { name: 'Marie Mukn', guest: true });
      const blog = await buildBlog(server.db, { ownerIds: [drop.id] });
      const shared = await buildPost(server.db, { blogId: blog.id, authors: [{ personId: keep.id }, { personId: drop.id }] });
      const own = await buildPost(server.db, {
        blogId: blog.id,
        authors: [{ personId: drop.id }],
        infoBoxes: [{ heading: 'Kontakt', contacts: [{ personId: drop.id }] }],
      });
      const commentId = await addImportedComment(server.db, 'hemmelighed', 3, {
        postId: own.id,
        parentId: null,
        name: 'Marie Mukn',
        email: 'marie@example.org',
        body: 'Tak for spørgsmålet.',
        status: 'approved',
        createdAt: new Date(),
        badge: 'author',
      });
      // A staff reply names its writer as a person.
      await server.db.updateTable('comments').set({ person_id: drop.id }).where('id', '=', commentId).execute();
      const review = await (await admin.get(`/admin/people/${drop.id}/merge?into=${keep.id}`)).text();
      assert.match(review, /Forfatter til 2 indlæg/);
      assert.match(review, /Kontaktperson i 1 faktabokse/);
      assert.match(review, /Ejer af 1 blogs/);
      assert.match(review, /\/authors\/marie-mukn/);

      const response = await admin.post(`/admin/people/${drop.id}/merge`, { into: keep.id });
      assert.equal(response.status, 303);
      assert.equal(response.headers.get('location'), `/admin/people/${keep.id}?done=merged`);
      for (const table of ['post_authors', 'info_box_contacts', 'blog_owners', 'comments'] as const)
        assert.equal(await count(table, drop.id), 0, `${table} names the merged person no more`);
      assert.equal(await server.db.selectFrom('people').select('id').where('id', '=', drop.id).executeTakeFirst(), undefined);
      const authorsOf = async (postId: string) =>
        (await server.db.selectFrom('post_authors').select('person_id').where('post_id', '=', postId).execute()).map((r) => r.person_id);
      assert.deepEqual(await authorsOf(shared.id), [keep.id], 'a post they shared names the kept person once');
      assert.deepEqual(await authorsOf(own.id), [keep.id]);
      assert.equal(await count('info_box_contacts', keep.id), 1);
      assert.equal(await count('blog_owners', keep.id), 1);
      // Orphans: no reference to a person that is gone, in any table.
      for (const table of ['post_authors', 'info_box_contacts', 'blog_owners', 'comments', 'accounts'] as const) {
        const orphans = await server.db
          .selectFrom(table)
          .leftJoin('people', 'people.id', `${table}.person_id`)
          .select(`${table}.person_id`)
          .where(`${table}.person_id`, 'is not', null)
          .where('people.id', 'is', null)
          .execute();
        assert.deepEqual(orphans, [], `${table} has no orphans`);
      }
      const old = await server.get('/authors/marie-mukn', { redirect: 'manual' });
      assert.equal(old.status, 301);
      assert.match(old.headers.get('location') ?? '', /\/authors\/marie-munk$/);
      const audit = await server.db.selectFrom('audit_log').select(['action', 'summary']).where('action', '=', 'person.merge').execute();
      assert.equal(audit.length, 1);
      assert.match(audit[0]!.summary, /Marie Mukn → Marie Munk: 2 bylines/);
    });

    it("moves a merged person's account to the kept one, and refuses when both have one", async () => {
      const staff = await loginAs(server, 'author', { name: 'Bo Dublet' });
      const keep = await buildPerson(server.db, { name: 'Bo Lund' });
      assert.equal((await admin.post(`/admin/people/${staff.personId}/merge`, { into: keep.id })).status, 303);
      const account = await server.db
        .selectFrom('accounts')
        .select('person_id')
        .where('id', '=', staff.accountId)
        .executeTakeFirstOrThrow();
      assert.equal(account.person_id, keep.id);
      const other = await loginAs(server, 'author', { name: 'Med Konto' });
      const refused = await admin.post(`/admin/people/${other.personId}/merge`, { into: keep.id });
      assert.equal(refused.status, 409);
      assert.match(await refused.text(), /Begge personer har en konto/);
    });

    it('lists a capped set of people to merge into, and its search finds the rest by organisation', async () => {
      const drop = await buildPerson(server.db, { name: 'Kasper Dobbelt' });
      for (let n = 0; n <= PICKER_LIMIT; n++) await buildPerson(server.db, { name: `Anna Fyld ${String(n).padStart(3, '0')}` });
      const far = await buildPerson(server.db, { name: 'Øjvind Sidst', jobTitle: 'Direktør', organisation: 'Fjernstyrelsen' });
      const options = (html: string) => [...html.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
      const first = await (await admin.get(`/admin/people/${drop.id}/merge`)).text();
      assert.ok(options(first).length <= PICKER_LIMIT, `at most ${PICKER_LIMIT} offered, not everyone`);
      assert.ok(!options(first).includes(far.id));
      assert.match(first, /name="people_q"/);
      const searched = await (await admin.get(`/admin/people/${drop.id}/merge?people_q=fjernstyr&into=`)).text();
      assert.deepEqual(options(searched), [far.id]);
      assert.match(searched, /<option value="[^"]+">Øjvind Sidst, Direktør, Fjernstyrelsen<\/option>/);
      // The chosen one stays offered whatever the search, so the review step shows who is kept.
      const chosen = await (await admin.get(`/admin/people/${drop.id}/merge?into=${far.id}`)).text();
      assert.ok(options(chosen).includes(far.id));
      assert.match(chosen, /Øjvind Sidst/);
    });

    it('refuses delete and merge pages to an author', async () => {
      const author = await loginAs(server, 'author');
      const person = await buildPerson(server.db);
      assert.equal((await author.get(`/admin/people/${person.id}/merge`)).status, 403);
      assert.equal((await author.post(`/admin/people/${person.id}/delete`)).status, 403);
    });
  });
}
