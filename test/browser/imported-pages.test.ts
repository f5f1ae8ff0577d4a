/**
 * Imported WordPress posts in a real browser (issue 18): axe finds nothing on the pages of the four
 * fixtures, chosen for what WordPress markup makes hard (images, galleries, tables, code, quotes,
 * lists), with the theme unit test's images imported from an old site served on 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { importWxrFile } from '../../src/import-export/importer.js';
import { postPath } from '../../src/posts/post.js';
import { describeViolations, launchBrowser, runAxe, type TestBrowser } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { fixturesDir } from '../support/wxr.js';

const DIR = fixturesDir();
const FIXTURES = {
  'themeunittestdata.wordpress.xml': 'theme-unit',
  '64-block-test-data.xml': 'block-test',
  'bitcoin-france.fr-FR.wordpress.xml': 'bitcoin',
  'everet.zh-CN.wordpress.xml': 'everet',
};
// What makes a page hard, as it shows in the stored Markdown; up to two pages of each per blog.
const FEATURES: [string, RegExp][] = [
  ['image', /!\[/],
  ['linked image', /\[!\[/],
  ['table', /\| --- \|/],
  ['code', /^(?:```|~~~)/m],
  ['quote', /^> /m],
  ['list', /^(?:- |\d+\. )/m],
  ['heading', /^#{2,6} /m],
];

describe('imported WordPress posts in a browser', { skip: DIR ? false : 'fixtures not found at ../shared/fixtures/wxr' }, () => {
  let server: TestServer;
  let browser: TestBrowser;
  /**
   * One tab for every check: a reader without cookies going from page to page, where a context each
   * would start a Chromium renderer each.
   */
  let page: Page;
  let oldSite: Server;
  let work: string;
  const chosen = new Map<string, string>();

  before(async () => {
    const jpeg = await sharp({ create: { width: 1000, height: 700, channels: 3, background: { r: 90, g: 140, b: 60 } } })
      .jpeg()
      .toBuffer();
    oldSite = createServer((request, response) => {
      if (/\.(?:jpe?g|png|gif)(?:\?|$)/.test(request.url ?? '')) response.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpeg);
      else response.writeHead(404).end();
    }).listen(0, '127.0.0.1');
    await new Promise((resolve) => oldSite.once('listening', resolve));
    const base = `http://127.0.0.1:${(oldSite.address() as AddressInfo).port}`;
    work = await mkdtemp(join(tmpdir(), 'ytring-imported-pages-'));
    // Chromium starts (or is found running) while the fixtures are imported.
    const launching = launchBrowser();
    launching.catch(() => undefined);
    server = await startTestServer('sqlite');
    for (const [file, blog] of Object.entries(FIXTURES)) {
      let text = await readFile(join(DIR!, file), 'utf8');
      // The old site, its files host included, answers on 127.0.0.1.
      if (blog === 'theme-unit')
        for (const host of ['https://wpthemetestdata.files.wordpress.com', 'https://wpthemetestdata.wordpress.com'])
          text = text.replaceAll(host, base);
      await writeFile(join(work, file), text);
      await importWxrFile(server.db, join(work, file), {
        secret: server.app.secret,
        blogSlug: blog,
        ...(blog === 'theme-unit' ? { media: { uploadsDir: server.uploadsDir } } : {}),
      });
    }
    const posts = await server.db
      .selectFrom('posts')
      .innerJoin('blogs', 'blogs.id', 'posts.blog_id')
      .select(['posts.slug', 'posts.body', 'blogs.slug as blog'])
      .where('posts.status', '=', 'published')
      .orderBy('posts.id')
      .execute();
    for (const [name, pattern] of FEATURES) {
      for (const blog of Object.values(FIXTURES)) {
        for (const post of posts.filter((p) => p.blog === blog && pattern.test(p.body)).slice(0, 2))
          if (!chosen.has(postPath(post.blog, post.slug))) chosen.set(postPath(post.blog, post.slug), `${name} (${blog})`);
      }
    }
    browser = await launching;
    page = await browser.newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    oldSite?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('finds no axe violation on imported pages with images, tables, code, quotes, lists and headings', async () => {
    assert.ok(chosen.size >= 20, `${chosen.size} pages chosen`);
    assert.ok([...chosen.values()].some((why) => why.startsWith('linked image (theme-unit)')));
    const found: string[] = [];
    for (const [path, why] of chosen) {
      const response = await page.goto(`${server.url}${path}`);
      assert.equal(response?.status(), 200, path);
      const violations = await runAxe(page);
      if (violations.length > 0) found.push(`${path} — ${why}\n${describeViolations(violations)}`);
    }
    assert.deepEqual(found, []);
  });

  it('shows the imported images from the uploads', async () => {
    const post = await server.db
      .selectFrom('posts')
      .innerJoin('blogs', 'blogs.id', 'posts.blog_id')
      .select(['posts.slug', 'blogs.slug as blog'])
      .where('blogs.slug', '=', 'theme-unit')
      .where('posts.status', '=', 'published')
      .where('posts.body', 'like', '%![%](/uploads/%')
      .orderBy('posts.id')
      .executeTakeFirstOrThrow();
    const path = postPath(post.blog, post.slug);
    await page.goto(`${server.url}${path}`);
    const images = page.locator('.post__body img');
    assert.ok((await images.count()) > 0);
    const sources = await images.evaluateAll((list) => list.map((img) => img.getAttribute('src') ?? ''));
    const uploads = sources.filter((src) => src.startsWith('/uploads/'));
    assert.ok(uploads.length > 0, `images from the uploads among ${sources.join(', ')}`);
    for (const src of uploads) {
      const image = await page.request.get(`${server.url}${src}`);
      assert.equal(image.status(), 200, src);
      assert.equal(image.headers()['content-type'], 'image/jpeg');
    }
  });
});
