/** Removing the demo content in one action (issue 13): every demo post, comment, blog and person goes; the site's own content stays. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loginAs, type Session } from '../../test/support/admin.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildBlog, buildPerson, buildPost } from '../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { setFeaturedImage } from '../uploads/media.service.js';
import { loadSharp, storeUpload, uploadFileNames } from '../uploads/upload.service.js';

for (const dialect of DIALECTS) {
  describe(`removing the demo content (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    before(async () => {
      server = await startTestServer(dialect, { demo: true });
      admin = await loginAs(server, 'admin', { name: 'Ada Admin' });
    });
    after(async () => {
      await server?.close();
    });

    const idOf = async (table: 'blogs' | 'people', column: 'slug', value: string) =>
      (await server.db.selectFrom(table).select('id').where(column, '=', value).executeTakeFirstOrThrow()).id;
    const exists = async (table: 'posts' | 'blogs' | 'people', id: string) =>
      (await server.db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
    const count = async (table: 'posts' | 'blogs' | 'people' | 'comments') =>
      Number(
        (
          await server.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('says what it removes, then removes the demo and keeps what the site made, also in a demo blog or by a demo author', async () => {
      const demoBlog = await idOf('blogs', 'slug', 'forvaltning');
      const demoAuthor = await idOf('people', 'slug', 'lars-kjaergaard-juhl');
      const ownPerson = await buildPerson(server.db, { name: 'Egen Skribent' });
      const ownBlog = await buildBlog(server.db, { slug: 'egen', ownerIds: [ownPerson.id] });
      const inDemoBlog = await buildPost(server.db, {
        blogId: demoBlog,
        title: 'Vores første rigtige indlæg',
        authors: [{ personId: demoAuthor }],
      });
      const inOwnBlog = await buildPost(server.db, { blogId: ownBlog.id, authors: [{ personId: ownPerson.id }] });
      const demoPosts = await count('posts');
      assert.ok(demoPosts > 5);
      const demoImages = await server.db.selectFrom('uploads').select(['id', 'file_name', 'variants']).execute();
      assert.equal(demoImages.length, demoPosts - 2, 'each demo post has a drawn image');
      const [reused, ...drawn] = demoImages;
      await setFeaturedImage(server.db, inOwnBlog.id, { uploadId: reused!.id, alt: 'Genbrugt illustration' });
      // A demo loaded before its images were marked: it is still known by the demo post it illustrates.
      await server.db.deleteFrom('demo_items').where('item_type', '=', 'upload').where('item_id', '=', drawn[0]!.id).execute();
      const sharp = await loadSharp();
      const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#336699' } })
        .png()
        .toBuffer();
      const own = await storeUpload(server.db, server.uploadsDir, { data: png, alt: 'Eget billede' }, null);

      const page = await (await admin.get('/admin/settings/demo')).text();
      assert.match(page, new RegExp(`Dette fjernes: ${demoPosts - 2} indlæg, \\d+ kommentarer, 3 blogs og \\d+ personer\\.`));
      const response = await admin.post('/admin/settings/demo');
      assert.equal(response.status, 303);

      assert.ok(await exists('posts', inDemoBlog.id));
      assert.ok(await exists('posts', inOwnBlog.id));
      assert.equal(await count('posts'), 2, 'only the site’s own posts are left');
      assert.equal(await count('comments'), 0);
      assert.ok(await exists('blogs', demoBlog), 'a demo blog holding an own post stays');
      assert.ok(await exists('blogs', ownBlog.id));
      assert.equal(await count('blogs'), 2);
      assert.ok(await exists('people', demoAuthor), 'a demo person named by an own post stays');
      assert.ok(await exists('people', ownPerson.id));
      assert.ok(await exists('people', admin.personId));
      const uploadsLeft = (await server.db.selectFrom('uploads').select('id').orderBy('id').execute()).map((u) => u.id);
      assert.deepEqual(uploadsLeft, [reused!.id, own.id].sort(), 'the unused drawn images go; a reused one and the site’s own stay');
      for (const image of drawn)
        for (const name of uploadFileNames(image)) assert.ok(!existsSync(join(server.uploadsDir, name)), `${name} is removed from disk`);
      for (const name of uploadFileNames(reused!)) assert.ok(existsSync(join(server.uploadsDir, name)));
      assert.equal((await server.get('/arbejdsliv')).status, 404);
      assert.doesNotMatch(await (await server.get('/search?q=partnerskab')).text(), /Fælles mål på tværs/);
      assert.match(await (await admin.get('/admin/settings/demo')).text(), /Der er intet demoindhold tilbage\./);
      const audit = await server.db.selectFrom('audit_log').select('action').where('action', '=', 'demo.remove').execute();
      assert.equal(audit.length, 1);
    });

    it('refuses the removal to an editor', async () => {
      const editor = await loginAs(server, 'editor');
      assert.equal((await editor.post('/admin/settings/demo')).status, 403);
    });
  });
}
