/** Deleting a blog in a browser: the confirmation page passes axe, fits a phone, and moving keeps the posts. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { loginAs, type Session } from '../support/admin.js';
import { describeViolations, launchBrowser, pageWithSession, runAxe, type TestBrowser } from '../support/browser.js';
import { buildBlog, buildPost } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe('deleting a blog in a browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let session: Session;
  let fromId: string;

  before(async () => {
    server = await startTestServer('sqlite');
    browser = await launchBrowser();
    session = await loginAs(server, 'admin');
    const from = await buildBlog(server.db, { slug: 'gammel-blog', title: 'Gammel blog med et ret langt navn' });
    await buildBlog(server.db, { slug: 'ny-blog', title: 'Ny blog' });
    await buildPost(server.db, { blogId: from.id, slug: 'bliver', title: 'Bliver ved' });
    fromId = from.id;
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const page = (options: BrowserContextOptions = {}): Promise<Page> => pageWithSession(browser, server.url, session.cookie, options);

  it('shows what the blog holds, passes axe, fits 390 px, and moves the posts from the keyboard-reachable form', async () => {
    const p = await page({ viewport: { width: 390, height: 844 } });
    await p.goto(`${server.url}/admin/blogs/${fromId}`);
    await p.click(`a[href="/admin/blogs/${fromId}/delete"]`);
    assert.match((await p.textContent('#blog-holds')) ?? '', /1 udgivne indlæg/);
    const violations = await runAxe(p);
    assert.equal(violations.length, 0, describeViolations(violations));
    assert.ok((await p.evaluate(() => document.documentElement.scrollWidth)) <= 390, 'nothing wider than the screen');
    await p.check('#fate-move');
    await p.selectOption('#blog-move-to', { label: 'Ny blog (/ny-blog)' });
    await p.click('button.button--danger');
    await p.waitForURL(/\/admin\/blogs\?done=blogDeleted/);
    assert.match(await p.content(), /Bloggen er slettet/);
    await p.goto(`${server.url}/gammel-blog/bliver`);
    assert.equal(new URL(p.url()).pathname, '/ny-blog/bliver');
    await p.close();
  });
});
