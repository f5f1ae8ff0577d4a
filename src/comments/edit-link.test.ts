import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { redactUrl } from '../http/request-log.js';
import { updateSiteSettings } from '../settings/settings.service.js';
import { postComment } from '../../test/support/comments.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildBlog, buildPost } from '../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { editLinkToken, readEditLinkToken } from './edit-link.js';

let counter = 0;
const unique = (prefix: string) => `${prefix}${++counter}@skriv.example`;
const commentIdOf = (response: Response) => /#comment-([0-9a-f-]{36})$/.exec(response.headers.get('location') ?? '')?.[1];
const EDIT_LINK = /<a href="(\/comments\/manage\?token=[^"]+)"[^>]*>Ret eller slet din kommentar \(gælder i 15 minutter\)<\/a>/;
const form = (fields: Record<string, string>) => ({
  method: 'POST',
  body: new URLSearchParams(fields),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});
const unescape = (href: string) => href.replace(/&amp;/g, '&');

for (const dialect of DIALECTS) {
  describe(`the writer's edit link (${dialect})`, () => {
    let server: TestServer;

    before(async () => {
      server = await startTestServer(dialect);
      await updateSiteSettings(server.db, { minSecondsToSubmit: 0, commentsPerHourPerIp: 10000, commentsPerHourPerEmail: 10000 });
    });
    after(async () => {
      await server?.close();
    });

    async function newPostPath(): Promise<string> {
      const blog = await buildBlog(server.db);
      const post = await buildPost(server.db, { blogId: blog.id });
      return `/${blog.slug}/${post.slug}`;
    }
    const statusOf = async (id: string) =>
      (await server.db.selectFrom('comments').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
    const bodyOf = async (id: string) =>
      (await server.db.selectFrom('comments').select('body').where('id', '=', id).executeTakeFirstOrThrow()).body;
    const cookieOf = (response: Response) =>
      response.headers
        .getSetCookie()
        .map((c) => c.split(';')[0]!)
        .join('; ');

    /** Posts without asking for reply mail; returns the comment's id and the cookies the browser keeps. */
    async function post(path: string, fields: { email?: string; body?: string } = {}) {
      const response = await postComment(server, path, {
        email: fields.email ?? unique('skriver'),
        body: fields.body ?? 'Min første tanke.',
      });
      assert.equal(response.status, 303);
      return { id: commentIdOf(response)!, cookie: cookieOf(response) };
    }

    /** The edit link on the post page the writer lands on after posting. */
    async function editLinkOn(path: string, cookie: string) {
      const response = await server.get(path, { headers: { cookie } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('cache-control'), 'private, no-store', 'the page with the link is never kept');
      assert.equal(response.headers.get('x-ytring-cache'), null, 'neither taken from the page cache nor put in it');
      const href = EDIT_LINK.exec(await response.text())?.[1];
      assert.ok(href, 'the writer is offered the edit link');
      return unescape(href);
    }

    it('offers the edit link right after posting, without reply mail, on a page no cache keeps', async () => {
      const path = await newPostPath();
      // A reader's visit first, so a cached copy exists that the writer's visit must not use or feed.
      assert.equal((await server.get(path)).headers.get('x-ytring-cache'), 'miss');
      const email = unique('uden-mail');
      const { id, cookie } = await post(path, { email });
      assert.equal(await statusOf(id), 'approved');
      assert.equal(
        (await server.db.selectFrom('outbox').select('id').where('to_address', '=', email).execute()).length,
        0,
        'no mail asked or sent',
      );
      const href = await editLinkOn(path, cookie);
      assert.match(href, new RegExp(`^/comments/manage\\?token=`));
      const token = decodeURIComponent(href.split('token=')[1]!);
      for (let i = 0; i < 2; i++) {
        const reader = await server.get(path);
        const html = await reader.text();
        // The new comment changed the post: the first reader after it has the page made and kept, the next gets that copy.
        assert.equal(reader.headers.get('x-ytring-cache'), i === 0 ? 'miss' : 'hit');
        assert.ok(!html.includes(token) && !html.includes(encodeURIComponent(token)), 'no token in a page another reader gets');
        assert.doesNotMatch(html, EDIT_LINK);
      }
      // The request log never shows it.
      assert.ok(!redactUrl(href).includes(token));
      assert.ok(!redactUrl(href).includes(encodeURIComponent(token)));
    });

    it('gives the script the edit link in an answer that is not stored', async () => {
      const path = await newPostPath();
      const response = await postComment(server, path, { email: unique('js') }, { headers: { accept: 'application/json' } });
      assert.equal(response.status, 201);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      const json = (await response.json()) as { id: string; editUrl: string; subscribed: boolean };
      assert.equal(json.subscribed, false);
      assert.deepEqual(readEditLinkToken(server.app.secret, decodeURIComponent(json.editUrl.split('token=')[1]!)), { commentId: json.id });
    });

    it('opens the edit form of that comment, and an edit and a deletion through it work within 15 minutes', async () => {
      const path = await newPostPath();
      const { id, cookie } = await post(path, { body: 'Tekst med en tastefjl.' });
      const href = await editLinkOn(path, cookie);
      const page = await server.get(href);
      assert.equal(page.status, 200);
      assert.equal(page.headers.get('cache-control'), 'private, no-store');
      const html = await page.text();
      assert.match(html, /<textarea[^>]*name="body"[^>]*>Tekst med en tastefjl\.<\/textarea>/);
      assert.doesNotMatch(html, /subscriptions\/unsubscribe/, 'there are no reply mails to stop');
      const token = decodeURIComponent(href.split('token=')[1]!);
      const saved = await server.get('/comments/manage', {
        ...form({ token, action: 'edit', body: 'Tekst med en tastefejl rettet.' }),
        redirect: 'manual',
      });
      // Post/Redirect/Get: a reload or Back after saving shows the page, and sends nothing again.
      assert.equal(saved.status, 303);
      assert.equal(saved.headers.get('set-cookie'), null, 'the edit link proves no address');
      const location = saved.headers.get('location') ?? '';
      assert.match(location, /^\/comments\/manage\?token=[^&]+&saved=shown$/);
      assert.equal(await bodyOf(id), 'Tekst med en tastefejl rettet.');
      const after = await server.get(location);
      assert.equal(after.status, 200);
      assert.equal(after.headers.get('cache-control'), 'private, no-store');
      const afterHtml = await after.text();
      assert.match(afterHtml, /<p class="form-notice" role="status">Dine ændringer er gemt\.<\/p>/);
      assert.match(afterHtml, /<textarea[^>]*name="body"[^>]*>Tekst med en tastefejl rettet\.<\/textarea>/);
      const deleted = await server.get('/comments/manage', form({ token, action: 'delete' }));
      assert.equal(deleted.status, 303);
      assert.equal(await bodyOf(id), '');
    });

    it('answers with a clear expired page after 15 minutes and changes nothing', async () => {
      const path = await newPostPath();
      const { id } = await post(path, { body: 'Gammel tekst.' });
      const sixteenMinutesAgo = new Date(Date.now() - 16 * 60_000);
      const expired = editLinkToken(server.app.secret, id, sixteenMinutesAgo);
      const fourteenMinutesAgo = editLinkToken(server.app.secret, id, new Date(Date.now() - 14 * 60_000));
      assert.equal((await server.get(`/comments/manage?token=${encodeURIComponent(fourteenMinutesAgo)}`)).status, 200);
      const page = await server.get(`/comments/manage?token=${encodeURIComponent(expired)}`);
      assert.equal(page.status, 410);
      assert.equal(page.headers.get('cache-control'), 'private, no-store');
      assert.match(await page.text(), /Linket er udløbet[\s\S]*15 minutter/);
      for (const action of ['edit', 'delete', 'confirm-delete']) {
        const response = await server.get('/comments/manage', form({ token: expired, action, body: 'Ny tekst for sent.' }));
        assert.equal(response.status, 410, action);
        await response.arrayBuffer();
      }
      assert.equal(await bodyOf(id), 'Gammel tekst.');
      // The writer's page no longer offers it either: the cookie's own age ends with it, and a stale one is ignored.
      const stale = `ytring_edit=${encodeURIComponent(expired)}`;
      assert.doesNotMatch(await (await server.get(path, { headers: { cookie: stale } })).text(), EDIT_LINK);
    });

    it('reaches only its own comment: not another comment, subscriptions or the writer’s data', async () => {
      const path = await newPostPath();
      const email = unique('en');
      const mine = await post(path, { email, body: 'Min kommentar.' });
      const other = await post(path, { email, body: 'Min anden kommentar.' });
      const token = editLinkToken(server.app.secret, mine.id);
      // The same signature over a payload naming the other comment.
      const [payload, signature] = token.split('.') as [string, string];
      const swapped = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { c: string; e: number };
      const forged = `${Buffer.from(JSON.stringify({ ...swapped, c: other.id })).toString('base64url')}.${signature}`;
      for (const action of ['edit', 'delete']) {
        const response = await server.get('/comments/manage', form({ token: forged, action, body: 'Overtaget.' }));
        assert.equal(response.status, 404, action);
        await response.arrayBuffer();
      }
      assert.equal(await bodyOf(other.id), 'Min anden kommentar.');
      // Other private links do not take it.
      for (const url of [
        `/comments/subscriptions/unsubscribe?token=${encodeURIComponent(token)}`,
        `/comments/subscriptions/confirm?token=${encodeURIComponent(token)}`,
        `/privacy/comments?token=${encodeURIComponent(token)}`,
        `/privacy/comments.json?token=${encodeURIComponent(token)}`,
      ]) {
        const response = await server.get(url);
        assert.equal(response.status, 404, url);
        await response.arrayBuffer();
      }
      const erase = await server.get('/privacy/erase', form({ token }));
      assert.equal(erase.status, 404);
      assert.equal(await bodyOf(mine.id), 'Min kommentar.');
      assert.equal(await bodyOf(other.id), 'Min anden kommentar.');
    });

    /** Sends an edit through the edit link, from the writer's browser; returns the page's HTML. */
    async function edit(path: string, cookie: string, body: string): Promise<string> {
      const href = await editLinkOn(path, cookie);
      const token = decodeURIComponent(href.split('token=')[1]!);
      const saved = await server.get('/comments/manage', {
        ...form({ token, action: 'edit', body }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      });
      assert.equal(saved.status, 303);
      assert.doesNotMatch(saved.headers.get('set-cookie') ?? '', /ytring_proven=/, 'the edit link proves no address');
      const page = await server.get(saved.headers.get('location')!, { headers: { cookie } });
      assert.equal(page.status, 200);
      return page.text();
    }

    // Issue 15: an approved comment stays approved after its writer's edit unless the new text trips
    // the rules a new text meets (links, words, spam-like content) or the site reads every comment.
    it('keeps an approved comment approved after an edit under the first-time policy, yet proves no address for the next comment', async () => {
      const path = await newPostPath();
      const email = unique('kendt');
      const { id, cookie } = await post(path, { email, body: 'Godkendt under åben politik.' });
      assert.equal(await statusOf(id), 'approved');
      await updateSiteSettings(server.db, { commentPolicy: 'first-time' });
      try {
        const html = await edit(path, cookie, 'Godkendt, og nu med en rettelse.');
        assert.equal(await statusOf(id), 'approved', 'a moderator or the policy already let this comment through');
        assert.match(html, /Dine ændringer er gemt\./);
        assert.match(await (await server.get(path)).text(), /Godkendt, og nu med en rettelse\./);
        // Anyone can type someone else's address: the next comment is a new text from an unproven address.
        const next = await postComment(server, path, { email, body: 'Og en mere.' }, { headers: { cookie } });
        assert.equal(await statusOf(commentIdOf(next)!), 'pending');
      } finally {
        await updateSiteSettings(server.db, { commentPolicy: 'open' });
      }
    });

    it('holds an approved comment whose edit adds more links than allowed, and tells the writer why', async () => {
      const path = await newPostPath();
      const { id, cookie } = await post(path, { body: 'Et roligt indlæg uden links.' });
      assert.equal(await statusOf(id), 'approved');
      await updateSiteSettings(server.db, { maxLinks: 1 });
      try {
        const html = await edit(path, cookie, 'Se https://a.example/x og https://b.example/y og https://c.example/z for mere om det.');
        assert.equal(await statusOf(id), 'pending');
        assert.match(html, /vises først igen, når en moderator har godkendt den/);
        assert.match(html, /Den rettede tekst har flere end 1 link/);
        assert.doesNotMatch(await (await server.get(path)).text(), /c\.example/, 'the held text is not public');
      } finally {
        await updateSiteSettings(server.db, { maxLinks: 2 });
      }
    });

    it('holds every edit where the site reads every comment first, and says so', async () => {
      const path = await newPostPath();
      const { id, cookie } = await post(path, { body: 'Skrevet mens alt blev vist.' });
      assert.equal(await statusOf(id), 'approved');
      await updateSiteSettings(server.db, { commentPolicy: 'all' });
      try {
        const html = await edit(path, cookie, 'Rettet, mens alt læses først.');
        assert.equal(await statusOf(id), 'pending');
        assert.match(html, /læser en moderator alle kommentarer – også rettelser – før de vises/);
      } finally {
        await updateSiteSettings(server.db, { commentPolicy: 'open' });
      }
    });
  });
}
