import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { loginAs, type Session } from '../../../test/support/admin.js';
import { DIALECTS } from '../../../test/support/db.js';
import { buildBlog, buildPerson, buildPost } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import type { Blog } from '../../blogs/blog.js';
import { getFeaturedImageFields, setFeaturedImage } from '../../uploads/media.service.js';
import { createUpload, type Upload } from '../../uploads/upload.service.js';

for (const dialect of DIALECTS) {
  describe(`revisions and autosaves keep the featured image (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    let blog: Blog;
    let field: Upload;
    let forest: Upload;
    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin', { name: 'Ada Admin' });
      blog = await buildBlog(server.db, { slug: 'billeder', title: 'Billeder' });
      const actor = { accountId: admin.accountId, personId: admin.personId, name: 'Ada', role: 'admin' as const, blogScope: null };
      const image = (background: string) =>
        sharp({ create: { width: 400, height: 300, channels: 3, background } })
          .jpeg()
          .toBuffer();
      field = await createUpload(server.db, server.uploadsDir, actor, { data: await image('#2a6'), alt: 'Grøn mark' });
      forest = await createUpload(server.db, server.uploadsDir, actor, { data: await image('#153'), alt: 'Mørk skov' });
    });
    after(async () => {
      await server?.close();
    });

    /** A published post with `field` as its featured image, saved through the editor so it has a revision. */
    async function postWithImage() {
      const person = await buildPerson(server.db);
      const post = await buildPost(server.db, { blogId: blog.id, title: 'Med billede', authors: [{ personId: person.id }] });
      const saved = await admin.post(`/admin/posts/${post.id}`, {
        blogId: blog.id,
        title: 'Med billede',
        slug: post.slug,
        lead: '',
        body: 'Tekst.',
        tags: '',
        commentsOpen: '1',
        status_action: 'publish',
        publish_at: '',
        author_person: [person.id],
        author_note: [''],
        author_order: ['1'],
        featured_upload: field.id,
        featured_alt: 'Marken ved gården',
        featured_caption: 'Juni',
        featured_credit: 'Eget foto',
        op: 'save',
      });
      assert.equal(saved.status, 303);
      return { post, person };
    }

    const revisionsOf = (postId: string) =>
      server.db.selectFrom('post_revisions').selectAll().where('post_id', '=', postId).orderBy('created_at').orderBy('id').execute();

    it('records the featured image with its words in the revision a save writes', async () => {
      const { post } = await postWithImage();
      const last = (await revisionsOf(post.id)).at(-1)!;
      assert.deepEqual((JSON.parse(last.snapshot) as { featuredImage: unknown }).featuredImage, {
        uploadId: field.id,
        alt: 'Marken ved gården',
        caption: 'Juni',
        credit: 'Eget foto',
      });
    });

    it('restores the featured image of an older revision, and compares the two images', async () => {
      const { post } = await postWithImage();
      const older = (await revisionsOf(post.id)).at(-1)!;
      await setFeaturedImage(server.db, post.id, { uploadId: forest.id, alt: 'Skoven om vinteren' });
      const html = await (await admin.get(`/admin/posts/${post.id}/revisions/${older.id}`)).text();
      assert.match(html, /<h2 id="diff-featured">Udvalgt billede<\/h2>/);
      assert.match(html, /<del><figure[^>]*>[\s\S]*?Ældre: Grøn mark<\/figcaption>/);
      assert.match(html, /<ins><figure[^>]*>[\s\S]*?Nyere: Mørk skov<\/figcaption>/);
      assert.match(html, /<ins><span class="visually-hidden">tilføjet: <\/span>Skoven om vinteren<\/ins>/);

      const restored = await admin.post(`/admin/posts/${post.id}/revisions/${older.id}/restore`);
      assert.equal(restored.status, 303);
      assert.deepEqual(await getFeaturedImageFields(server.db, post.id), {
        uploadId: field.id,
        alt: 'Marken ved gården',
        caption: 'Juni',
        credit: 'Eget foto',
      });
    });

    it('offers an autosave that only changed the image, and restoring it brings the image back', async () => {
      const { post, person } = await postWithImage();
      const autosave = await admin.post(`/admin/posts/${post.id}/autosave`, {
        blogId: blog.id,
        title: 'Med billede',
        lead: '',
        body: 'Tekst.',
        tags: '',
        commentsOpen: '1',
        author_person: [person.id],
        author_note: [''],
        author_order: ['1'],
        featured_upload: forest.id,
        featured_alt: 'Skoven',
        featured_caption: '',
        featured_credit: '',
      });
      assert.equal(autosave.status, 200);
      const { revisionId } = (await autosave.json()) as { revisionId: string };
      // A published post is left alone by an autosave: the image changes only when restored.
      assert.equal((await getFeaturedImageFields(server.db, post.id)).uploadId, field.id);
      const editor = await (await admin.get(`/admin/posts/${post.id}/edit`)).text();
      assert.match(editor, new RegExp(`/admin/posts/${post.id}/revisions/${revisionId}/restore`));
      await admin.post(`/admin/posts/${post.id}/revisions/${revisionId}/restore`);
      assert.deepEqual(await getFeaturedImageFields(server.db, post.id), { uploadId: forest.id, alt: 'Skoven', caption: '', credit: '' });
    });

    it('keeps the image when restoring a revision written before images were recorded, and says so', async () => {
      const { post } = await postWithImage();
      const old = (await revisionsOf(post.id)).at(-1)!;
      const snapshot = JSON.parse(old.snapshot) as Record<string, unknown>;
      delete snapshot.featuredImage;
      await server.db
        .updateTable('post_revisions')
        .set({ snapshot: JSON.stringify(snapshot) })
        .where('id', '=', old.id)
        .execute();
      await setFeaturedImage(server.db, post.id, { uploadId: forest.id, alt: 'Skoven' });
      const html = await (await admin.get(`/admin/posts/${post.id}/revisions/${old.id}`)).text();
      assert.match(html, /beholder indlægget sit billede/);
      await admin.post(`/admin/posts/${post.id}/revisions/${old.id}/restore`);
      assert.equal((await getFeaturedImageFields(server.db, post.id)).uploadId, forest.id);
    });
  });
}
