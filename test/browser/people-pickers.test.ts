/**
 * Person pickers (issue 13): without JavaScript a plain select that saves; with it a combobox
 * that searches names, titles and organisations and is driven by the keyboard; axe finds nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { PICKER_LIMIT } from '../../src/people/person.js';
import { getEditablePost } from '../../src/posts/post-admin.service.js';
import { loginAs, type Session } from '../support/admin.js';
import { describeViolations, holdRequests, launchBrowser, pageWithSession, runAxe, type TestBrowser } from '../support/browser.js';
import { buildBlog, buildPerson, buildPost } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe('person pickers in a browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let session: Session;
  let guestId: string;

  before(async () => {
    server = await startTestServer('sqlite');
    browser = await launchBrowser();
    session = await loginAs(server, 'admin', { name: 'Ada Admin' });
    await buildBlog(server.db, { slug: 'debat', title: 'Debatten' });
    guestId = (await buildPerson(server.db, { name: 'Torben Østerby', jobTitle: 'Cheføkonom', organisation: 'Tænketanken Vækst' })).id;
    await buildPerson(server.db, { name: 'Marie Munk', jobTitle: 'Afdelingschef', organisation: 'Ministeriet' });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const page = (options: BrowserContextOptions = {}): Promise<Page> => pageWithSession(browser, server.url, session.cookie, options);

  async function saveAndReadAuthors(p: Page): Promise<string[]> {
    await p.locator('.editor-toolbar button[value="save"]').click();
    await p.waitForURL(/\/admin\/posts\/[^/]+\/edit/);
    const id = /\/admin\/posts\/([^/]+)\/edit/.exec(p.url())![1]!;
    return (await getEditablePost(server.db, id)).authors.map((a) => a.personId);
  }

  it('with JavaScript: finds a person by organisation, chosen with arrow keys and Enter, and saves them', async () => {
    const p = await page({ viewport: { width: 390, height: 844 } });
    await p.goto(`${server.url}/admin/posts/new`);
    await p.fill('#post-title', 'Valgt med tastaturet');
    const box = p.locator('#author-1-person');
    assert.equal(await box.getAttribute('role'), 'combobox');
    assert.equal(await p.locator('#author-1-person-value').isHidden(), true, 'the select behind it is hidden');
    await box.focus();
    await p.keyboard.type('taenketank');
    await p.waitForFunction(() => document.querySelectorAll('#author-1-person-options [role="option"]').length === 1);
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    assert.deepEqual(await p.locator('#author-1-person-options [role="option"]').allTextContents(), [
      'Torben Østerby, Cheføkonom, Tænketanken Vækst',
    ]);
    const violations = await runAxe(p);
    assert.equal(violations.length, 0, describeViolations(violations));
    await p.keyboard.press('ArrowDown');
    assert.equal(await box.getAttribute('aria-activedescendant'), 'author-1-person-options-0');
    await p.keyboard.press('Enter');
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    assert.equal(await box.inputValue(), 'Torben Østerby, Cheføkonom, Tænketanken Vækst');
    assert.equal(await p.locator('#author-1-person-value').inputValue(), guestId);
    assert.ok(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scroll at 390 px');
    assert.deepEqual(await saveAndReadAuthors(p), [session.personId, guestId]);
    await p.close();
  });

  it('with JavaScript: Escape closes the list and leaves the choice as it was', async () => {
    const p = await page();
    await p.goto(`${server.url}/admin/posts/new`);
    const box = p.locator('#author-1-person');
    await box.focus();
    await p.keyboard.type('munk');
    await p.locator('#author-1-person-options [role="option"]').first().waitFor();
    await p.keyboard.press('Escape');
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    await p.keyboard.press('Escape');
    assert.equal(await box.inputValue(), '');
    assert.equal(await p.locator('#author-1-person-value').inputValue(), '');
    await p.close();
  });

  it('with JavaScript: Escape also drops a search still on its way, and one not yet asked', async () => {
    const p = await page();
    const requests = await holdRequests(p, '**/admin/people.json?*');
    // The page's clock stands still unless the test moves it, so the pause after typing lasts.
    await p.clock.install();
    await p.goto(`${server.url}/admin/posts/new`);
    // Ten seconds ahead: the page's time runs on until the pause, and on a loaded machine the round
    // trip from reading it to pausing took over a second ("Cannot fast-forward to the past").
    await p.clock.pauseAt((await p.evaluate(() => Date.now())) + 10_000);
    const box = p.locator('#author-1-person');
    await box.fill('mun');
    await p.clock.runFor(200);
    await (await requests.next()).answer();
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    await box.fill('munk');
    await p.clock.runFor(200);
    const late = await requests.next();
    await p.keyboard.press('Escape');
    await late.answer();
    assert.equal(await box.getAttribute('aria-expanded'), 'false', 'the late answer leaves the list closed');
    // Typed, then Escape within the pause before the search is asked: no search, no list.
    await box.fill('torben');
    await p.keyboard.press('Escape');
    await p.clock.runFor(1000);
    // A request of the test's own, made after the pause: the first held after Escape if nothing else was asked.
    void p.evaluate(() => fetch('/admin/people.json?q=probe').then((r) => r.text()));
    const next = await requests.next();
    assert.match(next.url, /q=probe$/, 'no search after Escape');
    await next.answer();
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    assert.equal(await box.inputValue(), '');
    await p.close();
  });

  it('with JavaScript: an answer that comes after the person was arrowed to keeps them highlighted, so Enter picks them', async () => {
    const p = await page();
    const requests = await holdRequests(p, '**/admin/people.json?*');
    await p.goto(`${server.url}/admin/blogs/new`);
    const box = p.locator('#blog-owner');
    await box.fill('afdelingsche');
    await (await requests.next()).answer();
    await box.press('f');
    const late = await requests.next();
    await p.keyboard.press('ArrowDown');
    await late.answer();
    assert.match((await box.getAttribute('aria-activedescendant')) ?? '', /^blog-owner-options-0$/);
    await p.keyboard.press('Enter');
    assert.equal(new URL(p.url()).pathname, '/admin/blogs/new', 'Enter did not send the form');
    assert.equal(await box.inputValue(), 'Marie Munk, Afdelingschef, Ministeriet');
    await p.close();
  });

  it('with JavaScript: a person picked while the next search is on its way stays picked, the list closed', async () => {
    const p = await page();
    const requests = await holdRequests(p, '**/admin/people.json?*');
    await p.goto(`${server.url}/admin/posts/new`);
    const box = p.locator('#author-1-person');
    await box.fill('mun');
    await (await requests.next()).answer();
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    await box.fill('munk');
    const late = await requests.next();
    await p.keyboard.press('ArrowDown');
    await p.keyboard.press('Enter');
    assert.equal(await box.inputValue(), 'Marie Munk, Afdelingschef, Ministeriet');
    await late.answer();
    assert.equal(await box.getAttribute('aria-expanded'), 'false', 'the late answer leaves the list closed');
    assert.equal(await box.inputValue(), 'Marie Munk, Afdelingschef, Ministeriet');
    await p.close();
  });

  it('without JavaScript: a plain select picks the person and saves', async () => {
    const p = await page({ javaScriptEnabled: false });
    await p.goto(`${server.url}/admin/posts/new`);
    await p.fill('#post-title', 'Valgt uden script');
    assert.equal(await p.evaluate(() => document.getElementById('author-1-person')?.tagName), 'SELECT');
    await p.focus('#author-1-person');
    await p.selectOption('#author-1-person', guestId);
    assert.deepEqual(await saveAndReadAuthors(p), [session.personId, guestId]);
    await p.close();
  });

  it('without JavaScript: "Søg person" finds someone beyond the capped list, keeps the text, and the pick saves', async () => {
    for (let n = 0; n < PICKER_LIMIT; n++) await buildPerson(server.db, { name: `Anders Fyld ${String(n).padStart(2, '0')}` });
    const far = await buildPerson(server.db, { name: 'Zakarias Østergaard', organisation: 'Fjernt Institut' });
    const p = await page({ javaScriptEnabled: false });
    await p.goto(`${server.url}/admin/posts/new`);
    await p.fill('#post-title', 'Fundet uden script');
    await p.fill('#post-body', 'Tekst der ikke må gå tabt');
    assert.equal(await p.locator(`#author-1-person option[value="${far.id}"]`).count(), 0, 'not offered before the search');
    await p.fill('#people-search', 'fjernt');
    await p.getByRole('button', { name: 'Søg person' }).click();
    await p.waitForLoadState('load');
    assert.equal(await p.inputValue('#post-title'), 'Fundet uden script');
    assert.equal(await p.inputValue('#post-body'), 'Tekst der ikke må gå tabt');
    assert.equal(await p.inputValue('#people-search'), 'fjernt');
    await p.selectOption('#author-1-person', far.id);
    const violations = await runAxe(p);
    assert.equal(violations.length, 0, describeViolations(violations));
    assert.deepEqual(await saveAndReadAuthors(p), [session.personId, far.id]);
    await p.close();
  });

  it('without JavaScript: Enter in "Søg person" runs the search instead of saving, keeps the text, and says so', async () => {
    const far = await buildPerson(server.db, { name: 'Yrsa Fjordby', organisation: 'Kystinstituttet' });
    const p = await page({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    await p.goto(`${server.url}/admin/posts/new`);
    await p.fill('#post-title', 'Søgt med Enter');
    await p.fill('#post-body', 'Teksten bliver');
    await p.fill('#people-search', 'kystinst');
    await p.press('#people-search', 'Enter');
    await p.waitForLoadState('load');
    assert.equal(new URL(p.url()).pathname, '/admin/posts/new', 'still the new post form: nothing was saved');
    assert.match(new URL(p.url()).search, /^\?form=[\w-]{24}$/, "the kept form's id, and not the session's token, is in the address");
    const saved = await server.db.selectFrom('posts').select('id').where('title', '=', 'Søgt med Enter').execute();
    assert.equal(saved.length, 0);
    assert.match(await p.locator('#searched-not-saved').innerText(), /ikke gemt endnu/);
    assert.equal(await p.inputValue('#post-title'), 'Søgt med Enter');
    assert.equal(await p.inputValue('#post-body'), 'Teksten bliver');
    assert.equal(await p.inputValue('#people-search'), 'kystinst');
    assert.equal(await p.locator(`#author-1-person option[value="${far.id}"]`).count(), 1, 'the match is offered');
    const violations = await runAxe(p);
    assert.equal(violations.length, 0, describeViolations(violations));
    // The search has run: Enter (or Save) now saves, with the term still in the box.
    await p.selectOption('#author-1-person', far.id);
    await p.press('#post-title', 'Enter');
    await p.waitForURL(/\/admin\/posts\/[^/]+\/edit/);
    const id = /\/admin\/posts\/([^/]+)\/edit/.exec(p.url())![1]!;
    assert.deepEqual(
      (await getEditablePost(server.db, id)).authors.map((a) => a.personId),
      [session.personId, far.id],
    );
    await p.close();
  });

  it("with JavaScript: a guest's title for this post is typed beside the pick, and the post's byline shows it", async () => {
    const guest = await buildPerson(server.db, { name: 'Ulla Gæst', jobTitle: 'Senere titel', organisation: 'Senere sted', guest: true });
    const p = await page({ viewport: { width: 390, height: 844 } });
    await p.goto(`${server.url}/admin/posts/new`);
    await p.fill('#post-title', 'Titel dengang');
    await p.fill('#post-body', 'Tekst.');
    const box = p.locator('#author-1-person');
    await box.focus();
    await p.keyboard.type('Ulla');
    await p.waitForFunction(() => document.querySelectorAll('#author-1-person-options [role="option"]').length === 1);
    await p.keyboard.press('ArrowDown');
    await p.keyboard.press('Enter');
    await p.fill('#author-1-job-title', 'Kontorchef');
    await p.fill('#author-1-organisation', 'Styrelsen');
    await p.check('#post-status-publish');
    const violations = await runAxe(p);
    assert.equal(violations.length, 0, describeViolations(violations));
    assert.ok(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scroll at 390 px');
    assert.deepEqual(await saveAndReadAuthors(p), [session.personId, guest.id]);
    await p.goto(`${server.url}/debat/titel-dengang`);
    assert.match(await p.locator('.byline').first().innerText(), /Ulla Gæst \(gæsteskribent\), Kontorchef, Styrelsen/);
    await p.close();
  });

  it('with JavaScript: the no-script person search is not shown', async () => {
    const p = await page();
    await p.goto(`${server.url}/admin/posts/new`);
    await p.locator('#author-1-person[role="combobox"]').waitFor();
    assert.equal(await p.locator('#people-search').count(), 0);
    await p.close();
  });

  it("with JavaScript: the blog form's owner is picked by typing", async () => {
    const p = await page();
    await p.goto(`${server.url}/admin/blogs/new`);
    const box = p.locator('#blog-owner');
    await box.focus();
    await p.keyboard.type('Afdelingschef');
    await p.locator('#blog-owner-options [role="option"]', { hasText: 'Marie Munk' }).waitFor();
    await p.waitForFunction(() => document.querySelectorAll('#blog-owner-options [role="option"]').length === 1);
    await p.keyboard.press('ArrowDown');
    await p.keyboard.press('Enter');
    assert.equal(await box.inputValue(), 'Marie Munk, Afdelingschef, Ministeriet');
    const violations = await runAxe(p);
    assert.equal(violations.length, 0, describeViolations(violations));
    await p.close();
  });

  it('merges a mistyped guest by keyboard: picks who to keep, shows what moves, confirms; axe finds nothing at 390 px', async () => {
    const keep = await buildPerson(server.db, { name: 'Helle Vinther', jobTitle: 'Direktør', guest: true });
    const drop = await buildPerson(server.db, { name: 'Helle Vinter', guest: true });
    await buildPost(server.db, { authors: [{ personId: drop.id }] });
    const p = await page({ viewport: { width: 390, height: 844 } });
    await p.goto(`${server.url}/admin/people/${drop.id}/delete`);
    assert.equal(await p.locator('#delete-refused').count(), 1, 'a person with bylines cannot be deleted');
    let violations = await runAxe(p);
    assert.equal(violations.length, 0, describeViolations(violations));
    await p.click(`a[href="/admin/people/${drop.id}/merge"]`);
    const box = p.locator('#merge-into');
    await box.focus();
    await p.keyboard.type('Direktør');
    await p.waitForFunction(() => document.querySelectorAll('#merge-into-options [role="option"]').length === 1);
    await p.keyboard.press('ArrowDown');
    await p.keyboard.press('Enter');
    await p.keyboard.press('Tab');
    await p.keyboard.press('Enter');
    await p.waitForURL(new RegExp(`into=${keep.id}`));
    assert.match(await p.locator('main').innerText(), /Forfatter til 1 indlæg/);
    violations = await runAxe(p);
    assert.equal(violations.length, 0, describeViolations(violations));
    assert.ok(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scroll at 390 px');
    await p.locator('form[method="post"][action$="/merge"] button[type="submit"]').click();
    await p.waitForURL(new RegExp(`/admin/people/${keep.id}\\?done=merged`));
    assert.equal(await server.db.selectFrom('people').select('id').where('id', '=', drop.id).executeTakeFirst(), undefined);
    await p.close();
  });

  it('without JavaScript: on the blog form, Enter in the person search searches and Enter in the title saves', async () => {
    const p = await page({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    await p.goto(`${server.url}/admin/blogs/new`);
    await p.fill('#blog-title', 'Enter-bloggen');
    await p.fill('#blog-slug', 'enter-bloggen');
    await p.fill('#people-search', 'tænketank');
    await p.press('#people-search', 'Enter');
    await p.locator('#searched-not-saved').waitFor();
    const none = await server.db.selectFrom('blogs').select('id').where('slug', '=', 'enter-bloggen').execute();
    assert.equal(none.length, 0, 'nothing was saved');
    assert.equal(await p.inputValue('#blog-title'), 'Enter-bloggen');
    assert.equal(await p.locator(`#blog-owner option[value="${guestId}"]`).count(), 1, 'the match is offered');
    const violations = await runAxe(p);
    assert.equal(violations.length, 0, describeViolations(violations));
    await p.selectOption('#blog-owner', guestId);
    await p.press('#blog-title', 'Enter');
    await p.waitForURL(/\/admin\/blogs\/[^/?]+\?done=blogCreated/);
    const saved = await server.db.selectFrom('blogs').select('id').where('slug', '=', 'enter-bloggen').execute();
    assert.equal(saved.length, 1);
    await p.close();
  });

  it('without JavaScript: the merge page searches for the person to keep with Enter, then merges', async () => {
    const keep = await buildPerson(server.db, { name: 'Signe Bølling', jobTitle: 'Havbiolog', organisation: 'Havforskningen' });
    const drop = await buildPerson(server.db, { name: 'Signe Bøling', guest: true });
    const p = await page({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    await p.goto(`${server.url}/admin/people/${drop.id}/merge`);
    assert.ok((await p.locator('#merge-into option').count()) <= PICKER_LIMIT + 1, 'a capped list, not everyone');
    await p.fill('#people-search', 'havforsk');
    await p.press('#people-search', 'Enter');
    await p.waitForURL(/people_q=havforsk/);
    assert.deepEqual(await p.locator('#merge-into option').allTextContents(), [
      'Vælg en person',
      'Signe Bølling, Havbiolog, Havforskningen',
    ]);
    await p.selectOption('#merge-into', keep.id);
    const violations = await runAxe(p);
    assert.equal(violations.length, 0, describeViolations(violations));
    assert.ok(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scroll at 390 px');
    await p.getByRole('button', { name: 'Vis, hvad der flytter' }).click();
    await p.waitForURL(new RegExp(`into=${keep.id}`));
    await p.locator('form[method="post"][action$="/merge"] button[type="submit"]').click();
    await p.waitForURL(new RegExp(`/admin/people/${keep.id}\\?done=merged`));
    await p.close();
  });

  it('passes axe on the demo removal page at 390 px', async () => {
    const p = await page({ viewport: { width: 390, height: 844 } });
    await p.goto(`${server.url}/admin/settings/demo`);
    const violations = await runAxe(p);
    assert.equal(violations.length, 0, describeViolations(violations));
    assert.ok(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
    await p.close();
  });
  it('with JavaScript: the followers import target (site, blog, author or topic) is the same picker, and the import reaches the one chosen', async () => {
    const writer = await buildPerson(server.db, { name: 'Ulla Østergård' });
    const p = await page({ viewport: { width: 390, height: 844 } });
    await p.goto(`${server.url}/admin/followers`);
    const box = p.locator('#followers-topic');
    assert.equal(await box.getAttribute('role'), 'combobox');
    assert.equal(await box.inputValue(), 'Hele sitet', 'the site, chosen to begin with');
    assert.equal(await p.locator('#followers-topic-search').count(), 0, 'the no-script search is not shown');
    await box.fill('');
    await box.focus();
    await p.keyboard.type('ulla oest');
    await p.waitForFunction(() => document.querySelectorAll('#followers-topic-options [role="option"]').length === 1);
    assert.deepEqual(await p.locator('#followers-topic-options [role="option"]').allTextContents(), ['Skribent: Ulla Østergård']);
    assert.match((await p.locator('.picker [role="status"]').textContent()) ?? '', /^1 forslag\./);
    const violations = await runAxe(p);
    assert.equal(violations.length, 0, describeViolations(violations));
    await p.keyboard.press('ArrowDown');
    await p.keyboard.press('Enter');
    assert.equal(await p.locator('#followers-topic-value').inputValue(), `author:${writer.id}`);
    await p.fill('#followers-rows', 'valgt@eksempel.dk,2024-05-01,Valgt i browseren');
    await p.getByRole('button', { name: 'Importér' }).click();
    await p.waitForURL(/done=imported/);
    const follower = await server.db
      .selectFrom('followers')
      .select('id')
      .where('email', '=', 'valgt@eksempel.dk')
      .executeTakeFirstOrThrow();
    const topics = await server.db
      .selectFrom('follower_topics')
      .select(['kind', 'target_id'])
      .where('follower_id', '=', follower.id)
      .execute();
    assert.deepEqual(topics, [{ kind: 'author', target_id: writer.id }]);
    await p.close();
  });
});
