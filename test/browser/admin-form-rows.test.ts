/**
 * Admin forms that put several fields on one row: the controls and the button line up on a wide
 * screen whatever hint stands under one of them, and a link or hint goes under its own field.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { loginAs, type Session } from '../support/admin.js';
import { launchBrowser, pageWithSession, type TestBrowser } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe('admin forms with fields on one row, in a browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let session: Session;
  let page: Page;
  before(async () => {
    server = await startTestServer('sqlite');
    browser = await launchBrowser();
    session = await loginAs(server, 'admin');
    page = await pageWithSession(browser, server.url, session.cookie, { viewport: { width: 1280, height: 800 } });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const bottom = async (selector: string) => {
    const box = await page.locator(selector).boundingBox();
    assert.ok(box, `${selector} is shown`);
    return Math.round(box.y + box.height);
  };

  it("the moderation search: the search box's hint does not lift it above the others", async () => {
    await page.goto(`${server.url}/admin/comments?q=nummer`);
    const search = await bottom('#mod-q');
    assert.equal(await bottom('#mod-status'), search);
    assert.equal(await bottom('#mod-reason'), search);
    assert.equal(await bottom('.mod-search button'), search);
    assert.ok((await bottom('.mod-search a')) > search, 'the link that clears the search sits under the button');
  });

  it('the blocklist form: the type lines up with the value, whose hint stands under it', async () => {
    await page.goto(`${server.url}/admin/comments/blocklist`);
    const value = await bottom('#block-value');
    assert.equal(await bottom('#block-kind'), value);
    assert.equal(await bottom('.block-form button'), value);
  });

  const box = async (selector: string) => {
    const found = await page.locator(selector).boundingBox();
    assert.ok(found, `${selector} is shown`);
    return { top: Math.round(found.y), height: Math.round(found.height) };
  };

  it("the posts list's filters: the search box and the menus stand as tall and as high as each other", async () => {
    await page.goto(`${server.url}/admin/posts`);
    const search = await box('#filter-q');
    for (const menu of ['#filter-blog', '#filter-author', '#filter-status', '#filter-tag']) assert.deepEqual(await box(menu), search, menu);
  });

  it('the people search: the button lines up with the box', async () => {
    await page.goto(`${server.url}/admin/people`);
    assert.equal(await bottom('form[action="/admin/people"] button'), await bottom('#people-q'));
  });
});
