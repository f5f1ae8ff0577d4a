/** Never lose work: a new post becomes a draft as soon as it has a title or text (issue 13). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { loginAs, type Session } from '../support/admin.js';
import { launchBrowser, pageWithSession, type TestBrowser } from '../support/browser.js';
import { buildBlog } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe('a new post is autosaved as a draft', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let session: Session;

  before(async () => {
    server = await startTestServer('sqlite');
    browser = await launchBrowser();
    session = await loginAs(server, 'admin', { name: 'Ada Admin' });
    await buildBlog(server.db, { slug: 'debat', title: 'Debatten' });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const page = (options: BrowserContextOptions = {}): Promise<Page> => pageWithSession(browser, server.url, session.cookie, options);

  const titles = async () =>
    (await server.db.selectFrom('posts').select(['title', 'status']).execute()).map((r) => `${r.title}:${r.status}`);
  const bodies = async () => (await server.db.selectFrom('posts').select('body').execute()).map((r) => r.body);

  /** Waits (in real time, at most 10 s) until `check` holds. */
  async function until(check: () => Promise<boolean>, what: string): Promise<void> {
    for (let n = 0; !(await check()); n++) {
      if (n > 200) assert.fail(`not within 10 s: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The editor's heading and the start of the window's title, which a reload of the same address shows too. */
  const headings = async (p: Page) => ({ h1: (await p.textContent('h1'))?.trim(), title: (await p.title()).split(' · ')[0] });

  /** The links above the editor's form, as text and address. */
  const editorLinks = (p: Page) =>
    p.$$eval('.editor-links a', (links) => links.map((a) => ({ text: a.textContent?.trim(), href: a.getAttribute('href') })));

  /** Whether leaving the page now would make the browser ask first (the editor's beforeunload handler). */
  const leaveWarns = (p: Page): Promise<boolean> =>
    p.evaluate(() => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    });

  it('with JavaScript: typing creates a draft, the address becomes the draft’s, and a reload keeps the text', async () => {
    const p = await page();
    // The page's timers run when the test says: the first save comes during the typing, as it does
    // on a slow machine or for a person who stops to think.
    await p.clock.install();
    await p.goto(`${server.url}/admin/posts/new`);
    await p.click('#post-title');
    await p.keyboard.type('Tekst der ikke må gå tabt');
    await p.click('#post-body');
    await p.keyboard.type('Første afsnit');
    await p.clock.fastForward(1600);
    await p.waitForURL(/\/admin\/posts\/[^/]+\/edit$/, { timeout: 10_000 });
    await p.locator('#autosave-status', { hasText: /gemt automatisk/ }).waitFor();
    assert.ok((await titles()).includes('Tekst der ikke må gå tabt:draft'));
    // The page is now the draft's editor, and says so as a reload of its address would.
    const asDraft = { h1: 'Redigér “Tekst der ikke må gå tabt”', title: 'Redigér “Tekst der ikke må gå tabt”' };
    assert.deepEqual(await headings(p), asDraft);
    // With the draft's links too: its preview, sharing, versions and deletion.
    const draftLinks = await editorLinks(p);
    const draftId = /\/admin\/posts\/([^/]+)\/edit$/.exec(p.url())![1]!;
    assert.deepEqual(
      draftLinks.map((l) => l.href),
      [
        '/debat/tekst-der-ikke-maa-gaa-tabt',
        `/admin/posts/${draftId}/preview-links`,
        `/admin/posts/${draftId}/revisions`,
        `/admin/posts/${draftId}/delete`,
      ],
    );
    // What is typed after that first save is saved at the next pause, not only at the 20-second interval.
    await p.keyboard.type(' af et nyt indlæg.');
    assert.equal(await leaveWarns(p), true, 'typed after the first save and not yet saved');
    await p.clock.fastForward(1600);
    await until(async () => (await bodies()).includes('Første afsnit af et nyt indlæg.'), 'the draft holds all of the text');
    // Once a later autosave has put everything into the draft, leaving loses nothing: no warning.
    await p.locator('#autosave-status', { hasText: /gemt automatisk/ }).waitFor();
    await until(async () => !(await leaveWarns(p)), 'leaving no longer warns once the draft holds everything');
    await p.reload();
    assert.deepEqual(await headings(p), asDraft);
    assert.deepEqual(await editorLinks(p), draftLinks, 'the same links as a reload shows');
    assert.equal(await p.inputValue('#post-title'), 'Tekst der ikke må gå tabt');
    assert.match(await p.inputValue('#post-body'), /Første afsnit af et nyt indlæg\./);
    // The normal save now saves that draft, not a second post.
    await p.fill('#post-lead', 'En indledning.');
    await p.locator('.editor-toolbar button[value="save"]').click();
    await p.waitForURL(/saved=1/);
    assert.equal((await titles()).filter((t) => t.startsWith('Tekst der ikke')).length, 1);
    await p.goto(`${server.url}/admin/posts?status=draft`);
    assert.match(await p.content(), /Tekst der ikke må gå tabt/);
    await p.close();
  });

  it('with JavaScript: text without a title gets a placeholder title', async () => {
    const p = await page();
    await p.goto(`${server.url}/admin/posts/new`);
    await p.click('#post-body');
    await p.keyboard.type('Kun brødtekst.');
    await p.waitForURL(/\/admin\/posts\/[^/]+\/edit$/, { timeout: 10_000 });
    await p.locator('#autosave-status', { hasText: /gemt automatisk/ }).waitFor();
    assert.equal(await leaveWarns(p), false, 'the first save holds all that was typed');
    assert.deepEqual(await headings(p), { h1: 'Redigér “(uden titel)”', title: 'Redigér “(uden titel)”' });
    // A title given later reaches the draft at the next pause, and the heading follows it.
    await p.fill('#post-title', 'Titlen kom senere');
    await p.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('Titlen kom senere'), null, { timeout: 10_000 });
    const later = { h1: 'Redigér “Titlen kom senere”', title: 'Redigér “Titlen kom senere”' };
    assert.deepEqual(await headings(p), later);
    await p.reload();
    assert.deepEqual(await headings(p), later);
    assert.equal(await p.inputValue('#post-title'), 'Titlen kom senere');
    assert.match(await p.inputValue('#post-body'), /Kun brødtekst\./);
    await p.close();
  });

  it('without JavaScript: nothing is saved until the person saves', async () => {
    const before = (await titles()).length;
    const p = await page({ javaScriptEnabled: false });
    await p.goto(`${server.url}/admin/posts/new`);
    await p.fill('#post-title', 'Uden skript');
    await p.fill('#post-body', 'Gemmes med knappen.');
    await p.waitForTimeout(2500);
    assert.equal((await titles()).length, before);
    await p.locator('.editor-toolbar button[value="save"]').click();
    await p.waitForURL(/saved=1/);
    assert.ok((await titles()).some((t) => t.startsWith('Uden skript:')));
    await p.close();
  });
});
