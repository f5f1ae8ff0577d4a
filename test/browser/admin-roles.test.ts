/**
 * The admin's roles at work in a real browser, against the demo site: each test logs in through
 * the login form and does its job by clicking and typing. An author schedules a post with a guest
 * co-author and an image, a moderator approves, marks as spam and blocks, an editor restores a
 * revision; plus the login form from the keyboard and axe on the login page and the queue.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import type { Role } from '../../src/accounts/account.js';
import { createAccount } from '../../src/accounts/account.service.js';
import { demoContent } from '../../src/demo/demo-content.js';
import { publishDuePosts } from '../../src/posts/post.service.js';
import { updateSiteSettings } from '../../src/settings/settings.service.js';
import { describeViolations, launchBrowser, runAxe, type TestBrowser } from '../support/browser.js';
import { postComment } from '../support/comments.js';
import { DIALECTS } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/server.js';

const TIME_ZONE = 'Europe/Copenhagen';

/** A moment as a datetime-local field reads it in `timeZone`, with seconds: "2026-03-29T14:30:05". */
function localInput(date: Date, timeZone: string): string {
  // Swedish dates are ISO-shaped ("2026-03-29 14:30:05"), the clock 24-hour.
  const text = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(date);
  return text.replace(' ', 'T');
}

/** Demo posts already published (not scheduled), found in the database by title. */
const publishedDemoPosts = demoContent.posts.filter((post) => post.daysAgo >= 0);

for (const dialect of DIALECTS)
  describe(`admin roles in a browser (${dialect})`, () => {
    let server: TestServer;
    let browser: TestBrowser;
    let uploadDir: string;
    let counter = 0;

    before(async () => {
      uploadDir = mkdtempSync(join(tmpdir(), 'ytring-roles-uploads-'));
      // Chromium starts (or is found running) while the demo site is made.
      const launching = launchBrowser();
      launching.catch(() => undefined);
      server = await startTestServer(dialect, { demo: true });
      browser = await launching;
      // The login page sends everyone to first-run setup until an administrator exists.
      await account('admin');
    });

    after(async () => {
      await browser?.close();
      await server?.close();
      if (uploadDir) rmSync(uploadDir, { recursive: true, force: true });
    });

    /** A new account with a known password. */
    async function account(role: Role, name?: string): Promise<{ email: string; password: string; personId: string }> {
      const n = ++counter;
      const email = `${role}${n}@roller.example`;
      const password = `kodeord-${role}-${n}-langt-nok`;
      const created = await createAccount(server.db, { name: name ?? `${role} ${n}`, email, role, password, blogScope: null });
      return { email, password, personId: created.personId };
    }

    // A Chromium context is a renderer process of its own and costs about a second: the readers of
    // the public pages, who have no cookies, share one tab and go from page to page in it. Each role
    // still logs in through the form in a context of its own, for a session of its own.
    let readerTab: Page | undefined;
    async function readerPage(): Promise<Page> {
      if (!readerTab || readerTab.isClosed()) readerTab = await browser.newPage();
      return readerTab;
    }

    /** A fresh browser context, logged in as a new account of `role` through the login form. */
    async function loginAs(role: Role, name?: string): Promise<Page> {
      const { email, password } = await account(role, name);
      const page = await browser.newPage();
      await page.goto(`${server.url}/admin/login`);
      await page.getByLabel(/e-mail/i).fill(email);
      await page.getByLabel(/adgangskode|password/i).fill(password);
      await page.locator('form[action="/admin/login"] button[type="submit"]').click();
      await page.waitForURL((url) => url.pathname === '/admin');
      return page;
    }

    async function publicPath(postId: string): Promise<string> {
      const row = await server.db
        .selectFrom('posts')
        .innerJoin('blogs', 'blogs.id', 'posts.blog_id')
        .select(['posts.slug', 'blogs.slug as blog'])
        .where('posts.id', '=', postId)
        .executeTakeFirstOrThrow();
      return `/${row.blog}/${row.slug}`;
    }

    async function demoPost(index: number): Promise<{ id: string; path: string; body: string }> {
      const demo = publishedDemoPosts[index];
      assert.ok(demo, `the demo content has a published post number ${index + 1}`);
      const row = await server.db.selectFrom('posts').select(['id']).where('title', '=', demo.title).executeTakeFirstOrThrow();
      return { id: row.id, path: await publicPath(row.id), body: demo.body };
    }

    async function assertAccessible(page: Page, what: string): Promise<void> {
      const violations = await runAxe(page);
      assert.equal(violations.length, 0, `${what}:\n${describeViolations(violations)}`);
    }

    it('the login form works from the keyboard alone, and passes axe', async () => {
      const { email, password } = await account('author');
      const page = await browser.newPage();
      await page.goto(`${server.url}/admin/login`);
      await assertAccessible(page, 'login page');
      const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
      // Tab from the top of the page to the e-mail field, however many links come first.
      for (let i = 0; i < 25 && (await focused()) !== 'login-email'; i++) await page.keyboard.press('Tab');
      assert.equal(await focused(), 'login-email', 'Tab reaches the e-mail field');
      await page.keyboard.type(email);
      await page.keyboard.press('Tab');
      assert.equal(await focused(), 'login-password', 'the password comes next');
      await page.keyboard.type(password);
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === '/admin');
      assert.equal(await page.locator('form[action="/admin/login"]').count(), 0, 'no login form once logged in');
      await page.close();
    });

    it('an author writes a post with a guest co-author and an image, schedules it, and it appears at its time', async () => {
      const page = await loginAs('author', 'Aase Author');
      await page.goto(`${server.url}/admin/posts/new`);
      const title = 'Fremtidens forvaltning i praksis';
      await page.fill('#post-title', title);
      await page.fill('#post-lead', 'En indledning om samarbejde på tværs.');
      await page.fill('#post-body', 'Første afsnit om samarbejde.\n\n');
      // The guest, inline: the editor always offers one empty guest row.
      await page.click('details:has(#guest-0-name) > summary');
      await page.fill('#guest-0-name', 'Gitte Gæst');
      await page.fill('#guest-0-job-title', 'Kontorchef');
      await page.fill('#guest-0-organisation', 'Nordby Kommune');

      // The image goes in where the cursor is: at the end of the body.
      await page.click('#post-body');
      await page.keyboard.press('Control+End');
      await page.fill('#upload-alt', 'Et rødt felt');
      const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } })
        .png()
        .toBuffer();
      const file = join(uploadDir, 'felt.png');
      writeFileSync(file, png);
      await page.setInputFiles('#upload-file', file);
      await page.click('#upload-form button[type="submit"]');
      await page.locator('#upload-status', { hasText: /sat ind|inserted/i }).waitFor();
      const body = await page.inputValue('#post-body');
      assert.match(
        body,
        /^Første afsnit om samarbejde\.\n\n!\[Et rødt felt\]\(\/uploads\/[^)\s]+\.png\)/,
        'the Markdown image is in the body',
      );

      // Scheduled a minute and a bit ahead, written in the site's time zone (with seconds, never ":00"):
      // far enough that a loaded CI machine still saves first; the job then runs with its clock at that time.
      let at = new Date(Math.ceil((Date.now() + 75_000) / 1000) * 1000);
      if (at.getUTCSeconds() === 0) at = new Date(at.getTime() + 1000);
      await page.check('#post-status-schedule');
      await page.fill('#post-publish-at', localInput(at, TIME_ZONE));
      await page.locator('.editor-toolbar button[value="save"]').click();
      await page.waitForURL(/\/admin\/posts\/[0-9a-f-]{36}\/edit\?saved=1$/);
      assert.ok(Date.now() < at.getTime(), 'saved before the publication time (otherwise the check below proves nothing)');
      const postId = /\/admin\/posts\/([0-9a-f-]{36})\/edit/.exec(page.url())![1]!;
      await page.close();

      const row = await server.db.selectFrom('posts').select(['status', 'published_at']).where('id', '=', postId).executeTakeFirstOrThrow();
      assert.equal(row.status, 'scheduled');
      assert.equal(new Date(row.published_at!).getTime(), at.getTime(), 'the local time was read in the site time zone');
      const path = await publicPath(postId);
      assert.equal((await server.get(path)).status, 404, 'not public before its time');

      assert.deepEqual(await publishDuePosts(server.db, new Date(at.getTime() - 1000)), [], 'nothing is due a second before');
      assert.deepEqual(await publishDuePosts(server.db, new Date(at.getTime() + 50)), [postId]);

      const reader = await readerPage();
      const response = await reader.goto(`${server.url}${path}`);
      assert.equal(response?.status(), 200);
      assert.equal((await reader.locator('h1').first().innerText()).trim(), title);
      const byline = (await reader.locator('.byline').first().innerText()).replace(/\s+/g, ' ');
      assert.match(byline, /Aase Author/);
      assert.match(byline, /Gitte Gæst \(gæsteskribent\), Kontorchef, Nordby Kommune/);
      const image = reader.locator('img[alt="Et rødt felt"]').first();
      assert.match((await image.getAttribute('src')) ?? '', /^\/uploads\//);
      await image.scrollIntoViewIfNeeded();
      await reader.waitForFunction((img) => (img as HTMLImageElement).complete, await image.elementHandle());
      assert.ok((await image.evaluate((img) => (img as HTMLImageElement).naturalWidth)) > 0, 'the image loaded');
    });

    it('a moderator approves a held comment, marks another as spam and blocks its address', async () => {
      await updateSiteSettings(server.db, {
        commentPolicy: 'all',
        minSecondsToSubmit: 0,
        commentsPerHourPerIp: 10_000,
        commentsPerHourPerEmail: 10_000,
      });
      const post = await demoPost(1);
      const good = { email: 'god.debattoer@roller.example', body: 'En saglig kommentar, der fortjener at blive vist.' };
      const bad = { email: 'spammer@roller.example', body: 'Køb billige ure her, kun i dag.' };
      for (const comment of [good, bad]) {
        const response = await postComment(server, post.path, { ...comment, name: 'Debattør' });
        assert.ok(response.status < 400, `the comment was taken (${response.status})`);
      }
      const idOf = async (email: string, body: string) =>
        await server.db
          .selectFrom('comments')
          .select(['id', 'status'])
          .where('author_email', '=', email)
          .where('body', '=', body)
          .executeTakeFirstOrThrow();
      const goodRow = await idOf(good.email, good.body);
      const badRow = await idOf(bad.email, bad.body);
      assert.equal(goodRow.status, 'pending');
      assert.equal(badRow.status, 'pending');

      const page = await loginAs('moderator');
      await page.goto(`${server.url}/admin/comments`);
      await assertAccessible(page, 'moderation queue');
      // The post's own list, reached by the row's link, keeps every status in view.
      await page.locator(`#comment-${goodRow.id} .mod-meta a[href*="post="]`).click();
      await page.waitForURL(/post=/);
      await page.locator(`#comment-${goodRow.id} form[action$="/approve"] button`).click();
      await page.waitForURL(/done=approve/);
      await page.locator(`#comment-${badRow.id} form[action$="/spam"] button`).click();
      await page.waitForURL(/done=spam/);
      assert.equal(await page.locator(`#comment-${badRow.id}`).count(), 0, '"all" is held and approved comments: the spam leaves it');
      // The spam tab (still for this post) has the block buttons.
      await page.locator('nav.tabs a[href*="status=spam"]').click();
      await page.waitForURL(/status=spam/);
      await page.locator(`#comment-${badRow.id} form[action$="/block-email"] button:not([formaction])`).click();
      await page.waitForURL(/done=block-email/);
      await page.locator(`#comment-${badRow.id}.mod-item--spam`).waitFor();
      await page.close();

      const reader = await readerPage();
      await reader.goto(`${server.url}${post.path}`);
      await reader.locator(`#comment-${goodRow.id}`, { hasText: good.body }).waitFor();
      assert.equal(await reader.getByText(bad.body).count(), 0, 'the spam is not shown');

      const again = { email: bad.email, body: 'Nye billige ure, nu med fri fragt.' };
      const response = await postComment(server, post.path, { ...again, name: 'Debattør' });
      assert.ok(response.status < 500, `the blocked address got an answer (${response.status})`);
      const blocked = await idOf(again.email, again.body);
      assert.equal(blocked.status, 'spam', 'a comment from the blocked address is spam');
      await reader.reload();
      await reader.locator(`#comment-${goodRow.id}`).waitFor();
      assert.equal(await reader.getByText(again.body).count(), 0, 'the blocked address’s new comment is not shown');
    });

    it('an editor restores an earlier revision', async () => {
      const post = await demoPost(2);
      // A plain sentence from the original body, as the page shows it.
      const original = post.body
        .split(/\n\n+/)
        .map((p) => p.trim())
        .find((p) => /^[A-ZÆØÅ][\p{L}\s,]{30,}/u.test(p));
      assert.ok(original, 'the demo post has a plain paragraph');
      const originalText = /^[\p{L}\s,]{30,}/u.exec(original)![0].trim();
      const firstEdit = 'Et tilføjet afsnit fra første gemning.';
      const secondBody = 'En helt ny tekst, der erstatter alt det gamle.';

      const page = await loginAs('editor');
      await page.goto(`${server.url}/admin/posts/${post.id}/edit`);
      const save = async () => {
        await page.locator('.editor-toolbar button[value="save"]').click();
        await page.waitForURL(/saved=1/);
        await page.locator('.form-notice[role="status"]').waitFor();
      };
      // First save: the original text with a paragraph added.
      await page.fill('#post-body', `${await page.inputValue('#post-body')}\n\n${firstEdit}`);
      await save();
      // Second save: the text replaced.
      await page.fill('#post-body', secondBody);
      await save();

      const reader = await readerPage();
      await reader.goto(`${server.url}${post.path}`);
      await reader.getByText(secondBody).waitFor();
      assert.equal(await reader.getByText(originalText).count(), 0, 'the original text is gone after the second save');

      await page.locator('.editor-links a[href$="/revisions"]').click();
      await page.waitForURL(/\/revisions$/);
      const rows = page.locator('table.admin-table tbody tr');
      // The demo post's first revision, then one per save; newest first, so the first save is the second row.
      assert.equal(await rows.count(), 3, 'a first revision, then one revision per save');
      await rows.nth(1).getByRole('link').click();
      await page.locator('form[action$="/restore"]').waitFor();
      assert.ok(
        (await page.locator('#diff-body ~ .diff del', { hasText: firstEdit }).count()) > 0,
        'the difference shows what the restore brings back',
      );
      await page.locator('form[action$="/restore"] button[type="submit"]').click();
      await page.waitForURL(/restored=1/);
      assert.match(await page.inputValue('#post-body'), new RegExp(firstEdit.replace(/\./g, '\\.')));
      await page.close();

      await reader.reload();
      await reader.getByText(originalText).first().waitFor();
      assert.equal(await reader.getByText(secondBody).count(), 0, 'the replaced text is gone again');
    });
  });
