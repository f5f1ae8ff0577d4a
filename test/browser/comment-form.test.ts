/**
 * The comment form's question and its errors in Chromium: a wrong answer corrected at once is
 * accepted, a reload or the back button after a wrong answer never offers the spent question, and
 * after a refused send the focus is on the error summary, with JavaScript and without.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { updateSiteSettings } from '../../src/settings/settings.service.js';
import { answerOf } from '../support/comments.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { buildPost } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { VNU_UNAVAILABLE, vnuErrors } from '../support/vnu.js';

const MIN_SECONDS = 2;

async function rightAnswer(page: Page): Promise<string> {
  return answerOf(await page.locator('label[for="comment-answer"]').innerText());
}

async function fillForm(page: Page, body: string, answer: string): Promise<void> {
  await page.fill('#comment-name', 'Frida Fokus');
  await page.fill('#comment-email', 'frida@browser.example');
  await page.fill('#comment-body', body);
  await page.fill('#comment-answer', answer);
}

const focusedId = (page: Page) => page.locator(':focus').evaluateAll((els) => els.map((el) => el.id));

describe('the comment form in a browser: question, errors and focus', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let postUrl: string;

  before(async () => {
    server = await startTestServer('sqlite');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    await updateSiteSettings(server.db, {
      minSecondsToSubmit: MIN_SECONDS,
      commentPolicy: 'open',
      commentsPerHourPerIp: 10_000,
      commentsPerHourPerEmail: 10_000,
    });
    const post = await buildPost(server.db);
    const blog = await server.db.selectFrom('blogs').select('slug').where('id', '=', post.blogId).executeTakeFirstOrThrow();
    postUrl = `${server.url}/${blog.slug}/${post.slug}`;
  });

  async function sendWrongFirst(page: Page, body: string): Promise<void> {
    await page.goto(postUrl);
    await fillForm(page, body, String(Number(await rightAnswer(page)) + 1));
    await page.waitForTimeout(MIN_SECONDS * 1000 + 100);
    await page.click('#respond button[type="submit"]');
    await page.locator('#error-answer').waitFor();
  }

  it('puts the focus on the error summary, and accepts the corrected answer at once (with JavaScript)', async () => {
    const page = await browser.newPage();
    await sendWrongFirst(page, 'Rettet med det samme.');
    assert.deepEqual(await focusedId(page), ['error-summary']);
    assert.equal(await page.locator('#error-summary h3').innerText(), 'Der er et problem');
    assert.equal(await page.locator('#error-summary a[href="#comment-answer"]').count(), 1);
    assert.equal(await page.inputValue('#comment-body'), 'Rettet med det samme.');
    // The errors the script puts in the form are as valid as the ones the server renders.
    if (!VNU_UNAVAILABLE) {
      const formHtml = await page.locator('#respond').evaluate((el) => el.outerHTML);
      assert.deepEqual(
        vnuErrors({
          'script-errors': `<!doctype html><html lang="da"><head><title>Formular</title></head><body>${formHtml}</body></html>`,
        }),
        [],
      );
    }
    // No waiting: the minimum time counts from the first form, not from the new question.
    await page.fill('#comment-answer', await rightAnswer(page));
    await page.click('#respond button[type="submit"]');
    await page.locator('.comment', { hasText: 'Rettet med det samme.' }).waitFor();
    await page.close();
  });

  it('never offers the spent question after a reload', async () => {
    const page = await browser.newPage();
    await sendWrongFirst(page, 'Før genindlæsning.');
    await page.reload();
    await page.waitForTimeout(300);
    await fillForm(page, 'Efter genindlæsning.', await rightAnswer(page));
    await page.waitForTimeout(MIN_SECONDS * 1000 + 100);
    await page.click('#respond button[type="submit"]');
    await page.locator('.comment', { hasText: 'Efter genindlæsning.' }).waitFor();
    await page.close();
  });

  it('never offers the spent question after going back to the page', async () => {
    const page = await browser.newPage();
    await sendWrongFirst(page, 'Før tilbage-knappen.');
    await page.goto(`${server.url}/`);
    await page.goBack();
    await page.waitForTimeout(300);
    await fillForm(page, 'Efter tilbage-knappen.', await rightAnswer(page));
    await page.waitForTimeout(MIN_SECONDS * 1000 + 100);
    await page.click('#respond button[type="submit"]');
    await page.locator('.comment', { hasText: 'Efter tilbage-knappen.' }).waitFor();
    await page.close();
  });

  it('never sends a question twice, even when the connection failed while sending it', async () => {
    const page = await browser.newPage();
    const sentTokens: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') sentTokens.push(new URLSearchParams(request.postData() ?? '').get('token') ?? '');
    });
    await page.goto(postUrl);
    await fillForm(page, 'Sendt over en ustabil forbindelse.', await rightAnswer(page));
    await page.waitForTimeout(MIN_SECONDS * 1000 + 100);
    const commentsUrl = /\/comments$/;
    await page.route(commentsUrl, (route) => route.abort('connectionreset'));
    await page.click('#respond button[type="submit"]');
    await page.locator('#error-summary', { hasText: 'forbindelsen svigtede' }).waitFor();
    assert.equal(await page.inputValue('#comment-body'), 'Sendt over en ustabil forbindelse.');
    await page.unroute(commentsUrl);
    // The script swaps the question the server may already have seen for a fresh one.
    await page.waitForFunction(
      (spent) => (document.querySelector('#respond input[name="token"]') as HTMLInputElement).value !== spent,
      sentTokens[0],
    );
    assert.equal(await page.inputValue('#comment-answer'), '');
    await page.fill('#comment-answer', await rightAnswer(page));
    await page.click('#respond button[type="submit"]');
    await page.locator('.comment', { hasText: 'Sendt over en ustabil forbindelse.' }).waitFor();
    assert.equal(new Set(sentTokens).size, sentTokens.length, 'every send carried a question of its own');
    await page.close();
  });

  it('opens the refused page with the focus on the error summary, and accepts the corrected answer at once (without JavaScript)', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await sendWrongFirst(page, 'Uden script, rettet med det samme.');
    assert.deepEqual(await focusedId(page), ['error-summary']);
    assert.ok(await page.locator('#error-summary').isVisible());
    const inView = await page.locator('#error-summary').evaluate((el) => {
      const box = el.getBoundingClientRect();
      return box.top >= 0 && box.top < window.innerHeight;
    });
    assert.equal(inView, true, 'the summary is on screen, not the top of the post');
    assert.equal(await page.inputValue('#comment-body'), 'Uden script, rettet med det samme.');
    // The summary's link leads to the field.
    await page.click('#error-summary a[href="#comment-answer"]');
    assert.deepEqual(await focusedId(page), ['comment-answer']);
    await page.fill('#comment-answer', await rightAnswer(page));
    await page.click('#respond button[type="submit"]');
    await page.waitForURL(/#comment-[0-9a-f-]{36}$/);
    await context.close();
  });
});
