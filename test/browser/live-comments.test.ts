/** Two readers on one post: the second sees the first's comment arrive live, without a reload and without losing their place. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { addImportedComment } from '../../src/comments/comment.service.js';
import { updateSiteSettings } from '../../src/settings/settings.service.js';
import { contextWithSession, describeViolations, launchBrowser, runAxe, type TestBrowser } from '../support/browser.js';
import { answerOf, postComment } from '../support/comments.js';
import { loginAs } from '../support/admin.js';
import { buildBlog, buildPost } from '../support/factories.js';
import { POSTGRES_URL } from '../support/db.js';
import { startSharedInstances, startTestServer, type TestServer } from '../support/server.js';

describe('live comments in a browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let path: string;
  before(async () => {
    server = await startTestServer('sqlite');
    browser = await launchBrowser();
    await updateSiteSettings(server.db, {
      minSecondsToSubmit: 0,
      commentPolicy: 'open',
      commentsPerHourPerIp: 10_000,
      commentsPerPage: 50,
    });
    const blog = await buildBlog(server.db, { slug: 'debat' });
    const post = await buildPost(server.db, { blogId: blog.id });
    path = `/${blog.slug}/${post.slug}`;
    for (let i = 0; i < 12; i++) {
      await addImportedComment(server.db, server.app.secret, 3, {
        postId: post.id,
        name: `Tidligere ${i}`,
        email: `t${i}@debat.example`,
        body: `Et tidligere indlæg nummer ${i}, langt nok til at fylde lidt på skærmen.\n\nAnden del af indlægget.`,
        status: 'approved',
        createdAt: new Date(Date.now() - (20 - i) * 60_000),
      });
    }
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function send(page: Page, name: string, body: string) {
    await page.fill('#comment-name', name);
    await page.fill('#comment-email', `${name.toLowerCase()}@browser.example`);
    await page.fill('#comment-body', body);
    await page.fill('#comment-answer', answerOf(await page.locator('label[for="comment-answer"]').innerText()));
    await page.click('#respond button[type="submit"]');
    await page.waitForSelector('.form-notice');
  }

  async function openReader(width = 1000): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 700 } });
    await page.goto(`${server.url}${path}`);
    await page.waitForSelector('#comments[data-live="open"]');
    return page;
  }

  it("shows the first reader's comment to the second through a polite button, keeping their place and focus", async () => {
    const reader = await openReader();
    const writer = await openReader();
    // The reader is in the middle of the thread, with the focus on a reply link there.
    const anchorId = await reader.evaluate(() => document.querySelectorAll('.comments > .comment')[5]!.id);
    await reader.evaluate((id) => {
      const el = document.getElementById(id)!;
      window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY);
      (el.querySelector('.reply-link') as HTMLElement).focus({ preventScroll: true });
    }, anchorId);
    const topOf = () => reader.evaluate((id) => Math.round(document.getElementById(id)!.getBoundingClientRect().top), anchorId);
    const before = await topOf();

    await send(writer, 'Skribent', 'Nyt indlæg, mens debatten kører.');
    const button = reader.locator('.live-notice__button');
    await button.waitFor({ state: 'visible' });
    assert.equal(await button.innerText(), '1 ny kommentar – vis');
    assert.equal(await reader.locator('#live-status').innerText(), '1 ny kommentar');
    assert.equal(await reader.locator('#live-status').getAttribute('aria-live'), 'polite');
    assert.equal(await reader.evaluate(() => document.activeElement?.className), 'reply-link', 'the focus stays where it was');
    assert.equal(await topOf(), before, 'nothing moved while the comment waited');
    assert.equal(await reader.locator('text=Nyt indlæg, mens debatten kører.').count(), 0, 'nothing is inserted unasked');

    // Two more arrive: the count grows, with the plural.
    await postComment(server, path, { name: 'Anden', body: 'Endnu et indlæg' });
    await postComment(server, path, { name: 'Tredje', body: 'Og et til' });
    await reader.waitForFunction(() => document.querySelector('.live-notice__button')?.textContent === '3 nye kommentarer – vis');

    const violations = await runAxe(reader);
    assert.equal(violations.length, 0, describeViolations(violations));

    await button.click();
    await reader.waitForSelector('text=Nyt indlæg, mens debatten kører.');
    assert.equal(await reader.locator('.comment--new').count(), 3);
    assert.equal(await reader.locator('#comments-heading').innerText(), 'Kommentarer (15)');
    assert.equal(await topOf(), before, 'the comment the reader was on stays where it was');
    assert.equal(await reader.locator('#live-status').innerText(), '3 nye kommentarer vist.');
    assert.equal(await button.isVisible(), false);
    // Added at the end of the thread, in order, and the page needed no reload.
    const names = await reader.locator('.comments > .comment .comment__author').allInnerTexts();
    assert.deepEqual(names.slice(-3), ['Skribent', 'Anden', 'Tredje']);
    assert.equal(await reader.evaluate(() => performance.getEntriesByType('navigation').length), 1);
  });

  it('puts a reply under its parent and marks a reply to the reader’s own comment', async () => {
    const reader = await openReader(390);
    await send(reader, 'Lone', 'Mit eget spørgsmål til debatten.');
    const ownId = await reader.evaluate(() => location.hash.slice('#comment-'.length));
    assert.match(ownId, /^[0-9a-f-]{36}$/);
    await postComment(server, path, { name: 'Svarer', body: 'Her er et svar til dig.', parent: ownId });
    await reader.locator('.live-notice__button').click();
    const reply = reader.locator(`#comment-${ownId} > ol.comments--replies > li.comment--reply-to-you`);
    await reply.waitFor();
    assert.match(await reply.innerText(), /Svar på din kommentar[\s\S]*Her er et svar til dig\./);
    const overflow = await reader.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, 'nothing wider than a 390 px screen');
    const violations = await runAxe(reader);
    assert.equal(violations.length, 0, describeViolations(violations));
  });

  it('remembers the name and e-mail in the browser on request, never in a cookie', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}${path}`);
    assert.equal(await page.isChecked('#comment-remember'), false);
    await page.check('#comment-remember');
    await send(page, 'Husker', 'Husk mig næste gang.');
    await page.goto(`${server.url}${path}`);
    assert.equal(await page.inputValue('#comment-name'), 'Husker');
    assert.equal(await page.inputValue('#comment-email'), 'husker@browser.example');
    assert.equal(await page.isChecked('#comment-remember'), true);
    const cookies = JSON.stringify(await context.cookies());
    assert.doesNotMatch(cookies, /husker/i, 'nothing remembered travels as a cookie');
    // Unticked and sent again: forgotten.
    await page.uncheck('#comment-remember');
    await page.fill('#comment-body', 'Glem mig nu.');
    await page.fill('#comment-answer', answerOf(await page.locator('label[for="comment-answer"]').innerText()));
    await page.click('#respond button[type="submit"]');
    await page.waitForSelector('.form-notice');
    await page.goto(`${server.url}${path}`);
    assert.equal(await page.inputValue('#comment-name'), '');
    assert.equal(await page.isChecked('#comment-remember'), false);
    await context.close();
  });

  it('changes nothing without JavaScript: no stream, no button', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`${server.url}${path}`);
    await postComment(server, path, { body: 'Kommer først ved næste besøg' });
    await page.waitForTimeout(500);
    assert.equal(requested.filter((url) => url.includes('/live/posts/')).length, 0);
    assert.equal(await page.locator('.live-notice').count(), 0);
    assert.equal(await page.locator('#comment-remember').count(), 0, 'no box that could not work');
    await page.reload();
    assert.equal(await page.locator('text=Kommer først ved næste besøg').count(), 1);
  });

  it("keeps the admin menu's waiting count current while a staff page is open", async () => {
    const session = await loginAs(server, 'admin');
    const context = await contextWithSession(browser, server.url, session.cookie);
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/posts`);
    const count = page.locator('.nav-count');
    assert.equal(await count.textContent(), '0 venter');
    assert.equal(await count.isVisible(), false, 'no badge while nothing waits');
    await updateSiteSettings(server.db, { commentPolicy: 'all' });
    try {
      await postComment(server, path, { body: 'Til moderatoren' });
      await page.waitForFunction(() => document.querySelector('.nav-count')?.firstChild?.nodeValue === '1');
      assert.equal(await count.textContent(), '1 venter');
      assert.equal(await count.isVisible(), true);
      const violations = await runAxe(page);
      assert.equal(violations.length, 0, describeViolations(violations));
    } finally {
      await updateSiteSettings(server.db, { commentPolicy: 'open' });
      await context.close();
    }
  });
});

describe(
  'live comments across two instances sharing PostgreSQL, in a browser',
  { skip: !POSTGRES_URL && 'YTRING_TEST_POSTGRES_URL is not set: several instances only share a PostgreSQL database' },
  () => {
    let instances: Awaited<ReturnType<typeof startSharedInstances>>;
    let browser: TestBrowser;
    let path: string;
    before(async () => {
      instances = await startSharedInstances(2);
      browser = await launchBrowser();
      const { db } = instances.servers[0]!;
      await updateSiteSettings(db, { minSecondsToSubmit: 0, commentPolicy: 'open', commentsPerHourPerIp: 10_000 });
      const blog = await buildBlog(db, { slug: 'delt' });
      const post = await buildPost(db, { blogId: blog.id });
      path = `/${blog.slug}/${post.slug}`;
    });
    after(async () => {
      await browser?.close();
      await instances?.close();
    });

    it('shows a comment written on one instance to a reader whose page came from the other', async () => {
      const [a, b] = instances.servers as [TestServer, TestServer];
      const reader = await browser.newPage();
      await reader.goto(`${b.url}${path}`);
      await reader.waitForSelector('#comments[data-live="open"]');
      const writer = await browser.newPage();
      await writer.goto(`${a.url}${path}`);
      await writer.fill('#comment-name', 'Fra A');
      await writer.fill('#comment-email', 'fra-a@browser.example');
      await writer.fill('#comment-body', 'Skrevet på den ene server, læst på den anden.');
      await writer.fill('#comment-answer', answerOf(await writer.locator('label[for="comment-answer"]').innerText()));
      await writer.click('#respond button[type="submit"]');
      await writer.waitForSelector('.form-notice');

      const button = reader.locator('.live-notice__button');
      await button.waitFor({ state: 'visible' });
      assert.equal(await button.innerText(), '1 ny kommentar – vis');
      await button.click();
      await reader.waitForSelector('text=Skrevet på den ene server, læst på den anden.');
      assert.equal(await reader.evaluate(() => performance.getEntriesByType('navigation').length), 1, 'no reload');
    });
  },
);
