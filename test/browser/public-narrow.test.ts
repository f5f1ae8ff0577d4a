/**
 * Public pages on a 390 px phone never scroll sideways, whatever people type: a word of 178
 * letters in a title, a comment and a commenter's name, a long address, a wide table and a long
 * line of code. What is wider than the screen scrolls inside its own box, reachable by keyboard.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { postComment } from '../support/comments.js';
import { buildBlog, buildPost } from '../support/factories.js';
import { updateSiteSettings } from '../../src/settings/settings.service.js';
import { startTestServer, type TestServer } from '../support/server.js';

const PHONE = { width: 390, height: 844 };
// As long as the fields allow (titles 200 characters, tags 60, names 80).
const WORD = `Langtord${'x'.repeat(170)}`;
const ADDRESS = `https://eksempel.example/${'sti/'.repeat(40)}side`;

describe('public pages on a phone', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let postPath: string;
  let blogPath: string;

  before(async () => {
    server = await startTestServer('sqlite');
    const blog = await buildBlog(server.db, { slug: 'smal', title: `Smal ${WORD.slice(0, 110)}` });
    const table = `| ${Array.from({ length: 14 }, (_, i) => `Kolonne ${i}`).join(' | ')} |\n|${' --- |'.repeat(14)}\n| ${Array.from({ length: 14 }, (_, i) => `værdi ${i}`).join(' | ')} |`;
    const post = await buildPost(server.db, {
      blogId: blog.id,
      slug: 'smalt-indlaeg',
      title: `Overskrift med ${WORD}`,
      lead: `Indledning med ${WORD}`,
      body: `## ${WORD}\n\nTekst med ${WORD} og et link: ${ADDRESS}\n\n${table}\n\n\`\`\`\n${'kode '.repeat(80)}\n\`\`\`\n`,
      tags: [`emne${'y'.repeat(55)}`],
    });
    blogPath = `/${blog.slug}`;
    postPath = `${blogPath}/${post.slug}`;
    // A site title long enough to fill a phone's header bar beside the menu button.
    await updateSiteSettings(server.db, { minSecondsToSubmit: 0, title: 'Forvaltningsforbundets debatblogs' });
    const answer = await postComment(server, postPath, { name: `Navn${'z'.repeat(75)}`, body: `Kommentar med ${WORD} og ${ADDRESS}` });
    assert.equal(answer.status, 303, `the comment was published: ${answer.status === 303 ? '' : await answer.text()}`);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Elements sticking out of the screen that no scrolling box of their own holds. */
  function overflow(page: Page) {
    // Written without inner named functions: the test's TypeScript transform would wrap them in a
    // helper the page does not have.
    return page.evaluate((width) => {
      const out: string[] = [];
      for (const el of Array.from(document.querySelectorAll('body *'))) {
        const rect = el.getBoundingClientRect();
        // Closed menus and hidden helpers take no room on the screen.
        if (rect.right <= width + 1 || rect.width === 0 || !el.checkVisibility()) continue;
        let held = false;
        for (let p = el.parentElement; p && !held; p = p.parentElement) {
          held = ['auto', 'scroll'].includes(getComputedStyle(p).overflowX) && p.clientWidth <= width;
        }
        if (!held) out.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(rect.right)} px)`);
      }
      return { scrollWidth: document.documentElement.scrollWidth, out: out.slice(0, 5) };
    }, PHONE.width);
  }

  for (const [name, path] of [
    ['post page', () => postPath],
    ['front page', () => '/'],
    ['blog page', () => blogPath],
    ['search', () => `/search?q=${encodeURIComponent('Langtord')}`],
  ] as const) {
    it(`${name}: nothing wider than the screen`, async () => {
      const page = await browser.newPage({ viewport: PHONE });
      try {
        const response = await page.goto(`${server.url}${path()}`);
        assert.equal(response?.status(), 200);
        assert.ok((await page.content()).includes('Langtord'), 'the long word is on the page');
        const found = await overflow(page);
        assert.deepEqual(found.out, [], `${path()}: elements past the edge`);
        assert.ok(found.scrollWidth <= PHONE.width, `${path()} is ${found.scrollWidth} px wide`);
      } finally {
        await page.close();
      }
    });
  }

  it('the menu button keeps its word on one line, open or closed', async () => {
    // Breaking long words anywhere once let the flex bar squeeze "Menu" into "Me / nu".
    const page = await browser.newPage({ viewport: PHONE });
    try {
      await page.goto(`${server.url}/`);
      const summary = page.locator('.menu > summary');
      for (const state of ['closed', 'open']) {
        const box = await summary.boundingBox();
        assert.ok(box && box.height <= 48, `${state}: the button is ${box?.height} px high`);
        await summary.click();
      }
    } finally {
      await page.close();
    }
  });

  it('a wide table and code block scroll in their own box, reachable by keyboard', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    try {
      await page.goto(`${server.url}${postPath}`);
      const boxes = await page.evaluate(() =>
        Array.from(document.querySelectorAll('.post__body pre, .post__body table')).map((el) => {
          let box: Element | null = el;
          while (box && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
          return { tag: el.tagName.toLowerCase(), scrolls: Boolean(box), focusable: box ? (box as HTMLElement).tabIndex >= 0 : false };
        }),
      );
      assert.deepEqual(boxes.map((b) => b.tag).sort(), ['pre', 'table']);
      for (const box of boxes) {
        assert.ok(box.scrolls, `${box.tag} scrolls in a box of its own`);
        assert.ok(box.focusable, `${box.tag}'s box can be reached by keyboard`);
      }
    } finally {
      await page.close();
    }
  });
});
