/**
 * Every way back the app takes from a request (login's `next`, the moderation forms' `back`,
 * logout, the comment form, old-path redirects) stays on this site, whatever the request says.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAccount } from '../accounts/account.service.js';
import { updateSiteSettings } from '../settings/settings.service.js';
import { loginAs, type Session } from '../../test/support/admin.js';
import { postComment, readForm } from '../../test/support/comments.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildPost } from '../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';

const HOSTILE = [
  '//evil.example',
  '///evil.example',
  'https://evil.example',
  'http:evil.example',
  'https:evil.example',
  '/\\evil.example',
  '\\\\/evil.example',
  '\\/evil.example',
  '%2F%2Fevil.example',
  '/%2F%2Fevil.example',
  '/%5Cevil.example',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '/%09/evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  ' //evil.example',
  '//evil.example@admin',
  '/admin@evil.example',
  '/admin//evil.example',
  '/admin/\\evil.example',
  '/admin/comments//evil.example',
  '/admin/comments?x=1#//evil.example',
  '/admin/../\\evil.example',
  'evil.example',
  '//evil%E3%80%82example',
  '/admin\r\nLocation: https://evil.example',
];

/**
 * Same-origin as browsers read it: one `/` then neither `/` nor `\`, nothing they would strip
 * (tabs, newlines, other controls, spaces), or the site's own address.
 */
function assertSameOrigin(location: string | null, baseUrl: string, what: string): void {
  assert.ok(location, `${what}: a Location`);
  assert.doesNotMatch(location, /[\s\p{Cc}]/u, `${what}: ${JSON.stringify(location)} has characters browsers strip`);
  const relative = location.startsWith(`${baseUrl}/`) ? location.slice(baseUrl.length) : location;
  assert.match(relative, /^\/(?![/\\])/, `${what}: ${JSON.stringify(location)} is not a path on this site`);
  assert.doesNotMatch(
    decodeURIComponent(relative.split(/[?#]/)[0]!),
    /^\/[/\\]/,
    `${what}: ${JSON.stringify(location)} decodes to another host`,
  );
  assert.equal(new URL(location, baseUrl).origin, new URL(baseUrl).origin, what);
}

const unescapeHtml = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const hiddenValue = (html: string, name: string) => {
  const raw = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
  return raw === undefined ? undefined : unescapeHtml(raw);
};

for (const dialect of DIALECTS) {
  describe(`no open redirect (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    const email = `redirect-${dialect}@staff.example`;
    const password = 'et-langt-kodeord-til-test';

    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin');
      await createAccount(server.db, { name: 'Redirect Tester', email, role: 'admin', password, blogScope: null });
      await updateSiteSettings(server.db, {
        minSecondsToSubmit: 0,
        commentsPerHourPerIp: 10_000,
        commentsPerHourPerEmail: 10_000,
        commentPolicy: 'open',
      });
    });
    after(async () => {
      await server?.close();
    });

    const baseUrl = () => new URL(server.url).origin;

    it("keeps the login form's next and the redirect after login on the site", async () => {
      for (const next of HOSTILE) {
        const form = await (await server.get(`/admin/login?next=${encodeURIComponent(next)}`)).text();
        const kept = hiddenValue(form, 'next');
        if (kept !== undefined) assertSameOrigin(kept, baseUrl(), `login form next=${JSON.stringify(next)}`);
        const response = await server.get('/admin/login', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ email, password, next }),
        });
        assert.equal(response.status, 303, `login with next=${JSON.stringify(next)}`);
        assertSameOrigin(response.headers.get('location'), baseUrl(), `login with next=${JSON.stringify(next)}`);
      }
    });

    it('still follows a next that is an admin page', async () => {
      const response = await server.get('/admin/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email, password, next: '/admin/comments?status=pending' }),
      });
      assert.equal(response.headers.get('location'), '/admin/comments?status=pending');
    });

    it('sends an anonymous visitor of a crafted admin address to the login page on this site', async () => {
      for (const path of [
        '/admin//evil.example',
        '/admin/%2F%2Fevil.example',
        '/admin/%5C%5Cevil.example',
        '/admin/posts?next=//evil.example',
      ]) {
        const response = await server.get(path);
        if (response.status >= 300 && response.status < 400) assertSameOrigin(response.headers.get('location'), baseUrl(), `GET ${path}`);
      }
    });

    it("keeps every moderation form's way back on the comment list", async () => {
      const post = await buildPost(server.db);
      const blog = await server.db.selectFrom('blogs').select('slug').where('id', '=', post.blogId).executeTakeFirstOrThrow();
      const created = await postComment(server, `/${blog.slug}/${post.slug}`);
      const id = /#comment-([0-9a-f-]{36})$/.exec(created.headers.get('location') ?? '')![1]!;
      for (const back of HOSTILE) {
        const what = `back=${JSON.stringify(back)}`;
        for (const page of [`/admin/comments/${id}/edit`, `/admin/comments/${id}/reply`]) {
          const kept = hiddenValue(await (await admin.get(`${page}?back=${encodeURIComponent(back)}`)).text(), 'back');
          assert.ok(kept !== undefined, `${page} has a way back`);
          assertSameOrigin(kept, baseUrl(), `${page} ${what}`);
        }
        for (const [path, fields] of [
          ['/admin/comments/bulk', { action: 'approve', ids: id }],
          ['/admin/comments/bulk', { action: 'nonsense' }],
          [`/admin/comments/${id}/approve`, {}],
          [`/admin/comments/${id}/edit`, { name: 'Karen Kommentator', body: 'En saglig kommentar, rettet.' }],
          [`/admin/comments/${id}/reply`, { body: 'Tak for kommentaren.' }],
        ] as const) {
          const response = await admin.post(path, { ...fields, back });
          assert.equal(response.status, 303, `POST ${path} ${what}`);
          assertSameOrigin(response.headers.get('location'), baseUrl(), `POST ${path} ${what}`);
        }
      }
    });

    it('logs out to the login page, whatever the form adds', async () => {
      const session = await loginAs(server, 'editor');
      const response = await session.post('/admin/logout', {
        next: '//evil.example',
        back: 'https://evil.example',
        returnTo: '//evil.example',
        redirect: '//evil.example',
      });
      assert.equal(response.status, 303);
      assert.equal(response.headers.get('location'), '/admin/login');
    });

    it('returns a comment writer to the post, whatever the request claims', async () => {
      const post = await buildPost(server.db);
      const blog = await server.db.selectFrom('blogs').select('slug').where('id', '=', post.blogId).executeTakeFirstOrThrow();
      const path = `/${blog.slug}/${post.slug}`;
      const send = async (headers: Record<string, string>) => {
        const form = await readForm(server, path);
        return server.get(`${path}/comments?next=%2F%2Fevil.example&return=https%3A%2F%2Fevil.example`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-host': 'evil.example', ...headers },
          body: new URLSearchParams({
            name: 'Karen Kommentator',
            email: 'karen@debat.example',
            body: `En saglig kommentar om vejen tilbage ${Math.random()}.`,
            parent: '//evil.example',
            token: form.token,
            answer: form.answer,
            website: '',
            next: '//evil.example',
            returnTo: 'https://evil.example',
          }),
        });
      };
      const response = await send({});
      assert.equal(response.status, 303);
      assertSameOrigin(response.headers.get('location'), baseUrl(), 'comment form');
      assert.ok(response.headers.get('location')!.startsWith(`${path}`), 'back on the post');
      // Posted from another site, the form is refused on the spot: no redirect at all.
      const foreign = await send({ referer: 'https://evil.example/', origin: 'https://evil.example' });
      assert.equal(foreign.status, 403);
      assert.equal(foreign.headers.get('location'), null);
    });

    it('answers crafted paths without a redirect to another host', async () => {
      for (const path of [
        '//evil.example',
        '//evil.example/',
        '/\\evil.example',
        '/%2F%2Fevil.example',
        '/%5C%5Cevil.example/',
        '///evil.example/%2e%2e',
        '/?p=1&next=//evil.example',
      ]) {
        const response = await server.get(path);
        if (response.status >= 300 && response.status < 400) assertSameOrigin(response.headers.get('location'), baseUrl(), `GET ${path}`);
        else assert.ok([200, 400, 404].includes(response.status), `GET ${path} answered ${response.status}`);
      }
    });
  });
}
