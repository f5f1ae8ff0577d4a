import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { loginAs, shownAgain, type Session } from '../../test/support/admin.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildBlog, buildPerson, buildPost } from '../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { vnuCanRun, vnuErrors } from '../../test/support/vnu.js';
import type { Blog } from '../blogs/blog.js';
import { setFeaturedImage } from './media.service.js';

type Fields = Record<string, string | string[]>;

const image = (width: number, height: number, background = '#2a6') =>
  sharp({ create: { width, height, channels: 3, background } })
    .jpeg()
    .toBuffer();

/** The editor's fields for a simple post, as the multipart form sends them. */
function postFields(blogId: string, personId: string, overrides: Fields = {}): Fields {
  return {
    blogId,
    title: 'Et indlæg med billede',
    slug: '',
    lead: 'Kort indledning.',
    body: 'Brødtekst, som ikke må gå tabt.',
    tags: '',
    commentsOpen: '1',
    status_action: 'publish',
    publish_at: '',
    author_person: [personId, ''],
    author_note: ['', ''],
    author_order: ['1', ''],
    op: 'save',
    ...overrides,
  };
}

/** Posts the editor as the browser does: multipart, the token in the address, an optional featured image file. */
function postEditor(server: TestServer, session: Session, path: string, fields: Fields, file?: Buffer) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
  if (file) form.append('featured_file', new Blob([new Uint8Array(file)], { type: 'image/jpeg' }), 'foto.jpg');
  else form.append('featured_file', new Blob([]), '');
  return server.get(`${path}?_csrf=${encodeURIComponent(session.csrf)}`, {
    method: 'POST',
    headers: { cookie: session.cookie },
    body: form,
  });
}

const attr = (html: string, tag: RegExp) => tag.exec(html)?.[0] ?? '';

for (const dialect of DIALECTS) {
  describe(`featured images and the media library (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    let blog: Blog;

    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin', { name: 'Ada Admin' });
      blog = await buildBlog(server.db, { slug: 'debat', title: 'Debatten' });
    });
    after(async () => {
      await server?.close();
    });

    let postId = '';
    let uploadId = '';
    /** The site's BASE_URL, as its pages name themselves. */
    let base = '';

    it('uploads a featured image with the editor form; without alt text it refuses, keeping the text and the image', async () => {
      const sent = await postEditor(
        server,
        admin,
        '/admin/posts',
        postFields(blog.id, admin.personId, { featured_caption: 'Havnen ved solopgang', featured_credit: 'Ida Foto' }),
        await image(2000, 1000),
      );
      const refused = await shownAgain(admin, sent);
      assert.equal(refused.status, 200);
      const html = await refused.text();
      assert.match(html, /Udvalgt billede: alt-tekst: Skal udfyldes\./);
      assert.match(html, /Brødtekst, som ikke må gå tabt\./, 'the body is kept');
      assert.match(html, /value="Et indlæg med billede"/, 'the title is kept');
      assert.match(html, /value="Havnen ved solopgang"/, 'the caption is kept');
      const checked = /<input type="radio" id="featured-upload-([0-9a-f-]{36})" name="featured_upload" value="\1" checked/.exec(html);
      assert.ok(checked, 'the uploaded image comes back chosen');
      uploadId = checked[1]!;
      assert.equal((await server.db.selectFrom('posts').select('id').execute()).length, 0, 'nothing saved');

      const saved = await postEditor(
        server,
        admin,
        '/admin/posts',
        postFields(blog.id, admin.personId, {
          featured_upload: uploadId,
          featured_alt: 'Havnen i morgenlys',
          featured_caption: 'Havnen ved solopgang',
          featured_credit: 'Ida Foto',
        }),
      );
      assert.equal(saved.status, 303, (await saved.clone().text()).slice(0, 500));
      postId = /\/admin\/posts\/([0-9a-f-]{36})\/edit/.exec(saved.headers.get('location') ?? '')![1]!;
      const row = await server.db.selectFrom('posts').selectAll().where('id', '=', postId).executeTakeFirstOrThrow();
      assert.equal(row.featured_upload_id, uploadId);
      assert.equal(row.featured_alt, 'Havnen i morgenlys');
      const editor = await (await admin.get(`/admin/posts/${postId}/edit`)).text();
      assert.match(editor, /id="featured-alt" name="featured_alt"[^>]*value="Havnen i morgenlys"/);
    });

    it('shows the image in the post header with size, srcset, WebP source and a preload, and in the sharing tags and JSON-LD', async () => {
      const html = await (await server.get('/debat/et-indlaeg-med-billede')).text();
      const img = attr(html, /<img class="featured__img"[^>]*>/);
      assert.match(img, /width="2000"/);
      assert.match(img, /height="1000"/);
      assert.match(img, /alt="Havnen i morgenlys"/);
      assert.match(
        img,
        /srcset="\/uploads\/[0-9a-f-]{36}-640\.jpg 640w, \/uploads\/[0-9a-f-]{36}-1280\.jpg 1280w, \/uploads\/[0-9a-f-]{36}\.jpg 2000w"/,
      );
      assert.match(img, /sizes="/);
      assert.match(img, /loading="eager"/);
      assert.match(
        html,
        /<source type="image\/webp" srcset="\/uploads\/[0-9a-f-]{36}-640\.webp 640w, \/uploads\/[0-9a-f-]{36}-1280\.webp 1280w"/,
      );
      assert.match(
        html,
        /<figcaption class="featured__caption">Havnen ved solopgang <span class="featured__credit">Foto: Ida Foto<\/span><\/figcaption>/,
      );
      assert.match(html, /<link rel="preload" as="image" type="image\/webp" imagesrcset="[^"]+-640\.webp 640w[^"]*" imagesizes="[^"]+"/);
      base = /<meta property="og:url" content="(https?:\/\/[^/"]+)/.exec(html)![1]!;
      assert.ok(html.includes(`<meta property="og:image" content="${base}/uploads/${uploadId}-1280.jpg"/>`), 'og:image absolute');
      assert.match(html, /<meta property="og:image:width" content="1280"\/>/);
      assert.match(html, /<meta property="og:image:height" content="640"\/>/);
      assert.match(html, /<meta property="og:image:alt" content="Havnen i morgenlys"\/>/);
      assert.match(html, /<meta name="twitter:card" content="summary_large_image"\/>/);
      assert.ok(html.includes(`<meta name="twitter:image" content="${base}/uploads/${uploadId}-1280.jpg"/>`));
      const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!) as {
        image: { url: string; width: number };
      };
      assert.equal(ld.image.url, `${base}/uploads/${uploadId}-1280.jpg`);
      assert.equal(ld.image.width, 1280);
      const webp = await server.get(`/uploads/${uploadId}-640.webp`);
      assert.equal(webp.status, 200);
      assert.equal(webp.headers.get('content-type'), 'image/webp');
      assert.equal((await sharp(Buffer.from(await webp.arrayBuffer())).metadata()).format, 'webp');
    });

    it('shows the lead story large and eager on the front page, later entries as lazy thumbnails', async () => {
      const person = await buildPerson(server.db, { name: 'Bo Skribent' });
      const older = await buildPost(server.db, {
        blogId: blog.id,
        title: 'Ældre indlæg med billede',
        status: 'published',
        publishedAt: new Date(Date.now() - 86_400_000),
        authors: [{ personId: person.id }],
      });
      await setFeaturedImage(server.db, older.id, { uploadId, alt: 'Et ældre billede' });
      const front = await (await server.get('/')).text();
      const lead = attr(front, /<img class="summary__img"[^>]*alt="Havnen i morgenlys"[^>]*>/);
      assert.match(lead, /loading="eager"/);
      assert.match(lead, /width="2000" height="1000"/);
      const thumb = attr(front, /<img class="summary__img"[^>]*alt="Et ældre billede"[^>]*>/);
      assert.match(thumb, /loading="lazy"/);
      assert.match(thumb, /srcset="[^"]+640w/);
      const list = await (await server.get('/debat')).text();
      assert.match(list, /<img class="summary__img"[^>]*alt="Et ældre billede"[^>]*loading="lazy"/);
      assert.match(
        list,
        /<img class="summary__img"[^>]*alt="Havnen i morgenlys"[^>]*loading="lazy"/,
        'no lead story outside the front page',
      );
    });

    it('puts the image in the feeds with absolute addresses: Atom and RSS enclosures with type and length, JSON Feed image', async () => {
      const { bytes } = await server.db.selectFrom('uploads').select('bytes').where('id', '=', uploadId).executeTakeFirstOrThrow();
      const original = `${base}/uploads/${uploadId}.jpg`;
      const atom = await (await server.get('/feed.atom')).text();
      assert.ok(atom.includes(`<link rel="enclosure" type="image/jpeg" length="${bytes}" href="${original}"/>`), atom.slice(0, 2000));
      assert.ok(atom.includes(`&lt;img src=&quot;${base}/uploads/${uploadId}-1280.jpg&quot;`), 'the image leads the content');
      const rss = await (await server.get('/feed.rss')).text();
      assert.ok(rss.includes(`<enclosure url="${original}" length="${bytes}" type="image/jpeg"/>`));
      const json = (await (await server.get('/feed.json')).json()) as { items: { title: string; image?: string }[] };
      const item = json.items.find((i) => i.title === 'Et indlæg med billede');
      assert.equal(item?.image, `${base}/uploads/${uploadId}-1280.jpg`);
    });

    it('lists uploads in the media library with where each is used, searches them, and refuses to delete a used one', async () => {
      const form = new FormData();
      form.append('alt', 'Ubrugt skitse af rådhuset');
      form.append('file', new Blob([new Uint8Array(await image(900, 600, '#a33'))], { type: 'image/jpeg' }), 'skitse.jpg');
      const uploaded = await server.get(`/admin/media/upload?_csrf=${encodeURIComponent(admin.csrf)}`, {
        method: 'POST',
        headers: { cookie: admin.cookie },
        body: form,
      });
      assert.equal(uploaded.status, 303);
      const unused = await server.db
        .selectFrom('uploads')
        .selectAll()
        .where('alt', '=', 'Ubrugt skitse af rådhuset')
        .executeTakeFirstOrThrow();

      const library = await (await admin.get('/admin/media')).text();
      assert.match(library, /<a href="\/admin\/media" aria-current="page">Medier<\/a>/);
      assert.match(library, /Udvalgt billede i “Et indlæg med billede”/);
      assert.match(library, /Udvalgt billede i “Ældre indlæg med billede”/);
      assert.match(library, /Ubrugt skitse af rådhuset/);

      const found = await (await admin.get(`/admin/media?q=${encodeURIComponent('RÅDHUSET')}`)).text();
      assert.match(found, /1 billede/);
      assert.match(found, /Ubrugt skitse/);
      assert.doesNotMatch(found, /Et indlæg med billede/);

      const refused = await admin.post(`/admin/media/${uploadId}/delete`);
      assert.equal(refused.status, 409);
      assert.match(await refused.text(), /Billedet bruges stadig og kan ikke slettes/);
      assert.ok(existsSync(join(server.uploadsDir, `${uploadId}.jpg`)), 'the used file stays');

      // Named in a post's body counts as used too.
      await buildPost(server.db, {
        blogId: blog.id,
        title: 'Tekst med skitsen',
        body: `![Skitse](/uploads/${unused.id}-640.jpg)`,
        status: 'draft',
        authors: [{ personId: admin.personId }],
      });
      assert.equal((await admin.post(`/admin/media/${unused.id}/delete`)).status, 409);
      await server.db.deleteFrom('posts').where('title', '=', 'Tekst med skitsen').execute();

      const deleted = await admin.post(`/admin/media/${unused.id}/delete`);
      assert.equal(deleted.status, 303);
      assert.equal(await server.db.selectFrom('uploads').select('id').where('id', '=', unused.id).executeTakeFirst(), undefined);
      assert.ok(!existsSync(join(server.uploadsDir, unused.file_name)), 'the files are removed');
      assert.equal((await server.get(`/uploads/${unused.file_name}`)).status, 404);

      const moderator = await loginAs(server, 'moderator');
      assert.equal((await moderator.get('/admin/media')).status, 403);
    });

    it('is valid HTML where the image shows: post, front and blog pages, the editor and the media library', async (t) => {
      if (!vnuCanRun(t)) return;
      const pages: Record<string, string> = {};
      for (const path of ['/debat/et-indlaeg-med-billede', '/', '/debat'])
        pages[path.replace(/\W+/g, '-') || 'front'] = await (await server.get(path)).text();
      for (const path of [`/admin/posts/${postId}/edit`, '/admin/media'])
        pages[path.replace(/\W+/g, '-')] = await (await admin.get(path)).text();
      assert.deepEqual(vnuErrors(pages), []);
    });

    it('gives a person an uploaded photo instead of a typed path, and the library counts it as used', async () => {
      const person = await buildPerson(server.db, { name: 'Karen Kilde' });
      const page = await (await admin.get(`/admin/people/${person.id}`)).text();
      assert.doesNotMatch(page, /<input[^>]*type="text"[^>]*name="avatarPath"/, 'no path to type');
      assert.match(page, new RegExp(`<a href="/admin/media/photo/${person.id}">Tilføj et foto</a>`));

      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(await image(800, 800, '#36c'))], { type: 'image/jpeg' }), 'karen.jpg');
      const uploaded = await server.get(`/admin/media/photo/${person.id}/upload?_csrf=${encodeURIComponent(admin.csrf)}`, {
        method: 'POST',
        headers: { cookie: admin.cookie },
        body: form,
      });
      assert.equal(uploaded.status, 303);
      const row = await server.db.selectFrom('people').select('avatar_path').where('id', '=', person.id).executeTakeFirstOrThrow();
      assert.match(row.avatar_path ?? '', /^\/uploads\/[0-9a-f-]{36}-640\.jpg$/);
      assert.equal((await server.get(row.avatar_path!)).status, 200);
      const edited = await (await admin.get(`/admin/people/${person.id}`)).text();
      assert.ok(edited.includes(`<input type="hidden" name="avatarPath" value="${row.avatar_path}"/>`));
      const library = await (await admin.get('/admin/media')).text();
      assert.match(library, /Foto af Karen Kilde/);

      // Picked from the library instead, then removed.
      const picked = await admin.post(`/admin/media/photo/${person.id}`, { upload: uploadId });
      assert.equal(picked.status, 303);
      const after = await server.db.selectFrom('people').select('avatar_path').where('id', '=', person.id).executeTakeFirstOrThrow();
      assert.equal(after.avatar_path, `/uploads/${uploadId}-640.jpg`);
      assert.equal((await admin.post(`/admin/media/photo/${person.id}`, { remove: '1' })).status, 303);
      const removed = await server.db.selectFrom('people').select('avatar_path').where('id', '=', person.id).executeTakeFirstOrThrow();
      assert.equal(removed.avatar_path, null);
    });
  });
}
