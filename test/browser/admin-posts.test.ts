/**
 * The posts admin in a real browser: axe on every page, the editor with and without JavaScript
 * (rows added by buttons, errors tied to fields, live preview, images inserted at the cursor).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Dialog, Page } from 'playwright-core';
import sharp from 'sharp';
import { loginAs, type Session } from '../support/admin.js';
import { describeViolations, launchBrowser, pageWithSession, runAxe, type TestBrowser } from '../support/browser.js';
import { buildBlog, buildPost } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe('posts admin in a browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let session: Session;
  let postId: string;

  before(async () => {
    // Chromium starts (or is found running) while the server does.
    const launching = launchBrowser();
    launching.catch(() => undefined);
    server = await startTestServer('sqlite');
    browser = await launching;
    session = await loginAs(server, 'admin', { name: 'Ada Admin' });
    const blog = await buildBlog(server.db, { slug: 'debat', title: 'Debatten' });
    const post = await buildPost(server.db, {
      blogId: blog.id,
      title: 'Et indlæg at rette',
      authors: [{ personId: session.personId }],
      body: 'Første linje.',
    });
    postId = post.id;
    // A second save gives the revisions page something to compare.
    const editor = await page();
    await editor.goto(`${server.url}/admin/posts/${postId}/edit`);
    await editor.fill('#post-body', 'Anden linje.');
    await editor.locator('.editor-toolbar button[value="save"]').click();
    await editor.waitForURL(/saved=1/);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  // Every check is the same administrator's, so the checks with JavaScript share one tab with the
  // session and go from page to page in it, where a context each would start a Chromium renderer
  // each. A page left with unsaved text asks before the next visit leaves it; with no dialog
  // listener Playwright answers "leave", so each check that listens removes its listener at its end.
  // Without JavaScript is a context of its own.
  const tabs = new Map<boolean, Page>();
  async function page({ javaScriptEnabled = true }: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
    let p = tabs.get(javaScriptEnabled);
    if (!p || p.isClosed()) {
      p = await pageWithSession(browser, server.url, session.cookie, { javaScriptEnabled });
      tabs.set(javaScriptEnabled, p);
    }
    return p;
  }

  /** Records the dialogs `p` opens, answering each "stay"; `stop` removes the listener. */
  function dialogsOf(p: Page): { types: string[]; stop: () => void } {
    const types: string[] = [];
    const listener = (dialog: Dialog) => {
      types.push(dialog.type());
      void dialog.dismiss();
    };
    p.on('dialog', listener);
    return { types, stop: () => p.off('dialog', listener) };
  }

  async function assertAccessible(p: Page, what: string): Promise<void> {
    const violations = await runAxe(p);
    assert.equal(violations.length, 0, `${what}:\n${describeViolations(violations)}`);
  }

  it('passes axe on the list, the editor, revisions and the difference', async () => {
    const p = await page();
    for (const path of [
      '/admin/posts',
      '/admin/posts/new',
      `/admin/posts/${postId}/edit`,
      `/admin/posts/${postId}/revisions`,
      `/admin/posts/${postId}/delete`,
    ]) {
      await p.goto(`${server.url}${path}`);
      await assertAccessible(p, path);
    }
    await p.goto(`${server.url}/admin/posts/${postId}/revisions`);
    await p.locator('table a').last().click();
    await p.waitForSelector('form[action$="/restore"]');
    await assertAccessible(p, 'difference');
    // axe needs the page's JavaScript; the editor's script leaves a refused form as the server sent it.
    await p.goto(`${server.url}/admin/posts/new`);
    await p.click('details:has(#link-0-url) > summary');
    await p.fill('#link-0-url', 'ikke en adresse');
    await p.locator('.editor-toolbar button[value="save"]').click();
    await p.waitForSelector('.error-summary');
    await assertAccessible(p, 'editor with errors');
  });

  it('without JavaScript: adds a row, keeps the text, and ties errors to their fields', async () => {
    const p = await page({ javaScriptEnabled: false });
    await p.goto(`${server.url}/admin/posts/new`);
    await p.fill('#post-lead', 'En indledning, der skal overleve.');
    await p.click('details:has(#link-0-title) > summary');
    await p.fill('#link-0-title', 'Et link');
    await p.fill('#link-0-url', 'ikke en adresse');
    await p.click('button[value="add-link"]');
    assert.equal(await p.locator('input[name="link_title"]').count(), 3);
    assert.equal(await p.inputValue('#post-lead'), 'En indledning, der skal overleve.');
    assert.equal(await p.evaluate(() => document.activeElement?.id), 'link-2-title', 'the cursor is in the new row');
    await p.locator('.editor-toolbar button[value="save"]').click();
    assert.equal(await p.locator('.error-summary[role="alert"]').count(), 1);
    assert.equal(await p.getAttribute('#post-title', 'aria-invalid'), 'true');
    assert.equal(await p.getAttribute('#link-0-url', 'aria-invalid'), 'true');
    assert.equal(await p.inputValue('#link-0-title'), 'Et link');
    await p.click('.error-summary a[href="#post-title"]');
    assert.equal(await p.evaluate(() => document.activeElement?.id), 'post-title');
  });

  it('with JavaScript: shows a live preview while typing', async () => {
    const p = await page();
    await p.goto(`${server.url}/admin/posts/new`);
    assert.equal(await p.getAttribute('#post-preview', 'aria-live'), 'polite');
    await p.fill('#post-body', '## Mellemrubrik\n\n<script>alert(1)</script>');
    await p.locator('#post-preview h2', { hasText: 'Mellemrubrik' }).waitFor();
    assert.equal(await p.locator('#post-preview script').count(), 0);
  });

  it('keeps the preview readable while it is being updated: busy text still passes the contrast check', async () => {
    const p = await page();
    await p.goto(`${server.url}/admin/posts/new`);
    // The state the preview is in between a keystroke and the server's answer, held still for axe.
    await p.evaluate(() => document.getElementById('post-preview')!.setAttribute('aria-busy', 'true'));
    const violations = await runAxe(p);
    assert.equal(violations.length, 0, describeViolations(violations));
  });

  it('with JavaScript: uploads an image and inserts its Markdown where the cursor was', async () => {
    const p = await page();
    await p.goto(`${server.url}/admin/posts/${postId}/edit`);
    await p.fill('#post-body', 'Før.\nEfter.');
    await p.evaluate(() => {
      const body = document.getElementById('post-body') as HTMLTextAreaElement;
      body.setSelectionRange(5, 5);
    });
    await p.fill('#upload-alt', 'Et rødt felt');
    const png = await sharp({ create: { width: 900, height: 300, channels: 3, background: '#c00' } })
      .png()
      .toBuffer();
    await p.setInputFiles('#upload-file', { name: 'felt.png', mimeType: 'image/png', buffer: png });
    await p.click('#upload-form button[type="submit"]');
    await p.locator('#upload-status', { hasText: /sat ind|inserted/ }).waitFor();
    const body = await p.inputValue('#post-body');
    assert.match(body, /^Før\.\n\n!\[Et rødt felt\]\(\/uploads\/[0-9a-f-]{36}-640\.png\)\n\nEfter\.$/);
    assert.equal(await p.evaluate(() => document.activeElement?.id), 'post-body');
  });

  it('warns before leaving with unsaved changes, and not once they are saved', async () => {
    const p = await page();
    await p.goto(`${server.url}/admin/posts/${postId}/edit`);
    const dialogs = dialogsOf(p);
    try {
      // Nothing typed yet: leaving needs no question.
      await p.click('.editor-links a[href$="/revisions"]');
      await p.waitForURL(/\/revisions$/);
      assert.deepEqual(dialogs.types, []);
      await p.goBack();
      await p.waitForURL(/\/edit$/);
      await p.click('#post-lead');
      await p.keyboard.type(' Mere tekst.');
      const asked = p.waitForEvent('dialog');
      await p.click('.editor-links a[href$="/revisions"]');
      await asked;
      assert.deepEqual(dialogs.types, ['beforeunload']);
      assert.match(await p.inputValue('#post-lead'), /Mere tekst\.$/);
      assert.match(p.url(), /\/edit$/, 'dismissing the question keeps the editor open');
      await p.locator('.editor-toolbar button[value="save"]').click();
      await p.waitForURL(/saved=1/);
      await p.click('.editor-links a[href$="/revisions"]');
      await p.waitForURL(/\/revisions$/);
      assert.deepEqual(dialogs.types, ['beforeunload'], 'no question after saving');
    } finally {
      dialogs.stop();
    }
  });

  it('still warns after the server showed the form again without saving it (preview)', async () => {
    const p = await page();
    await p.goto(`${server.url}/admin/posts/${postId}/edit`);
    const dialogs = dialogsOf(p);
    try {
      await p.click('#post-lead');
      await p.keyboard.type(' Kun vist, ikke gemt.');
      await p.locator('.editor-toolbar button[value="preview"]').click();
      await p.waitForURL((url) => url.pathname === `/admin/posts/${postId}/edit` && url.searchParams.has('form'));
      await p.locator('#post-preview .post__body').waitFor();
      await p.click('#post-title');
      const asked = p.waitForEvent('dialog');
      await p.click('.editor-links a[href$="/revisions"]');
      await asked;
      assert.deepEqual(dialogs.types, ['beforeunload']);
      assert.match(await p.inputValue('#post-lead'), /Kun vist, ikke gemt\.$/);
    } finally {
      dialogs.stop();
    }
  });

  it('Ctrl+S saves the post, and the reloaded editor shows the saved text', async () => {
    const p = await page();
    await p.goto(`${server.url}/admin/posts/${postId}/edit`);
    const dialogs = dialogsOf(p);
    try {
      await p.click('#post-body');
      await p.keyboard.press('Control+End');
      await p.keyboard.type('\n\nGemt med tastaturet.');
      await p.keyboard.press('Control+s');
      await p.waitForURL(/saved=1/);
      await p.reload();
      assert.match(await p.inputValue('#post-body'), /\n\nGemt med tastaturet\.$/);
      assert.deepEqual(dialogs.types, []);
    } finally {
      dialogs.stop();
    }
  });

  it('formats the body with Markdown buttons and Ctrl+B, I and K, from the keyboard', async () => {
    const p = await page();
    await p.goto(`${server.url}/admin/posts/new`);
    const bar = p.getByRole('group', { name: 'Formatering af brødteksten' });
    for (const name of ['Mellemrubrik', 'Fed', 'Kursiv', 'Link', 'Punktliste', 'Citat']) {
      assert.equal(await bar.getByRole('button', { name, exact: true }).count(), 1, name);
    }
    const select = (from: number, to: number) =>
      p.evaluate(
        ([a, b]) => {
          (document.getElementById('post-body') as HTMLTextAreaElement).setSelectionRange(a!, b!);
        },
        [from, to],
      );
    await p.fill('#post-body', 'Hej verden');
    await select(4, 10);
    await p.keyboard.press('Control+b');
    assert.equal(await p.inputValue('#post-body'), 'Hej **verden**');
    await p.fill('#post-body', 'Hej verden');
    await select(0, 3);
    await p.keyboard.press('Control+i');
    assert.equal(await p.inputValue('#post-body'), '*Hej* verden');
    await p.fill('#post-body', 'Læs mere');
    await select(0, 8);
    await p.keyboard.press('Control+k');
    assert.equal(await p.inputValue('#post-body'), '[Læs mere](https://)');
    // The buttons work from the keyboard, on the selection the body had when it lost focus.
    await p.fill('#post-body', 'Første\nAnden');
    await select(0, 12);
    await bar.getByRole('button', { name: 'Punktliste' }).focus();
    await p.keyboard.press('Enter');
    assert.equal(await p.inputValue('#post-body'), '- Første\n- Anden');
    await p.fill('#post-body', 'Overskrift');
    await select(0, 0);
    await bar.getByRole('button', { name: 'Mellemrubrik' }).focus();
    await p.keyboard.press('Space');
    assert.equal(await p.inputValue('#post-body'), '## Overskrift');
    await bar.getByRole('button', { name: 'Citat' }).click();
    assert.equal(await p.inputValue('#post-body'), '> ## Overskrift');
    await p.locator('#post-preview blockquote h2', { hasText: 'Overskrift' }).waitFor();
  });

  it('works from the keyboard: Enter in the title saves rather than adding a row', async () => {
    const p = await page();
    await p.goto(`${server.url}/admin/posts/${postId}/edit`);
    await p.focus('#post-title');
    await p.fill('#post-title', 'Rettet med tastaturet');
    await p.keyboard.press('Enter');
    await p.waitForURL(/saved=1/);
    assert.equal(await p.locator('.form-notice[role="status"]').count(), 1);
  });
});
