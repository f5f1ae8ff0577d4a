/**
 * CR/LF in anything a person types that ends up in a mail (a site title, a post title, a
 * commenter's or an account's name) never becomes a header or a recipient: checked on the mail
 * as a real SMTP server receives it, envelope included.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { updateSiteSettings } from '../settings/settings.service.js';
import { loginAs, type Session } from '../../test/support/admin.js';
import { postComment } from '../../test/support/comments.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildBlog, buildPerson, buildPost } from '../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { startSmtpServer, type Delivered } from '../../test/support/smtp.js';

const VICTIM = 'victim@x.example';
const INJECTED = `Eva\r\nBcc: ${VICTIM}\r\nX-Injected: yes`;
const LF_ONLY = `Eva\nCc: ${VICTIM}\n\nBody takeover`;

async function waitFor<T>(what: string, check: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The mail went to `to` alone, in the envelope and the headers, and carries no header the text made. */
function assertOnlyTo(delivered: Delivered, to: string): void {
  const { mail, rcptTo } = delivered;
  assert.deepEqual(rcptTo, [to], 'the envelope names the recipient alone');
  const keys = mail.headerLines.map((h) => h.key);
  assert.ok(!keys.includes('bcc') && !keys.includes('cc') && !keys.includes('x-injected'), `headers: ${keys.join(', ')}`);
  assert.equal(keys.filter((k) => k === 'to').length, 1);
  assert.deepEqual(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : [], [to]);
  assert.doesNotMatch(mail.subject ?? '', /[\r\n]/);
  for (const line of mail.headerLines.filter((h) => h.key !== 'subject'))
    assert.ok(!line.line.includes(VICTIM), `${line.key} names the victim`);
}

for (const dialect of DIALECTS) {
  describe(`no e-mail header injection (${dialect})`, () => {
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let server: TestServer;
    let admin: Session;
    let adminEmail: string;
    const mailsTo = (address: string) =>
      smtp.delivered.filter(
        (d) => d.rcptTo.includes(address) || d.mail.headerLines.some((h) => h.key === 'to' && h.line.includes(address)),
      );

    before(async () => {
      smtp = await startSmtpServer();
      server = await startTestServer(dialect, { env: { SMTP_URL: smtp.url } });
      await updateSiteSettings(server.db, {
        minSecondsToSubmit: 0,
        commentsPerHourPerIp: 10_000,
        commentsPerHourPerEmail: 10_000,
        commentPolicy: 'open',
        language: 'en',
        title: `Ytring\r\nBcc: ${VICTIM}`,
      });
      admin = await loginAs(server, 'admin', { name: INJECTED });
      adminEmail = (await server.db.selectFrom('accounts').select('email').where('id', '=', admin.accountId).executeTakeFirstOrThrow())
        .email;
    });
    after(async () => {
      await server?.close();
      await smtp?.close();
    });

    it('sends the settings test mail, under a site title with CR/LF, to the administrator alone', async () => {
      assert.equal((await admin.post('/admin/settings/test-mail')).status, 303);
      const [mail] = await waitFor('the test mail', () => (mailsTo(adminEmail).length ? mailsTo(adminEmail) : undefined));
      assertOnlyTo(mail!, adminEmail);
      const row = await server.db
        .selectFrom('outbox')
        .select(['subject', 'to_address', 'headers'])
        .where('to_address', '=', adminEmail)
        .executeTakeFirstOrThrow();
      assert.doesNotMatch(row.subject, /[\r\n]/);
      assert.deepEqual(JSON.parse(row.headers), {});
    });

    it('sends an invitation for a person, and from an inviter, whose names hold CR/LF, to the invitee alone', async () => {
      const person = await buildPerson(server.db, { name: LF_ONLY, email: null });
      const email = `invitee-${dialect}@staff.example`;
      const response = await admin.post(`/admin/people/${person.id}/account`, { email, role: 'editor' });
      assert.equal(response.status, 303);
      const [mail] = await waitFor('the invitation', () => (mailsTo(email).length ? mailsTo(email) : undefined));
      assertOnlyTo(mail!, email);
    });

    it('sends confirmation and reply mails about a post titled with CR/LF, from a replier named with CR/LF, to the subscriber alone', async () => {
      const blog = await buildBlog(server.db);
      const post = await buildPost(server.db, { blogId: blog.id, title: `Indlæg\r\nBcc: ${VICTIM}` });
      const path = `/${blog.slug}/${post.slug}`;
      const subscriber = `abonnent-${dialect}@debat.example`;
      const created = await postComment(server, path, { name: INJECTED, email: subscriber, notify: true });
      assert.equal(created.status, 303);
      const stored = await server.db
        .selectFrom('comments')
        .select('author_name')
        .where('author_email', '=', subscriber)
        .executeTakeFirstOrThrow();
      assert.equal(stored.author_name, INJECTED, 'the name itself is kept as typed');
      const [confirmation] = await waitFor('the confirmation mail', () => (mailsTo(subscriber).length ? mailsTo(subscriber) : undefined));
      assertOnlyTo(confirmation!, subscriber);
      const link = /https?:\/\/\S+\/comments\/subscriptions\/confirm\?token=\S+/.exec(confirmation!.mail.text ?? '')![0];
      const confirmUrl = new URL(link);
      assert.equal((await server.get(`${confirmUrl.pathname}${confirmUrl.search}`)).status, 200);
      // The GET shows the button; the POST it sends confirms.
      const confirmed = await server.get(confirmUrl.pathname, {
        method: 'POST',
        body: new URLSearchParams({ token: confirmUrl.searchParams.get('token') ?? '' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(confirmed.status, 200);
      const parent = /#comment-([0-9a-f-]{36})$/.exec(created.headers.get('location') ?? '')![1]!;
      assert.equal((await postComment(server, path, { name: LF_ONLY, email: `svarer-${dialect}@debat.example`, parent })).status, 303);
      const reply = await waitFor('the reply mail', () => mailsTo(subscriber).find((d) => /New reply/.test(d.mail.subject ?? '')));
      assertOnlyTo(reply, subscriber);
      const keys = reply.mail.headerLines.map((h) => h.key);
      assert.ok(keys.includes('list-unsubscribe'), 'the headers the composer sets are still there');
    });

    it('never sent anything to the address written into the text', async () => {
      assert.ok(smtp.delivered.length >= 4, `${smtp.delivered.length} mails delivered`);
      for (const { rcptTo } of smtp.delivered) assert.ok(!rcptTo.includes(VICTIM), `envelope ${rcptTo.join(', ')}`);
      const leaked = await server.db.selectFrom('outbox').select('to_address').where('to_address', 'like', `%${VICTIM}%`).execute();
      assert.deepEqual(leaked, []);
    });
  });
}
