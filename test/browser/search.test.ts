/** Search in a real browser on the demo site: the form without JavaScript, suggestions with it, and axe. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoContent } from '../../src/demo/demo-content.js';
import { slugify } from '../../src/shared/slug.js';
import { loginAs } from '../support/admin.js';
import { describeViolations, holdRequests, launchBrowser, pageWithSession, runAxe, type TestBrowser } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

const partnership = demoContent.posts[0]!;
const partnershipPath = `/${partnership.blog}/${slugify(partnership.title)}`;

describe('search in a browser', () => {
  let server: TestServer;
  let browser: TestBrowser;

  before(async () => {
    server = await startTestServer('sqlite', { demo: true });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('searches from the header box without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/archive`);
    await page.fill('#site-search-q', 'partnerskaber');
    await page.press('#site-search-q', 'Enter');
    await page.waitForURL(/\/search\?q=partnerskaber/);
    assert.equal(await page.locator('.search-result').count(), 2);
    assert.equal(await page.locator('.search-result h3 a').first().getAttribute('href'), partnershipPath);
    await context.close();
  });

  // With JavaScript ytring.js resets the form on return; without it, the form's autocomplete="off" keeps the browser from restoring it.
  for (const javaScriptEnabled of [true, false]) {
    it(`Back to a results page shows the filters and words those results were found with (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${server.url}/search?q=ledelse`);
      const all = await page.locator('.search-result').count();
      const author = (await page.locator('#search-author option').nth(1).getAttribute('value'))!;
      await page.selectOption('#search-author', author);
      await page.fill('#search-q', 'ledelse stress');
      await page.click('.search-form button[type=submit]');
      await page.waitForURL(/author=/);
      await page.goBack();
      await page.waitForURL((url) => !url.search.includes('author='));
      assert.equal(await page.locator('.search-result').count(), all);
      assert.equal(await page.inputValue('#search-author'), '', 'the author menu is back at "all"');
      assert.equal(await page.inputValue('#search-q'), 'ledelse', 'the box shows the words these results are for');
      await context.close();
    });
  }

  it("an admin list's filters come back as the list was found with them too", async () => {
    const session = await loginAs(server, 'admin');
    const page = await pageWithSession(browser, server.url, session.cookie);
    await page.goto(`${server.url}/admin/posts`);
    await page.selectOption('#filter-status', 'published');
    await page.click('form.filters button[type=submit]');
    await page.waitForURL(/status=published/);
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('status='));
    assert.equal(await page.inputValue('#filter-status'), '');
    await page.context().close();
  });

  it('suggests titles as one types, chosen with the arrow keys and Enter', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    const box = page.locator('#site-search-q');
    await box.pressSequentially('partnersk');
    // Earlier letters bring other suggestions first; wait for the answer to the whole word.
    await page.waitForFunction(() => document.querySelectorAll('#site-search-q-suggestions [role="option"]').length === 2);
    assert.equal(await box.getAttribute('role'), 'combobox');
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    assert.match(await page.locator('.site-search [role="status"]').innerText(), /^2 forslag/);
    await box.press('ArrowDown');
    const active = await box.getAttribute('aria-activedescendant');
    assert.equal(await page.locator(`#${active}`).getAttribute('aria-selected'), 'true');
    await box.press('Enter');
    await page.waitForURL(`${server.url}${partnershipPath}`);
    await page.close();
  });

  it('closes the suggestions on Escape', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    const box = page.locator('#site-search-q');
    await box.pressSequentially('ledelse');
    await page.locator('#site-search-q-suggestions [role="option"]').first().waitFor();
    await box.press('Escape');
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.locator('#site-search-q-suggestions').isHidden(), true);
    await page.close();
  });

  it('Escape also stops suggestions still on their way: a late answer does not open the list again', async () => {
    const page = await browser.newPage();
    const requests = await holdRequests(page, '**/search/suggest?*');
    await page.goto(server.url);
    const box = page.locator('#site-search-q');
    // One answer shown, the next still on its way when the reader presses Escape.
    await box.fill('led');
    await (await requests.next()).answer();
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    await box.fill('ledelse');
    const late = await requests.next();
    assert.match(late.url, /q=ledelse$/);
    await box.press('Escape');
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    await late.answer();
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.locator('#site-search-q-suggestions').isHidden(), true);
    assert.equal(await box.inputValue(), 'ledelse', 'the first Escape closes the list and keeps the text');
    await page.close();
  });

  it('an answer that comes after a suggestion was arrowed to keeps it highlighted, so Enter opens it', async () => {
    const page = await browser.newPage();
    const requests = await holdRequests(page, '**/search/suggest?*');
    await page.goto(server.url);
    const box = page.locator('#site-search-q');
    await box.fill('partnersk');
    await (await requests.next()).answer();
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    // The next letter's answer is still on its way when the reader arrows to the first suggestion.
    await box.press('a');
    const late = await requests.next();
    await box.press('ArrowDown');
    const chosen = await page.locator(`#${await box.getAttribute('aria-activedescendant')}`).getAttribute('data-url');
    assert.ok(chosen, 'a suggestion is highlighted');
    await late.answer();
    const active = await box.getAttribute('aria-activedescendant');
    assert.ok(active, 'the suggestion is still highlighted after the answer');
    assert.equal(await page.locator(`#${active}`).getAttribute('data-url'), chosen);
    await box.press('Enter');
    await page.waitForURL(`${server.url}${chosen}`);
    await page.close();
  });

  it('on a phone, the first Escape closes the suggestions and leaves the menu open, the next the menu', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.locator('.site-header .menu summary').click();
    const box = page.locator('#site-search-q');
    await box.pressSequentially('ledelse');
    await page.locator('#site-search-q-suggestions [role="option"]').first().waitFor();
    const menuOpen = () => page.evaluate(() => (document.querySelector('.site-header .menu') as HTMLDetailsElement).open);
    await box.press('Escape');
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    assert.equal(await menuOpen(), true, 'the menu stays open');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'site-search-q', 'the focus stays in the box');
    assert.equal(await box.inputValue(), 'ledelse');
    await box.press('Escape');
    assert.equal(await menuOpen(), false);
    await context.close();
  });

  it('has no accessibility violations on a results page with suggestions open', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/search?q=ledelse&blog=arbejdsliv`);
    await page.locator('#search-q').fill('');
    await page.locator('#search-q').pressSequentially('stress');
    await page.locator('#search-q-suggestions [role="option"]').first().waitFor();
    const violations = await runAxe(page);
    assert.equal(violations.length, 0, describeViolations(violations));
    await page.close();
  });
});
