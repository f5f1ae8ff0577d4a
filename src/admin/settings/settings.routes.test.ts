import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findAccountByEmail } from '../../accounts/account.service.js';
import { KEPT_NOTE, listOutbox } from '../../notifications/mail.service.js';
import { DEFAULT_SETTINGS } from '../../settings/settings.js';
import { getSiteSettings } from '../../settings/settings.service.js';
import { loginAs, serverWithAdmin } from '../../../test/support/admin.js';
import { DIALECTS } from '../../../test/support/db.js';
import { formValuesOf } from './settings-form.js';

/** The whole form as the page sends it, with some fields changed. */
const formWith = (changes: Record<string, string>) => ({ ...formValuesOf(DEFAULT_SETTINGS), ...changes });

for (const dialect of DIALECTS) {
  describe(`admin settings (${dialect})`, () => {
    const site = serverWithAdmin(dialect);

    it('switches the language to English, and the public site speaks English', async () => {
      assert.match(await (await site.server.get('/')).text(), /<html lang="da"/);
      const response = await site.admin.post('/admin/settings', formWith({ language: 'en', title: 'Debatten' }));
      assert.equal(response.status, 303);
      const html = await (await site.server.get('/')).text();
      assert.match(html, /<html lang="en"/);
      assert.match(html, /Skip to content/);
      assert.match(html, /Debatten/);
      await site.admin.post('/admin/settings', formWith({ language: 'da' }));
    });

    it("keeps both of two admins' changes when they save the settings at once, each writing only what they changed", async () => {
      const other = await loginAs(site.server, 'admin', { name: 'Bo Bertelsen' });
      // What each browser got: the form's values, and the same values as it was opened.
      const opened = async (session: typeof site.admin) => {
        const html = await (await session.get('/admin/settings')).text();
        const raw = /name="opened" value="([^"]*)"/.exec(html)?.[1] ?? '';
        return raw
          .replaceAll('&quot;', '"')
          .replaceAll('&#39;', "'")
          .replaceAll('&lt;', '<')
          .replaceAll('&gt;', '>')
          .replaceAll('&amp;', '&');
      };
      const form = (json: string, changes: Record<string, string>) => {
        const values = JSON.parse(json) as Record<string, string>;
        const fields = Object.fromEntries(Object.keys(formWith({})).map((key) => [key, values[key] ?? '']));
        // The browser sends what the page held, its text areas with CR LF line breaks.
        return { ...fields, moderatorEmails: (values.moderatorEmails ?? '').replaceAll('\n', '\r\n'), ...changes, opened: json };
      };
      await site.admin.post(
        '/admin/settings',
        formWith({ title: 'Før', commentsPerPage: '50', moderatorEmails: 'a@x.example\nb@x.example' }),
      );
      const first = await opened(site.admin);
      const second = await opened(other);
      assert.equal((await site.admin.post('/admin/settings', form(first, { title: 'Ny titel fra Ada' }))).status, 303);
      assert.equal((await other.post('/admin/settings', form(second, { commentsPerPage: '25' }))).status, 303);
      const settings = await getSiteSettings(site.server.db);
      assert.equal(settings.title, 'Ny titel fra Ada', "the first admin's change stands");
      assert.equal(settings.commentsPerPage, 25);
      assert.deepEqual(settings.moderatorEmails, ['a@x.example', 'b@x.example']);
    });

    it('saves the comment settings, unticking the question', async () => {
      const { questionEnabled: _q, ...rest } = formWith({
        commentPolicy: 'all',
        commentMaxDepth: '5',
        commentsCloseAfterDays: '30',
        moderatorEmails: 'a@site.example\nb@site.example',
      });
      assert.equal((await site.admin.post('/admin/settings', rest)).status, 303);
      const settings = await getSiteSettings(site.server.db);
      assert.deepEqual(
        [
          settings.commentPolicy,
          settings.commentMaxDepth,
          settings.commentsCloseAfterDays,
          settings.questionEnabled,
          settings.moderatorEmails,
        ],
        ['all', 5, 30, false, ['a@site.example', 'b@site.example']],
      );
    });

    it('keeps the typed form and names the fields when values are invalid, saving nothing', async () => {
      const before = await getSiteSettings(site.server.db);
      const response = await site.admin.post(
        '/admin/settings',
        formWith({ title: 'Nyt navn', postsPerPage: 'mange', commentMaxDepth: '99', language: 'fr' }),
      );
      assert.equal(response.status, 422);
      const html = await response.text();
      assert.match(html, /value="mange"/);
      assert.match(html, /value="Nyt navn"/);
      for (const id of ['settings-postsPerPage', 'settings-commentMaxDepth', 'settings-language']) {
        assert.match(html, new RegExp(`id="${id}"[^>]*aria-invalid="true"`), id);
      }
      assert.deepEqual(await getSiteSettings(site.server.db), before);
    });

    it('refuses a hold score at or above the spam score', async () => {
      const response = await site.admin.post('/admin/settings', formWith({ holdScore: '9', spamScore: '8' }));
      assert.equal(response.status, 422);
      assert.match(await response.text(), /id="settings-holdScore"[^>]*aria-invalid="true"/);
    });

    it("shows the base URL read-only, and queues a test mail to the administrator's own address that stays in the outbox without SMTP_URL", async () => {
      const page = await (await site.admin.get('/admin/settings')).text();
      assert.match(page, /<code>http:\/\/localhost:3000<\/code>/);
      assert.doesNotMatch(page, /name="baseUrl"/);
      const response = await site.admin.post('/admin/settings/test-mail');
      assert.equal(response.status, 303);
      const address = (await listOutbox(site.server.db)).map((m) => m.to);
      const account = await findAccountByEmail(site.server.db, address[0]!);
      assert.equal(account?.id, site.admin.accountId);
      // The worker, kicked after the queueing, keeps the mail for want of SMTP_URL; the page then says so.
      for (let i = 0; i < 50 && (await listOutbox(site.server.db))[0]?.lastError !== KEPT_NOTE; i++)
        await new Promise((r) => setTimeout(r, 20));
      const after = await (await site.admin.get('/admin/settings?done=testMail')).text();
      assert.match(after, /SMTP_URL er ikke sat/);
      assert.match(after, /bliver den liggende der/);
    });
  });
}
