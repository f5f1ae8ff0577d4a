/**
 * How many statements the post page runs when it is rendered from scratch (issue 16): every one
 * is a round trip on PostgreSQL and a turn on SQLite's one connection, whoever else is waiting.
 * Over real HTTP against the real app with its page cache off, so each request renders the page anew.
 */
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../../test/support/db.js';
import { buildBlog, buildPerson, buildPost } from '../../test/support/factories.js';
import { postComment, readForm } from '../../test/support/comments.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { isLivePoll, statementRecorder } from '../../test/support/statements.js';
import type { App } from '../app.js';
import { addImportedComment } from '../comments/comment.service.js';
import { ensureSecret } from '../settings/secret.js';
import { updateSiteSettings } from '../settings/settings.service.js';
import { setFeaturedImage } from '../uploads/media.service.js';
import { storeUpload } from '../uploads/upload.service.js';

/** At most this many statements for a post page with co-authors, tags, links, an info box and comments. */
const MAX_STATEMENTS = 9;

for (const dialect of DIALECTS) {
  describe(`the post page's statements from scratch (${dialect})`, () => {
    let server: TestServer;
    let app: App;
    let url: string;
    const recorder = statementRecorder(isLivePoll);
    let path: string;
    const ids = { post: '', colleague: '', newer: '' };

    before(async () => {
      server = await startTestServer(dialect, { env: { PAGE_CACHE_MB: '0' }, queryLog: recorder.log });
      ({ app, url } = server);
      const db = app.database.db;
      const secret = await ensureSecret(db, undefined);
      const [owner, colleague, contact] = await Promise.all([buildPerson(db), buildPerson(db), buildPerson(db)]);
      const blog = await buildBlog(db, { ownerIds: [owner.id] });
      const hour = 3_600_000;
      await buildPost(db, { blogId: blog.id, authors: [{ personId: owner.id }], publishedAt: new Date(Date.now() - 3 * hour) });
      const post = await buildPost(db, {
        blogId: blog.id,
        publishedAt: new Date(Date.now() - 2 * hour),
        authors: [{ personId: owner.id }, { personId: colleague.id, bylineNote: 'gæsteskribent' }],
        tags: ['Skole', 'Klima'],
        relatedLinks: [{ title: 'Rapporten', url: 'https://example.org/rapport' }],
        infoBoxes: [
          {
            heading: 'Mere information',
            body: 'Kontakt os.',
            contacts: [{ personId: contact.id }, { name: 'Ida Hansen', role: 'Chef', email: 'ida@example.org' }],
          },
        ],
      });
      const newer = await buildPost(db, { blogId: blog.id, authors: [{ personId: owner.id }], publishedAt: new Date(Date.now() - hour) });
      Object.assign(ids, { post: post.id, colleague: colleague.id, newer: newer.id });
      let last: string | undefined;
      for (let n = 0; n < 12; n++) {
        last = await addImportedComment(db, secret, 3, {
          postId: post.id,
          ...(n % 3 === 2 && last ? { parentId: last } : {}),
          name: `Debattør ${n}`,
          email: `debattoer${n}@test.example`,
          body: `Kommentar nummer ${n}.`,
          status: 'approved',
          createdAt: new Date(Date.now() - 100_000 + n * 10),
        });
      }
      path = `/${blog.slug}/${post.slug}`;
    });
    after(async () => {
      await server?.close();
    });

    async function statementsOf(address: string): Promise<{ statements: string[]; html: string }> {
      const { value: html, statements } = await recorder.during(async () => {
        const response = await fetch(`${url}${address}`);
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('x-ytring-cache'), null, 'no page cache');
        return response.text();
      });
      assert.match(html, /Kommentar nummer 11\./);
      return { statements, html };
    }

    it(`renders a post page with everything on it in at most ${MAX_STATEMENTS} statements`, async () => {
      await statementsOf(path);
      const { statements } = await statementsOf(path);
      assert.ok(statements.length <= MAX_STATEMENTS, `${statements.length} statements:\n${statements.join('\n')}`);
    });

    it('reads no comment rows again while the post has had no comment change, and reads them after one', async () => {
      await statementsOf(path);
      const readsComments = (statements: string[]) => statements.filter((s) => /from "comments"/.test(s));
      assert.deepEqual(readsComments((await statementsOf(path)).statements), []);
      const db = app.database.db;
      const first = await db.selectFrom('comments').select('id').where('body', '=', 'Kommentar nummer 0.').executeTakeFirstOrThrow();
      await db.updateTable('comments').set({ body: 'Kommentar nummer 0, rettet.' }).where('id', '=', first.id).execute();
      try {
        const { statements, html } = await statementsOf(path);
        assert.ok(readsComments(statements).length > 0);
        assert.match(html, /Kommentar nummer 0, rettet\./);
      } finally {
        await db.updateTable('comments').set({ body: 'Kommentar nummer 0.' }).where('id', '=', first.id).execute();
      }
    });

    it("reads the post's own rows once, and again after anything its page shows of them changed", async () => {
      const db = app.database.db;
      // The post by address, its bylines, tags, links, info boxes and neighbours.
      const readsPost = (statements: string[]) =>
        statements.filter((s) => /from "(posts|post_authors|post_tags|related_links|info_boxes)"/.test(s));
      await statementsOf(path);
      assert.deepEqual(readsPost((await statementsOf(path)).statements), []);
      const changes: [string, () => Promise<unknown>, RegExp][] = [
        // Each as the article shows it, not only the head.
        [
          'its title',
          () => db.updateTable('posts').set({ title: 'Et nyt emne' }).where('id', '=', ids.post).execute(),
          /<h1[^>]*>Et nyt emne</,
        ],
        [
          "a co-author's name",
          () => db.updateTable('people').set({ name: 'Kollega Omdøbt' }).where('id', '=', ids.colleague).execute(),
          />Kollega Omdøbt</,
        ],
        [
          "the next post's title",
          () => db.updateTable('posts').set({ title: 'Naboens nye titel' }).where('id', '=', ids.newer).execute(),
          /Naboens nye titel/,
        ],
        [
          'a link',
          () => db.updateTable('related_links').set({ title: 'Den nye rapport' }).where('post_id', '=', ids.post).execute(),
          /Den nye rapport/,
        ],
      ];
      for (const [what, change, shown] of changes) {
        await change();
        const after = await statementsOf(path);
        assert.ok(readsPost(after.statements).length > 0, `read again after a change to ${what}`);
        assert.match(after.html, shown, what);
        assert.deepEqual(readsPost((await statementsOf(path)).statements), [], `kept again after ${what}`);
      }
    });

    it('renders the Atom feed in a fixed number of statements, not a few per post it lists', async () => {
      const { value: response, statements } = await recorder.during(() => fetch(`${url}/feed.atom`));
      assert.equal(response.status, 200);
      assert.equal((await response.text()).match(/<entry>/g)?.length, 3);
      assert.ok(statements.length <= 9, `${statements.length} statements:\n${statements.join('\n')}`);
    });

    it('renders the comment feed in a fixed number of statements, the page of each comment counted in the same one', async () => {
      await updateSiteSettings(app.database.db, { commentsPerPage: 5 });
      try {
        const { value: response, statements } = await recorder.during(() => fetch(`${url}/comments/feed.atom`));
        assert.equal(response.status, 200);
        const xml = await response.text();
        assert.equal(xml.match(/<entry>/g)?.length, 12);
        // 12 comments, every third a reply: 8 threads, 5 to a page.
        const pages = [...xml.matchAll(/<link[^>]*href="[^"]*?(?:\?comments-page=(\d+))?#comment-/g)].map((m) => Number(m[1] ?? 1));
        assert.deepEqual([...new Set(pages)].sort(), [1, 2]);
        assert.ok(statements.length <= 5, `${statements.length} statements:\n${statements.join('\n')}`);
      } finally {
        await updateSiteSettings(app.database.db, { commentsPerPage: 50 });
      }
    });

    it('stores a comment sent through the form in at most 9 statements', async () => {
      await updateSiteSettings(app.database.db, { minSecondsToSubmit: 0, commentPolicy: 'open' });
      const body = `Et synspunkt talt op ${Math.random()}`;
      // The form is read before counting: the count is the submission's alone.
      const form = await readForm(server, path);
      const { value: sent, statements } = await recorder.during(() =>
        postComment(server, path, { body, token: form.token, answer: form.answer }),
      );
      assert.equal(sent.status, 303);
      const stored = await app.database.db.selectFrom('comments').select('status').where('body', '=', body).executeTakeFirstOrThrow();
      assert.equal(stored.status, 'approved');
      assert.ok(statements.length <= 9, `${statements.length} statements:\n${statements.join('\n')}`);
    });

    it('asks for a featured image and the images in the body in one statement together', async () => {
      const db = app.database.db;
      const photo = (background: string) =>
        sharp({ create: { width: 900, height: 600, channels: 3, background } })
          .jpeg()
          .toBuffer();
      const [featured, first, second] = await Promise.all(
        ['#a33', '#3a3', '#33a'].map(async (colour) =>
          storeUpload(db, server.uploadsDir, { data: await photo(colour), alt: colour }, null),
        ),
      );
      const blog = await buildBlog(db);
      const withFeatured = async (body: string) => {
        const post = await buildPost(db, { blogId: blog.id, body });
        await setFeaturedImage(db, post.id, { uploadId: featured!.id, alt: 'Forsiden' });
        return `/${blog.slug}/${post.slug}`;
      };
      const count = async (address: string) => {
        await fetch(`${url}${address}`);
        const { value: html, statements } = await recorder.during(async () => (await fetch(`${url}${address}`)).text());
        return { count: statements.length, html };
      };
      const plain = await count(await withFeatured('Ingen billeder her.'));
      const illustrated = await count(await withFeatured(`${first!.markdown}\n\nOg så:\n\n${second!.markdown}`));
      assert.equal(
        illustrated.html.match(/width="900" height="600"/g)?.length,
        3,
        'the featured image and both body images carry their size',
      );
      assert.equal(illustrated.count, plain.count);
    });

    it('stores a comment sent through the form in one write transaction: every write between one begin and its commit', async () => {
      await updateSiteSettings(app.database.db, { minSecondsToSubmit: 0, commentPolicy: 'open' });
      const form = await readForm(server, path);
      const { value: sent, statements } = await recorder.during(() =>
        postComment(server, path, { body: `Én transaktion ${Math.random()}`, token: form.token, answer: form.answer }),
      );
      assert.equal(sent.status, 303);
      const listing = statements.join('\n');
      const begins = statements.flatMap((s, i) => (/^begin\b/i.test(s) ? [i] : []));
      const commit = statements.findIndex((s) => /^commit\b/i.test(s));
      assert.equal(begins.length, 1, listing);
      // On PostgreSQL several writes go as one statement, a WITH whose parts insert and update.
      const isWrite = (s: string) =>
        /^(insert|update|delete)\b/i.test(s) || (/^with\b/i.test(s) && /\b(insert into|update "|delete from)/i.test(s));
      const writes = statements.flatMap((s, i) => (isWrite(s) ? [i] : []));
      assert.ok(writes.length > 0 && writes.every((i) => i > begins[0]! && i < commit), listing);
    });

    it('keeps the site settings in memory until they change', async () => {
      await statementsOf(path);
      const { statements } = await statementsOf(path);
      assert.ok(!statements.some((s) => /from "settings"/.test(s)), 'settings kept in memory');
      await updateSiteSettings(app.database.db, { title: 'Et andet navn' });
      const changed = await statementsOf(path);
      assert.ok(
        changed.statements.some((s) => /from "settings"/.test(s)),
        'settings read again',
      );
      assert.match(changed.html, /Et andet navn/);
    });
  });
}
