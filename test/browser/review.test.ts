/**
 * Reviewing in a real browser (issue 13): the full-page preview from the editor, a preview link
 * opened by someone with no session, an autosave offered back after a reload, and the posts list's
 * filter and bulk publish without JavaScript. axe on each page, and nothing wider than a phone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { loginAs, type Session } from '../support/admin.js';
import { describeViolations, launchBrowser, pageWithSession, runAxe, type TestBrowser } from '../support/browser.js';
import { buildBlog, buildPost } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/server.js';
import type { Blog } from '../../src/blogs/blog.js';

const PHONE = { width: 390, height: 844 };

describe('reviewing posts in a browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let session: Session;
  let blog: Blog;

  before(async () => {
    server = await startTestServer('sqlite');
    browser = await launchBrowser();
    session = await loginAs(server, 'admin', { name: 'Ada Admin' });
    blog = await buildBlog(server.db, { slug: 'review', title: 'Gennemsyn' });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const staffPage = (options: BrowserContextOptions = {}): Promise<Page> => pageWithSession(browser, server.url, session.cookie, options);

  async function assertAccessible(p: Page, what: string): Promise<void> {
    const violations = await runAxe(p);
    assert.equal(violations.length, 0, `${what}:\n${describeViolations(violations)}`);
  }

  async function assertFitsPhone(p: Page, what: string): Promise<void> {
    await p.setViewportSize(PHONE);
    const width = await p.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `${what} is ${width}px wide at 390px`);
  }

  const draft = (title: string) =>
    buildPost(server.db, { blogId: blog.id, title, status: 'draft', publishedAt: null, authors: [{ personId: session.personId }] });

  it('opens the full-page preview from the editor, with the banner and a way back', async () => {
    const post = await draft('Et udkast at se helt');
    const page = await staffPage();
    await page.goto(`${server.url}/admin/posts/${post.id}/edit`);
    await page.getByRole('link', { name: 'Forhåndsvis hele siden' }).click();
    await page.waitForURL(`${server.url}/review/${post.slug}`);
    assert.equal(await page.locator('h1').innerText(), 'Et udkast at se helt');
    assert.match(await page.locator('.preview-banner').innerText(), /Ikke udgivet/);
    await assertAccessible(page, 'the preview');
    await assertFitsPhone(page, 'the preview');
    await page.getByRole('link', { name: 'Redigér indlægget' }).click();
    await page.waitForURL(/\/edit$/);
    await page.close();
  });

  it('makes a preview link that a browser with no session opens, and that stops working when withdrawn', async () => {
    const post = await draft('Til en gæsteekspert');
    const page = await staffPage();
    await page.goto(`${server.url}/admin/posts/${post.id}/edit`);
    await page.getByRole('link', { name: 'Del en forhåndsvisning' }).click();
    await page.selectOption('#share-days', '30');
    await page.getByRole('button', { name: 'Lav et link' }).click();
    const shown = await page.locator('#share-url').inputValue();
    assert.match(shown, /\/preview\/[A-Za-z0-9_-]{43}$/);
    // The link is made from BASE_URL, which the test server leaves at its default.
    const url = `${server.url}${new URL(shown).pathname}`;
    await assertAccessible(page, 'the preview links page');
    await assertFitsPhone(page, 'the preview links page');

    const guest = await browser.newPage();
    const response = await guest.goto(url);
    assert.equal(response?.status(), 200);
    assert.equal(await guest.locator('h1').innerText(), 'Til en gæsteekspert');
    assert.match(await guest.locator('.preview-banner').innerText(), /delt link/);
    assert.equal(await guest.locator('a[href^="/admin"]').count(), 0);
    await assertAccessible(guest, 'the shared preview');
    await assertFitsPhone(guest, 'the shared preview');
    // The site search posted from this page (no Referer under no-referrer) still works.
    await guest.setViewportSize({ width: 1200, height: 900 });
    await guest.locator('.site-search input[type="search"]').fill('gæsteekspert');
    await guest.locator('.site-search').evaluate((form) => (form as HTMLFormElement).requestSubmit());
    await guest.waitForURL(/\/search\?/);

    await page.setViewportSize({ width: 1200, height: 900 });
    await page.getByRole('button', { name: /^Træk tilbage/ }).click();
    await page.waitForURL(/revoked=1/);
    const gone = await guest.goto(url);
    assert.equal(gone?.status(), 410);
    assert.match(await guest.locator('h1').innerText(), /trukket tilbage/);
    await assertAccessible(guest, 'the withdrawn link');
    await guest.close();
    await page.close();
  });

  it('offers back what was autosaved before a reload, and restores it', async () => {
    const post = await buildPost(server.db, {
      blogId: blog.id,
      title: 'Udgivet og rettes',
      body: 'Den gemte tekst.',
      authors: [{ personId: session.personId }],
    });
    const page = await staffPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await page.clock.install();
    await page.goto(`${server.url}/admin/posts/${post.id}/edit`);
    await page.fill('#post-body', 'Den nye tekst, kun autogemt.');
    await page.clock.fastForward(21_000);
    await page.locator('#autosave-status', { hasText: 'Kladde gemt automatisk' }).waitFor();
    await page.reload();
    const offer = page.locator('.autosave-offer');
    await offer.waitFor();
    assert.equal(await page.inputValue('#post-body'), 'Den gemte tekst.');
    await assertAccessible(page, 'the editor with an autosave offered');
    await offer.getByRole('link', { name: 'Sammenlign' }).click();
    assert.match(await page.locator('#side-older').innerText(), /^Ældre: /);
    assert.match(await page.locator('#side-newer').innerText(), /^Nyere: .*Ada Admin/);
    await assertAccessible(page, 'the comparison');
    await page.goBack();
    await page.getByRole('button', { name: 'Hent den automatisk gemte version' }).click();
    await page.waitForURL(/restored=1/);
    assert.equal(await page.inputValue('#post-body'), 'Den nye tekst, kun autogemt.');
    await page.close();
  });

  it('filters the posts list and publishes the chosen drafts without JavaScript', async () => {
    const one = await draft('Masseudgivelse et');
    const two = await draft('Masseudgivelse to');
    const page = await staffPage({ javaScriptEnabled: false });
    await page.goto(`${server.url}/admin/posts`);
    await page.selectOption('#filter-status', 'draft');
    await page.fill('#filter-q', 'Masseudgivelse');
    await page.getByRole('button', { name: 'Vis' }).click();
    await page.waitForURL(/status=draft/);
    await assertAccessible(page, 'the filtered posts list');
    await assertFitsPhone(page, 'the posts list');
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.getByRole('checkbox', { name: 'Vælg «Masseudgivelse et»' }).check();
    await page.getByRole('checkbox', { name: 'Vælg «Masseudgivelse to»' }).check();
    await page.selectOption('#bulk-action', 'publish');
    await page.getByRole('button', { name: 'Udfør' }).click();
    await page.waitForURL(/bulk=publish/);
    assert.match(page.url(), /status=draft/);
    assert.match(await page.locator('.form-notice').innerText(), /Udgiv: 2 af 2/);
    await assertAccessible(page, 'the list after a bulk action');
    for (const post of [one, two]) assert.equal((await server.get(`/review/${post.slug}`)).status, 200);
    await page.close();
  });
});
