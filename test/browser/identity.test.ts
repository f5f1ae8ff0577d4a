/**
 * The site's identity in a real browser, on the demo site: an uploaded logo and a chosen accent
 * colour show in light and dark mode, axe finds nothing, and the phone header stays compact.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import sharp from 'sharp';
import { accentPalette, parseHex } from '../../src/settings/contrast.js';
import { DEFAULT_SETTINGS } from '../../src/settings/settings.js';
import { formValuesOf } from '../../src/admin/settings/settings-form.js';
import { loginAs } from '../support/admin.js';
import { describeViolations, launchBrowser, runAxe, type TestBrowser } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

const PHONE = { width: 390, height: 844 };
const ACCENT = '#7a1f5c';
const rgb = (hex: string) => `rgb(${parseHex(hex).join(', ')})`;

describe('site identity in a browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let postPath: string;

  before(async () => {
    server = await startTestServer('sqlite', { demo: true });
    browser = await launchBrowser();
    const admin = await loginAs(server, 'admin');
    const saved = await admin.post('/admin/settings', { ...formValuesOf(DEFAULT_SETTINGS), accentColor: ACCENT });
    assert.equal(saved.status, 303);
    const logo = await sharp({ create: { width: 480, height: 160, channels: 4, background: ACCENT } })
      .png()
      .toBuffer();
    const form = new FormData();
    form.append('logo', new Blob([new Uint8Array(logo)], { type: 'image/png' }), 'logo.png');
    const uploaded = await server.get(`/admin/settings/identity?_csrf=${encodeURIComponent(admin.csrf)}`, {
      method: 'POST',
      headers: { cookie: admin.cookie },
      body: form,
    });
    assert.equal(uploaded.status, 303);
    const front = await (await server.get('/')).text();
    postPath = /<h2 class="summary__title"><a href="([^"]+)"/.exec(front)?.[1] ?? '';
    assert.ok(postPath, 'the front page links a post');
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path: string, options: BrowserContextOptions = {}): Promise<Page> {
    const page = await browser.newPage(options);
    const response = await page.goto(`${server.url}${path}`);
    assert.equal(response?.status(), 200, `GET ${path}`);
    return page;
  }

  /** The colours links in the main column are drawn in (headlines take the text colour). */
  const linkColours = (page: Page) =>
    page.locator('main a').evaluateAll((links) => [...new Set(links.map((a) => getComputedStyle(a).color))]);

  it('colours links with the accent in light mode, and with its readable lighter companion in dark mode', async () => {
    const light = await open('/', { colorScheme: 'light' });
    const dark = await open('/', { colorScheme: 'dark' });
    try {
      assert.ok((await linkColours(light)).includes(rgb(ACCENT)), `light: ${(await linkColours(light)).join(' ')}`);
      const companion = rgb(accentPalette(ACCENT).dark.accent);
      assert.ok((await linkColours(dark)).includes(companion), `dark: ${(await linkColours(dark)).join(' ')}`);
    } finally {
      await light.close();
      await dark.close();
    }
  });

  it('shows the logo in the header at its stated size, loaded', async () => {
    const page = await open(postPath, { viewport: { width: 1280, height: 800 } });
    try {
      const logo = page.locator('header .site-logo');
      const { width, height, natural } = await logo.evaluate((img: HTMLImageElement) => ({
        width: img.getBoundingClientRect().width,
        height: img.getBoundingClientRect().height,
        natural: img.naturalWidth,
      }));
      assert.equal(natural, 240);
      assert.equal(height, 40);
      assert.equal(width, 120);
    } finally {
      await page.close();
    }
  });

  it("keeps the phone header compact: a post's headline starts in the top 40% of 390×844", async () => {
    const page = await open(postPath, { viewport: PHONE });
    try {
      const box = await page.locator('h1').boundingBox();
      assert.ok(box);
      assert.ok(box.y < 0.4 * PHONE.height, `h1 starts at ${box.y}px`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= PHONE.width, `page is ${width}px wide`);
    } finally {
      await page.close();
    }
  });

  it('asks no other host for anything, on the front page and a post, phone and desktop', async () => {
    for (const viewport of [PHONE, { width: 1280, height: 800 }]) {
      for (const path of ['/', postPath]) {
        const page = await browser.newPage({ viewport });
        const asked: string[] = [];
        page.on('request', (request) => asked.push(request.url()));
        try {
          await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
          const origin = new URL(server.url).origin;
          const elsewhere = asked.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin);
          assert.ok(asked.length >= 4, `${path}: the page loaded its assets (${asked.length} requests)`);
          assert.deepEqual(elsewhere, [], `${path} asked other hosts`);
        } finally {
          await page.close();
        }
      }
    }
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    for (const [name, path] of [
      ['the front page', () => '/'],
      ['a post', () => postPath],
    ] as const) {
      it(`axe finds nothing on ${name} with the identity in ${colorScheme} mode`, async () => {
        const page = await open(path(), { colorScheme });
        try {
          const violations = await runAxe(page);
          assert.equal(violations.length, 0, describeViolations(violations));
        } finally {
          await page.close();
        }
      });
    }
  }
});
