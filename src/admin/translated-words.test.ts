/** Every status and reason shown to a person is in their language (issue 13): no raw code words on Danish screens or in mails. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addImportedComment } from '../comments/comment.service.js';
import { mailModeratorsAboutHeld } from '../comments/comment-mails.js';
import { listOutbox } from '../notifications/mail.service.js';
import { loginAs, type Session } from '../../test/support/admin.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildPost } from '../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';

const RAW = /\bpending\b|\bpolicy: |first-time-commenter|\bhold-all\b/;

for (const dialect of DIALECTS) {
  describe(`statuses and reasons in Danish (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin');
      const post = await buildPost(server.db, { title: 'Et indlæg' });
      await addImportedComment(server.db, 'hemmelighed', 3, {
        postId: post.id,
        parentId: null,
        name: 'Ny Læser',
        email: 'ny@example.org',
        body: 'Min første kommentar.',
        status: 'pending',
        createdAt: new Date(),
        badge: null,
      });
    });
    after(async () => {
      await server?.close();
    });

    it("shows a held comment's badge on the dashboard in Danish", async () => {
      const html = await (await admin.get('/admin')).text();
      const newest = /id="dash-newest"[\s\S]*?<\/section>/.exec(html)![0];
      assert.match(newest, /<span class="badge badge--status">Venter<\/span>/);
      assert.doesNotMatch(newest, RAW);
    });

    it("writes the moderators' mail with the status and reasons in words", async () => {
      await mailModeratorsAboutHeld(
        server.db,
        { baseUrl: 'https://debat.example', title: 'Debatten', language: 'da', timeZone: 'Europe/Copenhagen' },
        ['moderator@staff.example'],
        {
          id: 'c1',
          authorName: 'Ny Læser',
          authorEmail: 'ny@example.org',
          body: 'Min første kommentar.',
          status: 'pending',
          reasons: [{ layer: 'policy', rule: 'first-time-commenter', score: 0 }],
          postTitle: 'Et indlæg',
          postUrl: 'https://debat.example/x/et-indlaeg',
        },
        new Date(),
      );
      const mail = (await listOutbox(server.db)).find((m) => m.to === 'moderator@staff.example')!;
      assert.match(mail.text, /Status: Venter/);
      assert.match(mail.text, /- Første kommentar fra denne e-mailadresse/);
      // The link's query parameter is an address, not text for a person.
      assert.doesNotMatch(mail.text.replace(/\?status=pending/g, ''), RAW);
    });
  });
}
