/** Moderators' own mail about waiting comments: per comment, hourly and daily digests in their scope, once per period (issue 15). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loginAs, type Session } from '../../test/support/admin.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildBlog, buildPost } from '../../test/support/factories.js';
import { addQueueComment } from '../../test/support/moderation.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { startSmtpServer, type TestSmtpServer } from '../../test/support/smtp.js';
import { runScheduledJobs } from '../scheduled-jobs.js';
import { updateSiteSettings } from '../settings/settings.service.js';
import { moderatorAddresses, periodStart } from './moderator-mail.service.js';

const silent = { info() {}, error() {} };

async function waitFor(what: string, check: () => boolean, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

for (const dialect of DIALECTS) {
  describe(`moderators' mail about waiting comments (${dialect})`, () => {
    let smtp: TestSmtpServer;
    let server: TestServer;
    let hourly: Session;
    let daily: Session;
    let idle: Session;
    let each: Session;
    let mine: { blog: string; post: string };
    let other: { blog: string; post: string };
    const email = async (s: Session) =>
      (await server.db.selectFrom('accounts').select('email').where('id', '=', s.accountId).executeTakeFirstOrThrow()).email;
    // A restart is a fresh set of jobs: nothing carries over but the database.
    const run = async (at: string) => {
      await runScheduledJobs(server.db, silent, new Date(at), {
        secret: 's',
        baseUrl: 'https://debat.example',
        onMailQueued: () => server.app.mail.kick(),
      });
    };
    const settle = async () => {
      server.app.mail.kick();
      await new Promise((resolve) => setTimeout(resolve, 400));
    };

    before(async () => {
      smtp = await startSmtpServer();
      server = await startTestServer(dialect, { env: { SMTP_URL: smtp.url } });
      await updateSiteSettings(server.db, { language: 'en', title: 'Debatten' });
      const make = async (title: string) => {
        const blog = await buildBlog(server.db, { title });
        return { blog: blog.id, post: (await buildPost(server.db, { blogId: blog.id, title: `${title} post` })).id };
      };
      mine = await make('Mine');
      other = await make('Other');
      const empty = await make('Empty');
      hourly = await loginAs(server, 'moderator', { blogScope: [mine.blog] });
      daily = await loginAs(server, 'admin');
      idle = await loginAs(server, 'moderator', { blogScope: [empty.blog] });
      each = await loginAs(server, 'editor', { blogScope: [other.blog] });
      for (const [session, mode] of [
        [hourly, 'hourly'],
        [daily, 'daily'],
        [idle, 'hourly'],
        [each, 'each'],
      ] as const) {
        const saved = await session.post('/admin/moderation-mail', { commentMail: mode });
        assert.equal(saved.status, 303);
        assert.match(await (await session.get('/admin/moderation-mail')).text(), new RegExp(`value="${mode}" checked`));
      }
      await addQueueComment(server.db, { postId: mine.post, name: 'Mira Mine', body: 'Waiting in mine' });
      await addQueueComment(server.db, { postId: other.post, name: 'Otto Other', body: 'Waiting in other' });
      await addQueueComment(server.db, { postId: mine.post, body: 'Already fine', status: 'approved' });
    });
    after(async () => {
      await server?.close();
      await smtp?.close();
    });

    it('sends the hourly digest of the moderator’s own blogs, with links, and nothing where nothing waits', async () => {
      await run('2026-12-01T10:00:10Z');
      const to = await email(hourly);
      await waitFor('the hourly digest', () => smtp.to(to).length === 1);
      const mail = smtp.to(to)[0]!.mail;
      assert.match(mail.subject ?? '', /Hourly comments to moderate \(1\): Debatten/);
      assert.match(mail.text ?? '', /Mira Mine on "Mine post": Waiting in mine/);
      assert.match(mail.text ?? '', /https:\/\/debat\.example\/admin\/comments\?status=pending#comment-/);
      assert.doesNotMatch(mail.text ?? '', /Otto Other|Already fine/, 'another blog’s and approved comments stay out');
      // The look every mail shares: the site's name heading an HTML part, its links clickable.
      assert.match(String(mail.html), /<header[^>]*><a href="https:\/\/debat\.example\/"[^>]*><span[^>]*>Debatten<\/span>/);
      assert.match(String(mail.html), /<a href="https:\/\/debat\.example\/admin\/comments\?status=pending#comment-/);
      await settle();
      assert.equal(smtp.to(await email(idle)).length, 0, 'no digest when nothing waits');
    });

    it('sends the daily digest of every blog to an administrator', async () => {
      const to = await email(daily);
      await waitFor('the daily digest', () => smtp.to(to).length === 1);
      const text = smtp.to(to)[0]!.mail.text ?? '';
      assert.match(text, /2 comments are waiting/);
      assert.match(text, /Waiting in mine/);
      assert.match(text, /Waiting in other/);
    });

    it('sends nothing twice in one period after a restart, and again in the next period', async () => {
      await run('2026-12-01T10:30:00Z');
      await run('2026-12-01T10:59:59Z');
      await settle();
      assert.equal(smtp.to(await email(hourly)).length, 1);
      assert.equal(smtp.to(await email(daily)).length, 1);
      await run('2026-12-01T11:00:05Z');
      await waitFor('the next hour’s digest', () => smtp.delivered.filter((d) => d.mail.subject?.startsWith('Hourly')).length === 2);
      await settle();
      assert.equal(smtp.to(await email(daily)).length, 1, 'the daily digest waits for the next day');
      await run('2026-12-02T00:00:30Z');
      const to = await email(daily);
      await waitFor('the next day’s digest', () => smtp.to(to).length === 2);
      const hourlyTo = await email(hourly);
      await waitFor('that hour’s digest too', () => smtp.to(hourlyTo).length === 3);
    });

    it('in Danish after the site language', async () => {
      await updateSiteSettings(server.db, { language: 'da' });
      await run('2026-12-02T01:00:30Z');
      const to = await email(hourly);
      await waitFor('the Danish digest', () => smtp.to(to).length === 4);
      const mail = smtp.to(to)[3]!.mail;
      assert.match(mail.subject ?? '', /Timens kommentarer til moderation \(1\)/);
      assert.match(mail.text ?? '', /Én kommentar venter på moderation/);
      await updateSiteSettings(server.db, { language: 'en' });
    });

    it('adds those who chose a mail per comment, in their scope, to the site’s list', async () => {
      const to = await email(each);
      assert.deepEqual(await moderatorAddresses(server.db, ['site@debat.example'], other.post), ['site@debat.example', to]);
      assert.deepEqual(await moderatorAddresses(server.db, ['site@debat.example'], mine.post), ['site@debat.example']);
      assert.equal(smtp.to(to).length, 0, 'a per-comment mail account gets no digest');
    });

    it('refuses an unknown choice, and an author', async () => {
      assert.equal((await hourly.post('/admin/moderation-mail', { commentMail: 'weekly' })).status, 422);
      const author = await loginAs(server, 'author');
      assert.equal((await author.get('/admin/moderation-mail')).status, 403);
    });
  });
}

describe('digest periods in the site’s time zone', () => {
  it('starts a day at local midnight and an hour at the local hour, also across a daylight-saving change', () => {
    // New York is five hours behind UTC in December: 03:00 UTC is still the 2nd there.
    assert.equal(periodStart('daily', new Date('2026-12-03T03:00:00Z'), 'America/New_York').toISOString(), '2026-12-02T05:00:00.000Z');
    assert.equal(periodStart('daily', new Date('2026-12-03T06:00:00Z'), 'America/New_York').toISOString(), '2026-12-03T05:00:00.000Z');
    // Copenhagen on the last Sunday of March: midnight was still winter time (UTC+1).
    assert.equal(periodStart('daily', new Date('2026-03-29T20:00:00Z'), 'Europe/Copenhagen').toISOString(), '2026-03-28T23:00:00.000Z');
    // Kolkata is UTC+5:30: its hours begin at half past in UTC.
    assert.equal(periodStart('hourly', new Date('2026-12-03T10:10:00Z'), 'Asia/Kolkata').toISOString(), '2026-12-03T09:30:00.000Z');
    assert.equal(periodStart('hourly', new Date('2026-12-03T10:10:00Z'), 'UTC').toISOString(), '2026-12-03T10:00:00.000Z');
  });
});

for (const dialect of DIALECTS) {
  describe(`daily digests follow the site’s time zone (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    before(async () => {
      server = await startTestServer(dialect);
      await updateSiteSettings(server.db, { language: 'en', timeZone: 'America/New_York' });
      const blog = await buildBlog(server.db);
      const post = await buildPost(server.db, { blogId: blog.id });
      admin = await loginAs(server, 'admin');
      assert.equal((await admin.post('/admin/moderation-mail', { commentMail: 'daily' })).status, 303);
      await addQueueComment(server.db, { postId: post.id, body: 'Waiting overnight' });
    });
    after(async () => {
      await server?.close();
    });

    it('sends one digest per local day: late evening in New York and just after its midnight are two days', async () => {
      const to = (await server.db.selectFrom('accounts').select('email').where('id', '=', admin.accountId).executeTakeFirstOrThrow()).email;
      const digests = async () =>
        (await server.db.selectFrom('outbox').select('subject').where('to_address', '=', to).execute()).filter((m) =>
          /^Daily comments to moderate/.test(m.subject),
        ).length;
      const run = (at: string) => runScheduledJobs(server.db, silent, new Date(at), { secret: 's', baseUrl: 'https://debat.example' });
      await run('2026-12-02T23:30:00Z'); // 18:30 on the 2nd in New York
      assert.equal(await digests(), 1);
      await run('2026-12-03T04:30:00Z'); // 23:30 on the 2nd: a new UTC day, the same local one
      assert.equal(await digests(), 1);
      await run('2026-12-03T05:30:00Z'); // 00:30 on the 3rd
      assert.equal(await digests(), 2);
    });
  });
}
