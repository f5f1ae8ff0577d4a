/**
 * Featured images and the media library in a real browser (issue 13): an editor uploads a featured
 * image without JavaScript and loses nothing, is refused without alt text, sees the image on the
 * post page (WebP where the browser takes it); the library passes axe, searches, deletes an unused
 * image, and nothing scrolls sideways on a phone.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import sharp from 'sharp';
import { loginAs, type Session } from '../support/admin.js';
import { describeViolations, launchBrowser, pageWithSession, runAxe, type TestBrowser } from '../support/browser.js';
import { buildBlog } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/server.js';

const PHONE = { width: 390, height: 844 };

describe('featured images and the media library in a browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let session: Session;
  let dir: string;
  let photo: string;
  let sketch: string;

  before(async () => {
    server = await startTestServer('sqlite');
    browser = await launchBrowser();
    session = await loginAs(server, 'admin', { name: 'Ada Admin' });
    await buildBlog(server.db, { slug: 'debat', title: 'Debatten' });
    dir = mkdtempSync(join(tmpdir(), 'ytring-media-test-'));
    photo = join(dir, 'havnen.jpg');
    sketch = join(dir, 'skitse.png');
    await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#2a7' } })
      .jpeg()
      .toFile(photo);
    await sharp({ create: { width: 500, height: 400, channels: 3, background: '#a42' } })
      .png()
      .toFile(sketch);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const page = (options: BrowserContextOptions = {}): Promise<Page> => pageWithSession(browser, server.url, session.cookie, options);

  const sideways = (p: Page) =>
    p.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as Promise<number>;

  it('uploads a featured image without JavaScript keeping the text, refuses it without alt text, and shows it on the post page', async () => {
    const p = await page({ javaScriptEnabled: false });
    await p.goto(`${server.url}/admin/posts/new`);
    await p.fill('#post-title', 'Havnen i morgen');
    await p.fill('#post-body', 'Tekst skrevet før billedet, som ikke må forsvinde.');
    await p.check('#post-status-publish');
    await p.setInputFiles('#featured-file', photo);
    await p.click('button[value="featured-upload"]');
    await p.waitForLoadState();
    assert.equal(await p.inputValue('#post-body'), 'Tekst skrevet før billedet, som ikke må forsvinde.');
    assert.equal(await p.inputValue('#post-title'), 'Havnen i morgen');
    assert.match(await p.locator('.featured-field [role="status"]').innerText(), /uploadet og valgt/);
    const chosen = p.locator('input[name="featured_upload"]:checked');
    assert.match((await chosen.getAttribute('value')) ?? '', /^[0-9a-f-]{36}$/);

    // Saved without alt text: refused, with the text and the choice kept.
    await p.locator('.editor-toolbar button[value="save"]').click();
    await p.waitForLoadState();
    assert.match(await p.locator('#error-summary').innerText(), /alt-tekst: Skal udfyldes/);
    assert.equal(await p.inputValue('#post-body'), 'Tekst skrevet før billedet, som ikke må forsvinde.');
    assert.equal(await p.locator('input[name="featured_upload"]:checked').count(), 1);

    await p.fill('#featured-alt', 'Havnen i morgenlys');
    await p.fill('#featured-caption', 'Havnen set fra kajen');
    await p.fill('#featured-credit', 'Ida Foto');
    await p.locator('.editor-toolbar button[value="save"]').click();
    await p.waitForURL(/saved=1/);
    await p.close();

    const reader = await page({ viewport: PHONE });
    await reader.goto(`${server.url}/debat/havnen-i-morgen`);
    const img = reader.locator('.featured__img');
    await img.waitFor();
    await reader.waitForLoadState('load');
    const loaded = await img.evaluate((el: HTMLImageElement) => ({ w: el.naturalWidth, src: el.currentSrc }));
    assert.ok(loaded.w > 0, 'the image loads');
    assert.match(loaded.src, /\.webp$/, 'Chromium takes the WebP copy');
    assert.equal(await img.getAttribute('alt'), 'Havnen i morgenlys');
    assert.match(await reader.locator('.featured__caption').innerText(), /Havnen set fra kajen Foto: Ida Foto/);
    assert.equal(await sideways(reader), 0, 'no sideways scroll on the post page at 390 px');
    await reader.goto(`${server.url}/`);
    assert.equal(await reader.locator('.summary__img').first().getAttribute('alt'), 'Havnen i morgenlys');
    assert.equal(await sideways(reader), 0, 'no sideways scroll on the front page at 390 px');
    await reader.close();
  });

  it('picks an uploaded image in the editor with JavaScript on', async () => {
    const p = await page();
    await p.goto(`${server.url}/admin/posts/new`);
    await p.fill('#post-title', 'Et andet indlæg');
    await p.fill('#post-body', 'Brødtekst.');
    await p.check('#post-status-publish');
    await p.locator('input[name="featured_upload"]').nth(1).check();
    await p.fill('#featured-alt', 'Samme havn igen');
    await p.locator('.editor-toolbar button[value="save"]').click();
    await p.waitForURL(/saved=1/);
    assert.equal(await p.inputValue('#featured-alt'), 'Samme havn igen');
    assert.equal(await p.locator('input[name="featured_upload"]:checked').count(), 1);
    assert.notEqual(await p.locator('input[name="featured_upload"]:checked').getAttribute('value'), '');
    await assertAccessibleAt(p, 'the editor with a featured image');
    await p.close();
  });

  it('compares and restores the featured image of an earlier revision, at 390 px', async () => {
    const post = await server.db.selectFrom('posts').select('id').where('title', '=', 'Et andet indlæg').executeTakeFirstOrThrow();
    const p = await page({ viewport: PHONE });
    await p.goto(`${server.url}/admin/posts/${post.id}/edit`);
    const before = await p.locator('input[name="featured_upload"]:checked').getAttribute('value');
    await p.check('#featured-upload');
    await p.locator('.editor-toolbar button[value="save"]').click();
    await p.waitForURL(/saved=1/);
    assert.equal(await p.locator('input[name="featured_upload"]:checked').getAttribute('value'), '');
    await p.goto(`${server.url}/admin/posts/${post.id}/revisions`);
    // Newest first: the second row is the save that still had the image.
    await p.locator('.admin-table tbody tr').nth(1).locator('a').click();
    await p.locator('#diff-featured').waitFor();
    assert.match(await p.locator('.revision-featured del figcaption').innerText(), /^Ældre: (?!Intet udvalgt billede)\S/);
    assert.match(await p.locator('.revision-featured ins figcaption').innerText(), /Nyere: Intet udvalgt billede/);
    await assertAccessibleAt(p, 'the revision comparison with featured images');
    assert.equal(await sideways(p), 0, 'no sideways scroll on the comparison at 390 px');
    await p.getByRole('button', { name: 'Gendan denne version' }).click();
    await p.waitForURL(/restored=1/);
    assert.equal(await p.locator('input[name="featured_upload"]:checked').getAttribute('value'), before);
    assert.equal(await p.inputValue('#featured-alt'), 'Samme havn igen');
    await p.close();
  });

  async function assertAccessibleAt(p: Page, what: string): Promise<void> {
    const violations = await runAxe(p);
    assert.equal(violations.length, 0, `${what}:\n${describeViolations(violations)}`);
  }

  it('the media library passes axe, uploads, searches, deletes an unused image and fits a phone', async () => {
    const p = await page();
    await p.goto(`${server.url}/admin/media`);
    await assertAccessibleAt(p, '/admin/media');
    await p.fill('#media-alt', 'Skitse af rådhuset');
    await p.setInputFiles('#media-file', sketch);
    await p.locator('.upload button[type="submit"]').click();
    await p.waitForURL(/uploaded=1/);
    assert.equal(await p.locator('.media-item').count(), 2);
    assert.match(await p.locator('.media-grid').innerText(), /Udvalgt billede i “Havnen i morgen”/);

    await p.fill('#media-q', 'rådhus');
    await p.locator('.media-search button').click();
    await p.waitForURL(/q=/);
    assert.equal(await p.locator('.media-item').count(), 1);
    assert.match(await p.locator('#media-count').innerText(), /1 billede/);
    await assertAccessibleAt(p, '/admin/media?q=');

    await p.locator('.media-item__delete button').click();
    await p.waitForURL(/deleted=1/);
    assert.match(await p.locator('[role="status"]').innerText(), /Billedet er slettet/);
    assert.equal(await p.locator('.media-item').count(), 1);
    assert.equal(await p.locator('.media-item__delete').count(), 0, 'the used image offers no delete button');
    await p.close();

    const phone = await page({ viewport: PHONE });
    for (const path of ['/admin/media', '/admin/posts/new']) {
      await phone.goto(`${server.url}${path}`);
      assert.equal(await sideways(phone), 0, `no sideways scroll on ${path} at 390 px`);
    }
    await phone.close();
  });
});
