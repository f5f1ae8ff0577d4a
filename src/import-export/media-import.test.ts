import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { DIALECTS } from '../../test/support/db.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { fixturesDir, wxrDocument, wxrItem } from '../../test/support/wxr.js';
import { readWxr, type WxrItem } from './formats/wxr.js';
import { importWxrFile, type ImportReport } from './importer.js';
import { imagesInMarkdown, rewriteMarkdown, uploadsPathOf } from './media-import.js';
import type { Upload } from '../uploads/upload.service.js';
import { getEditablePost, snapshotOf } from '../posts/post-admin.service.js';
import { updatePost } from '../posts/post.service.js';
import type { Actor } from '../accounts/account.js';
import { createAccount } from '../accounts/account.service.js';

const DIR = fixturesDir();
const FIXTURE = 'themeunittestdata.wordpress.xml';
// The fixture's images live on WordPress.com; the test serves them itself at the same paths.
const OLD_HOSTS = ['https://wpthemetestdata.files.wordpress.com', 'https://wpthemetestdata.wordpress.com'];
const MISSING_PATH = '/2008/06/windmill.jpg';

/** An old site on 127.0.0.1: every image path answers with a real JPEG, except the one made missing; it counts the requests. */
async function startOldSite(): Promise<{ server: Server; base: string; requests: Map<string, number> }> {
  const jpeg = await sharp({ create: { width: 900, height: 600, channels: 3, background: { r: 40, g: 120, b: 200 } } })
    .jpeg()
    .toBuffer();
  const requests = new Map<string, number>();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    requests.set(path, (requests.get(path) ?? 0) + 1);
    if (path === MISSING_PATH || !/\.(?:jpe?g|png|gif)$/.test(path)) {
      response.writeHead(404).end('Not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': jpeg.length }).end(jpeg);
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

async function itemsOf(file: string): Promise<WxrItem[]> {
  const items: WxrItem[] = [];
  for await (const record of readWxr(createReadStream(file, { encoding: 'utf8' }))) if (record.kind === 'item') items.push(record.item);
  return items;
}

describe('image addresses in an imported body', () => {
  const hosts = new Set(['old.example.org']);
  it("finds the old site's images and the links around them, not other sites' or other files", () => {
    const body =
      '[![Kano](https://old.example.org/wp-content/uploads/2020/01/kano-300x200.jpg)](https://old.example.org/wp-content/uploads/2020/01/kano.jpg)\n\n' +
      '![Andet](https://elsewhere.net/a.jpg) [PDF](https://old.example.org/wp-content/uploads/a.pdf)';
    assert.deepEqual(imagesInMarkdown(body, hosts), [
      { url: 'https://old.example.org/wp-content/uploads/2020/01/kano-300x200.jpg', alt: 'Kano' },
      { url: 'https://old.example.org/wp-content/uploads/2020/01/kano.jpg', alt: '' },
    ]);
  });

  it("points an image at the upload's page copy and a link at its original", () => {
    const upload = { url: '/uploads/u-1280.jpg', fileName: 'u.jpg' } as Upload;
    const old = 'https://old.example.org/wp-content/uploads/k.jpg';
    assert.equal(
      rewriteMarkdown(`[![K](${old})](${old}) ![L](https://old.example.org/l.png)`, new Map([[old, upload]])),
      '[![K](/uploads/u-1280.jpg)](/uploads/u.jpg) ![L](https://old.example.org/l.png)',
    );
  });

  it('reads the path below wp-content/uploads, percent-decoded', () => {
    assert.equal(uploadsPathOf('https://x.org/blog/wp-content/uploads/2020/01/%C3%A6ble.jpg'), '2020/01/æble.jpg');
    assert.equal(uploadsPathOf('https://x.files.wordpress.com/2008/06/a.jpg'), '2008/06/a.jpg');
  });
});

for (const dialect of DIR ? DIALECTS : []) {
  describe(`importing the theme unit test's images from the old site (${dialect})`, () => {
    let server: TestServer;
    let old: Awaited<ReturnType<typeof startOldSite>>;
    let work: string;
    let file: string;
    let report: ImportReport;
    let items: WxrItem[];
    before(async () => {
      old = await startOldSite();
      work = await mkdtemp(join(tmpdir(), 'ytring-media-'));
      file = join(work, FIXTURE);
      let text = await readFile(join(DIR!, FIXTURE), 'utf8');
      for (const host of OLD_HOSTS) text = text.replaceAll(host, old.base);
      await writeFile(file, text);
      items = await itemsOf(file);
      server = await startTestServer(dialect);
      report = await importWxrFile(server.db, file, {
        secret: server.app.secret,
        blogSlug: 'theme-unit',
        media: { uploadsDir: server.uploadsDir, timeoutMs: 10_000 },
      });
    });
    after(async () => {
      await server?.close();
      old?.server.close();
      await rm(work, { recursive: true, force: true });
    });

    it('stores each image once and reports the missing one without stopping', () => {
      const media = report.media!;
      const asked = [...old.requests.keys()];
      const attachmentImages = items
        .filter((i) => i.postType === 'attachment' && /\.(?:jpe?g|png|gif|webp)$/i.test(i.attachmentUrl))
        .map((i) => new URL(i.attachmentUrl).pathname);
      assert.equal(attachmentImages.length, 35);
      assert.deepEqual(
        attachmentImages.filter((path) => !old.requests.has(path)),
        [],
      );
      assert.deepEqual(
        asked.filter((path) => old.requests.get(path) !== 1),
        [],
      );
      assert.deepEqual(
        media.missing.map((m) => m.url),
        [`${old.base}${MISSING_PATH}`],
      );
      assert.match(media.missing[0]!.reason, /404/);
      assert.equal(media.uploads, asked.length - 1);
      assert.equal(report.imported.posts, 58);
    });

    it('rewrites the posts to the uploads, keeping only the missing image at its old address', async () => {
      const posts = await server.db.selectFrom('posts').select(['body']).execute();
      const oldImages = posts.flatMap((p) =>
        [...p.body.matchAll(/\]\((http:\/\/127\.0\.0\.1:\d+\/[^)\s]+\.(?:jpe?g|png|gif))/g)].map((m) => m[1]),
      );
      assert.ok(oldImages.length > 0);
      assert.deepEqual(new Set(oldImages), new Set([`${old.base}${MISSING_PATH}`]));
      assert.ok(posts.filter((p) => p.body.includes('](/uploads/')).length >= 10);
    });

    it('shows an imported image on the post page, served from the uploads', async () => {
      const target = await server.db
        .selectFrom('posts')
        .select(['slug', 'body'])
        .where('body', 'like', '%](/uploads/%')
        .where('status', '=', 'published')
        .executeTakeFirstOrThrow();
      const page = await (await server.get(`/theme-unit/${target.slug}`)).text();
      const src = /<img[^>]+src="(\/uploads\/[^"]+)"/.exec(page)?.[1];
      assert.ok(src, 'an image from the uploads on the page');
      // Rewritten to an upload, it carries the upload's size like an image put in by the editor (issue 14).
      assert.match(/<img[^>]+src="\/uploads\/[^>]+>/.exec(page)![0], /\bwidth="\d+" height="\d+"/);
      const image = await server.get(src);
      assert.equal(image.status, 200);
      assert.equal(image.headers.get('content-type'), 'image/jpeg');
    });

    it("makes _thumbnail_id the featured image, with the attachment's alt text or title", async () => {
      const attachments = new Map(items.filter((i) => i.postType === 'attachment').map((i) => [i.postId, i]));
      let checked = 0;
      for (const item of items) {
        const thumbnail = item.meta.find((m) => m.key === '_thumbnail_id')?.value;
        const attachment = thumbnail ? attachments.get(thumbnail) : undefined;
        if (!attachment || item.status === 'trash' || (item.postType !== 'post' && item.postType !== 'page')) continue;
        const postId = (
          await server.db
            .selectFrom('import_sources')
            .select('target_id')
            .where('kind', '=', 'post')
            .where('source_id', '=', item.postId)
            .executeTakeFirstOrThrow()
        ).target_id;
        const post = await server.db
          .selectFrom('posts')
          .select(['featured_upload_id', 'featured_alt'])
          .where('id', '=', postId)
          .executeTakeFirstOrThrow();
        const alt = attachment.meta.find((m) => m.key === '_wp_attachment_image_alt')?.value.trim() || attachment.title.trim();
        assert.ok(post.featured_upload_id, `post ${item.postId} has a featured image`);
        assert.equal(post.featured_alt, alt);
        assert.notEqual(post.featured_alt, '');
        checked++;
      }
      assert.equal(report.media!.featured, checked);
      assert.ok(checked >= 3, `${checked} featured images checked`);
    });

    it('fetches nothing again when the same export is imported again', async () => {
      const before = new Map(old.requests);
      const again = await importWxrFile(server.db, file, {
        secret: server.app.secret,
        blogSlug: 'theme-unit',
        media: { uploadsDir: server.uploadsDir, timeoutMs: 10_000 },
      });
      assert.equal(again.media!.uploads, 0);
      assert.ok(again.media!.reused > 0);
      const askedAgain = [...old.requests].filter(([path, n]) => n !== (before.get(path) ?? 0)).map(([path]) => path);
      // Only the image that was missing is asked for again: it may have come back.
      assert.deepEqual(askedAgain, [MISSING_PATH]);
      const uploads = await server.db
        .selectFrom('uploads')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(uploads.n), report.media!.uploads);
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`importing images from a local copy of wp-content/uploads (${dialect})`, () => {
    let server: TestServer;
    let work: string;
    let file: string;
    let report: ImportReport;
    let uploads: string;
    let uploader: Actor;
    before(async () => {
      work = await mkdtemp(join(tmpdir(), 'ytring-media-dir-'));
      uploads = join(work, 'uploads');
      await mkdir(join(uploads, '2019', '05'), { recursive: true });
      const png = await sharp({ create: { width: 400, height: 300, channels: 4, background: '#c33' } })
        .png()
        .toBuffer();
      await writeFile(join(uploads, '2019', '05', 'kano.png'), png);
      await writeFile(join(uploads, '2019', '05', 'forside.png'), png);
      // Beside the folder, not in it: an address must not reach it.
      await writeFile(join(work, 'hemmelig.png'), png);
      const site = 'https://old.example.org';
      const attachment = `<item><title>Forsidebillede</title><link>${site}/forside/</link><dc:creator><![CDATA[admin]]></dc:creator>
<guid isPermaLink="false">${site}/wp-content/uploads/2019/05/forside.png</guid><content:encoded><![CDATA[]]></content:encoded>
<wp:post_id>50</wp:post_id><wp:post_date><![CDATA[2019-05-01 10:00:00]]></wp:post_date><wp:post_name><![CDATA[forside]]></wp:post_name>
<wp:status><![CDATA[inherit]]></wp:status><wp:post_parent>1</wp:post_parent><wp:post_type><![CDATA[attachment]]></wp:post_type>
<wp:attachment_url><![CDATA[${site}/wp-content/uploads/2019/05/forside.png]]></wp:attachment_url>
<wp:postmeta><wp:meta_key><![CDATA[_wp_attached_file]]></wp:meta_key><wp:meta_value><![CDATA[2019/05/forside.png]]></wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_image_alt]]></wp:meta_key><wp:meta_value><![CDATA[Kanoer på søen]]></wp:meta_value></wp:postmeta>
</item>\n`;
      const post = wxrItem({
        id: 1,
        content:
          `<img src="${site}/wp-content/uploads/2019/05/kano.png" alt="En kano"> ` +
          `<img src="/wp-content/uploads/..%2F..%2Fhemmelig.png" alt="Udenfor"> <img src="${site}/wp-content/uploads/2019/05/borte.png" alt="Væk">`,
      }).replace('</item>', '<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>50</wp:meta_value></wp:postmeta></item>');
      file = join(work, 'site.xml');
      await writeFile(file, wxrDocument('', post + attachment));
      server = await startTestServer(dialect);
      const account = await createAccount(server.db, { name: 'Ida Import', email: 'ida@site.example', role: 'admin' });
      uploader = { accountId: account.id, personId: account.personId, name: 'Ida Import', role: 'admin', blogScope: null };
      report = await importWxrFile(server.db, file, {
        secret: server.app.secret,
        blogSlug: 'lokal',
        media: { uploadsDir: server.uploadsDir, dir: uploads, fetch: false, uploader },
      });
    });
    after(async () => {
      await server?.close();
      await rm(work, { recursive: true, force: true });
    });

    it('stores the images found in the folder and sets the featured image from the attachment', async () => {
      assert.equal(report.media!.uploads, 2);
      const post = await server.db
        .selectFrom('posts')
        .select(['body', 'featured_upload_id', 'featured_alt'])
        .where('slug', '=', 'post-1')
        .executeTakeFirstOrThrow();
      assert.match(post.body, /!\[En kano\]\(\/uploads\/[0-9a-f-]+\.png\)/);
      assert.equal(post.featured_alt, 'Kanoer på søen');
      const upload = await server.db
        .selectFrom('uploads')
        .select(['file_name', 'alt'])
        .where('id', '=', post.featured_upload_id!)
        .executeTakeFirstOrThrow();
      assert.equal(upload.alt, 'Kanoer på søen');
      assert.equal((await server.get(`/uploads/${upload.file_name}`)).status, 200);
    });

    it("redirects the attachment's old file address to the stored file", async () => {
      const response = await server.get('/wp-content/uploads/2019/05/forside.png');
      assert.equal(response.status, 301);
      const upload = await server.db
        .selectFrom('uploads')
        .select('file_name')
        .where('alt', '=', 'Kanoer på søen')
        .executeTakeFirstOrThrow();
      assert.equal(new URL(response.headers.get('location')!, server.url).pathname, `/uploads/${upload.file_name}`);
    });

    it('reports what the folder lacks, and reads nothing outside it', () => {
      assert.deepEqual(report.media!.missing.map((m) => m.url).sort(), [
        'https://old.example.org/wp-content/uploads/..%2F..%2Fhemmelig.png',
        'https://old.example.org/wp-content/uploads/2019/05/borte.png',
      ]);
      assert.equal(report.imported.posts, 1);
    });

    it('records the account running the import as the uploader of its images', async () => {
      const rows = await server.db.selectFrom('uploads').select('account_id').execute();
      assert.deepEqual(
        rows.map((r) => r.account_id),
        [uploader.accountId, uploader.accountId],
      );
      const audit = await server.db
        .selectFrom('audit_log')
        .select(['account_id', 'actor_name'])
        .where('action', '=', 'upload.create')
        .execute();
      assert.deepEqual(new Set(audit.map((a) => `${a.account_id} ${a.actor_name}`)), new Set([`${uploader.accountId} Ida Import`]));
    });

    it('points a post imported before at an image that was missing then, keeping what was edited in Ytring since', async () => {
      const { id } = await server.db.selectFrom('posts').select('id').where('slug', '=', 'post-1').executeTakeFirstOrThrow();
      const editable = await getEditablePost(server.db, id);
      const snapshot = snapshotOf(editable);
      await updatePost(server.db, id, {
        ...snapshot,
        title: 'Ny titel',
        body: `${editable.body}\n\nTilføjet i Ytring.`,
        publishedAt: snapshot.publishedAt ? new Date(snapshot.publishedAt) : null,
      });
      const png = await sharp({ create: { width: 300, height: 200, channels: 4, background: '#3c3' } })
        .png()
        .toBuffer();
      await writeFile(join(uploads, '2019', '05', 'borte.png'), png);
      const again = await importWxrFile(server.db, file, {
        secret: server.app.secret,
        blogSlug: 'lokal',
        media: { uploadsDir: server.uploadsDir, dir: uploads, fetch: false },
      });
      assert.equal(again.media!.uploads, 1);
      assert.equal(again.media!.postsUpdated, 1);
      const post = await server.db.selectFrom('posts').select(['title', 'body']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.match(post.body, /!\[Væk\]\(\/uploads\/[0-9a-f-]+\.png\)/);
      assert.doesNotMatch(post.body, /borte\.png/);
      assert.match(post.body, /!\[En kano\]\(\/uploads\//);
      assert.ok(post.body.endsWith('Tilføjet i Ytring.'));
      assert.equal(post.title, 'Ny titel');
    });
  });
}
