/**
 * SQL metacharacters in names, slugs, searches and list parameters are only ever text: they are
 * stored as typed, found only when asked for, never wildcards, and never a 500 or a changed table.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { updateSiteSettings } from '../settings/settings.service.js';
import type { Db } from '../storage/db.js';
import { loginAs, type Session } from '../../test/support/admin.js';
import { postComment } from '../../test/support/comments.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildBlog, buildPerson, buildPost } from '../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';

const HOSTILE = [
  "'",
  '"',
  ';',
  '--',
  '/*',
  '*/',
  '%',
  '_',
  '\\',
  '!',
  "' OR '1'='1",
  "'); DROP TABLE posts;--",
  '"; DROP TABLE comments; --',
  '1; SELECT pg_sleep(5)--',
  "' UNION SELECT password_hash FROM accounts--",
  '\0',
  'a\0b',
  '\u2019 OR \u20181\u2019=\u20181',
  '\u201c\u201d\u00b4`',
  '%%',
  '_%_',
  '\\%',
  '!%',
  '$1',
  '?',
  ':name',
  '[a-z]*',
  'NULL',
  'x'.repeat(10_000),
  "'".repeat(2_000),
  'æøå ÆØÅ 🙂',
];
const TABLES = ['posts', 'comments', 'people', 'blogs', 'accounts', 'tags', 'sessions', 'outbox', 'redirects'] as const;
const COMMENT_NAME = "Robert'); DROP TABLE comments;--";
const LITERAL_TITLE = "50% _off_ 'quoted'";
// Query parameters the admin lists read (src/admin/**, accounts/audit.ts, http/page-context.ts).
const ADMIN_PARAMS = [
  'q',
  'page',
  'status',
  'blog',
  'author',
  'tag',
  'post',
  'done',
  'n',
  'back',
  'next',
  'deleted',
  'saved',
  'restored',
  'action',
  'type',
  'actor',
  'from',
  'to',
  'highlight',
  'reply',
];
const ADMIN_PUBLIC = /^\/admin\/(login|setup|reset|invite)(\/|$)/;

async function rowCounts(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

for (const dialect of DIALECTS) {
  describe(`SQL metacharacters are only text (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    let blogSlug: string;
    let postSlug: string;
    let ids: { post: string; person: string; blog: string; comment: string };

    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin');
      await updateSiteSettings(server.db, {
        minSecondsToSubmit: 0,
        commentsPerHourPerIp: 10_000,
        commentsPerHourPerEmail: 10_000,
        commentPolicy: 'open',
      });
      const blog = await buildBlog(server.db);
      // The neighbours would match if % or _ were wildcards: "500" for "50%", "xoffx" for "_off_".
      const literal = await buildPost(server.db, { blogId: blog.id, title: LITERAL_TITLE, body: 'Tilbud i butikken.' });
      await buildPost(server.db, { blogId: blog.id, title: 'Halv pris på alt', body: 'Over 500 varer er sat ned, xoffx.' });
      await buildPost(server.db, { blogId: blog.id, title: 'Almindeligt indlæg', body: 'Intet særligt.' });
      const person = await buildPerson(server.db, { name: "Procent 50% _under_ 'citat'" });
      await buildPerson(server.db, { name: 'Person 500 xunderx' });
      blogSlug = blog.slug;
      postSlug = literal.slug;
      const created = await postComment(server, `/${blog.slug}/${literal.slug}`, { name: 'Første Kommentator' });
      const comment = /#comment-([0-9a-f-]{36})$/.exec(created.headers.get('location') ?? '')![1]!;
      ids = { post: literal.id, person: person.id, blog: blog.id, comment };
    });
    after(async () => {
      await server?.close();
    });

    it('answers every hostile public search with 200', async () => {
      for (const value of HOSTILE) {
        for (const param of ['q', 'blog', 'author', 'year', 'page']) {
          const response = await server.get(`/search?q=tilbud&${param}=${encodeURIComponent(value)}`);
          // A filter that cannot be a slug or a year is refused as such; a page that is no number goes to the first.
          assert.ok(
            [200, 301, 400, 404, 422].includes(response.status),
            `/search ${param}=${JSON.stringify(value.slice(0, 40))} answered ${response.status}`,
          );
          if (param === 'q') assert.equal(response.status, 200, `q=${JSON.stringify(value.slice(0, 40))}`);
        }
        assert.equal((await server.get(`/search/suggest?q=${encodeURIComponent(value)}`)).status, 200);
      }
    });

    it('finds the post with metacharacters in its title only when asked for it', async () => {
      const found = async (q: string) => (await (await server.get(`/search?q=${encodeURIComponent(q)}`)).text()).includes('_off_');
      assert.ok(await found(LITERAL_TITLE), 'its own title finds it');
      assert.ok(await found("'quoted'"));
      for (const q of ['%', '_', "' OR '1'='1", '%%', '_%_', '*', 'halv pris']) assert.ok(!(await found(q)), `q=${q} does not find it`);
    });

    it('treats % and _ as literal characters in the admin post search', async () => {
      const titles = async (q: string) => {
        const html = await (await admin.get(`/admin/posts?q=${encodeURIComponent(q)}`)).text();
        return ['_off_', 'Halv pris', 'Almindeligt'].filter((title) => html.includes(title));
      };
      assert.deepEqual(await titles('50%'), ['_off_']);
      assert.deepEqual(await titles('_off_'), ['_off_']);
      assert.deepEqual(await titles('%'), ['_off_']);
      assert.deepEqual(await titles("'quoted'"), ['_off_']);
      assert.deepEqual(await titles('\\'), []);
      assert.deepEqual(await titles("' OR '1'='1"), []);
      assert.deepEqual(await titles('500'), ['Halv pris']);
    });

    it('treats % and _ as literal characters in the admin people and audit searches', async () => {
      const people = async (q: string) => {
        const html = await (await admin.get(`/admin/people?q=${encodeURIComponent(q)}`)).text();
        return ['_under_', 'xunderx'].filter((name) => html.includes(name));
      };
      assert.deepEqual(await people('50%'), ['_under_']);
      assert.deepEqual(await people('_under_'), ['_under_']);
      assert.deepEqual(await people('%'), ['_under_']);
      assert.deepEqual(await people('!'), []);
      assert.deepEqual(await people("' or '1'='1"), []);
      const email = (await server.db.selectFrom('accounts').select('email').where('id', '=', admin.accountId).executeTakeFirstOrThrow())
        .email;
      const audit = async (actor: string) =>
        (await (await admin.get(`/admin/audit?actor=${encodeURIComponent(actor)}`)).text()).includes(email);
      assert.ok(await audit(email.slice(0, 4)), 'the login is in the audit log');
      for (const actor of ['%', '_', '!', '!%', "' OR '1'='1"]) assert.ok(!(await audit(actor)), `actor=${actor}`);
    });

    it('stores a comment named like an SQL statement verbatim and changes no table', async () => {
      const counts = await rowCounts(server.db);
      const response = await postComment(server, `/${blogSlug}/${postSlug}`, {
        name: COMMENT_NAME,
        body: "Bobby says '; DELETE FROM posts; -- and /* nothing */ happens.",
      });
      assert.equal(response.status, 303);
      const stored = await server.db
        .selectFrom('comments')
        .select(['author_name', 'body'])
        .where('author_name', '=', COMMENT_NAME)
        .execute();
      assert.deepEqual(stored, [{ author_name: COMMENT_NAME, body: "Bobby says '; DELETE FROM posts; -- and /* nothing */ happens." }]);
      assert.deepEqual(await rowCounts(server.db), { ...counts, comments: counts.comments! + 1 });
    });

    it('keeps a comment with NUL characters in it, without them, on both databases', async () => {
      const response = await postComment(server, `/${blogSlug}/${postSlug}`, {
        name: 'Nul\u0000Person',
        body: 'Tekst med\u0000 et nultegn midt i.',
        email: 'nul@debat.example',
      });
      assert.equal(response.status, 303);
      const stored = await server.db
        .selectFrom('comments')
        .select(['author_name', 'body'])
        .where('author_name', '=', 'NulPerson')
        .execute();
      assert.deepEqual(stored, [{ author_name: 'NulPerson', body: 'Tekst med et nultegn midt i.' }]);
    });

    it('answers addresses with metacharacters in their slugs with 404, never 500', async () => {
      const counts = await rowCounts(server.db);
      for (const value of HOSTILE) {
        const slug = encodeURIComponent(value);
        for (const path of [
          `/${slug}`,
          `/${blogSlug}/${slug}`,
          `/${slug}/${postSlug}`,
          `/tags/${slug}`,
          `/authors/${slug}`,
          `/archive/${slug}/01`,
          `/${slug}/feed.xml`,
        ]) {
          const response = await server.get(path);
          // 414 and 431: a parameter over the router's limit, or an address over Node's header limit.
          assert.ok([400, 404, 414, 431].includes(response.status), `GET ${path.slice(0, 60)} answered ${response.status}`);
        }
        const comment = await server.get(`/${slug}/${slug}/comments`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'name=x',
        });
        assert.ok(
          [400, 403, 404, 414, 431].includes(comment.status),
          `POST comment to ${JSON.stringify(value.slice(0, 40))} answered ${comment.status}`,
        );
        for (const section of ['posts', 'people', 'blogs', 'comments']) {
          const response = await admin.get(`/admin/${section}/${slug}${section === 'posts' || section === 'comments' ? '/edit' : ''}`);
          assert.ok(
            [400, 404, 414, 431].includes(response.status),
            `admin ${section} ${JSON.stringify(value.slice(0, 40))} answered ${response.status}`,
          );
        }
      }
      assert.deepEqual(await rowCounts(server.db), counts);
    });

    it('answers every admin page with hostile values in every list parameter with 200, 400 or 404, and changes nothing', async () => {
      const counts = await rowCounts(server.db);
      const real = (url: string) =>
        url
          .replace(/^\/admin\/posts\/:id/, `/admin/posts/${ids.post}`)
          .replace(/^\/admin\/people\/:id/, `/admin/people/${ids.person}`)
          .replace(/^\/admin\/blogs\/:id/, `/admin/blogs/${ids.blog}`)
          .replace(/^\/admin\/comments\/:id/, `/admin/comments/${ids.comment}`)
          .replace(/:[A-Za-z]+/g, '01900000-0000-7000-8000-000000000000');
      const pages = server.app.server.routeTable
        .filter((r) => r.method === 'GET' && r.url.startsWith('/admin') && !ADMIN_PUBLIC.test(r.url))
        .map((r) => real(r.url));
      assert.ok(pages.length > 15, 'the admin pages are found');
      // Every parameter at once must still fit Node's 16 KB for the request line and headers.
      const values = [
        "'",
        '"',
        ';--',
        '/*',
        '%',
        '_',
        '\\',
        "' OR '1'='1",
        "'); DROP TABLE posts;--",
        '\0',
        '\u2019 OR \u20181\u2019=\u20181',
        'x'.repeat(200),
        '-1',
        'NaN',
        '99999999999999',
      ];
      for (const page of pages) {
        for (const value of values) {
          const query = ADMIN_PARAMS.map((name) => `${name}=${encodeURIComponent(value)}`).join('&');
          const response = await admin.get(`${page}?${query}`);
          // 422: the audit export refuses a filter that is not a date.
          assert.ok(
            [200, 400, 404, 422].includes(response.status),
            `GET ${page} with ${JSON.stringify(value.slice(0, 40))} answered ${response.status}`,
          );
          await response.arrayBuffer();
        }
      }
      assert.deepEqual(await rowCounts(server.db), counts);
      const html = await (
        await admin.get(`/admin/posts?status=${encodeURIComponent("published' OR '1'='1")}&q=${encodeURIComponent("' OR ''='")}`)
      ).text();
      assert.ok(!html.includes('Halv pris') && !html.includes('Almindeligt'), 'a hostile filter widens nothing');
    });
  });
}
