import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { updateSiteSettings } from '../settings/settings.service.js';
import { postComment } from '../../test/support/comments.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildBlog, buildPost } from '../../test/support/factories.js';
import type { ParsedMail } from 'mailparser';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { startSmtpServer, type TestSmtpServer } from '../../test/support/smtp.js';

const MODERATOR = 'mod@site.example';

/** Polls every 50 ms, up to 5 s, until `check` gives a value. */
async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the worker has sent everything in the outbox, so a mail that was never queued can be told apart from a late one. */
async function outboxDrained(server: TestServer): Promise<void> {
  await waitFor('the outbox to drain', async () => {
    const row = await server.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('sent_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.count) === 0 ? true : undefined;
  });
}

const header = (mail: ParsedMail, name: string) => mail.headerLines.find((h) => h.key === name)?.line.replace(/\r\n\s+/g, ' ');
const pathOf = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};
const commentIdOf = (response: Response) => /#comment-([0-9a-f-]{36})$/.exec(response.headers.get('location') ?? '')?.[1];

let counter = 0;
const unique = (prefix: string) => `${prefix}${++counter}@debat.example`;

for (const dialect of DIALECTS) {
  describe(`comment e-mails over SMTP (${dialect})`, () => {
    let smtp: TestSmtpServer;
    let server: TestServer;

    before(async () => {
      smtp = await startSmtpServer();
      server = await startTestServer(dialect, { env: { SMTP_URL: smtp.url } });
      await updateSiteSettings(server.db, {
        minSecondsToSubmit: 0,
        commentsPerHourPerIp: 10000,
        commentsPerHourPerEmail: 10000,
        moderatorEmails: [MODERATOR],
        language: 'en',
      });
    });
    after(async () => {
      await server?.close();
      await smtp?.close();
    });

    async function newPostPath(overrides: { title?: string; slug?: string } = {}): Promise<string> {
      const blog = await buildBlog(server.db);
      const post = await buildPost(server.db, { blogId: blog.id, ...overrides });
      return `/${blog.slug}/${post.slug}`;
    }

    /** A published comment whose writer asked for reply mails; returns its id and the confirm link from the mail. */
    async function subscribedComment(path: string, email: string): Promise<{ id: string; confirmPath: string }> {
      const response = await postComment(server, path, { name: 'Alma Abonnent', email, notify: true });
      assert.equal(response.status, 303);
      const [confirmation] = await waitFor('the confirmation mail', () => (smtp.to(email).length ? smtp.to(email) : undefined));
      const link = /https?:\/\/\S+\/comments\/subscriptions\/confirm\?token=\S+/.exec(confirmation!.mail.text ?? '')?.[0];
      assert.ok(link, 'the confirmation mail has a confirm link');
      return { id: commentIdOf(response)!, confirmPath: pathOf(link) };
    }

    function pressConfirm(confirmPath: string) {
      const token = new URL(confirmPath, 'http://x').searchParams.get('token') ?? '';
      return server.get('/comments/subscriptions/confirm', {
        method: 'POST',
        body: new URLSearchParams({ token }),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    }

    async function confirmedComment(path: string, email: string) {
      const subscribed = await subscribedComment(path, email);
      // Opening the link only shows the button (a mail scanner's GET confirms nothing); pressing it confirms.
      assert.equal((await server.get(subscribed.confirmPath)).status, 200);
      assert.equal((await pressConfirm(subscribed.confirmPath)).status, 200);
      return subscribed;
    }

    async function replyMailTo(email: string): Promise<ParsedMail> {
      const found = await waitFor('the reply mail', () => smtp.to(email).find((d) => /New reply/.test(d.mail.subject ?? '')));
      return found.mail;
    }

    it('mails the moderator about a held comment, naming the post, the commenter and the reason', async () => {
      await updateSiteSettings(server.db, { commentPolicy: 'all' });
      try {
        const path = await newPostPath({ title: 'Tillid i forvaltningen' });
        assert.equal((await postComment(server, path, { name: 'Holger Holdt', email: unique('holger') })).status, 303);
        const held = await waitFor('the moderator mail', () =>
          smtp.to(MODERATOR).find((d) => /Tillid i forvaltningen/.test(d.mail.subject ?? '')),
        );
        assert.match(held.mail.text ?? '', /Holger Holdt/);
        assert.match(held.mail.text ?? '', /Every comment waits for approval/);
      } finally {
        await updateSiteSettings(server.db, { commentPolicy: 'open' });
      }
    });

    it('mails a confirmation link to a commenter who asks to hear about replies', async () => {
      const path = await newPostPath();
      const { confirmPath } = await subscribedComment(path, unique('confirm'));
      assert.match(confirmPath, /^\/comments\/subscriptions\/confirm\?token=[^&\s]+$/);
    });

    it('sends nothing about a reply before the subscription is confirmed', async () => {
      const path = await newPostPath();
      const email = unique('unconfirmed');
      const { id } = await subscribedComment(path, email);
      assert.equal((await postComment(server, path, { name: 'Bo Besvarer', email: unique('bo'), parent: id })).status, 303);
      await outboxDrained(server);
      assert.equal(smtp.to(email).length, 1, 'only the confirmation mail');
    });

    it('after confirmation mails a reply by someone else, with one-click unsubscribe headers', async () => {
      const path = await newPostPath();
      const email = unique('confirmed');
      const { id } = await confirmedComment(path, email);
      assert.equal(
        (await postComment(server, path, { name: 'Bo Besvarer', email: unique('bo'), parent: id, body: 'Et godt svar på din pointe.' }))
          .status,
        303,
      );
      const mail = await replyMailTo(email);
      assert.match(mail.text ?? '', /Et godt svar på din pointe\./);
      assert.match(
        header(mail, 'list-unsubscribe') ?? '',
        /^List-Unsubscribe: <https?:\/\/\S+\/comments\/subscriptions\/unsubscribe\?token=\S+>$/,
      );
      const unsubscribe = /<(\S+)>/.exec(header(mail, 'list-unsubscribe') ?? '')![1]!;
      assert.equal(
        (await server.get(pathOf(unsubscribe).replace('/subscriptions/unsubscribe', '/manage'))).status,
        404,
        'the header link cannot manage the comment',
      );
      assert.equal(header(mail, 'list-unsubscribe-post'), 'List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    });

    it("sends no mail about the subscriber's own reply", async () => {
      const path = await newPostPath();
      const email = unique('self');
      const { id } = await confirmedComment(path, email);
      assert.equal((await postComment(server, path, { name: 'Alma Abonnent', email: email.toUpperCase(), parent: id })).status, 303);
      await outboxDrained(server);
      assert.equal(smtp.to(email).length, 1, 'only the confirmation mail');
    });

    it('keeps sending reply mails after GETs of the unsubscribe link, as a mail scanner makes', async () => {
      const path = await newPostPath();
      const email = unique('scanned');
      const { id } = await confirmedComment(path, email);
      await postComment(server, path, { name: 'Bo Besvarer', email: unique('bo'), parent: id });
      const unsubscribe = /<(\S+)>/.exec(header(await replyMailTo(email), 'list-unsubscribe') ?? '')![1]!;
      assert.equal((await server.get(pathOf(unsubscribe))).status, 200);
      assert.equal((await server.get(pathOf(unsubscribe))).status, 200);
      await postComment(server, path, { name: 'Cecilie Citat', email: unique('cecilie'), parent: id });
      await outboxDrained(server);
      assert.equal(smtp.to(email).length, 3, 'the confirmation and both replies');
    });

    it('sends moderators no "comment waiting" mail about a comment marked as spam', async () => {
      const blocked = unique('blocked');
      await server.db
        .insertInto('blocklist')
        .values({ id: `blocked-${dialect}`, kind: 'email', value: blocked, created_at: new Date().toISOString() })
        .execute();
      await updateSiteSettings(server.db, { commentPolicy: 'all' });
      try {
        const spamPath = await newPostPath({ title: 'Spamfælden' });
        const heldPath = await newPostPath({ title: 'Venteværelset' });
        const spam = await postComment(server, spamPath, { email: blocked });
        assert.equal(spam.status, 303);
        const row = await server.db.selectFrom('comments').select('status').where('id', '=', commentIdOf(spam)!).executeTakeFirstOrThrow();
        assert.equal(row.status, 'spam');
        assert.equal((await postComment(server, heldPath, { email: unique('held') })).status, 303);
        await waitFor('the mail about the held comment', () => smtp.to(MODERATOR).find((d) => /Venteværelset/.test(d.mail.subject ?? '')));
        await outboxDrained(server);
        assert.equal(smtp.to(MODERATOR).filter((d) => /Spamfælden/.test(d.mail.subject ?? '')).length, 0);
      } finally {
        await updateSiteSettings(server.db, { commentPolicy: 'open' });
        await server.db.deleteFrom('blocklist').where('id', '=', `blocked-${dialect}`).execute();
      }
    });

    it('stops reply mails after an RFC 8058 one-click POST to the unsubscribe URL', async () => {
      const path = await newPostPath();
      const email = unique('oneclick');
      const { id } = await confirmedComment(path, email);
      await postComment(server, path, { name: 'Bo Besvarer', email: unique('bo'), parent: id });
      const unsubscribe = /<(\S+)>/.exec(header(await replyMailTo(email), 'list-unsubscribe') ?? '')![1]!;
      const response = await server.get(pathOf(unsubscribe), {
        method: 'POST',
        body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(response.status, 200);
      await postComment(server, path, { name: 'Cecilie Citat', email: unique('cecilie'), parent: id });
      await outboxDrained(server);
      assert.equal(smtp.to(email).length, 2, 'the confirmation and the first reply only');
    });

    it('accepts the one-click POST sent as multipart/form-data, the encoding RFC 8058 recommends', async () => {
      const path = await newPostPath();
      const email = unique('multipart');
      const { id } = await confirmedComment(path, email);
      await postComment(server, path, { name: 'Bo Besvarer', email: unique('bo'), parent: id });
      const unsubscribe = /<(\S+)>/.exec(header(await replyMailTo(email), 'list-unsubscribe') ?? '')![1]!;
      const form = new FormData();
      form.set('List-Unsubscribe', 'One-Click');
      assert.equal((await server.get(pathOf(unsubscribe), { method: 'POST', body: form })).status, 200);
      await postComment(server, path, { name: 'Cecilie Citat', email: unique('cecilie'), parent: id });
      await outboxDrained(server);
      assert.equal(smtp.to(email).length, 2, 'the confirmation and the first reply only');
    });

    it('keeps a Bcc line in a post title out of the envelope and the subject', async () => {
      await updateSiteSettings(server.db, { commentPolicy: 'all' });
      try {
        const path = await newPostPath({ title: 'Snedig titel\r\nBcc: evil@x.example', slug: `snedig-titel-${++counter}` });
        assert.equal((await postComment(server, path, { email: unique('sly') })).status, 303);
        const held = await waitFor('the moderator mail', () => smtp.delivered.find((d) => /Snedig titel/.test(d.mail.subject ?? '')));
        assert.deepEqual(held.rcptTo, [MODERATOR]);
        assert.doesNotMatch(held.mail.subject ?? '', /[\r\n]/);
        assert.equal(held.mail.bcc, undefined);
        await outboxDrained(server);
        assert.equal(smtp.to('evil@x.example').length, 0);
      } finally {
        await updateSiteSettings(server.db, { commentPolicy: 'open' });
      }
    });
  });
}
