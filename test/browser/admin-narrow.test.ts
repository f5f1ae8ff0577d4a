/**
 * The admin on a phone: every admin page at 390×844 as an administrator with demo content fits
 * the screen (nothing scrolls sideways but a table inside its own container) and stays clean
 * under axe; the post editor is two columns from 1024 px and one below.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { createAccount } from '../../src/accounts/account.service.js';
import { describeViolations, launchBrowser, runAxe, type TestBrowser } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

const PHONE = { width: 390, height: 844 };

const FIXED_PAGES = [
  '/admin',
  '/admin/posts',
  '/admin/posts/new',
  '/admin/comments',
  '/admin/comments/blocklist',
  '/admin/people',
  '/admin/people/new',
  '/admin/blogs',
  '/admin/blogs/new',
  '/admin/settings',
  '/admin/audit',
  '/admin/export',
];

/**
 * What sticks out past the right edge of the screen: the page's own width, and every element whose
 * box ends beyond it, unless a container that scrolls or clips it sideways keeps it on screen.
 */
// Kept as text: tsx would wrap named functions in a helper the page does not have.
const OVERFLOW_SCRIPT = `(() => {
  const width = document.documentElement.clientWidth;
  const offenders = [];
  for (const el of document.body.querySelectorAll('*')) {
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.right <= width + 0.5) continue;
    let contained = false;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= width + 0.5) { contained = true; break; }
    }
    if (contained) continue;
    const cls = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    offenders.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + cls + ' (right edge ' + Math.round(rect.right) + ')');
  }
  return { scrollWidth: document.documentElement.scrollWidth, offenders: offenders.slice(0, 6) };
})()`;

/**
 * What sticks out past the right edge of the screen: the page's own width, and every element whose
 * box ends beyond it, unless a container that scrolls or clips it sideways keeps it on screen.
 */
function overflowOf(page: Page): Promise<{ scrollWidth: number; offenders: string[] }> {
  return page.evaluate(OVERFLOW_SCRIPT) as Promise<{ scrollWidth: number; offenders: string[] }>;
}

describe('admin pages on a phone', () => {
  let server: TestServer;
  let browser: TestBrowser;
  before(async () => {
    // Chromium starts (or is found running) while the demo site is made.
    const launching = launchBrowser();
    launching.catch(() => undefined);
    server = await startTestServer('sqlite', { demo: true });
    await createAccount(server.db, { name: 'Ada Admin', email: 'ada@site.example', password: 'et-langt-kodeord', role: 'admin' });
    browser = await launching;
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  // Every check is the same administrator's: one tab logs in through the form once and goes from
  // page to page, resized for each check, where a context each would start a Chromium renderer and
  // log in again each time.
  let tab: Page | undefined;
  async function logIn(viewport: { width: number; height: number }): Promise<Page> {
    if (!tab || tab.isClosed()) {
      tab = await browser.newPage({ viewport });
      await tab.goto(`${server.url}/admin/login`);
      await tab.fill('#login-email', 'ada@site.example');
      await tab.fill('#login-password', 'et-langt-kodeord');
      await tab.press('#login-password', 'Enter');
      await tab.waitForURL((url) => url.pathname === '/admin');
    }
    await tab.setViewportSize(viewport);
    return tab;
  }

  /** The first link on `path` whose address matches, as a path. */
  async function firstLink(page: Page, path: string, pattern: RegExp): Promise<string> {
    await page.goto(`${server.url}${path}`);
    const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    const found = hrefs.find((href) => pattern.test(href));
    assert.ok(found, `a link matching ${pattern} on ${path}`);
    return found;
  }

  it('no admin page is wider than a 390 px screen, and axe finds nothing', async () => {
    const page = await logIn(PHONE);
    const edit = await firstLink(page, '/admin/posts', /^\/admin\/posts\/[0-9a-f-]{36}\/edit$/);
    const postBase = edit.replace(/\/edit$/, '');
    const people = await firstLink(page, '/admin/people', /^\/admin\/people\/[0-9a-f-]{36}$/);
    const blog = await firstLink(page, '/admin/blogs', /^\/admin\/blogs\/[0-9a-f-]{36}$/);
    const commentEdit = await firstLink(page, '/admin/comments?status=approved', /^\/admin\/comments\/[0-9a-f-]{36}\/edit/);
    // A save gives the post a revision, so the revisions page has a row and a difference to show.
    await page.goto(`${server.url}${edit}`);
    await page.fill('#post-title', `${await page.inputValue('#post-title')} (rettet)`);
    await page.locator('.editor-toolbar button[value="save"]').click();
    await page.waitForURL(/saved=1/);
    const revision = await firstLink(page, `${postBase}/revisions`, /\/revisions\/[0-9a-f-]{36}$/);
    const pages = [...FIXED_PAGES, edit, `${postBase}/revisions`, revision, `${postBase}/delete`, people, blog, commentEdit];

    const found: string[] = [];
    for (const path of pages) {
      const response = await page.goto(`${server.url}${path}`);
      assert.equal(response?.status(), 200, path);
      const { scrollWidth, offenders } = await overflowOf(page);
      if (scrollWidth > PHONE.width || offenders.length) found.push(`${path}: scrollWidth ${scrollWidth}; ${offenders.join(', ')}`);
      const violations = await runAxe(page);
      if (violations.length) found.push(`${path}: ${describeViolations(violations)}`);
    }
    assert.deepEqual(found, []);
  });

  it('a wide table scrolls inside its own container, which the keyboard can reach', async () => {
    const page = await logIn(PHONE);
    await page.goto(`${server.url}/admin/audit`);
    const scroller = page.locator('.table-scroll').first();
    assert.equal(await scroller.getAttribute('tabindex'), '0');
    assert.ok(
      (await scroller.getAttribute('aria-labelledby')) ?? (await scroller.getAttribute('aria-label')),
      'the scrolling region has a name',
    );
  });

  it('moving back through the editor by keyboard never leaves the focused control under the sticky toolbar', async () => {
    for (const viewport of [{ width: 320, height: 700 }, PHONE, { width: 1280, height: 800 }]) {
      const page = await logIn(viewport);
      await page.goto(`${server.url}/admin/posts/new`);
      await page.locator('.format-bar').waitFor({ state: 'visible' });
      // The text's top just below the toolbar, so the buttons above it are scrolled under the toolbar.
      await page.focus('#post-body');
      await page.evaluate(() => {
        const toolbar = document.querySelector('.editor-toolbar')!.getBoundingClientRect();
        window.scrollBy(0, document.querySelector('#post-body')!.getBoundingClientRect().top - toolbar.bottom - 4);
      });
      const hidden: string[] = [];
      for (let step = 0; step < 8; step++) {
        await page.keyboard.press('Shift+Tab');
        const overlap = await page.evaluate(() => {
          const focused = document.activeElement!;
          if (focused.closest('.editor-toolbar') || !focused.closest('.editor-main')) return '';
          const box = focused.getBoundingClientRect();
          const bar = document.querySelector('.editor-toolbar')!.getBoundingClientRect();
          return box.top < bar.bottom ? `${focused.id || focused.getAttribute('data-format')}: top ${box.top} under ${bar.bottom}` : '';
        });
        if (overlap) hidden.push(`${viewport.width} px, ${overlap}`);
      }
      assert.deepEqual(hidden, []);
    }
  });

  it('the editor has a sidebar beside the text from 1024 px and one column on a phone', async () => {
    for (const [viewport, beside] of [
      [{ width: 1024, height: 900 }, true],
      [PHONE, false],
    ] as const) {
      const page = await logIn(viewport);
      await page.goto(`${server.url}/admin/posts/new`);
      const main = await page.locator('.editor-main').boundingBox();
      const side = await page.locator('.editor-side').boundingBox();
      assert.ok(main && side);
      if (beside) {
        assert.ok(side.x >= main.x + main.width, `sidebar right of the text at ${viewport.width} px`);
        assert.ok(side.y < main.y + 50, 'sidebar starts at the top');
      } else {
        assert.ok(side.y >= main.y + main.height, `sidebar below the text at ${viewport.width} px`);
      }
      // A select as wide as its longest choice would push past its column.
      const selects = await page.locator('.editor-side select').evaluateAll((list) =>
        list.map((s) => {
          const box = s.getBoundingClientRect();
          const column = s.closest('.editor-side')!.getBoundingClientRect();
          return box.right <= column.right + 0.5 ? '' : `${s.id} ends at ${box.right}, column at ${column.right}`;
        }),
      );
      assert.deepEqual(selects.filter(Boolean), []);
    }
  });
});
