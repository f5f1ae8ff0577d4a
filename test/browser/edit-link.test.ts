/**
 * The writer's private edit link in a real browser (the form sent by the script): offered at the
 * comment right after posting (no reply mail asked), it opens the edit form of that comment.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { updateSiteSettings } from '../../src/settings/settings.service.js';
import { answerOf } from '../support/comments.js';
import { describeViolations, launchBrowser, runAxe, type TestBrowser } from '../support/browser.js';
import { buildBlog, buildPost } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/server.js';

async function write(page: Page, body: string): Promise<void> {
  await page.fill('#comment-name', 'Eva Efterskrift');
  await page.fill('#comment-email', `eva${Math.random()}@browser.example`);
  await page.fill('#comment-body', body);
  await page.fill('#comment-answer', answerOf(await page.locator('label[for="comment-answer"]').innerText()));
  await page.click('#respond button[type="submit"]');
}

describe("the writer's edit link in a browser", () => {
  let server: TestServer;
  let browser: TestBrowser;
  let postUrl: string;

  before(async () => {
    server = await startTestServer('sqlite');
    await updateSiteSettings(server.db, { minSecondsToSubmit: 0 });
    browser = await launchBrowser();
    const blog = await buildBlog(server.db);
    const post = await buildPost(server.db, { blogId: blog.id });
    postUrl = `${server.url}/${blog.slug}/${post.slug}`;
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const javaScriptEnabled of [true]) {
    it(`offers the link at the new comment and it opens that comment's edit form (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const page = await browser.newPage({ javaScriptEnabled, viewport: { width: 390, height: 844 } });
      await page.goto(postUrl);
      const body = `Skrevet med JavaScript ${javaScriptEnabled ? 'til' : 'fra'}.`;
      await write(page, body);
      const mine = page.locator('.comment', { hasText: body });
      const link = mine.locator('.comment__edit-link a');
      await link.waitFor();
      assert.equal(await link.innerText(), 'Ret eller slet din kommentar (gælder i 15 minutter)');
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'nothing wider than the screen');
      assert.equal(describeViolations(await runAxe(page)), '');
      if (javaScriptEnabled) await page.screenshot({ path: '/tmp/edit-link-390.png' });
      await link.click();
      await page.waitForURL(/\/comments\/manage\?token=/);
      assert.equal(await page.locator('#manage-body').inputValue(), body);
      await page.fill('#manage-body', `${body} Rettet.`);
      await page.click('form.comment-form button[type="submit"]');
      await page.locator('.form-notice').waitFor();
      await page.goto(postUrl);
      await page.locator('.comment', { hasText: `${body} Rettet.` }).waitFor();
      await page.close();
    });
  }
});
