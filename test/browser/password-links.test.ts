/**
 * Invitation and reset links in a real browser: the link arrives by SMTP, the person opens it,
 * chooses a password on the real page and lands in the admin, then logs in with that password.
 * These pages hide their address from other sites, and the form must still be accepted.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { giveAccount } from '../../src/accounts/account-admin.service.js';
import { createAccount } from '../../src/accounts/account.service.js';
import { createPerson } from '../../src/people/person.service.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { DIALECTS } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';

/** Polls every 50 ms, up to 10 s, for the path of the newest link of `kind` mailed to `address`. */
async function mailedLink(smtp: TestSmtpServer, address: string, kind: 'reset' | 'invite'): Promise<string> {
  const pattern = new RegExp(`/admin/${kind}/[A-Za-z0-9_-]+`);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = smtp
      .to(address)
      .map((d) => pattern.exec(d.mail.text ?? '')?.[0])
      .filter(Boolean)
      .at(-1);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`No ${kind} mail reached ${address}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

for (const dialect of DIALECTS)
  describe(`invitation and reset links in a browser (${dialect})`, () => {
    let smtp: TestSmtpServer;
    let server: TestServer;
    let browser: TestBrowser;

    before(async () => {
      smtp = await startSmtpServer();
      server = await startTestServer(dialect, { env: { SMTP_URL: smtp.url } });
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await server?.close();
      await smtp?.close();
    });

    async function choosePassword(page: Page, path: string, password: string): Promise<void> {
      const response = await page.goto(`${server.url}${path}`);
      assert.equal(response?.headers()['referrer-policy'], 'same-origin', 'the token in the address goes to no other site');
      await page.locator('#link-password').fill(password);
      await page.locator('#link-confirm').fill(password);
      await page.locator(`form[action="${path}"] button[type="submit"]`).click();
      await page.waitForLoadState();
      assert.equal(
        new URL(page.url()).pathname,
        '/admin',
        `the form was accepted (page says: ${(await page.locator('h1').first().textContent()) ?? ''})`,
      );
    }

    async function logIn(email: string, password: string): Promise<void> {
      const page = await browser.newPage();
      await page.goto(`${server.url}/admin/login`);
      await page.locator('#login-email').fill(email);
      await page.locator('#login-password').fill(password);
      await page.locator('form[action="/admin/login"] button[type="submit"]').click();
      await page.waitForLoadState();
      assert.equal(new URL(page.url()).pathname, '/admin', 'logged in with the chosen password');
      await page.close();
    }

    it('a new staff member accepts an invitation, later resets the password, and logs in with it', async () => {
      const admin = await createAccount(server.db, {
        name: 'Første Admin',
        email: 'admin@links.example',
        password: 'admin-kodeord-langt',
        role: 'admin',
      });
      const actor = { accountId: admin.id, personId: admin.personId, name: 'Første Admin', role: admin.role, blogScope: null };
      const person = await createPerson(server.db, { name: 'Ny Redaktør', email: 'ny@links.example' });
      await giveAccount(server.db, actor, person.id, { email: 'ny@links.example', role: 'editor', blogScope: [] }, { baseUrl: server.url });
      server.app.mail.kick();

      const invited = await browser.newPage();
      await choosePassword(invited, await mailedLink(smtp, 'ny@links.example', 'invite'), 'foerste-kodeord-her');
      await invited.close();
      await logIn('ny@links.example', 'foerste-kodeord-her');

      const forgetful = await browser.newPage();
      await forgetful.goto(`${server.url}/admin/reset`);
      await forgetful.locator('#reset-email').fill('ny@links.example');
      await forgetful.locator('form[action="/admin/reset"] button[type="submit"]').click();
      await forgetful.waitForLoadState();
      await choosePassword(forgetful, await mailedLink(smtp, 'ny@links.example', 'reset'), 'andet-kodeord-her');
      await forgetful.close();
      await logIn('ny@links.example', 'andet-kodeord-her');
    });
  });
