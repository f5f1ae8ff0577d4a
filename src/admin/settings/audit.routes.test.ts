import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { audit } from '../../accounts/account.service.js';
import type { Actor } from '../../accounts/account.js';
import { loginAs, type Session } from '../../../test/support/admin.js';
import { DIALECTS } from '../../../test/support/db.js';
import { buildPerson } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { formValuesOf } from './settings-form.js';
import { DEFAULT_SETTINGS } from '../../settings/settings.js';

/** The rows of the audit table as "action subject-type", top to bottom. */
const rowsOf = (html: string) =>
  [
    ...html.matchAll(
      /<tr><td><time[^>]*>[^<]*<\/time><\/td><td>[^<]*<\/td><td data-action="([^"]+)">[^<]+<\/td><td data-subject="([^"]+)">/g,
    ),
  ].map((m) => `${m[1]} ${m[2]}`);

for (const dialect of DIALECTS) {
  describe(`audit log (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    let ada: Actor;
    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin', { name: 'Ada Admin' });
      ada = { accountId: admin.accountId, personId: admin.personId, name: 'Ada Admin', role: 'admin', blogScope: null };
    });
    after(async () => {
      await server?.close();
    });

    it('lists the changes staff made, newest first, with who did them', async () => {
      const person = await admin.post('/admin/people', { name: 'Logget Person' });
      const personId = /people\/([^?]+)/.exec(person.headers.get('location')!)![1]!;
      await admin.post('/admin/blogs', { title: 'Logget blog', owner: personId });
      await admin.post('/admin/settings', { ...formValuesOf(DEFAULT_SETTINGS), title: 'Logget titel' });
      const html = await (await admin.get('/admin/audit')).text();
      assert.deepEqual(rowsOf(html).slice(0, 3), ['settings.update settings', 'blog.create blog', 'person.create person']);
      assert.match(html, /Ada Admin/);
      assert.match(html, /title: Ytring → Logget titel/);
    });

    it('filters by action, type, who and local calendar day', async () => {
      const bo = { ...ada, name: 'Bo Filter' };
      await audit(server.db, bo, 'post.publish', { type: 'post', id: 'p1', summary: 'Marts' }, new Date('2024-03-10T12:00:00Z'));
      // 23:30 UTC on 10 March is already 11 March in Copenhagen.
      await audit(server.db, bo, 'post.update', { type: 'post', id: 'p1', summary: 'Sent' }, new Date('2024-03-10T23:30:00Z'));
      await audit(server.db, ada, 'comment.approve', { type: 'comment', id: 'c1', summary: 'Godkendt' }, new Date('2024-03-10T13:00:00Z'));
      const rows = async (query: string) => rowsOf(await (await admin.get(`/admin/audit?${query}`)).text());
      assert.deepEqual(await rows('action=post.publish'), ['post.publish post']);
      assert.deepEqual(await rows('type=post'), ['post.update post', 'post.publish post']);
      const page = await (await admin.get('/admin/audit?type=post')).text();
      assert.match(page, /<td data-action="post.update">Ændrede indlæg<\/td>/);
      // The subject's type in the admin's language too, in the column and in the Type menu.
      assert.match(page, /<td data-subject="post">Indlæg<\/td>/);
      assert.match(page, /<option value="comment">Kommentar<\/option>/);
      assert.doesNotMatch(page, />post</);
      assert.deepEqual(await rows('actor=bo+filt'), ['post.update post', 'post.publish post']);
      assert.deepEqual(await rows('from=2024-03-10&to=2024-03-10'), ['comment.approve comment', 'post.publish post']);
      assert.deepEqual(await rows('from=2024-03-11&to=2024-03-11&type=post'), ['post.update post']);
    });

    it('names a date that is not one, and lists nothing for it', async () => {
      const response = await admin.get('/admin/audit?from=2024-02-31');
      assert.equal(response.status, 422);
      assert.match(await response.text(), /id="audit-from"[^>]*aria-invalid="true"/);
    });

    it('pages through a long log, keeping the filter', async () => {
      for (let i = 0; i < 55; i++)
        await audit(server.db, ada, 'bulk.test', { type: 'bulk', summary: `nr ${i}` }, new Date(Date.UTC(2023, 0, 1, 0, i)));
      const first = await (await admin.get('/admin/audit?type=bulk')).text();
      assert.equal(rowsOf(first).length, 50);
      assert.match(first, /href="\/admin\/audit\?type=bulk&amp;page=2"/);
      assert.equal(rowsOf(await (await admin.get('/admin/audit?type=bulk&page=2')).text()).length, 5);
    });

    it('exports the filtered log as CSV: a header row, quoted fields, and no cell a spreadsheet would run', async () => {
      await buildPerson(server.db);
      await audit(server.db, ada, 'person.update', { type: 'person', id: 'x1', summary: 'Berg, "Bo" skiftede navn' });
      await audit(server.db, { ...ada, name: '=HYPERLINK("http://evil.example")' }, 'person.update', {
        type: 'person',
        id: 'x2',
        summary: '@SUM(A1)',
      });
      const response = await admin.get('/admin/audit.csv?action=person.update');
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'text/csv; charset=utf-8');
      assert.match(response.headers.get('content-disposition')!, /^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/);
      const lines = (await response.text()).split('\r\n');
      assert.equal(lines[0], 'time_utc,actor,account_id,action,subject_type,subject_id,summary');
      assert.equal(lines.length, 4, 'two entries and the final line break');
      assert.match(
        lines[1]!,
        /^\d{4}-\d\d-\d\dT[\d:.]+Z,"'=HYPERLINK\(""http:\/\/evil\.example""\)",[^,]+,person\.update,person,x2,'@SUM\(A1\)$/,
      );
      assert.match(lines[2]!, /,person\.update,person,x1,"Berg, ""Bo"" skiftede navn"$/);
    });

    it('has no route that changes or removes an entry', async () => {
      for (const path of ['/admin/audit', '/admin/audit/1', '/admin/audit/delete']) {
        assert.equal((await admin.post(path, { id: '1' })).status, 404, path);
      }
      const deleted = await server.get('/admin/audit', { method: 'DELETE', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
      assert.equal(deleted.status, 404);
    });
  });
}
