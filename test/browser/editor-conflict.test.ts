/**
 * Two tabs with one post open, in a real browser: the later Save is refused with its text kept and
 * says why, and Save again saves it; with and without JavaScript. A new post autosaved into a draft
 * by its own editor is saved by that editor without a word (the autosave hands it the draft's version).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContextOptions } from 'playwright-core';
import { loginAs, type Session } from '../support/admin.js';
import { launchBrowser, pageWithSession, type TestBrowser } from '../support/browser.js';
import { buildBlog } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe('post editor: two tabs on one post', () => {
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

  const page = (options: BrowserContextOptions = {}) => pageWithSession(browser, server.url, session.cookie, options);
  const save = async (p: Awaited<ReturnType<typeof page>>) => {
    await p.locator('.editor-toolbar button[value="save"]').click();
    await p.waitForURL((url) => url.searchParams.has('form') || url.searchParams.has('saved'));
  };
  const postRow = (title: string) =>
    server.db.selectFrom('posts').select(['id', 'title', 'lead']).where('title', 'like', `${title}%`).executeTakeFirstOrThrow();

  for (const javaScriptEnabled of [true, false]) {
    it(`${javaScriptEnabled ? 'with' : 'without'} JavaScript: the second tab's save is refused, kept, and saved when pressed again`, async () => {
      const first = await page({ javaScriptEnabled });
      first.on('dialog', (dialog) => void dialog.accept());
      const title = `Kystsikring ${javaScriptEnabled ? 'med' : 'uden'} script`;
      await first.goto(`${server.url}/admin/posts/new`);
      await first.fill('#post-title', title);
      await first.fill('#post-body', 'Første afsnit.');
      await save(first);
      const { id } = await postRow(title);

      const second = await first.context().newPage();
      second.on('dialog', (dialog) => void dialog.accept());
      await second.goto(`${server.url}/admin/posts/${id}/edit`);
      await first.goto(`${server.url}/admin/posts/${id}/edit`);
      await first.fill('#post-title', `${title} (første fane)`);
      await save(first);
      assert.match(first.url(), /saved=1/);

      await second.fill('#post-lead', 'Indledningen fra anden fane.');
      await save(second);
      assert.match(second.url(), /form=/, 'refused');
      assert.match(await second.locator('.error-summary[role="alert"]').innerText(), /ændret, siden du åbnede det/);
      assert.equal(await second.inputValue('#post-lead'), 'Indledningen fra anden fane.');
      assert.deepEqual(await postRow(title), { id, title: `${title} (første fane)`, lead: '' });

      await save(second);
      assert.match(second.url(), /saved=1/, 'saved when pressed again');
      assert.equal((await postRow(title)).lead, 'Indledningen fra anden fane.');
      await first.context().close();
    });
  }

  it('saves a new post its own autosave made into a draft, without calling it a change by someone else', async () => {
    const p = await page();
    await p.goto(`${server.url}/admin/posts/new`);
    await p.locator('#post-title').pressSequentially('Autogemt og så gemt', { delay: 10 });
    // The script makes the draft after a pause in typing and moves the page to its address.
    await p.waitForURL(/\/admin\/posts\/[0-9a-f-]{36}\/edit$/);
    const made = await p.inputValue('#post-version');
    assert.notEqual(made, '', 'the draft has a version the editor now builds on');
    // The next autosave changes the draft again, and hands the editor that version too.
    await p.fill('#post-body', 'Skrevet efter, at kladden blev til.');
    await p.waitForFunction((before) => (document.getElementById('post-version') as HTMLInputElement).value !== before, made);
    await save(p);
    assert.match(p.url(), /saved=1/);
    assert.equal((await postRow('Autogemt og så gemt')).title, 'Autogemt og så gemt');
    await p.context().close();
  });
});
