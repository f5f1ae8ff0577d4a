/**
 * The public theme in a real browser, against the demo site: the compact phone header and its
 * menu with and without JavaScript, dark mode and its remembered choice, and the print style.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page, Route } from 'playwright-core';
import { contextWithSession, describeViolations, launchBrowser, runAxe, type TestBrowser } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { loginAs } from '../support/admin.js';
import { buildPost } from '../support/factories.js';
import { setFeaturedImage } from '../../src/uploads/media.service.js';
import { makeAvifCopies } from '../../src/uploads/avif-copies.js';
import { storeUpload } from '../../src/uploads/upload.service.js';
import sharp from 'sharp';

const PHONE = { width: 390, height: 844 };
/** Playwright's own default window, which a fresh context would have had. */
const WIDE = { width: 1280, height: 720 };
/** With YTRING_SCREENSHOTS=<folder>, screenshots of what the tests look at, for a person to check by eye. */
async function screenshot(page: Page, name: string): Promise<void> {
  const folder = process.env.YTRING_SCREENSHOTS;
  if (folder) await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
}

/** Relative luminance of the page's background colour, 0 (black) to 1 (white). */
function backgroundLuminance(page: Page): Promise<number> {
  return page.evaluate(() => {
    const colour = getComputedStyle(document.body).backgroundColor;
    const [r, g, b] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map((part) => {
      const value = Number(part) / 255;
      return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
    });
    if (r === undefined || g === undefined || b === undefined) throw new Error(`unreadable background colour ${colour}`);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  });
}

describe('the public theme in a browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  /** A post with comments, as the front page links to it. */
  let postPath: string;

  before(async () => {
    // Chromium starts (or is found running) while the demo site is made.
    const launching = launchBrowser();
    launching.catch(() => undefined);
    server = await startTestServer('sqlite', { demo: true });
    browser = await launching;
    const page = await tab(true);
    await page.goto(`${server.url}/`);
    const hrefs = await page.locator('main .summary__title a').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    for (const href of hrefs) {
      await page.goto(`${server.url}${href}`);
      if ((await page.locator('.comments .comment').count()) > 0) {
        postPath = href;
        break;
      }
    }
    assert.ok(postPath, 'the demo site has a post with comments');
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A post of the demo's first blog whose body shows an upload of ours near its top, made once. */
  let illustratedPath: string | undefined;
  async function illustratedPost(): Promise<string> {
    if (illustratedPath) return illustratedPath;
    const data = await sharp({ create: { width: 1600, height: 1000, channels: 3, background: '#d9a441' } })
      .jpeg()
      .toBuffer();
    const upload = await storeUpload(server.db, server.uploadsDir, { data, alt: 'Et gult felt' }, null);
    const blog = await server.db.selectFrom('blogs').select(['id', 'slug']).orderBy('slug').executeTakeFirstOrThrow();
    const person = await server.db.selectFrom('people').select('id').executeTakeFirstOrThrow();
    const post = await buildPost(server.db, {
      blogId: blog.id,
      authors: [{ personId: person.id }],
      body: `Et kort afsnit før billedet.\n\n${upload.markdown}\n\nOg et afsnit efter, som ikke må hoppe ned.`,
    });
    return (illustratedPath = `/${blog.slug}/${post.slug}`);
  }

  // Each context is a Chromium renderer of its own and costs about a second to open, so the checks
  // that need no storage or cookies of their own share one tab per JavaScript setting and go from
  // page to page in it, as a reader does; window size and colour scheme are set before each visit.
  // A check that stores a theme choice or logs in keeps a context of its own.
  const tabs = new Map<boolean, Page>();
  async function tab(javaScriptEnabled: boolean): Promise<Page> {
    let page = tabs.get(javaScriptEnabled);
    if (!page || page.isClosed()) {
      page = await (await browser.newContext({ javaScriptEnabled })).newPage();
      tabs.set(javaScriptEnabled, page);
    }
    return page;
  }

  interface Visit {
    viewport?: { width: number; height: number };
    colorScheme?: 'light' | 'dark';
    javaScriptEnabled?: boolean;
  }

  /** The shared tab for `javaScriptEnabled`, on `path`, seen in `viewport` and `colorScheme` (a fresh context's defaults). */
  async function open(path: string, { viewport = WIDE, colorScheme = 'light', javaScriptEnabled = true }: Visit = {}): Promise<Page> {
    const page = await tab(javaScriptEnabled);
    await page.setViewportSize(viewport);
    await page.emulateMedia({ media: null, colorScheme });
    const response = await page.goto(`${server.url}${path}`);
    assert.equal(response?.status(), 200, `GET ${path}`);
    return page;
  }

  describe('phone header', () => {
    it("lets a post's headline start in the top 40% of a 390×844 screen", async () => {
      const page = await open(postPath, { viewport: PHONE });
      // The tab was on this page before: a kept scroll position would lift the headline.
      assert.equal(await page.evaluate(() => window.scrollY), 0, 'the page is seen from its top');
      const box = await page.locator('h1').boundingBox();
      assert.ok(box, 'the post has a visible h1');
      assert.ok(box.y < 0.4 * PHONE.height, `h1 starts at ${box.y}px, limit ${0.4 * PHONE.height}px`);
    });

    it('shows the site description on the front page only', async () => {
      const front = await open('/', { viewport: PHONE });
      assert.equal(await front.locator('.site-description').isVisible(), true, 'on the front page');
      const post = await open(postPath, { viewport: PHONE });
      assert.equal(await post.locator('.site-description').count(), 0, 'not on a post');
    });

    for (const javaScriptEnabled of [true, false]) {
      it(`opens the menu and reaches its links by keyboard alone ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, async () => {
        const page = await open(postPath, { viewport: PHONE, javaScriptEnabled });
        const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
        const archive = nav.getByRole('link', { name: 'Arkiv' });
        assert.equal(await archive.isVisible(), false, 'the menu starts closed on a phone');

        // Tab from the top of the page to the menu button, open it with Enter, then Tab to the archive link.
        let reached = '';
        for (let presses = 0; presses < 10 && reached !== 'menu'; presses++) {
          await page.keyboard.press('Tab');
          reached = await page.evaluate(() => (document.activeElement?.closest('.menu > summary') ? 'menu' : ''));
        }
        assert.equal(reached, 'menu', 'the menu button is reachable with Tab');
        await page.keyboard.press('Enter');
        assert.equal(await archive.isVisible(), true, 'Enter opens the menu');

        let onArchive = false;
        for (let presses = 0; presses < 15 && !onArchive; presses++) {
          await page.keyboard.press('Tab');
          onArchive = await page.evaluate(() => document.activeElement?.getAttribute('href') === '/archive');
        }
        assert.ok(onArchive, 'Tab reaches the archive link in the open menu');
        await page.keyboard.press('Enter');
        await page.waitForURL(`${server.url}/archive`);
      });
    }

    it('closes the open menu with Escape and gives focus back to its button (with JavaScript)', async () => {
      const page = await open(postPath, { viewport: PHONE });
      const archive = page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Arkiv' });
      await page.locator('.menu > summary').click();
      await archive.focus();
      await page.keyboard.press('Escape');
      assert.equal(await archive.isVisible(), false, 'Escape closes the menu');
      assert.equal(
        await page.evaluate(() => document.activeElement?.matches('.menu > summary') ?? false),
        true,
        'focus is on the menu button',
      );
    });

    it("shows the menu's links without a button on a wide screen", async () => {
      const page = await open(postPath, { viewport: { width: 1280, height: 800 }, javaScriptEnabled: false });
      assert.equal(await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Arkiv' }).isVisible(), true);
      assert.equal(await page.locator('.menu > summary').isVisible(), false);
    });
  });
  describe('dark mode', () => {
    it("follows the system's dark setting, also without JavaScript", async () => {
      for (const javaScriptEnabled of [true, false]) {
        const dark = await open(postPath, { colorScheme: 'dark', javaScriptEnabled });
        assert.ok(
          (await backgroundLuminance(dark)) < 0.05,
          `dark background with the system in dark mode (JavaScript ${javaScriptEnabled})`,
        );
        const light = await open(postPath, { colorScheme: 'light', javaScriptEnabled });
        assert.ok(
          (await backgroundLuminance(light)) > 0.9,
          `light background with the system in light mode (JavaScript ${javaScriptEnabled})`,
        );
      }
    });

    it("remembers the reader's choice across a reload, before the first paint, and can go back to the system's setting", async () => {
      // A context of its own: the choice is kept in its storage, which the shared tabs must not see.
      const context = await browser.newContext({ colorScheme: 'light', viewport: { width: 1280, height: 800 } });
      try {
        const page = await context.newPage();
        await page.goto(`${server.url}${postPath}`);
        const toggle = page.locator('.theme-toggle');
        assert.equal(await toggle.isVisible(), true, 'the theme button shows with JavaScript');
        assert.equal(await toggle.getAttribute('data-theme'), 'auto');
        await toggle.click();
        assert.equal(await toggle.getAttribute('data-theme'), 'dark');
        assert.ok((await backgroundLuminance(page)) < 0.05, 'dark right after the click');

        // The colour theme is in place before the page's deferred script runs: see it while that script is held back.
        let release: () => void = () => undefined;
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        await page.route(/\/static\/ytring\.[^/]+\.js$/, async (route) => {
          await held;
          await route.continue();
        });
        await page.reload({ waitUntil: 'commit' });
        await page.waitForSelector('main');
        assert.ok((await backgroundLuminance(page)) < 0.05, 'dark before ytring.js has run');
        release();
        await page.waitForLoadState('load');
        assert.equal(await page.locator('.theme-toggle').getAttribute('data-theme'), 'dark');

        await page.locator('.theme-toggle').click();
        assert.equal(await page.locator('.theme-toggle').getAttribute('data-theme'), 'light');
        await page.emulateMedia({ colorScheme: 'dark' });
        assert.ok((await backgroundLuminance(page)) > 0.9, 'a chosen light theme wins over a dark system');
        await page.locator('.theme-toggle').click();
        assert.equal(await page.locator('.theme-toggle').getAttribute('data-theme'), 'auto');
        await page.reload();
        assert.ok((await backgroundLuminance(page)) < 0.05, 'back on automatic, the dark system setting rules again');
      } finally {
        await context.close();
      }
    });

    it('has no theme button without JavaScript, where it could do nothing', async () => {
      const page = await open(postPath, { javaScriptEnabled: false });
      assert.equal(await page.locator('.theme-toggle').isVisible(), false);
    });

    for (const colorScheme of ['light', 'dark'] as const) {
      const pages = [
        ['the front page', () => '/'],
        ['a post with comments', () => postPath],
        ["the post's blog", () => `/${postPath.split('/')[1]}`],
        ['search results', () => '/search?q=partnerskab'],
      ] as const;
      for (const [name, path] of pages) {
        it(`axe finds nothing on ${name} in ${colorScheme} mode`, async () => {
          const page = await open(path(), { colorScheme });
          const violations = await runAxe(page);
          assert.equal(violations.length, 0, `axe violations on ${path()} (${colorScheme}):\n${describeViolations(violations)}`);
        });
      }
    }
  });
  describe('print', () => {
    it('prints the post and its debate black on white, without menu, forms or buttons, even in dark mode', async () => {
      const page = await open(postPath, { colorScheme: 'dark' });
      await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
      assert.equal(await page.locator('.site-header nav').isVisible(), false, 'the header menu is not printed');
      assert.equal(await page.locator('.site-search').isVisible(), false, 'the search form is not printed');
      assert.equal(await page.locator('.menu > summary').isVisible(), false, 'the menu button is not printed');
      assert.equal(await page.locator('#respond').isVisible(), false, 'the comment form is not printed');
      assert.equal(await page.locator('main button:visible, .site-header button:visible').count(), 0, 'no button is printed');
      assert.equal(await page.locator('article h1').isVisible(), true, 'the post is printed');
      assert.equal(await page.locator('.comments .comment').first().isVisible(), true, 'the comments are printed');
      assert.ok((await backgroundLuminance(page)) > 0.9, 'white paper');
      const ink = await page
        .locator('article p')
        .first()
        .evaluate((element) => getComputedStyle(element).color);
      assert.equal(ink, 'rgb(0, 0, 0)', 'black text');
    });

    it("prints an external link's address after it, and no address for the site's own links", async () => {
      const page = await open(postPath);
      await page.evaluate(() => {
        const paragraph = document.createElement('p');
        paragraph.innerHTML = '<a id="out" href="https://example.org/report">a report</a> and <a id="in" href="/archive">the archive</a>';
        document.querySelector('.post__body')?.append(paragraph);
        const comment = document.querySelector('.comment__body');
        const link = document.createElement('a');
        link.id = 'out-comment';
        link.href = 'https://example.net/source';
        link.textContent = 'a source';
        comment?.append(link);
      });
      await page.emulateMedia({ media: 'print' });
      const after = (selector: string) => page.locator(selector).evaluate((element) => getComputedStyle(element, '::after').content);
      assert.match(await after('#out'), /https:\/\/example\.org\/report/);
      assert.match(await after('#out-comment'), /https:\/\/example\.net\/source/);
      assert.ok(!/archive/.test(await after('#in')), 'no address after an internal link');
    });
  });
  describe('images', () => {
    // The lists the other tests look at stay as the demo made them.
    after(async () => {
      if (illustratedPath)
        await server.db
          .updateTable('posts')
          .set({ deleted_at: new Date().toISOString() })
          .where('slug', '=', illustratedPath.split('/')[2]!)
          .execute();
    });

    for (const viewport of [PHONE, { width: 1280, height: 900 }]) {
      it(`keeps an uploaded body image's place while it loads, so nothing shifts (${viewport.width} px)`, async () => {
        const path = await illustratedPost();
        const page = await tab(true);
        // A slow image is what makes a page without sizes jump: hold the body image's files back a while.
        // (Playwright bypasses the cache while a route is set; `held` shows the image did come slowly.)
        const held: string[] = [];
        const hold = async (route: Route) => {
          held.push(route.request().url());
          await new Promise((resolve) => setTimeout(resolve, 600));
          await route.continue();
        };
        await page.route(/\/uploads\//, hold);
        try {
          await open(path, { viewport });
          await page
            .locator('.post__body img')
            .evaluate((img: HTMLImageElement) =>
              img.complete ? undefined : new Promise((resolve) => img.addEventListener('load', resolve, { once: true })),
            );
          const shift = await page.evaluate(
            () =>
              new Promise<number>((resolve) => {
                let total = 0;
                new PerformanceObserver((list) => {
                  for (const entry of list.getEntries()) total += (entry as PerformanceEntry & { value: number }).value;
                }).observe({ type: 'layout-shift', buffered: true });
                setTimeout(() => resolve(total), 300);
              }),
          );
          const shown = await page.locator('.post__body img').evaluate((img: HTMLImageElement) => img.currentSrc);
          assert.ok(held.includes(shown), `the body image ${shown} was held back on its way (held: ${held.join(', ')})`);
          assert.equal(shift, 0, `cumulative layout shift ${shift}`);
          await screenshot(page, `body-image-${viewport.width}`);
        } finally {
          await page.unroute(/\/uploads\//, hold);
        }
      });
    }

    it('loads the AVIF copy once the background job has made it', async () => {
      const path = await illustratedPost();
      while ((await makeAvifCopies(server.db, server.uploadsDir, { maxUploads: 10 })).length > 0);
      const page = await open(path, { viewport: PHONE, colorScheme: 'dark' });
      const src = await page
        .locator('.post__body img')
        .evaluate((img: HTMLImageElement) =>
          img.complete ? img.currentSrc : new Promise<string>((resolve) => img.addEventListener('load', () => resolve(img.currentSrc))),
        );
      assert.match(src, /\.avif$/);
      await screenshot(page, 'body-image-avif-390-dark');
    });

    it('dims illustrations slightly in dark mode, by the system setting or the chosen theme, and leaves them be in light mode', async () => {
      const path = await illustratedPost();
      const filterOf = (page: Page, selector: string) =>
        page
          .locator(selector)
          .first()
          .evaluate((el) => getComputedStyle(el).filter);
      const light = await open(path, { colorScheme: 'light' });
      assert.equal(await filterOf(light, '.post__body img'), 'none');
      await screenshot(light, 'body-image-light');
      const dark = await open(path, { colorScheme: 'dark' });
      const dimmed = await filterOf(dark, '.post__body img');
      assert.notEqual(dimmed, 'none');
      assert.equal(await filterOf(dark, '.site-header img, .avatar'), 'none', 'logos and portraits keep their colours');
      await screenshot(dark, 'body-image-dark');
      const darkList = await open('/', { colorScheme: 'dark' });
      assert.notEqual(await filterOf(darkList, '.summary__img'), 'none', 'list pictures too');
      await screenshot(darkList, 'front-dark');
      // A context of its own: the chosen theme is kept in its storage, which the shared tabs must not see.
      const chosen = await browser.newPage({ colorScheme: 'light' });
      try {
        assert.equal((await chosen.goto(`${server.url}${path}`))?.status(), 200, `GET ${path}`);
        await chosen.locator('.theme-toggle').click();
        assert.equal(await chosen.locator('.theme-toggle').getAttribute('data-theme'), 'dark');
        assert.equal(await filterOf(chosen, '.post__body img'), dimmed);
      } finally {
        await chosen.close();
      }
    });
  });

  describe("a revision comparison's featured image", () => {
    /** A draft saved with one image through the editor and then given another: the address of its comparison. */
    async function comparisonWithTwoImages(): Promise<{ path: string; cookie: string }> {
      const admin = await loginAs(server, 'admin', { name: 'Billed Redaktør' });
      const photo = async (width: number, height: number, background: string, alt: string) =>
        storeUpload(
          server.db,
          server.uploadsDir,
          {
            data: await sharp({ create: { width, height, channels: 3, background } })
              .jpeg()
              .toBuffer(),
            alt,
          },
          null,
        );
      const [older, newer] = [await photo(1200, 800, '#2a6', 'Grøn mark'), await photo(800, 1000, '#153', 'Mørk skov')];
      const blog = await server.db.selectFrom('blogs').select('id').orderBy('slug').executeTakeFirstOrThrow();
      const post = await buildPost(server.db, {
        blogId: blog.id,
        title: 'Med to billeder',
        status: 'draft',
        publishedAt: null,
        authors: [{ personId: admin.personId }],
      });
      const saved = await admin.post(`/admin/posts/${post.id}`, {
        blogId: blog.id,
        title: 'Med to billeder',
        slug: post.slug,
        lead: '',
        body: 'Tekst.',
        tags: '',
        commentsOpen: '1',
        status_action: 'draft',
        publish_at: '',
        author_person: [admin.personId],
        author_note: [''],
        author_order: ['1'],
        featured_upload: older.id,
        featured_alt: 'Marken',
        featured_caption: '',
        featured_credit: '',
        op: 'save',
      });
      assert.equal(saved.status, 303);
      await setFeaturedImage(server.db, post.id, { uploadId: newer.id, alt: 'Skoven' });
      const revision = await server.db
        .selectFrom('post_revisions')
        .select('id')
        .where('post_id', '=', post.id)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      return { path: `/admin/posts/${post.id}/revisions/${revision.id}`, cookie: admin.cookie };
    }

    it('shows the older and the newer image side by side on a wide screen and stacked on a phone, coloured as removed and added', async () => {
      const { path, cookie } = await comparisonWithTwoImages();
      // A context of its own: it carries the administrator's session.
      const context = await contextWithSession(browser, server.url, cookie, { viewport: { width: 1280, height: 900 } });
      try {
        const page = await context.newPage();
        await page.goto(`${server.url}${path}`);
        const sides = page.locator('.revision-featured > del, .revision-featured > ins');
        assert.equal(await sides.count(), 2);
        const boxes = async () => Promise.all([sides.nth(0).boundingBox(), sides.nth(1).boundingBox()]);
        let [older, newer] = await boxes();
        assert.ok(older && newer);
        assert.ok(newer.x >= older.x + older.width, 'the newer image is right of the older one');
        assert.ok(Math.abs(newer.y - older.y) < 1, 'side by side');
        const backgrounds = await sides.evaluateAll((els) => els.map((el) => getComputedStyle(el).backgroundColor));
        const lineColours = await page
          .locator('.diff del, .diff ins')
          .evaluateAll((els) => [...new Set(els.map((el) => `${el.tagName}:${getComputedStyle(el).backgroundColor}`))]);
        assert.ok(
          lineColours.includes(`DEL:${backgrounds[0]}`) && lineColours.includes(`INS:${backgrounds[1]}`),
          "the text diff's colours",
        );
        assert.match((await sides.nth(0).textContent()) ?? '', /Ældre:/);
        assert.match((await sides.nth(1).textContent()) ?? '', /Nyere:/);
        await screenshot(page, 'revision-featured-desktop');

        await page.setViewportSize(PHONE);
        [older, newer] = await boxes();
        assert.ok(older && newer);
        assert.ok(newer.y >= older.y + older.height, 'the newer image is below the older one on a phone');
        assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= PHONE.width, 'nothing wider than the phone');
        await screenshot(page, 'revision-featured-phone');
      } finally {
        await context.close();
      }
    });
  });

  describe('lists and footer', () => {
    it("sets a list entry's thumbnail beside its headline on a phone, and its byline and lead at full width below", async () => {
      const page = await open(`/${postPath.split('/')[1]}`, { viewport: PHONE });
      const entry = page.locator('main .summary--thumb').first();
      const [box, title, image, lead] = await Promise.all(
        [entry, entry.locator('.summary__title'), entry.locator('.summary__image'), entry.locator('.summary__lead')].map((l) =>
          l.boundingBox(),
        ),
      );
      assert.ok(box && title && image && lead, 'the entry has a headline, a thumbnail and a lead');
      assert.ok(image.x > title.x + title.width - 1, 'the thumbnail is beside the headline');
      assert.ok(lead.y >= image.y + image.height - 1, 'the lead starts below the thumbnail');
      assert.ok(lead.width >= box.width - 1, `the lead is ${lead.width}px wide in a ${box.width}px entry`);
    });

    it('closes a short page with the footer at the bottom of the window, linking every blog', async () => {
      const page = await open('/archive', { viewport: { width: 1280, height: 1200 } });
      const footer = await page.locator('.site-footer').boundingBox();
      assert.ok(footer, 'the page has a footer');
      assert.ok(Math.abs(footer.y + footer.height - 1200) <= 1, `the footer ends at ${footer.y + footer.height}px of 1200px`);
      const blogLinks = (selector: string) =>
        page.locator(selector).evaluateAll((links) => links.map((link) => link.getAttribute('href')).filter((href) => href !== '/archive'));
      const inMenu = await blogLinks('.site-header nav a');
      assert.ok(inMenu.length > 0);
      for (const href of inMenu) assert.ok((await blogLinks('.site-footer nav a')).includes(href), `the footer links ${href}`);
    });
  });
  describe('front page', () => {
    it('sets the newest post as the lead story, larger than the rest, on the first page only', async () => {
      const page = await open('/');
      const sizes = await page
        .locator('main .summary__title')
        .evaluateAll((titles) => titles.map((title) => parseFloat(getComputedStyle(title).fontSize)));
      assert.ok(sizes.length > 2, 'the front page lists several posts');
      assert.ok(sizes[0]! >= 1.3 * sizes[1]!, `lead headline ${sizes[0]}px against ${sizes[1]}px`);
      const pages = await page.locator('.pagination a[href*="page=2"]').count();
      if (pages > 0) {
        await page.goto(`${server.url}/?page=2`);
        const second = await page
          .locator('main .summary__title')
          .evaluateAll((titles) => titles.map((title) => parseFloat(getComputedStyle(title).fontSize)));
        assert.equal(second[0], second[1], 'no lead story on page 2');
      }
    });
  });
});
