import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KEPT_NOTE, queueMail } from '../../notifications/mail.service.js';
import { loginAs, type Session } from '../../../test/support/admin.js';
import { DIALECTS } from '../../../test/support/db.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

for (const dialect of DIALECTS) {
  describe(`/admin/status (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    let stuck: string;
    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin');
      stuck = await queueMail(server.db, {
        to: 'reader@debat.example',
        subject: 'Svar på din kommentar',
        text: 'Et brev der sidder fast.',
      });
      // As the worker leaves a mail the server refused: tried, failed, next attempt later.
      await server.db
        .updateTable('outbox')
        .set({
          attempts: 3,
          last_error: 'connect ECONNREFUSED 10.0.0.9:587',
          next_attempt_at: new Date(Date.now() + 3_600_000).toISOString(),
        })
        .where('id', '=', stuck)
        .execute();
    });
    after(async () => {
      await server?.close();
    });

    it('shows an administrator a stuck mail with its error and a retry button, with version and migrations', async () => {
      const response = await admin.get('/admin/status');
      assert.equal(response.status, 200);
      const html = await response.text();
      assert.match(html, /Svar på din kommentar/);
      assert.match(html, /connect ECONNREFUSED 10\.0\.0\.9:587/);
      assert.match(html, new RegExp(`<form method="post" action="/admin/status/mail/${stuck}/retry">`));
      assert.match(html, /<dd>\d+\.\d+\.\d+<\/dd>/, 'the version');
      assert.match(html, /<dd>\d+<\/dd>/, 'the number of migrations applied');
      assert.doesNotMatch(html, /reader@debat\.example/, 'the address is obfuscated like every address on a page');
    });

    it('puts the mail back in line when the button is pressed', async () => {
      const response = await admin.post(`/admin/status/mail/${stuck}/retry`);
      assert.equal(response.status, 303);
      assert.equal(response.headers.get('location'), '/admin/status?done=retried');
      const row = await server.db
        .selectFrom('outbox')
        .select(['attempts', 'next_attempt_at', 'last_error'])
        .where('id', '=', stuck)
        .executeTakeFirstOrThrow();
      assert.equal(row.attempts, 0);
      // Due now, or already taken by the worker it kicked (which, without SMTP_URL, keeps it).
      assert.ok(new Date(row.next_attempt_at).getTime() <= Date.now() || row.last_error === KEPT_NOTE, JSON.stringify(row));
    });

    it('is for administrators only', async () => {
      const editor = await loginAs(server, 'editor');
      assert.equal((await editor.get('/admin/status')).status, 403);
      assert.equal((await editor.post(`/admin/status/mail/${stuck}/retry`)).status, 403);
    });
  });
}
