/**
 * The mails' shared look, as a mail program receives it over SMTP: reply notifications and the
 * account mails (invitation, password reset) carry an HTML part with the site's logo (an absolute
 * address that answers) and name, beside the unchanged plain-text part.
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
  });
}
