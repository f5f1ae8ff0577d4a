/** axe on every admin page a person reaches from the menu, as an administrator with some content. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAccount } from '../../src/accounts/account.service.js';
import { describeViolations, launchBrowser, runAxe, type TestBrowser } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

const PAGES = [
  '/admin',
  '/admin/posts',
  '/admin/posts/new',
  '/admin/comments',
  '/admin/comments/blocklist',
  '/admin/people',
  '/admin/people/new',
  '/admin/blogs',
  '/admin/blogs/new',
  '/admin/settings',
  '/admin/audit',
  '/admin/export',
  '/admin/status',
];

describe('admin pages in a browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  before(async () => {
    server = await startTestServer('sqlite', { demo: true });
    await createAccount(server.db, { name: 'Ada Admin', email: 'ada@site.example', password: 'et-langt-kodeord', role: 'admin' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('has no accessibility violations on any admin page', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/admin/login`);
    await page.fill('#login-email', 'ada@site.example');
    await page.fill('#login-password', 'et-langt-kodeord');
    await page.press('#login-password', 'Enter');
    await page.waitForURL((url) => url.pathname === '/admin');
    const found: string[] = [];
    for (const path of PAGES) {
      const response = await page.goto(`${server.url}${path}`);
      assert.equal(response?.status(), 200, path);
      const violations = await runAxe(page);
      if (violations.length) found.push(`${path}: ${describeViolations(violations)}`);
    }
    assert.deepEqual(found, []);
    await page.close();
  });
});
