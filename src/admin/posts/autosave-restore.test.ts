import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loginAs, type Session } from '../../../test/support/admin.js';
import { DIALECTS } from '../../../test/support/db.js';
import { buildBlog, buildPerson, buildPost } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { wxrDocument, wxrItem } from '../../../test/support/wxr.js';
import type { Blog } from '../../blogs/blog.js';
import { demoContent } from '../../demo/demo-content.js';
import { loadDemo } from '../../demo/load-demo.js';
import { importWxrFile } from '../../import-export/importer.js';

for (const dialect of DIALECTS) {
  describe(`autosave restore and revision sides (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    let blog: Blog;
    let dir: string;
    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin', { name: 'Ada Admin' });
      blog = await buildBlog(server.db, { slug: 'gem', title: 'Gem' });
      dir = await mkdtemp(join(tmpdir(), 'ytring-autosave-'));
    });
    after(async () => {
      await server?.close();
      await rm(dir, { recursive: true, force: true });
    });

    /** A published post (autosave keeps a revision but leaves the post) with an autosave of a newer text. */
    async function postWithAutosave() {
      const person = await buildPerson(server.db);
      const post = await buildPost(server.db, {
        blogId: blog.id,
        title: 'Gemt titel',
        body: 'Gemt tekst.',
        authors: [{ personId: person.id }],
      });
      const autosave = await admin.post(`/admin/posts/${post.id}/autosave`, {
        blogId: blog.id,
        title: 'Gemt titel',
        lead: '',
        body: 'Nyere tekst, kun autogemt.',
        tags: '',
        commentsOpen: '1',
        author_person: [person.id],
        author_note: [''],
        author_order: ['1'],
      });
      assert.equal(autosave.status, 200);
      return { post, revisionId: ((await autosave.json()) as { revisionId: string }).revisionId };
    }

    it('offers an autosave newer than the saved post, and restores it', async () => {
      const { post, revisionId } = await postWithAutosave();
      const editor = await (await admin.get(`/admin/posts/${post.id}/edit`)).text();
      assert.match(editor, /class="form-notice autosave-offer" role="status"/);
      assert.match(editor, new RegExp(`/admin/posts/${post.id}/revisions/${revisionId}/restore`));
      const restored = await admin.post(`/admin/posts/${post.id}/revisions/${revisionId}/restore`);
      assert.equal(restored.status, 303);
      const after = await (await admin.get(`/admin/posts/${post.id}/edit?restored=1`)).text();
      assert.match(after, /Nyere tekst, kun autogemt\./);
      assert.doesNotMatch(after, /autosave-offer/);
    });

    it('discards an autosave on request, and offers it no more', async () => {
      const { post, revisionId } = await postWithAutosave();
      const discarded = await admin.post(`/admin/posts/${post.id}/revisions/${revisionId}/discard`);
      assert.equal(discarded.status, 303);
      const editor = await (await admin.get(discarded.headers.get('location')!)).text();
      assert.doesNotMatch(editor, /autosave-offer/);
      assert.match(editor, /Gemt tekst\./);
      assert.match(editor, /automatisk gemte version er kasseret/);
    });

    it('says which side of a comparison is older and which newer, with time and author', async () => {
      const { post, revisionId } = await postWithAutosave();
      const html = await (await admin.get(`/admin/posts/${post.id}/revisions/${revisionId}`)).text();
      assert.match(html, /id="side-older"><del>Ældre: [^<]*\(den gemte version nu\)/);
      assert.match(html, /id="side-newer"><ins>Nyere: [^<]*Ada Admin/);
      // The autosave is the newer side: its text is what was added.
      assert.match(html, /<ins><span class="visually-hidden">tilføjet: <\/span>Nyere tekst, kun autogemt\.<\/ins>/);
    });

    it('gives demo posts a first revision each', async () => {
      const earlier = new Set((await server.db.selectFrom('posts').select('id').execute()).map((p) => p.id));
      await loadDemo(server.db, demoContent, { secret: server.app.secret });
      const demo = (await server.db.selectFrom('posts').select('id').execute()).filter((p) => !earlier.has(p.id));
      const revised = new Set((await server.db.selectFrom('post_revisions').select('post_id').execute()).map((r) => r.post_id));
      assert.ok(demo.length > 5);
      assert.deepEqual(
        demo.filter((p) => !revised.has(p.id)),
        [],
      );
    });

    it('gives imported posts a first revision', async () => {
      const file = join(dir, 'import.xml');
      await writeFile(file, wxrDocument('', wxrItem({ id: 1, name: 'importeret', content: '<p>Fra WordPress.</p>' })));
      await importWxrFile(server.db, file, { secret: server.app.secret, blogSlug: `import-${dialect}` });
      const post = await server.db.selectFrom('posts').select('id').where('slug', '=', 'importeret').executeTakeFirstOrThrow();
      const revisions = await server.db.selectFrom('post_revisions').select('kind').where('post_id', '=', post.id).execute();
      assert.deepEqual(
        revisions.map((r) => r.kind),
        ['save'],
      );
    });
  });
}
