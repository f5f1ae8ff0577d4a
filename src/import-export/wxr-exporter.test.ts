import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { updateSiteSettings } from '../settings/settings.service.js';
import { openDb, type OpenDb } from '../storage/db.js';
import { migrateToLatest } from '../storage/migrate.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/support/db.js';
import { buildBlog, buildPerson, buildPost } from '../../test/support/factories.js';
import { wxrDocument, wxrItem } from '../../test/support/wxr.js';
import { readWxr, type WxrAuthor, type WxrItem } from './formats/wxr.js';
import { importWxrFile } from './importer.js';
import { exportWxrToFile } from './wxr-exporter.js';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
// WordPress's sanitize_user(login, strict) keeps only these, and a login is at most 60 characters.
const WP_LOGIN = /^[a-z0-9 _.@-]{1,60}$/i;

for (const dialect of DIALECTS) {
  describe(`ytring export wxr: people and dates (${dialect})`, () => {
    let database: TestDatabase;
    let open: OpenDb;
    let dir: string;
    const authors: WxrAuthor[] = [];
    const items: WxrItem[] = [];
    let file: string;
    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ytring-wxr-export-'));
      database = await createTestDatabase(dialect);
      open = openDb(database.config);
      await migrateToLatest(open.db, open.dialect);
      await updateSiteSettings(open.db, { timeZone: 'Europe/Copenhagen' });
      const shared = 'redaktion@example.org';
      const first = await buildPerson(open.db, { name: 'Anna Andersen', email: shared });
      const second = await buildPerson(open.db, { name: 'Bo Bendtsen', email: shared });
      const longName = await buildPerson(open.db, { name: `Christoffer ${'Lang-Efternavn '.repeat(6)}`.trim(), email: null });
      const blog = await buildBlog(open.db, { ownerIds: [first.id] });
      const now = new Date('2024-07-01T12:00:00.000Z');
      await buildPost(
        open.db,
        { blogId: blog.id, authors: [{ personId: first.id }], publishedAt: new Date('2024-06-15T22:30:00.000Z') },
        now,
      );
      await buildPost(
        open.db,
        { blogId: blog.id, authors: [{ personId: second.id }, { personId: first.id }], publishedAt: new Date('2024-01-10T08:00:00.000Z') },
        now,
      );
      await buildPost(
        open.db,
        { blogId: blog.id, authors: [{ personId: longName.id }], publishedAt: new Date('2024-03-01T00:00:00.000Z') },
        now,
      );
      file = join(dir, 'export.xml');
      await exportWxrToFile(open.db, file, { baseUrl: 'https://ytring.example' });
      for await (const record of readWxr(createReadStream(file, { encoding: 'utf8' }))) {
        if (record.kind === 'author') authors.push(record.author);
        if (record.kind === 'item') items.push(record.item);
      }
    });
    after(async () => {
      await open?.close();
      await database?.drop();
      await rm(dir, { recursive: true, force: true });
    });

    it("gives wp:post_date in the site's time zone and wp:post_date_gmt in UTC", () => {
      const byGmt = new Map(items.map((item) => [item.postDateGmt, item.postDate]));
      assert.equal(byGmt.get('2024-06-15 22:30:00'), '2024-06-16 00:30:00', 'summer time: UTC+2');
      assert.equal(byGmt.get('2024-01-10 08:00:00'), '2024-01-10 09:00:00', 'winter time: UTC+1');
    });

    it('lists every author under a login WordPress keeps as it is, and every post names one of them', () => {
      const logins = new Set(authors.map((a) => a.login));
      assert.equal(logins.size, authors.length, 'logins are distinct');
      assert.ok(authors.length >= 3);
      for (const author of authors) assert.match(author.login, WP_LOGIN);
      assert.equal(items.length, 3);
      for (const item of items) assert.ok(logins.has(item.creator), `dc:creator "${item.creator}" is a listed wp:author_login`);
    });

    it('imports people who share an e-mail address as distinct people', async () => {
      const target = await createTestDatabase(dialect);
      const opened = openDb(target.config);
      try {
        await migrateToLatest(opened.db, opened.dialect);
        const report = await importWxrFile(opened.db, file, { secret: SECRET, blogSlug: 'again' });
        assert.equal(report.imported.posts, 3);
        assert.equal(report.adjusted['item whose author is not in the export, given to the first author'] ?? 0, 0);
        const names = (
          await opened.db
            .selectFrom('post_authors')
            .innerJoin('people', 'people.id', 'post_authors.person_id')
            .select('people.name')
            .execute()
        )
          .map((r) => r.name)
          .sort();
        // Four bylines (one post has both Anna and Bo) of three distinct people.
        assert.deepEqual([...new Set(names)].slice(0, 2), ['Anna Andersen', 'Bo Bendtsen']);
        assert.equal(names.length, 4);
        assert.equal(new Set(names).size, 3);
      } finally {
        await opened.close();
        await target.drop();
      }
    });
  });

  describe(`ytring export wxr: a post's own byline titles (${dialect})`, () => {
    let database: TestDatabase;
    let open: OpenDb;
    let dir: string;
    let file: string;
    const items: WxrItem[] = [];
    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ytring-wxr-bylines-'));
      database = await createTestDatabase(dialect);
      open = openDb(database.config);
      await migrateToLatest(open.db, open.dialect);
      const guest = await buildPerson(open.db, { name: 'Gitte Gæst', email: null, guest: true });
      const plain = await buildPerson(open.db, { name: 'Per Plain', email: null });
      const blog = await buildBlog(open.db, { ownerIds: [guest.id] });
      await buildPost(open.db, {
        blogId: blog.id,
        title: 'Med titel',
        authors: [{ personId: guest.id, jobTitle: 'Formand', organisation: 'Lokalforeningen', bylineNote: 'gæsteskribent' }],
      });
      await buildPost(open.db, { blogId: blog.id, title: 'Uden titel', authors: [{ personId: plain.id }] });
      await buildPost(open.db, {
        blogId: blog.id,
        title: 'Skrevet sammen',
        authors: [{ personId: plain.id }, { personId: guest.id, organisation: 'Lokalforeningen' }],
      });
      file = join(dir, 'export.xml');
      await exportWxrToFile(open.db, file, { baseUrl: 'https://ytring.example' });
      for await (const record of readWxr(createReadStream(file, { encoding: 'utf8' }))) if (record.kind === 'item') items.push(record.item);
    });
    after(async () => {
      await open?.close();
      await database?.drop();
      await rm(dir, { recursive: true, force: true });
    });

    it("writes each byline's title, organisation and note for the post as _ytring_bylines postmeta, and none where there are none", () => {
      const titled = items.find((i) => i.title === 'Med titel')!;
      const meta = titled.meta.find((m) => m.key === '_ytring_bylines');
      assert.ok(meta, 'the post has the postmeta');
      assert.deepEqual(JSON.parse(meta.value), [
        { login: titled.creator, jobTitle: 'Formand', organisation: 'Lokalforeningen', note: 'gæsteskribent', guest: true },
      ]);
      assert.equal(items.find((i) => i.title === 'Uden titel')!.meta.length, 0);
    });

    it('names every author of a post with co-authors as Co-Authors Plus does (author terms, in byline order)', () => {
      const together = items.find((i) => i.title === 'Skrevet sammen')!;
      const withTitle = items.find((i) => i.title === 'Med titel')!;
      const plainLogin = items.find((i) => i.title === 'Uden titel')!.creator;
      assert.equal(together.creator, plainLogin, 'dc:creator is the first author');
      assert.deepEqual(
        together.terms.filter((t) => t.domain === 'author'),
        [plainLogin, withTitle.creator].map((login) => ({ domain: 'author', nicename: `cap-${login}`, name: login })),
      );
      // A post with one author is plain WordPress: a site without the plugin would report the term as failed.
      assert.deepEqual(
        withTitle.terms.filter((t) => t.domain === 'author'),
        [],
      );
    });

    it('reads them back on import, so the byline shows the same title and organisation', async () => {
      const target = await createTestDatabase(dialect);
      const opened = openDb(target.config);
      try {
        await migrateToLatest(opened.db, opened.dialect);
        await importWxrFile(opened.db, file, { secret: SECRET, blogSlug: 'igen' });
        const rows = await opened.db
          .selectFrom('post_authors')
          .innerJoin('posts', 'posts.id', 'post_authors.post_id')
          .select(['posts.title', 'post_authors.job_title', 'post_authors.organisation', 'post_authors.byline_note'])
          .orderBy('posts.title')
          .orderBy('post_authors.position')
          .execute();
        assert.deepEqual(rows, [
          { title: 'Med titel', job_title: 'Formand', organisation: 'Lokalforeningen', byline_note: 'gæsteskribent' },
          { title: 'Skrevet sammen', job_title: '', organisation: '', byline_note: '' },
          { title: 'Skrevet sammen', job_title: '', organisation: 'Lokalforeningen', byline_note: '' },
          { title: 'Uden titel', job_title: '', organisation: '', byline_note: '' },
        ]);
        // Both authors, in byline order.
        const byline = await opened.db
          .selectFrom('post_authors')
          .innerJoin('posts', 'posts.id', 'post_authors.post_id')
          .innerJoin('people', 'people.id', 'post_authors.person_id')
          .where('posts.title', '=', 'Skrevet sammen')
          .select('people.name')
          .orderBy('post_authors.position')
          .execute();
        assert.deepEqual(
          byline.map((r) => r.name),
          ['Per Plain', 'Gitte Gæst'],
        );
        // The invited guest expert is marked as one again (bylines say "gæsteskribent"); no one else is.
        const guests = await opened.db.selectFrom('people').where('is_guest', '=', 1).select('name').execute();
        assert.deepEqual(
          guests.map((r) => r.name),
          ['Gitte Gæst'],
        );
      } finally {
        await opened.close();
        await target.drop();
      }
    });
  });

  describe(`ytring import: co-authors from a WordPress site with Co-Authors Plus (${dialect})`, () => {
    it('gives the post every author its author terms name, in their order, and reports one not in the export', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'ytring-wxr-coauthors-'));
      const target = await createTestDatabase(dialect);
      const opened = openDb(target.config);
      try {
        await migrateToLatest(opened.db, opened.dialect);
        const jane =
          '<wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[jane]]></wp:author_login><wp:author_email><![CDATA[jane@example.org]]></wp:author_email><wp:author_display_name><![CDATA[Jane Jensen]]></wp:author_display_name><wp:author_first_name><![CDATA[]]></wp:author_first_name><wp:author_last_name><![CDATA[]]></wp:author_last_name></wp:author>\n';
        // The plugin's terms: slug "cap-" and the user's nicename, name the login; a guest author of
        // the plugin's own (not a WordPress user) is not among the export's authors.
        const terms =
          '<category domain="category" nicename="nyheder"><![CDATA[Nyheder]]></category>\n' +
          '<category domain="author" nicename="cap-jane"><![CDATA[jane]]></category>\n' +
          '<category domain="author" nicename="cap-admin"><![CDATA[admin]]></category>\n' +
          '<category domain="author" nicename="cap-gaest"><![CDATA[cap-gaest]]></category>\n';
        const file = join(dir, 'cap.xml');
        await writeFile(file, wxrDocument(jane, wxrItem({ id: 7, title: 'Fælles indlæg', terms }) + wxrItem({ id: 8, title: 'Alene' })));
        const report = await importWxrFile(opened.db, file, { secret: SECRET, blogSlug: 'cap' });
        const bylineOf = async (title: string) =>
          (
            await opened.db
              .selectFrom('post_authors')
              .innerJoin('posts', 'posts.id', 'post_authors.post_id')
              .innerJoin('people', 'people.id', 'post_authors.person_id')
              .where('posts.title', '=', title)
              .select('people.name')
              .orderBy('post_authors.position')
              .execute()
          ).map((r) => r.name);
        assert.deepEqual(await bylineOf('Fælles indlæg'), ['Jane Jensen', 'Åse Admin']);
        assert.deepEqual(await bylineOf('Alene'), ['Åse Admin']);
        assert.equal(report.adjusted['co-author not among the export’s authors, left out'], 1, JSON.stringify(report.adjusted));
      } finally {
        await opened.close();
        await target.drop();
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
}
