/**
 * The public pages in a real browser, against the demo site: reading a post, e-mail links with
 * and without JavaScript, axe accessibility checks and keyboard access.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { demoContent } from '../../src/demo/demo-content.js';
import type { DemoPost } from '../../src/demo/demo-content.types.js';
import { describeViolations, launchBrowser, runAxe, type TestBrowser } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** The post shaped like the model page: several authors, a guest with a byline note, an info box with contacts. */
const modelPost: DemoPost = (() => {
  const post = demoContent.posts.find(
    (candidate) =>
      candidate.authors.length > 1 &&
      candidate.authors.some((author) => author.note) &&
      candidate.infoBoxes?.some((box) => box.contacts.some((contact) => contact.email)),
  );
  if (!post)
    throw new Error('The demo content has no model-shaped post (several authors, a byline note, an info box with e-mail contacts)');
  return post;
})();

function personName(key: string): string {
  const person = demoContent.people.find((candidate) => candidate.key === key);
  if (!person) throw new Error(`No demo person "${key}"`);
  return person.name;
}

const authorNames = modelPost.authors.map((author) => personName(author.person));
const bylineNotes = modelPost.authors.flatMap((author) => (author.note ? [author.note] : []));
const subheadings = [...modelPost.body.matchAll(/^## (.+)$/gm)].map((match) => match[1]!.trim());
const infoBox = modelPost.infoBoxes!.find((box) => box.contacts.some((contact) => contact.email))!;
const contactEmails = infoBox.contacts.flatMap((contact) => (contact.email ? [contact.email] : []));

/** "ida@example.dk" as the page shows it without JavaScript: "ida (snabel-a) example.dk". */
function readable(address: string): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, at)} (snabel-a) ${address.slice(at + 1)}`;
}

describe('public pages in a browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  /** Path of the model post, as the front page links to it. */
  let postPath: string;

  before(async () => {
    server = await startTestServer('sqlite', { demo: true });
    browser = await launchBrowser();
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}/`);
      const href = await page.getByRole('link', { name: modelPost.title, exact: true }).first().getAttribute('href');
      assert.ok(href, `the front page links to "${modelPost.title}"`);
      postPath = new URL(href, server.url).pathname;
    } finally {
      await page.close();
    }
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path: string, page?: Page): Promise<Page> {
    const target = page ?? (await browser.newPage());
    const response = await target.goto(`${server.url}${path}`);
    assert.equal(response?.status(), 200, `GET ${path}`);
    return target;
  }

  it('the demo content has what these tests rely on', () => {
    assert.equal(authorNames.length, 2);
    assert.equal(bylineNotes.length, 1);
    assert.equal(subheadings.length, 3);
    assert.equal(contactEmails.length, 3);
  });

  it('goes from the front page to the model post, which shows its title, byline and subheadings', async () => {
    const page = await open('/');
    try {
      await page.getByRole('link', { name: modelPost.title, exact: true }).first().click();
      await page.waitForURL(`${server.url}${postPath}`);

      const h1 = page.locator('h1');
      assert.equal(await h1.count(), 1, 'one h1');
      assert.equal((await h1.innerText()).trim(), modelPost.title);

      const byline = page.locator('article header .byline');
      const bylineText = await byline.innerText();
      for (const name of authorNames) assert.ok(bylineText.includes(name), `byline "${bylineText}" names ${name}`);
      for (const note of bylineNotes) assert.ok(bylineText.includes(note), `byline "${bylineText}" has the note "${note}"`);
      assert.deepEqual(
        (await byline.locator('a[rel="author"]').allInnerTexts()).map((text) => text.trim()),
        authorNames,
      );

      const h2s = (await page.getByRole('heading', { level: 2 }).allInnerTexts()).map((text) => text.trim());
      for (const heading of subheadings) assert.ok(h2s.includes(heading), `h2 "${heading}" among ${JSON.stringify(h2s)}`);
    } finally {
      await page.close();
    }
  });

  it('turns each contact e-mail address in the info box into a mailto: link', async () => {
    const page = await open(postPath);
    try {
      const box = page.getByRole('complementary', { name: infoBox.heading });
      assert.equal(await box.count(), 1, `info box "${infoBox.heading}"`);
      for (const address of contactEmails) {
        const link = box.locator(`a[href="mailto:${address}"]`);
        assert.equal(await link.count(), 1, `a link to mailto:${address}`);
        assert.equal(await link.getAttribute('href'), `mailto:${address}`);
        assert.equal((await link.innerText()).trim(), address);
      }
      assert.equal(await box.locator('span.email').count(), 0, 'no e-mail address is left in its readable form');
      assert.ok(!(await box.innerText()).includes('(snabel-a)'));
    } finally {
      await page.close();
    }
  });

  it('shows the readable "x (snabel-a) y" form and no mailto: link without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await open(postPath, await context.newPage());
      const box = page.getByRole('complementary', { name: infoBox.heading });
      const text = await box.innerText();
      for (const address of contactEmails) {
        assert.ok(text.includes(readable(address)), `"${readable(address)}" in the info box`);
      }
      assert.equal(await box.locator('span.email[data-e]').count(), contactEmails.length);
      assert.equal(await page.locator('a[href^="mailto:"]').count(), 0, 'no mailto: link');
      const html = await page.content();
      for (const address of contactEmails) assert.ok(!html.includes(address), `${address} is not in the HTML in plain form`);
    } finally {
      await context.close();
    }
  });

  describe('axe finds no accessibility violations', () => {
    const pages: [string, () => string][] = [
      ['the front page', () => '/'],
      ["the model post's blog", () => `/${modelPost.blog}`],
      ['the model post', () => postPath],
    ];
    for (const [name, path] of pages) {
      it(`on ${name}`, async () => {
        const page = await open(path());
        try {
          const violations = await runAxe(page);
          assert.equal(violations.length, 0, `axe violations on ${path()}:\n${describeViolations(violations)}`);
        } finally {
          await page.close();
        }
      });
    }

    it("(the check itself works under the site's CSP: it reports an image without alt text)", async () => {
      const page = await open('/');
      try {
        await page.evaluate(() => {
          const image = document.createElement('img');
          image.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
          document.querySelector('main')?.append(image);
        });
        const violations = await runAxe(page);
        assert.ok(
          violations.some((violation) => violation.id === 'image-alt'),
          describeViolations(violations),
        );
      } finally {
        await page.close();
      }
    });

    it('(the check itself works with JavaScript off, where Chromium runs no timers: it reports an image without alt text)', async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      try {
        const page = await open('/', await context.newPage());
        await page.evaluate(() => {
          const image = document.createElement('img');
          image.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
          document.querySelector('main')?.append(image);
        });
        const violations = await runAxe(page);
        assert.ok(
          violations.some((violation) => violation.id === 'image-alt'),
          describeViolations(violations),
        );
      } finally {
        await context.close();
      }
    });
  });

  it('focuses the skip link on the first Tab, and activating it moves focus to #main', async () => {
    const page = await open('/');
    try {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement;
        return { tag: element?.tagName, href: element?.getAttribute('href'), skip: element?.classList.contains('skip-link') ?? false };
      });
      assert.deepEqual(focused, { tag: 'A', href: '#main', skip: true });
      const box = await page.locator(':focus').boundingBox();
      assert.ok(box && box.y >= 0 && box.height > 0, `the focused skip link is on screen: ${JSON.stringify(box)}`);

      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'main');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
      assert.equal(new URL(page.url()).hash, '#main');
    } finally {
      await page.close();
    }
  });
});
