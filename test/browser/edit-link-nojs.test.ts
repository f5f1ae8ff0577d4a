/**
 * The writer's private edit link with JavaScript off: the plain form posts, the page that comes back
 * offers the link at the new comment, the edit form opens and saves. Every wait is short and the
 * context is closed in `finally`, so a missing element fails the test quickly instead of hanging it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { updateSiteSettings } from '../../src/settings/settings.service.js';
import { answerOf } from '../support/comments.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { buildBlog, buildPost } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/server.js';

// Short, but not shorter than a first render takes on a busy machine (seen: 4 s before the stylesheet was asked for).
const WAIT_MS = 10_000;

describe("the writer's edit link without JavaScript", () => {
  let server: TestServer;
  let browser: TestBrowser;
  let postUrl: string;

  before(async () => {
    server = await startTestServer('sqlite');
    await updateSiteSettings(server.db, { minSecondsToSubmit: 0, commentPolicy: 'open' });
    browser = await launchBrowser();
    const blog = await buildBlog(server.db);
    const post = await buildPost(server.db, { blogId: blog.id });
    postUrl = `${server.url}/${blog.slug}/${post.slug}`;
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('posts with the plain form, shows the private link at the new comment, and the edit form saves', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    try {
      context.setDefaultTimeout(WAIT_MS);
      context.setDefaultNavigationTimeout(WAIT_MS);
      const page = await context.newPage();
      await page.goto(postUrl, { timeout: WAIT_MS, waitUntil: 'domcontentloaded' });
      const body = `Skrevet uden JavaScript ${Date.now()}.`;
      await page.fill('#comment-name', 'Nora Noscript', { timeout: WAIT_MS });
      await page.fill('#comment-email', `nora${Date.now()}@browser.example`, { timeout: WAIT_MS });
      await page.fill('#comment-body', body, { timeout: WAIT_MS });
      const question = await page.locator('label[for="comment-answer"]').innerText({ timeout: WAIT_MS });
      await page.fill('#comment-answer', answerOf(question), { timeout: WAIT_MS });
      await Promise.all([
        page.waitForURL((url) => url.pathname.startsWith(new URL(postUrl).pathname) && !url.pathname.endsWith('/comments'), {
          timeout: WAIT_MS,
        }),
        page.click('#respond button[type="submit"]', { timeout: WAIT_MS }),
      ]);

      const mine = page.locator('.comment', { hasText: body });
      const link = mine.locator('.comment__edit-link a');
      await link.waitFor({ timeout: WAIT_MS });
      assert.match(await link.innerText({ timeout: WAIT_MS }), /Ret eller slet din kommentar/);
      assert.match((await link.getAttribute('href', { timeout: WAIT_MS })) ?? '', /\/comments\/manage\?token=/);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'nothing wider than the screen');

      await Promise.all([page.waitForURL(/\/comments\/manage\?token=/, { timeout: WAIT_MS }), link.click({ timeout: WAIT_MS })]);
      assert.equal(await page.locator('#manage-body').inputValue({ timeout: WAIT_MS }), body);
      await page.fill('#manage-body', `${body} Rettet.`, { timeout: WAIT_MS });
      await page.click('form.comment-form button[type="submit"]', { timeout: WAIT_MS });
      await page.locator('.form-notice').waitFor({ timeout: WAIT_MS });

      await page.goto(postUrl, { timeout: WAIT_MS, waitUntil: 'domcontentloaded' });
      await page.locator('.comment', { hasText: `${body} Rettet.` }).waitFor({ timeout: WAIT_MS });
      const stored = await server.db
        .selectFrom('comments')
        .select('body')
        .where('author_name', '=', 'Nora Noscript')
        .executeTakeFirstOrThrow();
      assert.equal(stored.body, `${body} Rettet.`);
    } finally {
      await context.close();
    }
  });
});
