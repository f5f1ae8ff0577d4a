/** The posts list's "select all" box (issue 13): shown by the script, reached and ticked by keyboard, hidden without script. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { loginAs, type Session } from '../support/admin.js';
import { describeViolations, launchBrowser, pageWithSession, runAxe, type TestBrowser } from '../support/browser.js';
import { buildBlog, buildPost } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe('select all in the posts list', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let session: Session;

  before(async () => {
    server = await startTestServer('sqlite');
    browser = await launchBrowser();
    session = await loginAs(server, 'admin', { name: 'Ada Admin' });
    const blog = await buildBlog(server.db, { slug: 'debat', title: 'Debatten' });
    for (const title of ['Første indlæg', 'Andet indlæg', 'Tredje indlæg'])
      await buildPost(server.db, { blogId: blog.id, title, authors: [{ personId: session.personId }] });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const page = (options: BrowserContextOptions = {}): Promise<Page> => pageWithSession(browser, server.url, session.cookie, options);

  const ticked = (p: Page) => p.locator('input[name="ids"]:checked').count();

  it('is reached with Tab and ticks and unticks every row with Space', async () => {
    const p = await page();
    await p.goto(`${server.url}/admin/posts`);
    const all = p.locator('#posts-select-all');
    await all.waitFor({ state: 'visible' });
    let reached = false;
    for (let n = 0; n < 80 && !reached; n++) {
      await p.keyboard.press('Tab');
      reached = await p.evaluate(() => document.activeElement?.id === 'posts-select-all');
    }
    assert.ok(reached, 'Tab reaches the box');
    await p.keyboard.press('Space');
    assert.equal(await ticked(p), 3);
    await p.keyboard.press('Space');
    assert.equal(await ticked(p), 0);
    await p.locator('input[name="ids"]').first().check();
    assert.equal(await all.evaluate((box) => (box as HTMLInputElement).indeterminate), true, 'one of three shows as partly chosen');
    const violations = await runAxe(p);
    assert.equal(violations.length, 0, describeViolations(violations));
    await p.close();
  });

  it('is hidden without JavaScript, where each row is ticked alone', async () => {
    const p = await page({ javaScriptEnabled: false });
    await p.goto(`${server.url}/admin/posts`);
    assert.equal(await p.locator('#posts-select-all').count(), 1);
    assert.equal(await p.locator('#posts-select-all').isHidden(), true);
    await p.close();
  });
});
