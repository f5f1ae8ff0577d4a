/**
 * The mails' shared look, as a mail program receives it over SMTP: reply notifications, the
 * account mails (invitation, password reset), the followers' mails, the settings' test mail and
 * the /privacy link carry an HTML part with the site's logo (an absolute address that answers)
 * and name, beside the unchanged plain-text part.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ParsedMail } from 'mailparser';
import sharp from 'sharp';
import { loginAs, type Session } from '../../test/support/admin.js';
import { postComment } from '../../test/support/comments.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildBlog, buildPerson, buildPost } from '../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { startSmtpServer, type TestSmtpServer } from '../../test/support/smtp.js';
import { createAccount } from '../accounts/account.service.js';
import { loadConfig } from '../config.js';
import { scheduledJobs, runJobs } from '../scheduled-jobs.js';
import { getSiteSettings, updateSiteSettings } from '../settings/settings.service.js';
import { textToHtml } from './mail-layout.js';

const BASE = loadConfig({}, {}, false).baseUrl;

/** Polls every 50 ms, up to 5 s, until `check` gives a value. */
async function waitFor<T>(what: string, check: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('textToHtml', () => {
  it('escapes, keeps paragraphs and line breaks, and links web addresses without their closing mark', () => {
    assert.equal(
      textToHtml('Hej <Ida> & co\nSe https://site.example/a?b=1&c=2.\n\n\nSlut'),
      '<p>Hej &lt;Ida&gt; &amp; co<br>Se <a href="https://site.example/a?b=1&amp;c=2">https://site.example/a?b=1&amp;c=2</a>.</p>\n<p>Slut</p>',
    );
  });
});

for (const dialect of DIALECTS) {
  describe(`mail layout over SMTP (${dialect})`, () => {
    let smtp: TestSmtpServer;
    let server: TestServer;
    let admin: Session;
    let logoUrl: string;

    before(async () => {
      smtp = await startSmtpServer();
      server = await startTestServer(dialect, { env: { SMTP_URL: smtp.url } });
      await updateSiteSettings(server.db, {
        title: 'Debat & Dialog',
        minSecondsToSubmit: 0,
        commentsPerHourPerIp: 10000,
        commentsPerHourPerEmail: 10000,
      });
      admin = await loginAs(server, 'admin');
      const form = new FormData();
      const logo = await sharp({ create: { width: 600, height: 200, channels: 4, background: '#7a1f5c' } })
        .png()
        .toBuffer();
      form.append('logo', new Blob([new Uint8Array(logo)], { type: 'image/png' }), 'logo.png');
      const uploaded = await server.get(`/admin/settings/identity?_csrf=${encodeURIComponent(admin.csrf)}`, {
        method: 'POST',
        headers: { cookie: admin.cookie },
        body: form,
      });
      assert.equal(uploaded.status, 303);
      const full = (await getSiteSettings(server.db)).logo?.full;
      assert.ok(full, 'the logo is stored');
      logoUrl = `${BASE}/uploads/${full.file}`;
    });
    after(async () => {
      await server?.close();
      await smtp?.close();
    });

    /** The HTML part carries the logo at its absolute address (which answers with the image) and the site's name. */
    async function assertBranded(mail: ParsedMail): Promise<void> {
      const html = typeof mail.html === 'string' ? mail.html : '';
      assert.ok(html, `"${mail.subject}" has an HTML part`);
      const src = /<img src="([^"]+)" alt="Debat &amp; Dialog" width="144" height="48"/.exec(html)?.[1];
      assert.equal(src, logoUrl, 'the logo, by its absolute address');
      const image = await server.get(new URL(src).pathname);
      assert.equal(image.status, 200);
      assert.equal((await sharp(Buffer.from(await image.arrayBuffer())).metadata()).width, 600);
      assert.match(html, new RegExp(`<a href="${BASE}/"`), 'the header links the site');
      assert.match(html, />Debat &amp; Dialog</, "the site's name, escaped");
      assert.ok(mail.text && mail.text.trim(), 'the plain-text part stays');
    }

    it('gives the reply confirmation and the reply mail the logo and name, beside the plain text', async () => {
      const blog = await buildBlog(server.db);
      const post = await buildPost(server.db, { blogId: blog.id, title: 'Grøn omstilling' });
      const path = `/${blog.slug}/${post.slug}`;
      const email = `abonnent-${dialect}@debat.example`;
      const sent = await postComment(server, path, { name: 'Alma Abonnent', email, notify: true });
      assert.equal(sent.status, 303);
      const firstId = /#comment-([0-9a-f-]{36})$/.exec(sent.headers.get('location') ?? '')?.[1];
      assert.ok(firstId);
      const confirmation = await waitFor('the confirmation mail', () => smtp.to(email)[0]?.mail);
      await assertBranded(confirmation);
      const link = /https?:\/\/\S+\/comments\/subscriptions\/confirm\?token=(\S+)/.exec(confirmation.text ?? '');
      assert.ok(link, 'the plain text has the confirm link');
      // The same link is clickable in the HTML part.
      assert.ok((confirmation.html || '').includes(`<a href="${link[0].replace(/&/g, '&amp;')}">`));
      const confirmed = await server.get('/comments/subscriptions/confirm', {
        method: 'POST',
        body: new URLSearchParams({ token: decodeURIComponent(link[1]!) }),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(confirmed.status, 200);

      const answer = await postComment(server, path, { name: 'Bent Svarer', email: `bent-${dialect}@debat.example`, parent: firstId });
      assert.equal(answer.status, 303);
      const reply = await waitFor('the reply mail', () => smtp.to(email).find((d) => /Nyt svar/.test(d.mail.subject ?? ''))?.mail);
      await assertBranded(reply);
      assert.match(reply.text ?? '', /Bent Svarer har svaret/);
      assert.match(reply.html || '', /Bent Svarer har svaret/);
    });

    it('gives the invitation and the password-reset mail the logo and name, beside the plain text', async () => {
      const person = await buildPerson(server.db, { name: 'Nina Ny' });
      const invited = `nina-${dialect}@staff.example`;
      const given = await admin.post(`/admin/people/${person.id}/account`, { email: invited, role: 'author' });
      assert.equal(given.status, 303);
      const invitation = await waitFor('the invitation', () => smtp.to(invited)[0]?.mail);
      await assertBranded(invitation);
      assert.match(invitation.text ?? '', /\/admin\/invite\//);
      assert.match(invitation.html || '', /<a href="[^"]+\/admin\/invite\/[^"]+">/);

      const known = `glemsom-${dialect}@staff.example`;
      await createAccount(server.db, { name: 'Glemsom', email: known, password: 'gammelt-kodeord', role: 'editor' });
      const asked = await server.get('/admin/reset', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: known }),
      });
      assert.ok(asked.status < 400, `reset answered ${asked.status}`);
      const reset = await waitFor('the reset mail', () => smtp.to(known)[0]?.mail);
      await assertBranded(reset);
      assert.match(reset.html || '', /<a href="[^"]+\/admin\/reset\/[^"]+">/);
    });

    it('gives the followers’ mails (confirmation, new post, weekly digest) the logo and name, in Danish', async () => {
      const follow = (email: string) =>
        server.get('/follow', { method: 'POST', body: new URLSearchParams({ email, topic: 'site', from: '/' }) });
      const each = `foelger-${dialect}@debat.example`;
      const weekly = `ugentlig-${dialect}@debat.example`;
      for (const email of [each, weekly]) {
        assert.equal((await follow(email)).status, 200);
        const confirmation = await waitFor(`the confirmation to ${email}`, () => smtp.to(email)[0]?.mail);
        await assertBranded(confirmation);
        assert.equal(confirmation.subject, 'Bekræft, at du vil følge Debat & Dialog');
        assert.match(confirmation.text ?? '', /^Nogen \(forhåbentlig dig\) har bedt om at få mails om nye indlæg på Debat & Dialog/);
        const token = /\/follow\/confirm\?token=(\S+)/.exec(confirmation.text ?? '')?.[1];
        assert.ok(token, 'a confirm link');
        assert.ok(String(confirmation.html).includes(`/follow/confirm?token=${token}"`), 'the link is clickable');
        const body = new URLSearchParams({ token: decodeURIComponent(token) });
        assert.equal((await server.get('/follow/confirm', { method: 'POST', body })).status, 200);
      }
      // The weekly reader's last digest went out eight days ago: the next is due.
      const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3_600_000).toISOString();
      await server.db
        .updateTable('followers')
        .set({ frequency: 'weekly', digest_sent_at: eightDaysAgo })
        .where('email', '=', weekly)
        .execute();
      const author = await buildPerson(server.db, { name: 'Marie Munk' });
      const guest = await buildPerson(server.db, { name: 'Jens Gæst' });
      await buildPost(server.db, {
        title: 'Partnerskaber der virker',
        lead: 'Sådan lykkes samarbejdet.',
        authors: [{ personId: author.id }, { personId: guest.id, bylineNote: 'afdelingschef, Ministeriet' }],
      });
      // The app's own scheduled jobs queue them, with the brand they read from the settings.
      const log = {
        info() {},
        error(obj: object) {
          assert.fail(JSON.stringify(obj));
        },
      };
      const jobs = scheduledJobs(server.db, log, new Date(), { secret: server.app.secret, baseUrl: BASE });
      await runJobs(
        jobs.filter((job) => job.name.includes('follower')),
        log,
      );
      server.app.mail.kick();
      const postMail = await waitFor(
        'the new-post mail',
        () => smtp.to(each).find((d) => d.mail.subject?.startsWith('Partnerskaber'))?.mail,
      );
      await assertBranded(postMail);
      assert.equal(postMail.subject, 'Partnerskaber der virker · Debat & Dialog');
      const text = postMail.text ?? '';
      assert.match(
        text,
        /^Partnerskaber der virker\nAf Marie Munk & Jens Gæst, afdelingschef, Ministeriet\n\nSådan lykkes samarbejdet\.\n\nLæs indlægget: http/,
      );
      assert.match(
        text,
        /\n--\nDu får denne mail, fordi du følger Debat & Dialog\.\nSkift, hvad du følger: http\S+\nStop alle mails: http\S+\n?$/,
      );
      const html = String(postMail.html);
      assert.match(
        html,
        /<h1[^>]*><a href="[^"]+">Partnerskaber der virker<\/a><\/h1><p>Af Marie Munk &amp; Jens Gæst, afdelingschef, Ministeriet<\/p>/,
      );
      assert.match(html, />Læs indlægget<\/a>/);
      assert.match(html, />Skift, hvad du følger<\/a> · <a href="[^"]+">Stop alle mails<\/a>/);
      assert.equal((html.match(/<html/g) ?? []).length, 1, 'one document, not a page inside a page');
      const digest = await waitFor('the digest', () => smtp.to(weekly).find((d) => d.mail.subject?.startsWith('Ugens'))?.mail);
      await assertBranded(digest);
      assert.equal(digest.subject, 'Ugens indlæg på Debat & Dialog');
      assert.match(
        digest.text ?? '',
        /^Nye indlæg på Debat & Dialog den seneste uge om det, du følger:\n\n(.*\n)*\* Partnerskaber der virker\n {2}Af Marie Munk/,
      );
      assert.match(String(digest.html), /<h2[^>]*><a href="[^"]+">Partnerskaber der virker<\/a><\/h2>/);
      assert.equal(
        smtp.to(weekly).filter((d) => d.mail.subject?.startsWith('Partnerskaber')).length,
        0,
        'no mail per post for a digest reader',
      );
    });

    it('gives the settings’ test mail and the /privacy link mail the logo and name', async () => {
      const { email } = await server.db.selectFrom('accounts').select('email').where('id', '=', admin.accountId).executeTakeFirstOrThrow();
      assert.equal((await admin.post('/admin/settings/test-mail')).status, 303);
      const test = await waitFor('the test mail', () => smtp.to(email).find((d) => /^Testmail/.test(d.mail.subject ?? ''))?.mail);
      await assertBranded(test);
      assert.match(String(test.html), /<p>Denne mail er sendt fra administrationen af Debat &amp; Dialog/);

      const commenter = `privat-${dialect}@debat.example`;
      const blog = await buildBlog(server.db);
      const post = await buildPost(server.db, { blogId: blog.id });
      assert.equal((await postComment(server, `/${blog.slug}/${post.slug}`, { name: 'Pia Privat', email: commenter })).status, 303);
      const asked = await server.get('/privacy', { method: 'POST', body: new URLSearchParams({ email: commenter }) });
      assert.equal(asked.status, 200);
      const privacy = await waitFor(
        'the privacy mail',
        () => smtp.to(commenter).find((d) => /\/privacy\/comments\?token=/.test(d.mail.text ?? ''))?.mail,
      );
      await assertBranded(privacy);
      assert.match(String(privacy.html), /<a href="[^"]+\/privacy\/comments\?token=[^"]+">/);
    });
  });
}
