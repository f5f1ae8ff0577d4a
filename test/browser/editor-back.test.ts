/**
 * The post editor's refused save in a real browser (post/redirect/get): Reload shows the same form
 * without asking to send it again, and Back after the save that followed shows it, not
 * ERR_CACHE_MISS; with and without JavaScript.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContextOptions } from 'playwright-core';
import { loginAs, type Session } from '../support/admin.js';
import { launchBrowser, pageWithSession, type TestBrowser } from '../support/browser.js';
import { buildBlog } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe('post editor: Back and Reload after a refused save', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let session: Session;

  before(async () => {
    server = await startTestServer('sqlite');
    browser = await launchBrowser();
    session = await loginAs(server, 'admin', { name: 'Ada Admin' });
    await buildBlog(server.db, { slug: 'debat', title: 'Debatten' });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const page = (options: BrowserContextOptions = {}) => pageWithSession(browser, server.url, session.cookie, options);

  for (const javaScriptEnabled of [true, false]) {
    it(`${javaScriptEnabled ? 'with' : 'without'} JavaScript: reload keeps the refused form, and Back after saving shows it`, async () => {
      const p = await page({ javaScriptEnabled });
      // A question the browser asks (leaving with unsaved text) is answered "leave": this test is about navigation.
      p.on('dialog', (dialog) => void dialog.accept());
      const body = `Tekst der ikke må gå tabt (${javaScriptEnabled ? 'med' : 'uden'} script).`;
      await p.goto(`${server.url}/admin/posts/new`);
      await p.fill('#post-body', body);
      await p.locator('.editor-toolbar button[value="save"]').click();
      await p.waitForURL((url) => url.searchParams.has('form'));
      const refusedUrl = p.url();
      assert.equal(await p.locator('.error-summary[role="alert"] a[href="#post-title"]').count(), 1);
      assert.equal(await p.inputValue('#post-body'), body);

      // A reload of a POST's answer would resend it; this one is a GET and shows the same form.
      const reloaded = await p.reload();
      assert.equal(reloaded?.request().method(), 'GET');
      assert.equal(reloaded?.status(), 200);
      assert.equal(p.url(), refusedUrl);
      assert.equal(await p.locator('.error-summary a[href="#post-title"]').count(), 1);
      assert.equal(await p.inputValue('#post-body'), body);

      await p.fill('#post-title', 'Rettet og gemt');
      await p.locator('.editor-toolbar button[value="save"]').click();
      await p.waitForURL(/saved=1/);

      // Back to a POST's answer is ERR_CACHE_MISS in Chromium; goBack throws on it.
      await p.goBack();
      assert.equal(p.url(), refusedUrl);
      await p.locator('#post-editor').waitFor();
      assert.equal(await p.locator('.error-summary a[href="#post-title"]').count(), 1);
      assert.equal(await p.inputValue('#post-body'), body);
      await p.close();
    });
  }
});
