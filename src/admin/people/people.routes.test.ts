import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findAccountByEmail, findAccountByPerson } from '../../accounts/account.service.js';
import { listOutbox } from '../../notifications/mail.service.js';
import { getPerson } from '../../people/person.service.js';
import { loginAs, formBody, type Session } from '../../../test/support/admin.js';
import { DIALECTS } from '../../../test/support/db.js';
import { buildBlog, buildPerson } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

const idFrom = (response: Response) => /\/admin\/people\/([^/?]+)/.exec(response.headers.get('location') ?? '')?.[1] ?? '';

const MARIE = {
  name: 'Marie Munk',
  initials: 'mm',
  jobTitle: 'Chefanalytiker',
  organisation: 'Tænketanken Vest',
  bio: 'Skriver om boligpolitik.',
  avatarPath: '/uploads/marie-munk.jpg',
  email: 'marie.privat@hjemme.example',
  phone: '+45 12 34 56 78',
};

for (const dialect of DIALECTS) {
  describe(`admin people (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin', { name: 'Ada Admin' });
    });
    after(async () => {
      await server?.close();
    });

    it('creates a person with every field, and the public page shows the profile but not the private e-mail or phone', async () => {
      const created = await admin.post('/admin/people', MARIE);
      assert.equal(created.status, 303);
      const person = await getPerson(server.db, idFrom(created));
      assert.deepEqual(
        { ...person, id: undefined, slug: undefined },
        { ...MARIE, initials: 'MM', guest: false, id: undefined, slug: undefined },
      );
      const html = await (await server.get(`/authors/${person.slug}`)).text();
      for (const shown of ['Marie Munk', 'Chefanalytiker', 'Tænketanken Vest']) assert.ok(html.includes(shown), shown);
      for (const hidden of ['marie.privat', 'hjemme.example', '12 34 56 78', '12345678']) assert.ok(!html.includes(hidden), hidden);
    });

    it('keeps what was typed and names each problem when the form is invalid', async () => {
      const response = await admin.post('/admin/people', {
        ...MARIE,
        avatarPath: 'https://elsewhere.example/x.jpg',
        email: 'ikke-en-adresse',
      });
      assert.equal(response.status, 422);
      const html = await response.text();
      assert.match(html, /value="Chefanalytiker"/);
      // The photo is picked or uploaded, never typed: a forged path is refused beside the photo field.
      assert.match(html, /id="person-avatarPath"[^>]*>[\s\S]*?<span class="field-error" id="person-avatarPath-error">/);
      assert.match(html, /id="person-email"[^>]*aria-invalid="true"/);
    });

    it('edits a person, and their account keeps its own login e-mail', async () => {
      const person = await buildPerson(server.db, { name: 'Bo Berg', email: 'bo@privat.example' });
      await admin.post(`/admin/people/${person.id}/account`, { email: 'bo@arbejde.example', role: 'author' });
      const response = await admin.post(`/admin/people/${person.id}`, { ...MARIE, name: 'Bo Bergmann', email: 'bo@nyt-privat.example' });
      assert.equal(response.status, 303);
      assert.equal((await getPerson(server.db, person.id)).name, 'Bo Bergmann');
      assert.equal((await findAccountByPerson(server.db, person.id))?.email, 'bo@arbejde.example');
    });

    it('finds people by name', async () => {
      await buildPerson(server.db, { name: 'Søren Søgbar' });
      const html = await (await admin.get('/admin/people?q=s%C3%B8gbar')).text();
      assert.match(html, /Søren Søgbar/);
      assert.doesNotMatch(html, /Marie Munk/);
    });

    it('gives a person an editor account limited to one blog; the invitation link sets a password once, and the editor logs in', async () => {
      const blog = await buildBlog(server.db);
      await buildBlog(server.db);
      const person = await buildPerson(server.db, { name: 'Edith Redaktør' });
      const response = await admin.post(`/admin/people/${person.id}/account`, {
        email: 'edith@redaktion.example',
        role: 'editor',
        blogScope: [blog.id],
      });
      assert.equal(response.status, 303);
      const account = await findAccountByEmail(server.db, 'edith@redaktion.example');
      assert.deepEqual({ role: account?.role, scope: account?.blogScope }, { role: 'editor', scope: [blog.id] });

      const mail = (await listOutbox(server.db)).find((m) => m.to === 'edith@redaktion.example');
      assert.ok(mail, 'invitation queued');
      assert.doesNotMatch(mail.subject, /[\r\n]/);
      const path = /\/admin\/invite\/[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
      assert.ok(path);
      assert.equal((await server.get(path)).status, 200);
      const password = { password: 'edith-vælger-selv', confirm: 'edith-vælger-selv' };
      const accepted = await server.get(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: formBody(password),
      });
      assert.equal(accepted.status, 303);
      const again = await server.get(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: formBody(password),
      });
      assert.equal(again.status, 410);
      assert.equal((await server.get(path)).status, 410);
      const login = await server.get('/admin/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: formBody({ email: 'edith@redaktion.example', password: 'edith-vælger-selv' }),
      });
      assert.equal(login.status, 303);
    });

    it('refuses an address another account has, keeping the form', async () => {
      const person = await buildPerson(server.db);
      await admin.post(`/admin/people/${person.id}/account`, { email: 'dobbelt@site.example', role: 'author' });
      const other = await buildPerson(server.db);
      const response = await admin.post(`/admin/people/${other.id}/account`, { email: 'dobbelt@site.example', role: 'moderator' });
      assert.equal(response.status, 409);
      assert.match(
        await response.text(),
        /id="account-email"[^>]*value="dobbelt@site.example"|value="dobbelt@site.example"[^>]*id="account-email"/,
      );
    });

    it('changes a role and disables an account, which logs it out', async () => {
      const author = await loginAs(server, 'author');
      const response = await admin.post(`/admin/people/${author.personId}/account`, { role: 'moderator', disabled: '1' });
      assert.equal(response.status, 303);
      const account = await findAccountByPerson(server.db, author.personId);
      assert.deepEqual({ role: account?.role, disabled: account?.disabled }, { role: 'moderator', disabled: true });
      assert.equal((await author.get('/admin')).status, 303);
    });

    it('sends the invitation again while no password is chosen', async () => {
      const person = await buildPerson(server.db);
      await admin.post(`/admin/people/${person.id}/account`, { email: 'glemsom@site.example', role: 'author' });
      assert.equal((await admin.post(`/admin/people/${person.id}/account/invite`)).status, 303);
      assert.equal((await listOutbox(server.db)).filter((m) => m.to === 'glemsom@site.example').length, 2);
    });
  });
}
