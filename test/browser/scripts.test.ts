/**
 * Who downloads which script: readers get ytring.js only (comment form, live comments, theme,
 * menu, e-mail links); the staff script admin.js (editor, pickers, moderation keys, the live
 * waiting count) is fetched on /admin pages only, and works there.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { createAccount } from '../../src/accounts/account.service.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** The names of the scripts the page fetched while it loaded, e.g. ["theme", "ytring"]. */
function scriptsFetched(page: Page): () => string[] {
  const names: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() !== 'script') return;
    const match = /\/static\/([a-z-]+)\.[0-9a-f]+\.js$/.exec(new URL(request.url()).pathname);
    names.push(match ? match[1]! : request.url());
  });
  return () => [...names].sort();
}

describe('scripts: readers load no staff code', () => {
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

  it('public pages fetch ytring.js and never admin.js', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}/`);
      const postPath = await page.evaluate(() => {
        const link = Array.from(document.querySelectorAll<HTMLAnchorElement>('main a[href]')).find((a) =>
          /^\/[^/]+\/[^/]+$/.test(new URL(a.href).pathname),
        );
        return link ? new URL(link.href).pathname : null;
      });
      assert.ok(postPath, 'the demo front page links to a post');
      for (const path of ['/', postPath, '/search?q=demokrati', '/archive']) {
        const fresh = await browser.newPage();
        try {
          const fetched = scriptsFetched(fresh);
          await fresh.goto(`${server.url}${path}`);
          await fresh.waitForLoadState('load');
          assert.deepEqual(fetched(), ['theme', 'ytring'], path);
          // ytring.js ran: the theme switch it shows is there.
          assert.equal(await fresh.locator('.theme-toggle').isHidden(), false, `${path}: theme toggle shown by ytring.js`);
        } finally {
          await fresh.close();
        }
      }
    } finally {
      await page.close();
    }
  });

  it('admin pages fetch ytring.js and admin.js, and the staff enhancements run', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}/admin/login`);
      await page.fill('#login-email', 'ada@site.example');
      await page.fill('#login-password', 'et-langt-kodeord');
      await page.press('#login-password', 'Enter');
      await page.waitForURL((url) => url.pathname === '/admin');
      const fetched = scriptsFetched(page);
      await page.goto(`${server.url}/admin/posts/new`);
      await page.waitForLoadState('load');
      assert.deepEqual(fetched(), ['admin', 'ytring']);
      // admin.js ran: the editor's formatting bar, hidden without script, is shown.
      await page.locator('.format-bar[data-for="post-body"]').waitFor({ state: 'visible' });
    } finally {
      await page.close();
    }
  });
});
