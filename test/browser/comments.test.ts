/**
 * The debate in a real browser on the demo site: writing a comment, answering the question,
 * replying, getting the answer wrong, with JavaScript and without.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { demoContent } from '../../src/demo/demo-content.js';
import { updateSiteSettings } from '../../src/settings/settings.service.js';
import { answerOf } from '../support/comments.js';
import { describeViolations, launchBrowser, runAxe, type TestBrowser } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

const modelPost = demoContent.posts[0]!;
const modelComment = modelPost.comments![0]!;

async function answerQuestion(page: Page): Promise<void> {
  const label = await page.locator('label[for="comment-answer"]').innerText();
  await page.fill('#comment-answer', answerOf(label));
}

describe('comments in a browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let postUrl: string;

  before(async () => {
    server = await startTestServer('sqlite', { demo: true });
    // A person needs more than a second to write; the default of three would only slow the test.
    await updateSiteSettings(server.db, { minSecondsToSubmit: 1 });
    browser = await launchBrowser();
    const row = await server.db
      .selectFrom('posts')
      .innerJoin('blogs', 'blogs.id', 'posts.blog_id')
      .select(['posts.slug', 'blogs.slug as blog'])
      .where('posts.title', '=', modelPost.title)
      .executeTakeFirstOrThrow();
    postUrl = `${server.url}/${row.blog}/${row.slug}`;
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows the demo post's debate with a reply from the blog owner", async () => {
    const page = await browser.newPage();
    await page.goto(postUrl);
    const first = page.locator('#comments > ol > li').first();
    assert.equal((await first.locator('.comment__author').first().innerText()).trim(), modelComment.name);
    assert.equal(await first.locator('.comments--replies .comment__author').first().innerText(), modelComment.replies![0]!.name);
    assert.ok((await first.locator('.comments--replies .badge').count()) === 1, 'the owner’s reply carries a badge');
    await page.close();
  });

  it('sends a comment in place, shows it, and lets the writer reply to it', async () => {
    const page = await browser.newPage();
    await page.goto(postUrl);
    await page.fill('#comment-name', 'Birgitte Browser');
    await page.fill('#comment-email', 'birgitte@browser.example');
    await page.fill('#comment-body', 'Jeg er enig i, at partnerskaber kræver tydelige mål.');
    await answerQuestion(page);
    await page.waitForTimeout(1100);
    // A value on window survives only if the page was not reloaded.
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    await page.click('#respond button[type="submit"]');
    const mine = page.locator('.comment', { hasText: 'Jeg er enig i, at partnerskaber kræver tydelige mål.' });
    await mine.waitFor();
    assert.equal(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded), true, 'the page did not reload');
    assert.match(await mine.locator('.form-notice').innerText(), /offentliggjort/);
    assert.match(page.url(), /#comment-[0-9a-f-]{36}$/);

    await mine.locator('a.reply-link').first().click();
    assert.match(await page.locator('#respond-heading').innerText(), /Svar til Birgitte Browser/);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'comment-name');
    await page.fill('#comment-name', 'Rasmus Replik');
    await page.fill('#comment-email', 'rasmus@browser.example');
    await page.fill('#comment-body', 'Og målene skal kunne måles.');
    await answerQuestion(page);
    await page.waitForTimeout(1100);
    await page.click('#respond button[type="submit"]');
    const reply = page.locator('.comments--replies .comment', { hasText: 'Og målene skal kunne måles.' });
    await reply.waitFor();
    const parentName = await reply.locator('xpath=ancestor::li[contains(@class,"comment")][1]/article//strong').innerText();
    assert.equal(parentName, 'Birgitte Browser');
    await page.close();
  });

  it('keeps the text and announces the error when the answer is wrong', async () => {
    const page = await browser.newPage();
    await page.goto(postUrl);
    await page.fill('#comment-name', 'Forkert Svar');
    await page.fill('#comment-email', 'forkert@browser.example');
    await page.fill('#comment-body', 'Denne tekst må ikke gå tabt.');
    const label = await page.locator('label[for="comment-answer"]').innerText();
    await page.fill('#comment-answer', String(Number(answerOf(label)) + 1));
    await page.waitForTimeout(1100);
    await page.click('#respond button[type="submit"]');
    await page.locator('.error-summary').waitFor();
    assert.equal(await page.inputValue('#comment-body'), 'Denne tekst må ikke gå tabt.');
    assert.equal(await page.inputValue('#comment-name'), 'Forkert Svar');
    assert.equal(await page.getAttribute('#comment-answer', 'aria-invalid'), 'true');
    // The summary takes the focus, so a screen reader reads it and the keyboard starts there.
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary');
    const newLabel = await page.locator('label[for="comment-answer"]').innerText();
    assert.match(newLabel, /\d+ (plus|minus) \d+/);
    await answerQuestion(page);
    await page.waitForTimeout(1100);
    await page.click('#respond button[type="submit"]');
    await page.locator('.comment', { hasText: 'Denne tekst må ikke gå tabt.' }).waitFor();
    await page.close();
  });

  it('works without JavaScript: the form posts, redirects to the comment, and a wrong answer keeps the text', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(postUrl);
    await page.fill('#comment-name', 'Uden Script');
    await page.fill('#comment-email', 'uden@browser.example');
    await page.fill('#comment-body', 'Skrevet uden JavaScript.');
    await page.fill('#comment-answer', '999');
    await page.waitForTimeout(1100);
    await page.click('#respond button[type="submit"]');
    assert.equal(await page.inputValue('#comment-body'), 'Skrevet uden JavaScript.');
    assert.equal(await page.locator('#error-answer').count(), 1);
    await answerQuestion(page);
    await page.waitForTimeout(1100);
    await page.click('#respond button[type="submit"]');
    await page.waitForURL(/#comment-[0-9a-f-]{36}$/);
    const anchor = new URL(page.url()).hash.slice(1);
    assert.match(await page.locator(`#${anchor}`).innerText(), /Skrevet uden JavaScript\./);
    await context.close();
  });

  it('has no accessibility violations on a post page with a debate and a form with errors', async () => {
    const page = await browser.newPage();
    await page.goto(postUrl);
    await page.fill('#comment-body', 'x');
    await page.click('#respond button[type="submit"]', { noWaitAfter: true }).catch(() => {});
    await page.evaluate(() => (document.querySelector('#respond') as HTMLFormElement).setAttribute('novalidate', ''));
    await page.click('#respond button[type="submit"]');
    await page.locator('.error-summary').waitFor();
    const violations = await runAxe(page);
    assert.deepEqual(
      violations.map((v) => v.id),
      [],
      describeViolations(violations),
    );
    await page.close();
  });
});
