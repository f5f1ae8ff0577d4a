/** What a route's schema answers when input does not fit: never Fastify's bare JSON, and never before the admin's own checks. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formBody, serverWithAdmin } from '../../test/support/admin.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildPerson, buildPost } from '../../test/support/factories.js';
import { readForm } from '../../test/support/comments.js';
import { getBlogById } from '../blogs/blog.service.js';

for (const dialect of DIALECTS) {
  describe(`route schemas (${dialect})`, () => {
    const site = serverWithAdmin(dialect);

    it('answers a form field sent twice by hand with the bad-request page, in HTML', async () => {
      const response = await site.admin.post('/admin/people', { name: ['Ada', 'Grace'] });
      assert.equal(response.status, 400);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    });

    it('refuses an anonymous malformed form as forbidden, before its shape is looked at', async () => {
      const response = await site.server.get('/admin/people', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: formBody({ name: ['Ada', 'Grace'] }),
      });
      assert.equal(response.status, 403);
    });

    it('answers an address whose parameters do not fit as not found', async () => {
      assert.equal((await site.server.get('/archive/2024/13')).status, 404);
      assert.equal((await site.server.get('/accent.css?v=rød')).status, 404);
    });

    // Each case below answered 200, 303 or 422 with the repeated value dropped before its route had a schema.
    const isPage = (response: Response) => /^text\/html/.test(response.headers.get('content-type') ?? '');
    const public_ = (path: string, fields: Record<string, string | string[]>) =>
      site.server.get(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: formBody(fields),
      });

    it('answers a merge page whose address names two people to merge into as not found', async () => {
      const person = await buildPerson(site.server.db);
      const other = await buildPerson(site.server.db);
      assert.equal((await site.admin.get(`/admin/people/${person.id}/merge?into=${other.id}`)).status, 200);
      assert.equal((await site.admin.get(`/admin/people/${person.id}/merge?into=${other.id}&into=${person.id}`)).status, 404);
    });

    it('answers a merge form naming two people with the bad-request page', async () => {
      const person = await buildPerson(site.server.db);
      const other = await buildPerson(site.server.db);
      const response = await site.admin.post(`/admin/people/${person.id}/merge`, { into: [other.id, other.id] });
      assert.equal(response.status, 400);
      assert.ok(isPage(response));
    });

    it('answers the posts list filtered by two statuses at once as not found', async () => {
      assert.equal((await site.admin.get('/admin/posts?status=draft')).status, 200);
      assert.equal((await site.admin.get('/admin/posts?status=draft&status=published')).status, 404);
    });

    it('answers the post editor sent with two titles with the bad-request page', async () => {
      const response = await site.admin.post('/admin/posts', { title: ['Første', 'Anden'], body: 'Tekst' });
      assert.equal(response.status, 400);
      assert.ok(isPage(response));
    });

    it('answers the post editor sent as multipart with two titles with the bad-request page', async () => {
      const form = new FormData();
      form.append('title', 'Første');
      form.append('title', 'Anden');
      form.append('author_person', site.admin.personId);
      const response = await site.server.get(`/admin/posts?_csrf=${encodeURIComponent(site.admin.csrf)}`, {
        method: 'POST',
        headers: { cookie: site.admin.cookie },
        body: form,
      });
      assert.equal(response.status, 400);
      assert.ok(isPage(response));
    });

    it('answers a bulk action sent with two actions with the bad-request page', async () => {
      const post = await buildPost(site.server.db);
      const response = await site.admin.post('/admin/posts/bulk', { action: ['publish', 'delete'], ids: post.id });
      assert.equal(response.status, 400);
    });

    it('answers a follower import sent with two targets with the bad-request page', async () => {
      const response = await site.admin.post('/admin/followers/import', { topic: ['site', 'site'], rows: 'a@b.example' });
      assert.equal(response.status, 400);
      assert.ok(isPage(response));
    });

    it('answers the media library searched for two things at once as not found', async () => {
      assert.equal((await site.admin.get('/admin/media?q=a')).status, 200);
      assert.equal((await site.admin.get('/admin/media?q=a&q=b')).status, 404);
    });

    it('answers the public follow form with two addresses with the bad-request page', async () => {
      const response = await public_('/follow', { email: ['a@b.example', 'c@d.example'], topic: 'site' });
      assert.equal(response.status, 400);
      assert.ok(isPage(response));
    });

    it('answers the comment form with two texts with the bad-request page', async () => {
      const post = await buildPost(site.server.db);
      const path = `/${(await getBlogById(site.server.db, post.blogId)).slug}/${post.slug}`;
      const form = await readForm(site.server, path);
      const response = await public_(`${path}/comments`, {
        name: 'Karen',
        email: 'karen@debat.example',
        body: ['Første tekst', 'Anden tekst'],
        token: form.token,
        answer: form.answer,
      });
      assert.equal(response.status, 400);
      assert.ok(isPage(response));
    });

    it('answers the privacy request with two addresses with the bad-request page', async () => {
      const response = await public_('/privacy', { email: ['a@b.example', 'c@d.example'] });
      assert.equal(response.status, 400);
      assert.ok(isPage(response));
    });

    it("answers a live stream asked from two places at once as not found, and keeps the post page's loose links working", async () => {
      const post = await buildPost(site.server.db);
      const path = `/${(await getBlogById(site.server.db, post.blogId)).slug}/${post.slug}`;
      assert.equal((await site.server.get(`/live/posts/${post.id}?after=1&after=2`)).status, 404);
      // A stale or mistyped page or reply link, or a parameter someone added, still shows the post.
      for (const query of ['?comments-page=abc', `?reply=x`, '?utm_source=nyhedsbrev']) {
        assert.equal((await site.server.get(`${path}${query}`, { redirect: 'follow' })).status, 200, query);
      }
    });

    it('answers a feed with an ending that names no format as not found, and each format as its own type', async () => {
      const post = await buildPost(site.server.db);
      const blog = (await getBlogById(site.server.db, post.blogId)).slug;
      for (const path of ['/feed.xml', `/${blog}/feed.html`, `/${blog}/${post.slug}/comments/feed.txt`]) {
        assert.equal((await site.server.get(path)).status, 404, path);
      }
      const types = await Promise.all(
        ['atom', 'rss', 'json'].map(async (format) => (await site.server.get(`/${blog}/feed.${format}`)).headers.get('content-type')),
      );
      assert.deepEqual(
        types.map((t) => t?.split(';')[0]),
        ['application/atom+xml', 'application/rss+xml', 'application/feed+json'],
      );
    });

    it('takes a one-click unsubscribe without a body, and a mailed link with parameters a mail client added', async () => {
      const oneClick = await site.server.get('/follow/unsubscribe?token=ukendt', { method: 'POST' });
      assert.equal(oneClick.status, 404, 'an unknown token is an invalid link, not a bad request');
      assert.match(await oneClick.text(), /<html/);
      for (const path of ['/follow/manage', '/comments/manage']) {
        const plain = await (await site.server.get(`${path}?token=ukendt`)).text();
        assert.equal(
          await (await site.server.get(`${path}?token=ukendt&utm_source=mail`)).text(),
          plain,
          `${path}: the same invalid-link page`,
        );
      }
    });
  });
}
