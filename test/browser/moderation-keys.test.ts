/**
 * The moderator's keyboard flow in a browser (issue 15): j/k move a visible focus, a/s/t act on the
 * focused comment, ? opens the help dialog and Escape closes it, keys do nothing while typing, and
 * the undo offered after an action takes it back. Axe finds nothing and nothing scrolls sideways at 390 px.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { loginAs, type Session } from '../support/admin.js';
import { describeViolations, launchBrowser, pageWithSession, runAxe, type TestBrowser } from '../support/browser.js';
import { buildBlog, buildPost } from '../support/factories.js';
import { addQueueComment } from '../support/moderation.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe('the moderation queue by keyboard', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let session: Session;
  const ids: string[] = [];
  before(async () => {
    server = await startTestServer('sqlite');
    browser = await launchBrowser();
    session = await loginAs(server, 'admin');
    const blog = await buildBlog(server.db);
    const post = await buildPost(server.db, { blogId: blog.id });
    // Oldest first: the queue lists the newest first, so ids[3] is at the top.
    for (let i = 0; i < 4; i++) {
      ids.push(await addQueueComment(server.db, { postId: post.id, body: `Ventende nummer ${i}`, ipHash: `IpHashKeyboardTest000000${i}` }));
    }
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  async function page(viewport?: { width: number; height: number }): Promise<Page> {
    return pageWithSession(browser, server.url, session.cookie, viewport ? { viewport } : {});
  }
  const status = async (id: string) =>
    (await server.db.selectFrom('comments').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
  const focusedId = (p: Page) => p.evaluate(() => document.activeElement?.closest('.mod-item')?.id ?? null);

  it('walks j/k, ? and Escape, a/s/t, and undo', async () => {
    const p = await page();
    await p.goto(`${server.url}/admin/comments`);
    await p.keyboard.press('j');
    assert.equal(await focusedId(p), `comment-${ids[3]}`);
    const outline = await p.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    assert.equal(outline, 'solid', 'the current comment shows its focus');
    await p.keyboard.press('j');
    await p.keyboard.press('j');
    assert.equal(await focusedId(p), `comment-${ids[1]}`);
    await p.keyboard.press('k');
    assert.equal(await focusedId(p), `comment-${ids[2]}`);

    await p.keyboard.press('?');
    assert.equal(await p.evaluate(() => (document.getElementById('mod-keys') as HTMLDialogElement).open), true);
    assert.equal(
      await p.evaluate(() => document.getElementById('mod-keys')!.contains(document.activeElement)),
      true,
      'focus is in the dialog',
    );
    const v = await runAxe(p);
    assert.equal(v.length, 0, describeViolations(v));
    await p.keyboard.press('a'); // inside the dialog, keys do nothing
    assert.equal(await status(ids[2]!), 'pending');
    await p.keyboard.press('Escape');
    assert.equal(await p.evaluate(() => (document.getElementById('mod-keys') as HTMLDialogElement).open), false);

    // Typing in the search field is typing, not moderating.
    await p.focus('#mod-q');
    await p.keyboard.type('sat');
    assert.equal(await p.inputValue('#mod-q'), 'sat');
    assert.equal(await status(ids[3]!), 'pending');

    await p.evaluate((id) => document.getElementById(id)!.focus(), `comment-${ids[2]}`);
    await p.keyboard.press('a');
    await p.waitForURL(/done=approve/);
    assert.equal(await status(ids[2]!), 'approved');
    // The focus comes back to the same place in the list: now the next waiting comment.
    assert.equal(await focusedId(p), `comment-${ids[1]}`);
    await p.keyboard.press('s');
    await p.waitForURL(/done=spam/);
    assert.equal(await status(ids[1]!), 'spam');
    assert.equal(await focusedId(p), `comment-${ids[0]}`);

    await p.click('form.mod-undo button');
    await p.waitForURL(/done=undo&n=1/);
    assert.equal(await status(ids[1]!), 'pending');

    await p.keyboard.press('j');
    await p.keyboard.press('t');
    await p.waitForURL(/done=trash/);
    assert.equal(await status(ids[3]!), 'trash');

    assert.equal(await focusedId(p), `comment-${ids[1]}`);
    await p.keyboard.press('r');
    assert.equal(await p.evaluate(() => document.activeElement?.tagName), 'TEXTAREA');
    await p.keyboard.type('ja');
    assert.equal(await status(ids[1]!), 'pending', 'typing a reply does not act');
  });

  it('fits a phone, and axe finds nothing on the queue with the undo message', async () => {
    const p = await page({ width: 390, height: 844 });
    await p.goto(`${server.url}/admin/comments?q=nummer`);
    await p.keyboard.press('j');
    await p.keyboard.press('t');
    await p.waitForURL(/done=trash/);
    assert.ok(await p.isVisible('form.mod-undo button'));
    const width = await p.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `page is ${width} px wide`);
    const v = await runAxe(p);
    assert.equal(v.length, 0, describeViolations(v));
    await p.goto(`${server.url}/admin/comments/${ids[0]}/block-ip?back=/admin/comments`);
    const warning = await runAxe(p);
    assert.equal(warning.length, 0, describeViolations(warning));
    assert.ok((await p.evaluate(() => document.documentElement.scrollWidth)) <= 390);
    await p.goto(`${server.url}/admin/comments`);
    await p.click('[data-open-keys] button');
    const dialogWidth = await p.evaluate(() => document.getElementById('mod-keys')!.getBoundingClientRect().right);
    assert.ok(dialogWidth <= 390, `dialog ends at ${dialogWidth}`);
  });
});
