/**
 * A first-run site has no blog, and a post belongs to one: the editor says so before anything is
 * typed (an administrator gets the way to the blog form, others are told whom to ask) and starts no
 * background draft that could only fail.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loginAs, type Session } from '../../../test/support/admin.js';
import { DIALECTS } from '../../../test/support/db.js';
import { buildBlog } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

for (const dialect of DIALECTS) {
  describe(`the post editor on a site without a blog (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    let editor: Session;

    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin');
      editor = await loginAs(server, 'editor');
    });
    after(async () => {
      await server?.close();
    });

    const editorPage = async (session: Session) => {
      const response = await server.get('/admin/posts/new', { headers: { cookie: session.cookie } });
      assert.equal(response.status, 200);
      return response.text();
    };

    it('tells an administrator there is no blog yet and links to the blog form, with no background draft', async () => {
      const html = await editorPage(admin);
      assert.match(html, /<p class="form-notice form-notice--warning" id="no-blog">[^<]*<a href="\/admin\/blogs\/new">/);
      assert.doesNotMatch(html, /data-autosave-new-url/);
      assert.doesNotMatch(html, /<select id="post-blog"/);
    });

    it('tells an editor, who cannot make blogs, to ask an administrator', async () => {
      const html = await editorPage(editor);
      assert.match(html, /id="no-blog"/);
      assert.match(html, /Bed en administrator om at oprette en\./);
      assert.doesNotMatch(html, /href="\/admin\/blogs\/new"/);
    });

    it('is the usual editor once a blog exists', async () => {
      await buildBlog(server.db, { slug: 'foerste', title: 'Den første' });
      const html = await editorPage(admin);
      assert.doesNotMatch(html, /id="no-blog"/);
      assert.match(html, /data-autosave-new-url="\/admin\/posts\/autosave"/);
      assert.match(html, /<select id="post-blog"[^>]*>\s*<option value="[^"]+" selected>Den første<\/option>/);
    });
  });
}
