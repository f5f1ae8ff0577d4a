import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loginAs, type Session } from '../../test/support/admin.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildBlog, buildPerson, buildPost } from '../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import type { Blog } from '../blogs/blog.js';
import { updatePost } from './post.service.js';

const PRIVATE = 'private, no-store';

function assertPreviewHeaders(response: Response) {
  assert.equal(response.headers.get('cache-control'), PRIVATE);
  assert.equal(response.headers.get('cdn-cache-control'), 'no-store');
  assert.match(response.headers.get('x-robots-tag') ?? '', /noindex/);
  assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
}

/** Makes a preview link through the admin and returns its path. */
async function makeLink(session: Session, postId: string, days = '7'): Promise<string> {
  const response = await session.post(`/admin/posts/${postId}/preview-links`, { days });
  assert.equal(response.status, 201);
  const html = await response.text();
  const url = /id="share-url"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? /value="([^"]+)"[^>]*id="share-url"/.exec(html)?.[1];
  assert.ok(url, 'the new link is shown');
  return new URL(url).pathname;
}

for (const dialect of DIALECTS) {
  describe(`previews of posts not out yet (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    let blog: Blog;
    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin');
      blog = await buildBlog(server.db, { slug: 'udkast', title: 'Udkastene' });
    });
    after(async () => {
      await server?.close();
    });

    const draft = (overrides: Parameters<typeof buildPost>[1] = {}) =>
      buildPost(server.db, { blogId: blog.id, status: 'draft', publishedAt: null, ...overrides });

    it('answers anonymous readers 404 for a draft, and keeps no copy of it', async () => {
      const post = await draft({ title: 'Hemmeligt udkast' });
      for (let i = 0; i < 2; i++) {
        const response = await server.get(`/udkast/${post.slug}`);
        assert.equal(response.status, 404);
        assert.doesNotMatch(await response.text(), /Hemmeligt udkast/);
      }
    });

    it('shows staff who may edit it the draft at its address, with the banner and an edit link, never cached', async () => {
      const owner = await buildPerson(server.db, { name: 'Ejer Ejersen', jobTitle: 'Chef' });
      const ownedBlog = await buildBlog(server.db, { slug: 'ejet', title: 'Ejet', description: 'Om alt.', ownerIds: [owner.id] });
      const post = await buildPost(server.db, {
        blogId: ownedBlog.id,
        status: 'draft',
        publishedAt: null,
        title: 'Udkast med kasser',
        infoBoxes: [{ heading: 'Kontakt os', contacts: [{ name: 'Kim', role: 'rådgiver', phone: '', email: '' }] }],
      });
      const response = await admin.get(`/ejet/${post.slug}`);
      assert.equal(response.status, 200);
      assertPreviewHeaders(response);
      const html = await response.text();
      assert.match(html, /class="preview-banner" role="status"/);
      assert.match(html, /Ikke udgivet/);
      assert.match(html, new RegExp(`href="/admin/posts/${post.id}/edit"`));
      assert.match(html, /<h1>Udkast med kasser<\/h1>/);
      assert.match(html, /Kontakt os/);
      assert.match(html, /class="profile"[\s\S]*Om alt\./);
      // The comment area as readers see it, but nothing can be sent.
      assert.match(html, /<fieldset class="preview-comments" disabled/);
      // Afterwards, an anonymous reader is still told there is nothing.
      assert.equal((await server.get(`/ejet/${post.slug}`)).status, 404);
    });

    it('says when a scheduled post will go out', async () => {
      const at = new Date(Date.now() + 3 * 86_400_000);
      const post = await draft({ title: 'Planlagt', status: 'scheduled', publishedAt: at });
      const html = await (await admin.get(`/udkast/${post.slug}`)).text();
      assert.match(html, /Indlægget udgives/);
      assert.equal((await server.get(`/udkast/${post.slug}`)).status, 404);
    });

    it('answers 404 to staff who may not edit the post, and to a cookie that is no session', async () => {
      const own = await buildPerson(server.db);
      const post = await draft({ authors: [{ personId: own.id }] });
      const author = await loginAs(server, 'author');
      assert.equal((await author.get(`/udkast/${post.slug}`)).status, 404);
      assert.equal((await server.get(`/udkast/${post.slug}`, { headers: { cookie: 'ytring_session=made-up' } })).status, 404);
    });

    it('leaves a published page cacheable after staff looked at a draft', async () => {
      const post = await buildPost(server.db, { blogId: blog.id, title: 'Ude' });
      await server.get(`/udkast/${post.slug}`);
      const second = await server.get(`/udkast/${post.slug}`);
      assert.equal(second.headers.get('x-ytring-cache'), 'hit');
    });

    it('opens a preview link for anyone, with private headers, and the page cache never keeps it', async () => {
      const post = await draft({ title: 'Til gæsteeksperten' });
      const path = await makeLink(admin, post.id);
      assert.match(path, /^\/preview\/[A-Za-z0-9_-]{43}$/);
      for (let i = 0; i < 2; i++) {
        const response = await server.get(path);
        assert.equal(response.status, 200);
        assertPreviewHeaders(response);
        assert.notEqual(response.headers.get('x-ytring-cache'), 'hit');
        const html = await response.text();
        assert.match(html, /<h1>Til gæsteeksperten<\/h1>/);
        assert.match(html, /delt link, der udløber/);
        assert.doesNotMatch(html, /\/admin\/posts\//);
      }
      // The token is not stored as such.
      const rows = await server.db.selectFrom('post_preview_links').select('token_hash').execute();
      assert.ok(rows.every((r) => !path.endsWith(r.token_hash)));
    });

    it('answers 410 for a revoked link, and lists it as withdrawn', async () => {
      const post = await draft();
      const path = await makeLink(admin, post.id);
      const page = await (await admin.get(`/admin/posts/${post.id}/preview-links`)).text();
      const linkId = /preview-links\/([0-9a-f-]{36})\/revoke/.exec(page)?.[1];
      assert.ok(linkId);
      const revoke = await admin.post(`/admin/posts/${post.id}/preview-links/${linkId}/revoke`);
      assert.equal(revoke.status, 303);
      const response = await server.get(path);
      assert.equal(response.status, 410);
      assertPreviewHeaders(response);
      assert.match(await response.text(), /trukket tilbage/);
      assert.match(await (await admin.get(`/admin/posts/${post.id}/preview-links`)).text(), /data-state="revoked"/);
      const audit = await server.db.selectFrom('audit_log').select('action').where('subject_id', '=', post.id).execute();
      assert.deepEqual(audit.map((a) => a.action).sort(), ['post.preview-link.create', 'post.preview-link.revoke']);
    });

    it('answers 410 for an expired link and 404 for an unknown one', async () => {
      const post = await draft();
      const path = await makeLink(admin, post.id, '1');
      await server.db
        .updateTable('post_preview_links')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .execute();
      const expired = await server.get(path);
      assert.equal(expired.status, 410);
      assert.match(await expired.text(), /udløbet/);
      const unknown = await server.get(`/preview/${'A'.repeat(43)}`);
      assert.equal(unknown.status, 404);
      assertPreviewHeaders(unknown);
    });

    it('leads to the public post once it is published', async () => {
      const post = await draft();
      const path = await makeLink(admin, post.id);
      await updatePost(server.db, post.id, {
        blogId: blog.id,
        title: post.title,
        slug: post.slug,
        lead: '',
        body: 'x',
        status: 'published',
        publishedAt: new Date(),
        authors: [{ personId: (await buildPerson(server.db)).id }],
      });
      const response = await server.get(path);
      assert.equal(response.status, 303);
      assert.equal(response.headers.get('location'), `/udkast/${post.slug}`);
    });

    it('refuses preview links to someone who may not edit the post', async () => {
      const post = await draft();
      const author = await loginAs(server, 'author');
      assert.equal((await author.post(`/admin/posts/${post.id}/preview-links`, { days: '7' })).status, 403);
      assert.equal((await author.get(`/admin/posts/${post.id}/preview-links`)).status, 403);
    });
  });
}
