import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loginAs, type Session } from '../../../test/support/admin.js';
import { DIALECTS } from '../../../test/support/db.js';
import { buildBlog, buildPost } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import type { Blog } from '../../blogs/blog.js';
import { scheduledJobs } from '../../scheduled-jobs.js';
import { EDITOR_STATE_TTL_MS } from './editor-state.js';

type Fields = Record<string, string | string[]>;

const fields = (blogId: string, personId: string, overrides: Fields = {}): Fields => ({
  blogId,
  title: '',
  slug: '',
  lead: '',
  body: 'Tekst jeg ikke vil miste.',
  tags: '',
  commentsOpen: '1',
  status_action: 'draft',
  publish_at: '',
  author_person: [personId, ''],
  author_note: ['', ''],
  author_order: ['1', ''],
  op: 'save',
  ...overrides,
});

const quietLog = { info: () => {}, error: () => {} };

for (const dialect of DIALECTS) {
  describe(`post editor: a form shown back is redirected to (${dialect})`, () => {
    let server: TestServer;
    let writer: Session;
    let other: Session;
    let blog: Blog;

    before(async () => {
      server = await startTestServer(dialect);
      writer = await loginAs(server, 'author');
      other = await loginAs(server, 'admin');
      blog = await buildBlog(server.db);
    });
    after(async () => {
      await server?.close();
    });

    /** POSTs the form and says where its 303 points. */
    const refused = async (path: string, overrides: Fields = {}) => {
      const response = await writer.post(path, fields(blog.id, writer.personId, overrides));
      assert.equal(response.status, 303, `answered ${response.status}`);
      return response.headers.get('location') ?? '';
    };

    it('answers a refused save with 303 to a GET that shows the problems and the typed text, on every reload', async () => {
      const location = await refused('/admin/posts');
      assert.match(location, /^\/admin\/posts\/new\?form=[\w-]{24}$/);
      for (const _reload of [1, 2]) {
        const page = await writer.get(location);
        assert.equal(page.status, 200);
        const html = await page.text();
        assert.match(html, /id="error-summary"/);
        assert.match(html, /<a href="#post-title">/);
        assert.match(html, /Tekst jeg ikke vil miste\./);
        assert.match(html, /data-unsaved="1"/);
      }
      assert.equal((await server.db.selectFrom('posts').select('id').where('blog_id', '=', blog.id).execute()).length, 0);
    });

    it("keeps a row button, the preview and an existing post's refused save behind a redirect too", async () => {
      const added = await writer.get(await refused('/admin/posts', { title: 'Halvt', op: 'add-link' }));
      assert.match(await added.text(), /id="link-\d+-title" name="link_title" autofocus/);
      const preview = await writer.get(await refused('/admin/posts', { title: 'Halvt', body: '**fed**', op: 'preview' }));
      assert.match(await preview.text(), /<strong>fed<\/strong>/);
      const post = await buildPost(server.db, { blogId: blog.id, authors: [{ personId: writer.personId }] });
      const location = await refused(`/admin/posts/${post.id}`, { title: '', body: 'Ny tekst' });
      assert.match(location, new RegExp(`^/admin/posts/${post.id}/edit\\?form=[\\w-]{24}$`));
      const html = await (await writer.get(location)).text();
      assert.match(html, /<a href="#post-title">/);
      assert.match(html, /Ny tekst/);
    });

    it("never shows the form to another account, nor at another post's address", async () => {
      const location = await refused('/admin/posts', { body: 'Kun min tekst' });
      const page = await other.get(location);
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /id="form-gone"/);
      assert.doesNotMatch(html, /Kun min tekst/);
      const post = await buildPost(server.db, { blogId: blog.id, authors: [{ personId: writer.personId }] });
      const elsewhere = await (await writer.get(`/admin/posts/${post.id}/edit?${location.split('?')[1]}`)).text();
      assert.match(elsewhere, /id="form-gone"/);
      assert.doesNotMatch(elsewhere, /Kun min tekst/);
    });

    it('says politely that an expired or unknown form is gone and shows the editor', async () => {
      const location = await refused('/admin/posts', { body: 'Gammel tekst' });
      const id = location.split('form=')[1]!;
      const old = new Date(Date.now() - EDITOR_STATE_TTL_MS - 60_000).toISOString();
      await server.db.updateTable('editor_states').set({ created_at: old }).where('id', '=', id).execute();
      for (const path of [location, '/admin/posts/new?form=ikke-et-id', '/admin/posts/new?form=AAAAAAAAAAAAAAAAAAAAAAAA']) {
        const page = await writer.get(path);
        assert.equal(page.status, 200, path);
        const html = await page.text();
        assert.match(html, /id="form-gone"/, path);
        assert.doesNotMatch(html, /Gammel tekst/, path);
        assert.match(html, /id="post-editor"/, path);
      }
    });

    it('is pruned by the scheduled jobs once expired, and keeps a fresh one', async () => {
      const fresh = (await refused('/admin/posts')).split('form=')[1]!;
      const stale = (await refused('/admin/posts')).split('form=')[1]!;
      const old = new Date(Date.now() - EDITOR_STATE_TTL_MS - 60_000).toISOString();
      await server.db.updateTable('editor_states').set({ created_at: old }).where('id', '=', stale).execute();
      const job = scheduledJobs(server.db, quietLog).find((j) => j.name === 'prune-editor-states');
      await job!.run();
      const left = (await server.db.selectFrom('editor_states').select('id').where('id', 'in', [fresh, stale]).execute()).map((r) => r.id);
      assert.deepEqual(left, [fresh]);
    });
  });
}
