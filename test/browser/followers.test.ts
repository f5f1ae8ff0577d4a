/**
 * Following by e-mail in Chromium: a reader subscribes from a post page with JavaScript and
 * without, the confirmation mail reaches a real SMTP server, its link shows a button (the GET
 * changes nothing) that confirms, the manage page works by keyboard, and the pages are clean
 * under axe and fit a 390 px screen, with JavaScript on and off. Then an administrator finds the follower and exports CSV.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { loginAs } from '../support/admin.js';
import { contextWithSession, describeViolations, launchBrowser, runAxe, type TestBrowser } from '../support/browser.js';
import { buildPost } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';

const PHONE = { width: 390, height: 844 };

async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function fits(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `${page.url()} is ${width} px wide`);
}

async function clean(page: Page): Promise<void> {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, `${page.url()}:\n${describeViolations(violations)}`);
}

describe('following by e-mail in a browser', () => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  let browser: TestBrowser;
  let postUrl = '';

  before(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer('sqlite', { env: { SMTP_URL: smtp.url } });
    browser = await launchBrowser();
    const post = await buildPost(server.db, { title: 'Et indlæg at følge' });
    const blog = await server.db.selectFrom('blogs').select('slug').where('id', '=', post.blogId).executeTakeFirstOrThrow();
    postUrl = `${server.url}/${blog.slug}/${post.slug}`;
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  const confirmLink = async (email: string) => {
    server.app.mail.kick();
    const mail = await waitFor('the confirmation mail', () => smtp.to(email).at(-1)?.mail);
    const match = /https?:\/\/\S+\/follow\/confirm\?token=\S+/.exec(mail.text ?? '');
    assert.ok(match, 'a confirmation link in the mail');
    const url = new URL(match[0]);
    return { path: `${url.pathname}${url.search}`, token: url.searchParams.get('token')! };
  };
  const statusOf = async (email: string) =>
    (await server.db.selectFrom('followers').select('status').where('email', '=', email).executeTakeFirst())?.status;

  for (const javaScriptEnabled of [true, false]) {
    it(`subscribes from a post page and confirms by the mailed link (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const email = `laeser-${javaScriptEnabled ? 'js' : 'nojs'}@browser.example`;
      const page = await browser.newPage({ viewport: PHONE, javaScriptEnabled });
      const check = async () => {
        await fits(page);
        await clean(page);
      };
      await page.goto(postUrl);
      await check();
      await page.fill('#follow-email', email);
      await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/follow'),
        page.click('.follow-form button[type="submit"]'),
      ]);
      await page.waitForURL(/\/follow$/);
      assert.equal(await page.locator('h1').count(), 1);
      await check();
      assert.equal(await statusOf(email), 'pending');

      const { path, token } = await confirmLink(email);
      await page.goto(`${server.url}${path}`);
      assert.equal(await statusOf(email), 'pending', 'opening the link changes nothing');
      await check();
      await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/follow/confirm'),
        page.click('main form[action="/follow/confirm"] button[type="submit"]'),
      ]);
      await page.waitForLoadState();
      assert.equal(await statusOf(email), 'confirmed');
      await check();

      // The manage page, by keyboard only: untick "every post", choose the weekly digest, save.
      await page.goto(`${server.url}/follow/manage?token=${encodeURIComponent(token)}`);
      await check();
      await page.focus('#manage-weekly');
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForLoadState();
      await waitFor('the weekly choice to be saved', async () =>
        (await server.db.selectFrom('followers').select('frequency').where('email', '=', email).executeTakeFirst())?.frequency === 'weekly'
          ? true
          : undefined,
      );
      await page.context().close();
    });
  }

  it('shows the followers to an administrator, who exports them as CSV', async () => {
    const session = await loginAs(server, 'admin');
    const context = await contextWithSession(browser, server.url, session.cookie, { viewport: PHONE, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/followers`);
    assert.match(await page.locator('main').innerText(), /laeser-js@browser\.example/);
    assert.match(await page.locator('main').innerText(), /laeser-nojs@browser\.example/);
    await fits(page);
    await clean(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href="/admin/followers.csv"]')]);
    assert.match(download.suggestedFilename(), /^followers-\d{4}-\d{2}-\d{2}\.csv$/);
    const stream = await download.createReadStream();
    let csv = '';
    for await (const chunk of stream) csv += String(chunk);
    assert.match(csv, /^email,status,/);
    assert.match(csv, /laeser-js@browser\.example,confirmed,weekly/);
    await context.close();
  });
});
