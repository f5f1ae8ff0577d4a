/**
 * The admin menu for an administrator (all eleven entries): one line at 1280 px, the less-used
 * entries under "Mere" (a <details>) that opens by mouse, by keyboard and without JavaScript, and
 * still usable on a 390 px phone without sideways scrolling.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { createAccount } from '../../src/accounts/account.service.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe('the admin menu', () => {
  let server: TestServer;
  let browser: TestBrowser;
  before(async () => {
    server = await startTestServer('sqlite');
    await createAccount(server.db, { name: 'Ada Admin', email: 'ada@site.example', password: 'et-langt-kodeord', role: 'admin' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function logIn(options: BrowserContextOptions): Promise<Page> {
    const page = await browser.newPage(options);
    await page.goto(`${server.url}/admin/login`);
    await page.fill('#login-email', 'ada@site.example');
    await page.fill('#login-password', 'et-langt-kodeord');
    await page.press('#login-password', 'Enter');
    await page.waitForURL((url) => url.pathname === '/admin');
    return page;
  }

  /** The distinct tops of the menu's own entries: one value means one line. */
  const rows = (page: Page) =>
    page.evaluate(() => {
      const items = Array.from(document.querySelectorAll('.site-header nav > ul.nav > li'));
      return [...new Set(items.map((li) => Math.round(li.getBoundingClientRect().top)))];
    });

  it('fits one line at 1280 px and keeps every entry reachable under "Mere"', async () => {
    const page = await logIn({ viewport: { width: 1280, height: 800 } });
    try {
      assert.equal((await rows(page)).length, 1, 'the menu is one line');
      const nav = page.getByRole('navigation', { name: 'Administration' });
      const settings = nav.getByRole('link', { name: 'Indstillinger' });
      assert.equal(await settings.isVisible(), false, 'settings waits under "Mere"');
      await nav.locator('summary', { hasText: 'Mere' }).click();
      for (const name of ['Indstillinger', 'Følgere', 'Log', 'Eksport', 'Drift']) {
        assert.equal(await nav.getByRole('link', { name, exact: true }).isVisible(), true, name);
      }
      await settings.click();
      await page.waitForURL((url) => url.pathname === '/admin/settings');
      // The page it is on is marked, also when it sits under "Mere".
      assert.equal(await page.locator('.nav-more summary.nav-more__current').count(), 1);
      assert.equal((await rows(page)).length, 1, 'still one line on a page under "Mere"');
    } finally {
      await page.close();
    }
  });

  it('opens by keyboard', async () => {
    const page = await logIn({ viewport: { width: 1280, height: 800 } });
    try {
      await page.locator('.nav-more summary').focus();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), '/admin/settings');
      // Escape closes it again and puts the focus back on "Mere".
      await page.keyboard.press('Escape');
      assert.equal(await page.locator('.nav-more details').evaluate((d) => (d as HTMLDetailsElement).open), false);
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'SUMMARY');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === '/admin/settings');
    } finally {
      await page.close();
    }
  });

  it('works without JavaScript and on a 390 px phone without sideways scrolling', async () => {
    const page = await logIn({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    try {
      await page.locator('.nav-more summary').click();
      const audit = page.getByRole('link', { name: 'Log', exact: true });
      assert.equal(await audit.isVisible(), true);
      const box = await audit.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 390, 'the entry is on screen');
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 390, 'no sideways scrolling');
      await audit.click();
      await page.waitForURL((url) => url.pathname === '/admin/audit');
    } finally {
      await page.close();
    }
  });
});
