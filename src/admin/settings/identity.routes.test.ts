import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { loadConfig } from '../../config.js';
import { DEFAULT_SETTINGS } from '../../settings/settings.js';
import { getSiteSettings } from '../../settings/settings.service.js';
import { loginAs, type Session } from '../../../test/support/admin.js';
import { DIALECTS } from '../../../test/support/db.js';
import { buildPost } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { formValuesOf } from './settings-form.js';

const BASE = loadConfig({}, {}, false).baseUrl;
const formWith = (changes: Record<string, string>) => ({ ...formValuesOf(DEFAULT_SETTINGS), ...changes });
const png = (width: number, height: number, background = '#c24') =>
  sharp({ create: { width, height, channels: 4, background } })
    .png()
    .toBuffer();

for (const dialect of DIALECTS) {
  describe(`site identity (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    let postPath: string;
    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin');
      const post = await buildPost(server.db, { slug: 'om-logoet', title: 'Om logoet' });
      const blog = await server.db.selectFrom('blogs').select('slug').where('id', '=', post.blogId).executeTakeFirstOrThrow();
      postPath = `/${blog.slug}/om-logoet`;
    });
    after(async () => {
      await server?.close();
    });

    const sendImages = (files: Record<string, Buffer>, remove: string[] = []) => {
      const form = new FormData();
      for (const [name, data] of Object.entries(files))
        form.append(name, new Blob([new Uint8Array(data)], { type: 'image/png' }), `${name}.png`);
      for (const name of remove) form.append('remove', name);
      return server.get(`/admin/settings/identity?_csrf=${encodeURIComponent(admin.csrf)}`, {
        method: 'POST',
        headers: { cookie: admin.cookie },
        body: form,
      });
    };

    it('refuses an accent colour white text fails on, saying why and keeping everything typed', async () => {
      const response = await admin.post('/admin/settings', formWith({ accentColor: '#ffcc00', title: 'Nyt navn, ikke gemt' }));
      assert.equal(response.status, 422);
      const html = await response.text();
      assert.match(html, /value="#ffcc00"/);
      assert.match(html, /value="Nyt navn, ikke gemt"/);
      assert.match(html, /4,5:1/);
      const settings = await getSiteSettings(server.db);
      assert.equal(settings.accentColor, '');
      assert.equal(settings.title, DEFAULT_SETTINGS.title);
      const typo = await admin.post('/admin/settings', formWith({ accentColor: 'blå' }));
      assert.equal(typo.status, 422);
      assert.match(await typo.text(), /value="blå"/);
    });

    it('saves an accent colour every public page then loads, light and dark', async () => {
      assert.equal((await admin.post('/admin/settings', formWith({ accentColor: '#7A1F5C' }))).status, 303);
      assert.equal((await getSiteSettings(server.db)).accentColor, '#7a1f5c');
      for (const path of ['/', postPath]) {
        const html = await (await server.get(path)).text();
        assert.match(html, /<link rel="stylesheet" href="\/accent\.css\?v=7a1f5c"/, path);
      }
      const css = await server.get('/accent.css?v=7a1f5c');
      assert.equal(css.status, 200);
      assert.match(css.headers.get('content-type') ?? '', /text\/css/);
      assert.match(css.headers.get('cache-control') ?? '', /immutable/);
      const text = await css.text();
      assert.match(text, /--accent:#7a1f5c;/);
      assert.match(text, /data-theme='dark'/);
      assert.equal((await server.get('/accent.css?v=anything')).status, 404);
      // An older colour's address still gets the current colour, but only for now.
      const old = await server.get('/accent.css?v=0b5a7a');
      assert.equal(old.status, 200);
      assert.equal(old.headers.get('cache-control'), 'public, max-age=0');
    });

    it('answers /favicon.ico with the default icon before a logo is uploaded', async () => {
      const response = await server.get('/favicon.ico');
      assert.equal(response.status, 200);
      assert.match((await server.get('/')).headers.get('content-type') ?? '', /html/);
      const html = await (await server.get('/')).text();
      assert.match(html, /class="site-mark"/);
    });

    it('gives the default icon PNG sizes for the apple-touch-icon and the manifest before a logo is uploaded', async () => {
      const html = await (await server.get('/')).text();
      const touch = /<link rel="apple-touch-icon" href="(\/static\/icon-180\.[0-9a-f]+\.png)"\/>/.exec(html)?.[1];
      assert.ok(touch, 'the front page links a default apple-touch-icon');
      const manifest = (await (await server.get('/manifest.webmanifest')).json()) as {
        icons: { src: string; sizes: string; type: string }[];
      };
      assert.deepEqual(
        manifest.icons.map((i) => [i.sizes, i.type]),
        [
          ['192x192', 'image/png'],
          ['512x512', 'image/png'],
        ],
      );
      for (const [src, size] of [[touch, 180], ...manifest.icons.map((i) => [i.src, Number(i.sizes.split('x')[0])] as const)] as const) {
        const served = await server.get(src);
        assert.equal(served.status, 200, src);
        assert.equal(served.headers.get('content-type'), 'image/png', src);
        const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
        assert.deepEqual([meta.format, meta.width, meta.height], ['png', size, size], src);
      }
      // iOS fills transparency black: the touch icon has a white ground.
      const corner = await sharp(Buffer.from(await (await server.get(touch)).arrayBuffer()))
        .extract({ left: 0, top: 0, width: 1, height: 1 })
        .raw()
        .toBuffer();
      assert.deepEqual([...corner.subarray(0, 3)], [255, 255, 255]);
    });

    it('takes a logo, makes the icons from it, and every page, feed and the structured data carry them', async () => {
      const before = Buffer.from(await (await server.get('/favicon.ico')).arrayBuffer());
      const response = await sendImages({ logo: await png(600, 200) });
      assert.equal(response.status, 303);
      const { logo, icon } = await getSiteSettings(server.db);
      assert.ok(logo && icon?.fromLogo);
      assert.deepEqual([logo.header.height, logo.header.width, logo.full.width, logo.full.height], [80, 240, 600, 200]);

      for (const path of ['/', postPath]) {
        const html = await (await server.get(path)).text();
        assert.match(
          html,
          new RegExp(`<img class="site-logo" src="/uploads/${logo.header.file}" alt(?:="")? width="120" height="40"/>`),
          path,
        );
        assert.match(html, new RegExp(`<link rel="apple-touch-icon" href="/uploads/${icon.id}-180.png"/>`), path);
        assert.match(html, new RegExp(`<link rel="icon" href="/uploads/${icon.id}-192.png" type="image/png" sizes="192x192"/>`), path);
        assert.match(html, /<link rel="manifest" href="\/manifest.webmanifest"\/>/, path);
      }
      for (const [size, file] of [
        [32, `${icon.id}-32.png`],
        [180, `${icon.id}-180.png`],
        [192, `${icon.id}-192.png`],
        [512, `${icon.id}.png`],
      ] as const) {
        const served = await server.get(`/uploads/${file}`);
        assert.equal(served.status, 200, file);
        const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
        assert.deepEqual([meta.width, meta.height], [size, size], file);
      }

      const favicon = await server.get('/favicon.ico');
      assert.equal(favicon.status, 200);
      assert.equal(favicon.headers.get('content-type'), 'image/x-icon');
      const ico = Buffer.from(await favicon.arrayBuffer());
      assert.notDeepEqual(ico, before);
      assert.deepEqual([ico.readUInt16LE(2), ico.readUInt16LE(4), ico[6]], [1, 1, 32]);
      assert.equal((await sharp(ico.subarray(22)).metadata()).width, 32);

      const manifest = (await (await server.get('/manifest.webmanifest')).json()) as { icons: { src: string; sizes: string }[] };
      assert.deepEqual(
        manifest.icons.map((i) => [i.src, i.sizes]),
        [
          [`/uploads/${icon.id}-192.png`, '192x192'],
          [`/uploads/${icon.id}.png`, '512x512'],
        ],
      );

      const base = BASE;
      const atom = await (await server.get('/feed.atom')).text();
      assert.match(atom, new RegExp(`<icon>${base}/uploads/${icon.id}-192.png</icon>`));
      assert.match(atom, new RegExp(`<logo>${base}/uploads/${logo.full.file}</logo>`));
      const rss = await (await server.get('/feed.rss')).text();
      assert.match(rss, new RegExp(`<image><url>${base}/uploads/${logo.full.file}</url><title>[^<]+</title><link>${base}/</link></image>`));
      const json = (await (await server.get('/feed.json')).json()) as { icon: string; favicon: string };
      assert.equal(json.icon, `${base}/uploads/${icon.id}.png`);
      assert.equal(json.favicon, `${base}/uploads/${icon.id}-192.png`);

      const post = await (await server.get(postPath)).text();
      const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(post)![1]!) as {
        publisher: { logo: unknown };
      };
      assert.deepEqual(ld.publisher.logo, { '@type': 'ImageObject', url: `${base}/uploads/${logo.full.file}`, width: 600, height: 200 });
      // Without a sharing image of its own, a page is shared with the logo.
      assert.match(post, new RegExp(`<meta property="og:image" content="${base}/uploads/${logo.full.file}"/>`));

      const adminPage = await (await admin.get('/admin/settings')).text();
      assert.match(adminPage, new RegExp(`<img class="identity-preview" src="/uploads/${logo.header.file}"`));
    });

    it('takes a default sharing image, used as og:image where a page has none', async () => {
      assert.equal((await sendImages({ socialImage: await png(1600, 840, '#246') })).status, 303);
      const { socialImage } = await getSiteSettings(server.db);
      assert.ok(socialImage);
      assert.deepEqual([socialImage.width, socialImage.height], [1200, 630]);
      const post = await (await server.get(postPath)).text();
      assert.match(post, new RegExp(`<meta property="og:image" content="${BASE}/uploads/${socialImage.file}"/>`));
      assert.match(post, /<meta name="twitter:card" content="summary_large_image"\/>/);
    });

    it('refuses a file that is not an image with a clear message, changing nothing', async () => {
      const before = await getSiteSettings(server.db);
      const response = await sendImages({ logo: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
      assert.equal(response.status, 422);
      assert.match(await response.text(), /Billedet blev ikke gemt: filen er ikke et billede/);
      assert.deepEqual((await getSiteSettings(server.db)).logo, before.logo);
    });

    it('removes the logo and the icons made from it; /favicon.ico is the default again', async () => {
      assert.equal((await sendImages({}, ['logo'])).status, 303);
      const settings = await getSiteSettings(server.db);
      assert.equal(settings.logo, null);
      assert.equal(settings.icon, null);
      const html = await (await server.get('/')).text();
      assert.match(html, /class="site-mark"/);
      assert.doesNotMatch(html, /site-logo/);
      assert.match((await server.get('/favicon.ico')).headers.get('content-type') ?? '', /icon/);
      assert.notEqual((await server.get('/favicon.ico')).headers.get('content-type'), 'image/x-icon; charset=utf-8');
    });
  });
}
