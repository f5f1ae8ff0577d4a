/**
 * Two admins (or two tabs) on one person's profile or one blog: the later save used to undo the
 * earlier one without a word. It is refused with what was typed kept, and a second press of Save
 * saves it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DIALECTS } from '../../../test/support/db.js';
import { buildBlog, buildPerson } from '../../../test/support/factories.js';
import { loginAs, serverWithAdmin } from '../../../test/support/admin.js';

const versionIn = (html: string) => /name="version" value="([^"]*)"/.exec(html)?.[1] ?? '';

for (const dialect of DIALECTS) {
  describe(`a person or blog saved by someone else meanwhile (${dialect})`, () => {
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
      assert.match(page, /Det, du redigerer, er blevet ændret, siden du åbnede siden/);
      assert.match(page, /Skriver om kystsikring\./, 'what was typed is kept');
      assert.deepEqual(await row(), { job_title: 'Chefkonsulent', bio: '' }, 'the first save stands');

      const again = await other.post(`/admin/people/${person.id}`, profile({ bio: 'Skriver om kystsikring.', version: versionIn(page) }));
      assert.equal(again.status, 303, 'saved when pressed again');
      assert.equal((await row()).bio, 'Skriver om kystsikring.');
    });

    it('does the same for a blog', async () => {
      const { server, admin } = context;
      const other = await loginAs(server, 'admin', { name: 'Bo Blogredaktør' });
      const blog = await buildBlog(server.db, { slug: 'kyst', title: 'Kysten' });
      const owner =
        (await server.db.selectFrom('blog_owners').select('person_id').where('blog_id', '=', blog.id).executeTakeFirst())?.person_id ??
        admin.personId;
      const form = (overrides: Record<string, string>) => ({ title: 'Kysten', description: '', owner, ...overrides });
      const row = () => server.db.selectFrom('blogs').select(['title', 'description']).where('id', '=', blog.id).executeTakeFirstOrThrow();

      const first = versionIn(await (await admin.get(`/admin/blogs/${blog.id}`)).text());
      const second = versionIn(await (await other.get(`/admin/blogs/${blog.id}`)).text());
      assert.match(first, /^\d{4}-\d\d-\d\dT/);
      assert.equal((await admin.post(`/admin/blogs/${blog.id}`, form({ title: 'Kysten og havet', version: first }))).status, 303);

      const refused = await other.post(`/admin/blogs/${blog.id}`, form({ description: 'Om diger og klitter.', version: second }));
      assert.equal(refused.status, 409);
      const page = await refused.text();
      assert.match(page, /Det, du redigerer, er blevet ændret, siden du åbnede siden/);
      assert.match(page, /Om diger og klitter\./);
      assert.deepEqual(await row(), { title: 'Kysten og havet', description: '' });

      const again = await other.post(`/admin/blogs/${blog.id}`, form({ description: 'Om diger og klitter.', version: versionIn(page) }));
      assert.equal(again.status, 303);
      assert.equal((await row()).description, 'Om diger og klitter.');
    });
  });
}
