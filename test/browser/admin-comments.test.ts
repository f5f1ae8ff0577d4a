import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { addImportedComment } from '../../src/comments/comment.service.js';
import { updateSiteSettings } from '../../src/settings/settings.service.js';
import { loginAs, type Session } from '../support/admin.js';
import { postComment } from '../support/comments.js';
import { describeViolations, launchBrowser, pageWithSession, runAxe, type TestBrowser } from '../support/browser.js';
import { buildBlog, buildPost } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe('comment moderation in a browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let session: Session;
  let path: string;
  const ids: string[] = [];
  before(async () => {
    server = await startTestServer('sqlite');
    browser = await launchBrowser();
    session = await loginAs(server, 'admin', { name: 'Ada Admin' });
    await updateSiteSettings(server.db, { minSecondsToSubmit: 0, commentPolicy: 'first-time', commentsPerHourPerIp: 10000 });
    const blog = await buildBlog(server.db, { slug: 'debat' });
    const post = await buildPost(server.db, { blogId: blog.id, authors: [{ personId: session.personId }] });
    path = `/${blog.slug}/${post.slug}`;
    for (let i = 0; i < 3; i++) {
      const r = await postComment(server, path, {
        email: `p${i}@debat.example`,
        body: `Holdt nummer ${i} http://a.example http://b.example http://c.example`,
      });
      ids.push(/#comment-(.+)$/.exec(r.headers.get('location')!)![1]!);
    }
    await addImportedComment(server.db, server.app.secret, 3, {
      postId: post.id,
      name: 'Ole',
      email: 'ole@x.example',
      body: 'Offentlig',
      status: 'approved',
      createdAt: new Date(),
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  async function page(js = true): Promise<Page> {
    return pageWithSession(browser, server.url, session.cookie, { javaScriptEnabled: js });
  }
  it('axe on the queue, edit, reply, blocklist, and the staff form', async () => {
    const p = await page();
    for (const url of [
      '/admin/comments',
      '/admin/comments?status=pending',
      `/admin/comments/${ids[0]}/edit`,
      `/admin/comments/${ids[0]}/reply`,
      '/admin/comments/blocklist',
      path,
    ]) {
      await p.goto(`${server.url}${url}`);
      const v = await runAxe(p);
      assert.equal(v.length, 0, `${url}\n${describeViolations(v)}`);
    }
  });
  it('select all with JS, bulk approve', async () => {
    const p = await page();
    await p.goto(`${server.url}/admin/comments?status=pending`);
    assert.equal(await p.isVisible('#select-all'), true);
    await p.check('#select-all');
    assert.equal(await p.locator('input[name="ids"]:checked').count(), 3);
    await p.uncheck(`#select-${ids[0]}`);
    assert.equal(await p.evaluate(() => (document.getElementById('select-all') as HTMLInputElement).indeterminate), true);
    await p.selectOption('#bulk-action', 'approve');
    await p.click('#bulk-form button[type="submit"]');
    await p.waitForURL(/done=approve&n=2/);
    assert.match((await p.textContent('.notice')) ?? '', /Godkendt: 2/);
  });
  it('without JS: checkbox + bulk works, select-all stays hidden', async () => {
    const p = await page(false);
    await p.goto(`${server.url}/admin/comments?status=pending`);
    assert.equal(await p.isVisible('#select-all'), false);
    await p.check(`#select-${ids[0]}`);
    await p.selectOption('#bulk-action', 'spam');
    await p.click('#bulk-form button[type="submit"]');
    await p.waitForURL(/done=spam&n=1/);
  });
  it('staff comment through the public form with JS', async () => {
    const p = await page();
    await p.goto(`${server.url}${path}`);
    await p.fill('#comment-body', 'Skribentens svar fra browseren');
    await p.click('#respond button[type="submit"]');
    await p.waitForSelector('.form-notice');
    assert.match(await p.content(), /Skribentens svar fra browseren/);
    const anon = await browser.newPage();
    await anon.goto(`${server.url}${path}`);
    assert.match(await anon.content(), /Ada Admin<\/strong><span class="badge">Skribent<\/span>/);
  });
});
