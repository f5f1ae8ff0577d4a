import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import sharp from 'sharp';
import { DIALECTS } from '../../test/support/db.js';
import { buildBlog, buildPost } from '../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { runScheduledJobs } from '../scheduled-jobs.js';
import { makeAvifCopies } from './avif-copies.js';
import { setFeaturedImage } from './media.service.js';
import { storeUpload, type Upload } from './upload.service.js';

const jpeg = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#c63' } })
    .jpeg()
    .toBuffer();
const quiet = { info: () => {}, error: () => {} };

for (const dialect of DIALECTS) {
  describe(`AVIF copies made in the background (${dialect})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect);
    });
    after(async () => {
      await server?.close();
    });
    // Each test starts with every earlier upload done, so it sees only its own.
    beforeEach(async () => {
      while ((await makeAvifCopies(server.db, server.uploadsDir, { maxUploads: 10 })).length > 0);
    });

    const variantsOf = async (id: string) =>
      JSON.parse(
        (await server.db.selectFrom('uploads').select('variants').where('id', '=', id).executeTakeFirstOrThrow()).variants,
      ) as Record<string, string>;
    const store = async (width = 1600, height = 1000) =>
      storeUpload(server.db, server.uploadsDir, { data: await jpeg(width, height), alt: 'Tag' }, null);

    it('makes none in the upload request, then copies at the WebP widths, recorded as avif:<width> and served as image/avif', async () => {
      const upload = await store(1000, 700);
      assert.deepEqual(
        Object.keys(upload.variants).filter((k) => k.startsWith('avif:')),
        [],
      );
      assert.deepEqual(await makeAvifCopies(server.db, server.uploadsDir), [upload.id]);
      const variants = await variantsOf(upload.id);
      assert.deepEqual(
        Object.keys(variants)
          .filter((k) => k.startsWith('avif:'))
          .sort(),
        ['avif:1000', 'avif:640'],
      );
      const file = join(server.uploadsDir, variants['avif:640']!);
      assert.ok(existsSync(file));
      assert.equal((await sharp(file).metadata()).width, 640);
      const served = await server.get(`/uploads/${variants['avif:640']}`);
      assert.equal(served.status, 200);
      assert.equal(served.headers.get('content-type'), 'image/avif');
      assert.deepEqual(await makeAvifCopies(server.db, server.uploadsDir), [], 'nothing left to do');
    });

    it('does a few uploads a run, and the rest in the next', async () => {
      const uploads = [await store(700, 500), await store(700, 500), await store(700, 500)];
      const first = await makeAvifCopies(server.db, server.uploadsDir, { maxUploads: 2 });
      assert.equal(first.length, 2);
      const second = await makeAvifCopies(server.db, server.uploadsDir, { maxUploads: 2 });
      assert.deepEqual([...first, ...second].sort(), uploads.map((u) => u.id).sort());
    });

    it('encodes each upload once when several instances run at the same time', async () => {
      const uploads = [await store(700, 500), await store(700, 500)];
      const runs = await Promise.all([1, 2, 3].map(() => makeAvifCopies(server.db, server.uploadsDir, { maxUploads: 5 })));
      const done = runs.flat();
      assert.equal(new Set(done).size, done.length, `an upload done twice: ${JSON.stringify(runs)}`);
      assert.deepEqual([...done].sort(), uploads.map((u) => u.id).sort());
    });

    it('leaves an upload another instance holds, and takes it over when that claim has lapsed', async () => {
      const upload = await store(700, 500);
      const now = new Date();
      await server.db
        .insertInto('upload_claims')
        .values({ upload_id: upload.id, job: 'avif', claimed_until: new Date(now.getTime() + 60_000).toISOString(), attempts: 1 })
        .execute();
      assert.deepEqual(await makeAvifCopies(server.db, server.uploadsDir, { now }), []);
      assert.deepEqual(await makeAvifCopies(server.db, server.uploadsDir, { now: new Date(now.getTime() + 120_000) }), [upload.id]);
      assert.equal(
        await server.db.selectFrom('upload_claims').select('upload_id').where('upload_id', '=', upload.id).executeTakeFirst(),
        undefined,
        'the claim goes when the work is done',
      );
    });

    it('gives up on an upload whose file is gone after a few attempts, each after the last claim lapsed', async () => {
      const upload = await store(700, 500);
      await server.db
        .updateTable('uploads')
        .set({ file_name: `${upload.id}-gone.jpg` })
        .where('id', '=', upload.id)
        .execute();
      const failures: string[] = [];
      let at = Date.now();
      for (let attempt = 0; attempt < 5; attempt++, at += 3_600_000)
        await makeAvifCopies(server.db, server.uploadsDir, { now: new Date(at), onFailure: (id) => failures.push(id) });
      assert.deepEqual(failures, [upload.id, upload.id, upload.id]);
      await server.db.deleteFrom('uploads').where('id', '=', upload.id).execute();
    });

    it('puts an AVIF source before WebP on a page that was kept before the copies existed', async () => {
      const featured: Upload = await store(1200, 800);
      const inBody: Upload = await store(900, 600);
      const blog = await buildBlog(server.db);
      const post = await buildPost(server.db, { blogId: blog.id, body: `Tekst.\n\n${inBody.markdown}` });
      await setFeaturedImage(server.db, post.id, { uploadId: featured.id, alt: 'Forsiden' });
      const path = `/${blog.slug}/${post.slug}`;
      const before = await (await server.get(path)).text();
      assert.doesNotMatch(before, /image\/avif/);
      const kept = await server.get(path);
      assert.equal(kept.headers.get('x-ytring-cache'), 'hit', 'the page is kept');
      await kept.text();
      await runScheduledJobs(server.db, quiet, new Date(), undefined, { uploadsDir: server.uploadsDir });
      const afterJob = await (await server.get(path)).text();
      assert.equal(afterJob.match(/<source type="image\/avif" srcset="[^"]+\.avif \d+w[^"]*"[^>]*><source type="image\/webp"/g)?.length, 2);
      assert.match(afterJob, /<link rel="preload" as="image" type="image\/avif"/);
    });
  });
}
