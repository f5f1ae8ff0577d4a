import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { loginAs, type Session } from '../../test/support/admin.js';
import { DIALECTS } from '../../test/support/db.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { uploadRoutes } from './uploads.routes.js';

const image = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#c24' } });

for (const dialect of DIALECTS) {
  describe(`image uploads (${dialect})`, () => {
    let server: TestServer;
    let site: FastifyInstance;
    let admin: Session;
    /** The server's own temporary uploads folder, which startTestServer removes on close. */
    let dir: string;

    before(async () => {
      server = await startTestServer(dialect);
      dir = server.uploadsDir;
      admin = await loginAs(server, 'author');
      // The public route on its own: server.tsx registers it beside the other public routes.
      site = Fastify();
      await site.register(uploadRoutes, { db: server.db, uploadsDir: dir });
    });
    after(async () => {
      await site?.close();
      await server?.close();
    });

    /** Sends a file the way the editor's script does (or, with `json: false`, the way a plain form does). */
    const upload = (
      session: Session | undefined,
      data: Buffer,
      fileName: string,
      type: string,
      options: { json?: boolean; csrf?: boolean; alt?: string } = {},
    ) => {
      const form = new FormData();
      form.append('alt', options.alt ?? 'Et billede');
      form.append('file', new Blob([new Uint8Array(data)], { type }), fileName);
      const headers: Record<string, string> = {};
      if (session) headers.cookie = session.cookie;
      if (options.json !== false) headers.accept = 'application/json';
      const query = session && options.csrf !== false ? `?_csrf=${encodeURIComponent(session.csrf)}` : '';
      return server.get(`/admin/uploads${query}`, { method: 'POST', headers, body: form });
    };

    it('takes a PNG, makes a narrower copy and answers the Markdown to insert; the file is served as an image', async () => {
      const response = await upload(admin, await image(2000, 1000).png().toBuffer(), 'kort.png', 'image/png', { alt: 'Kort over [byen]' });
      assert.equal(response.status, 201);
      const answer = (await response.json()) as { markdown: string; url: string };
      assert.match(answer.url, /^\/uploads\/[0-9a-f-]{36}-1280\.png$/);
      assert.equal(answer.markdown, `![Kort over \\[byen\\]](${answer.url})`);
      const served = await site.inject(answer.url);
      assert.equal(served.statusCode, 200);
      assert.equal(served.headers['content-type'], 'image/png');
      assert.equal(served.headers['x-content-type-options'], 'nosniff');
      assert.equal(served.headers['content-disposition'], 'inline');
      assert.match(String(served.headers['cache-control']), /immutable/);
      assert.equal((await sharp(served.rawPayload).metadata()).width, 1280);
      const original = await site.inject(answer.url.replace('-1280', ''));
      assert.equal((await sharp(original.rawPayload).metadata()).width, 2000);
      const audit = await server.db.selectFrom('audit_log').select('action').where('action', '=', 'upload.create').execute();
      assert.ok(audit.length >= 1);
    });

    it('serves a JPEG without the EXIF and GPS position it was uploaded with', async () => {
      const photo = await image(800, 600)
        .jpeg()
        .withExif({ IFD0: { Artist: 'Fotografen' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '55/1 40/1 0/1' } })
        .toBuffer();
      assert.ok((await sharp(photo).metadata()).exif);
      const answer = (await (await upload(admin, photo, 'IMG_0001.JPG', 'image/jpeg')).json()) as { url: string };
      const served = await site.inject(answer.url);
      assert.equal(served.headers['content-type'], 'image/jpeg');
      assert.equal((await sharp(served.rawPayload).metadata()).exif, undefined);
      assert.ok(!served.rawPayload.includes('Fotografen'));
    });

    it('refuses a text file named .png, and SVG, whatever the browser says they are', async () => {
      const text = await upload(admin, Buffer.from('Bare tekst, ikke et billede.'), 'billede.png', 'image/png');
      assert.equal(text.status, 422);
      assert.deepEqual(await text.json(), { ok: false, error: 'not_an_image' });
      const svg = await upload(
        admin,
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        'logo.png',
        'image/png',
      );
      assert.equal(svg.status, 422);
      const svgAsSvg = await upload(
        admin,
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'),
        'logo.svg',
        'image/svg+xml',
      );
      assert.equal(svgAsSvg.status, 422);
    });

    it('refuses a file over 10 MB', async () => {
      const response = await upload(admin, Buffer.alloc(10 * 1024 * 1024 + 10, 1), 'stor.png', 'image/png');
      assert.equal(response.status, 413);
      assert.deepEqual(await response.json(), { ok: false, error: 'too_large' });
    });

    it('answers a plain form with a page showing the Markdown to paste', async () => {
      const response = await upload(admin, await image(300, 200).webp().toBuffer(), 'lille.webp', 'image/webp', {
        json: false,
        alt: 'Lille',
      });
      assert.equal(response.status, 200);
      const html = await response.text();
      assert.match(html, /<textarea id="upload-markdown" readonly[^>]*>!\[Lille\]\(\/uploads\/[0-9a-f-]{36}\.webp\)<\/textarea>/);
    });

    it('refuses uploads from moderators, from anonymous visitors and without the token', async () => {
      const png = await image(10, 10).png().toBuffer();
      const before = readdirSync(dir).length;
      assert.equal((await upload(await loginAs(server, 'moderator'), png, 'a.png', 'image/png')).status, 403);
      assert.equal((await upload(undefined, png, 'a.png', 'image/png')).status, 403);
      assert.equal((await upload(admin, png, 'a.png', 'image/png', { csrf: false })).status, 403);
      assert.equal(readdirSync(dir).length, before, 'nothing written');
    });

    it('is served by the site itself, once server.tsx registers the route', async (t) => {
      if (!server.app.server.hasRoute({ method: 'GET', url: '/uploads/:file' }))
        return t.skip('uploadRoutes is not registered in server.tsx yet');
      const answer = (await (await upload(admin, await image(50, 50).gif().toBuffer(), 'a.gif', 'image/gif')).json()) as { url: string };
      const served = await server.get(answer.url);
      assert.equal(served.status, 200);
      assert.equal(served.headers.get('content-type'), 'image/gif');
      assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
    });

    it('serves only names the database lists', async () => {
      for (const path of [
        '/uploads/..%2F..%2Fetc%2Fpasswd',
        '/uploads/%2e%2e',
        '/uploads/01a2289a-bd7e-7036-a54c-aec7136a511c.png',
        '/uploads/x.png',
        '/uploads/',
      ]) {
        assert.equal((await site.inject(path)).statusCode, 404, path);
      }
    });
  });
}
