import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listOutbox } from '../../notifications/mail.service.js';
import { getPerson } from '../../people/person.service.js';
import { getSiteSettings } from '../../settings/settings.service.js';
import { loginAs, formBody, type Session } from '../../../test/support/admin.js';
import { DIALECTS } from '../../../test/support/db.js';
import { buildBlog, buildPerson } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

for (const dialect of DIALECTS) {
  describe(`people, blogs, settings and audit: who may do what (${dialect})`, () => {
    let server: TestServer;
    let personId: string;
    let blogId: string;
    const adminOnlyGets = () => [
      '/admin/blogs',
      '/admin/blogs/new',
      `/admin/blogs/${blogId}`,
      '/admin/settings',
      '/admin/audit',
      '/admin/audit.csv',
    ];
    const adminOnlyPosts = () =>
      [
        ['/admin/blogs', { title: 'Nej', owner: personId }],
        [`/admin/blogs/${blogId}`, { title: 'Nej', owner: personId }],
        ['/admin/settings', { title: 'Nej' }],
        ['/admin/settings/test-mail', {}],
        [`/admin/people/${personId}/account`, { email: 'nej@site.example', role: 'admin' }],
        [`/admin/people/${personId}/account/invite`, {}],
      ] as const;
    const peopleGets = () => ['/admin/people', '/admin/people/new', `/admin/people/${personId}`];
    const peoplePosts = () =>
      [
        ['/admin/people', { name: 'Nej' }],
        [`/admin/people/${personId}`, { name: 'Nej' }],
      ] as const;

    before(async () => {
      server = await startTestServer(dialect);
      personId = (await buildPerson(server.db, { name: 'Uændret Person' })).id;
      blogId = (await buildBlog(server.db, { ownerIds: [personId] })).id;
    });
    after(async () => {
      await server?.close();
    });

    it('lets an editor manage people but not give accounts', async () => {
      const editor = await loginAs(server, 'editor');
      assert.equal((await editor.get('/admin/people')).status, 200);
      assert.equal((await editor.post('/admin/people', { name: 'Ny fra redaktør' })).status, 303);
      const page = await (await editor.get(`/admin/people/${personId}`)).text();
      assert.doesNotMatch(page, /action="\/admin\/people\/[^"]+\/account"/);
    });

    it('refuses an editor blogs, settings, the audit log and accounts, changing nothing', async () => {
      const editor = await loginAs(server, 'editor');
      await assertRefused(editor, adminOnlyGets(), adminOnlyPosts());
      assert.equal((await getSiteSettings(server.db)).title, 'Ytring');
      assert.equal((await listOutbox(server.db)).length, 0);
    });

    for (const role of ['author', 'moderator'] as const) {
      it(`refuses a${role === 'author' ? 'n' : ''} ${role} people and everything beyond`, async () => {
        const session = await loginAs(server, role);
        await assertRefused(session, [...peopleGets(), ...adminOnlyGets()], [...peoplePosts(), ...adminOnlyPosts()]);
        assert.equal((await getPerson(server.db, personId)).name, 'Uændret Person');
      });
    }

    it('sends an anonymous visitor to the login page and refuses their changes', async () => {
      for (const path of [...peopleGets(), ...adminOnlyGets()]) {
        const response = await server.get(path);
        assert.equal(response.status, 303, path);
        assert.equal(response.headers.get('location'), `/admin/login?next=${encodeURIComponent(path)}`);
      }
      for (const [path, fields] of [...peoplePosts(), ...adminOnlyPosts()]) {
        const response = await server.get(path, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: formBody(fields),
        });
        assert.equal(response.status, 403, path);
      }
    });

    it("refuses an administrator's change without the CSRF token", async () => {
      const admin = await loginAs(server, 'admin');
      for (const [path, fields] of [...peoplePosts(), ...adminOnlyPosts()]) {
        assert.equal((await admin.post(path, fields, { csrf: false })).status, 403, path);
      }
      assert.equal((await getSiteSettings(server.db)).title, 'Ytring');
    });

    it('lets anyone reach the password reset page', async () => {
      assert.equal((await server.get('/admin/reset')).status, 200);
    });

    async function assertRefused(session: Session, gets: readonly string[], posts: readonly (readonly [string, Record<string, string>])[]) {
      for (const path of gets) assert.equal((await session.get(path)).status, 403, `GET ${path}`);
      for (const [path, fields] of posts) assert.equal((await session.post(path, fields)).status, 403, `POST ${path}`);
    }
  });
}
