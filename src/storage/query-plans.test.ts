/**
 * The queries behind the public pages, recorded while the pages render against a site with some
 * weight, then explained: each must be servable by an index, and the post page's count of
 * queries must not grow with its comments.
 */
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CompiledQuery, sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../test/support/db.js';
import { buildBlog, buildPerson, buildPost } from '../../test/support/factories.js';
import type { Blog } from '../blogs/blog.js';
import { addImportedComment } from '../comments/comment.service.js';
import { loadAssets } from '../http/assets.js';
import { buildServer } from '../http/server.js';
import type { Person } from '../people/person.js';
import type { Post } from '../posts/post.js';
import { ensureSecret } from '../settings/secret.js';
import { openDb, type OpenDb } from './db.js';
import { migrateToLatest } from './migrate.js';

interface Recorded {
  sql: string;
  parameters: readonly unknown[];
}

/**
 * Full scans that are right, and why. Everything else a public page reads must be reached
 * through an index.
 */
const SCANS_ALLOWED: { table: string; query: RegExp; reason: string }[] = [
  { table: 'settings', query: /^select "key", "value" from "settings"$/, reason: 'every page needs every setting; a few dozen key rows' },
  {
    table: 'blogs',
    query: /^select \* from "blogs" order by "position", "title"$/,
    reason: 'the navigation lists every blog; a site has a handful',
  },
  // Reads every person and probes post_authors for each. An index cannot make a list of all
  // authors smaller; it grows with people, not with posts or comments. Reported, not hidden.
  {
    table: 'people',
    query: /^select "people"\."slug", "people"\."name" from "people" where exists/,
    reason: 'the search form lists every author with a published post',
  },
  // The post's two neighbours in one statement: each arm is a subquery of at most one row (LIMIT
  // 1) found through the posts index; SQLite reports reading that one-row result as a scan.
  ...['previous_post', 'next_post'].map((table) => ({
    table,
    query: /^select \* from \(select "id", "slug", "title", 'previous' as "side" from "posts"/,
    reason: "a one-row subquery (the post's neighbour), itself read through an index",
  })),
  // A post page's comments in one statement: "roots" is one page of top-level comments (LIMIT), found
  // through the comments index (from the debate's end for a late page); reading those few ids back is
  // reported as a scan of the page.
  {
    table: 'roots',
    query:
      /^with "roots" as \(select "id" from "comments" where "post_id" = \? and "status" (in \(\?\)|= \?) and "parent_id" is null order by "id"( desc)? limit /,
    reason: "one page of a post's top-level comments, itself read through an index",
  },
  // The page's signature (threadPageSignature): the same page of ids as "roots", as a subquery "c",
  // each joined to its thread's revision by key.
  {
    table: 'c',
    query:
      /^select "c"\."id", "r"\."revision" from \(select "id" from "comments" where "post_id" = \? and "status" (in \(\?\)|= \?) and "parent_id" is null order by "id"( desc)? limit /,
    reason: "one page of a post's top-level comments, itself read through an index",
  },
  // A late page of a post's threads is placed by the post's kept count of threads (pageRootIdsFromEnd):
  // its LIMIT and OFFSET each read a one-row table, that count less the page's offset.
  ...[
    /^with "roots" as \(select "id" from "comments" where "post_id" = \? and "status" = \? and "parent_id" is null order by "id" desc limit \(select case/,
    /^select "c"\."id", "r"\."revision" from \(select "id" from "comments" where "post_id" = \? and "status" = \? and "parent_id" is null order by "id" desc limit \(select case/,
  ].map((query) => ({
    table: 'remaining',
    query,
    reason: "one row: the post's kept count of threads (a key lookup), less the page's offset",
  })),
  // SQLite answers max() of the rowid from the end of the table's b-tree: one step, not a scan,
  // though the plan says SEARCH without an index.
  {
    table: 'live_events',
    query: /^select max\(seq\) as "seq" from "live_events"$/,
    reason: "the live channel's newest event: max() of the integer primary key",
  },
  {
    table: 'blog_post_counts',
    query: /^select sum\("posts"\) as "posts" from "blog_post_counts"$/,
    reason: "the site's published posts: the sum of one kept count per blog (000094); a site has a handful",
  },
  // The index's matches stop at RANKED_MATCHES (FTS5 in rowid order, LIMIT), taken from the recent
  // window's table or else from the whole one (dialects/search-sqlite.ts); reading those bounded
  // results back to count or rank them is reported as scans of them, as is the window's one-row floor.
  ...[
    { table: 'matches', reason: 'at most RANKED_MATCHES matches, found through a full-text index' },
    { table: 'recent', reason: 'at most RANKED_MATCHES matches in the recent window, found through its full-text index' },
    { table: 'search_fts_window', reason: "one row: the floor of the search index's recent window" },
  ].map(({ table, reason }) => ({
    table,
    query:
      /^select (count\(\*\) as "count"|"posts"\."id", count\(\*\) over\(\) as "total") from \(with recent as materialized \(select d\.post_id as post_id,.* order by search_fts_recent\.rowid desc limit \?\).* order by search_fts\.rowid desc limit case when .* end\)\) as "matches"/s,
    reason,
  })),
];
const isAllowed = (table: string, query: Recorded) => SCANS_ALLOWED.some((a) => a.table === table && a.query.test(query.sql));

const POSTS = 300;
const isSelect = (query: Recorded) => /^\s*(select|with)\b/i.test(query.sql);

for (const dialect of DIALECTS) {
  describe(`query plans of the public pages (${dialect})`, () => {
    let database: TestDatabase;
    let open: OpenDb;
    let server: FastifyInstance;
    let recording: Recorded[] | undefined;
    let people: Person[];
    let fewComments: Post;
    let manyComments: Post;
    const blogSlugs: string[] = [];

    before(async () => {
      database = await createTestDatabase(dialect);
      open = openDb(database.config, { log: (query) => recording?.push({ sql: query.sql, parameters: query.parameters }) });
      const { db } = open;
      await migrateToLatest(db, open.dialect);
      const secret = await ensureSecret(db, undefined);
      server = await buildServer({
        db,
        secret,
        baseUrl: 'http://127.0.0.1',
        assets: loadAssets(),
        logLevel: 'silent',
        uploadsDir: join(tmpdir(), 'ytring-query-plans-uploads-nothing-is-uploaded'),
      });

      people = await Promise.all(Array.from({ length: 20 }, () => buildPerson(db)));
      const blogs: Blog[] = [];
      for (let i = 0; i < 4; i++) blogs.push(await buildBlog(db, { ownerIds: [people[i]!.id] }));
      blogSlugs.push(...blogs.map((b) => b.slug));
      const tags = ['Skole', 'Klima', 'Sundhed', 'Økonomi', 'Kultur', 'Trafik', 'Bolig', 'Europa'];
      const start = Date.now() - POSTS * 3_600_000;
      const post = (i: number) =>
        buildPost(
          db,
          {
            blogId: blogs[i % blogs.length]!.id,
            title: i % 10 === 0 ? `Folkeskolen og fremtiden ${i}` : `Indlæg om emne ${i}`,
            body: `## Afsnit\n\nTekst om ${tags[i % tags.length]} og skolernes økonomi, nummer ${i}.`,
            authors: [
              { personId: people[i % people.length]!.id },
              ...(i % 3 === 0 ? [{ personId: people[(i + 7) % people.length]!.id }] : []),
            ],
            tags: [tags[i % tags.length]!, tags[(i + 3) % tags.length]!],
            publishedAt: new Date(start + i * 3_600_000),
          },
          new Date(start + i * 3_600_000 + 1000),
        );
      // The first round makes the tags one at a time; after that, PostgreSQL can take a few at once.
      const posts: Post[] = [];
      for (let i = 0; i < tags.length; i++) posts.push(await post(i));
      for (let i = tags.length; i < POSTS; i += 10) {
        posts.push(...(await Promise.all(Array.from({ length: Math.min(10, POSTS - i) }, (_, k) => post(i + k)))));
      }
      fewComments = posts[POSTS - 2]!;
      manyComments = posts[POSTS - 1]!;
      const comment = async (post: Post, n: number, parentId?: string) =>
        addImportedComment(db, secret, 3, {
          postId: post.id,
          ...(parentId ? { parentId } : {}),
          name: `Debattør ${n}`,
          email: `debattoer${n}@test.example`,
          body: `Kommentar nummer ${n}.`,
          status: 'approved',
          createdAt: new Date(Date.now() - 100_000 + n * 10),
        });
      // Every third comment answers the one before it, so the threads have depth as well as length.
      const thread = async (post: Post, count: number, offset: number) => {
        let last: string | undefined;
        for (let n = 0; n < count; n++) last = await comment(post, offset + n, n % 3 === 2 ? last : undefined);
      };
      await Promise.all([
        thread(fewComments, 10, 0),
        thread(manyComments, 300, 10),
        ...Array.from({ length: 10 }, (_, k) => thread(posts[k]!, 19, 310 + k * 19)),
      ]);
      if (dialect === 'postgres') await sql`analyze`.execute(db);
    });
    after(async () => {
      await server?.close();
      await open?.close();
      await database?.drop();
    });

    /** The statements one request runs. */
    async function queriesOf(url: string): Promise<Recorded[]> {
      recording = [];
      try {
        const response = await server.inject(url);
        assert.equal(response.statusCode, 200, `${url}: ${response.body.slice(0, 300)}`);
        return recording;
      } finally {
        recording = undefined;
      }
    }

    const pages = () => ({
      'post page with comments': `/${blogSlugs[(POSTS - 1) % blogSlugs.length]}/${manyComments.slug}`,
      'second page of its comments': `/${blogSlugs[(POSTS - 1) % blogSlugs.length]}/${manyComments.slug}?comments-page=2`,
      // 200 threads at 50 a page: the last is found from the debate's end (pageRootIdsFromEnd).
      'last page of its comments': `/${blogSlugs[(POSTS - 1) % blogSlugs.length]}/${manyComments.slug}?comments-page=4`,
      'front page': '/',
      'second front page': '/?page=2',
      'blog page': `/${blogSlugs[0]}`,
      'tag page': '/tags/skole',
      'author page': `/authors/${people[3]!.slug}`,
      'Atom feed': '/feed.atom',
      'comments feed': '/comments/feed.atom',
      search: '/search?q=folkeskolen',
    });

    /** Tables the plan reads in full, without an index. */
    async function fullScans(query: Recorded): Promise<string[]> {
      if (dialect === 'sqlite') {
        const plan = await open.db.executeQuery<{ detail: string }>(
          CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
        );
        // A step that names a table and no index reads all of it: SQLite says SCAN, or SEARCH
        // for an aggregate such as max(); FTS5 tables go through their own virtual index.
        return plan.rows
          .map((r) => r.detail)
          .filter((detail) => /^(SCAN|SEARCH) [^(]/.test(detail) && !/ USING |VIRTUAL TABLE INDEX|^SCAN CONSTANT ROW/.test(detail))
          .map((detail) => detail.split(' ')[1]!);
      }
      // In one session, so the setting applies: with sequential scans priced out, one left in the
      // plan means no index could serve it.
      return open.db.connection().execute(async (connection) => {
        await sql`set enable_seqscan = off`.execute(connection);
        try {
          const plan = await connection.executeQuery<{ 'QUERY PLAN': unknown }>(
            CompiledQuery.raw(`explain (format json) ${query.sql}`, [...query.parameters]),
          );
          const scans: string[] = [];
          const walk = (node: Record<string, unknown>) => {
            if (node['Node Type'] === 'Seq Scan') scans.push(String(node['Relation Name']));
            for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
          };
          const [root] = plan.rows[0]!['QUERY PLAN'] as [{ Plan: Record<string, unknown> }];
          walk(root.Plan);
          return scans;
        } finally {
          await sql`reset enable_seqscan`.execute(connection);
        }
      });
    }

    it('serves every query of the public pages through an index', async () => {
      const problems: string[] = [];
      let explained = 0;
      for (const [page, url] of Object.entries(pages())) {
        const seen = new Set<string>();
        for (const query of (await queriesOf(url)).filter(isSelect)) {
          if (seen.has(query.sql)) continue;
          seen.add(query.sql);
          explained++;
          const scans = (await fullScans(query)).filter((table) => !isAllowed(table, query));
          if (scans.length) problems.push(`${page}: full scan of ${scans.join(', ')} in\n    ${query.sql}`);
        }
      }
      assert.ok(explained >= 20, `only ${explained} queries recorded`);
      assert.deepEqual(problems, []);
    });

    it("finds a post's neighbours by a range in its own blog, not by reading the site's published posts in order", async () => {
      // The newest post of its blog has no next one: an arm that walks the published posts in time
      // order, checking each, read every post of the site before it could say so.
      const query = (await queriesOf(pages()['post page with comments'])).find((q) => q.sql.includes(`'previous' as "side"`));
      assert.ok(query, 'the post page reads its neighbours');
      let plan: string;
      if (dialect === 'sqlite') {
        const rows = await open.db.executeQuery<{ detail: string }>(
          CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
        );
        plan = rows.rows.map((r) => r.detail).join('\n');
      } else {
        const rows = await open.db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]));
        plan = rows.rows.map((r) => r['QUERY PLAN']).join('\n');
      }
      // SQLite: the blog's own index, from the post on. PostgreSQL picks its index by its statistics
      // (on this small site it may walk the time index and skip the other blogs' few posts), but
      // either way each arm starts at the post's time instead of at one end of the index.
      const ranges =
        dialect === 'sqlite'
          ? plan.match(/blog_id=\? AND status=\? AND deleted_at=\? AND \(published_at,id\)[<>]\(\?,\?\)/g)
          : plan.match(/Index Cond: \(.*\(published_at [<>]=? '[^']+'::text\)\)/g);
      assert.equal(ranges?.length, 2, plan);
    });

    it('renders the post page with a fixed number of queries, however many comments it has', async () => {
      const blog = blogSlugs[(POSTS - 1) % blogSlugs.length]!;
      const few = (await queriesOf(`/${blogSlugs[(POSTS - 2) % blogSlugs.length]}/${fewComments.slug}`)).length;
      const many = (await queriesOf(`/${blog}/${manyComments.slug}`)).length;
      const manySecondPage = (await queriesOf(`/${blog}/${manyComments.slug}?comments-page=2`)).length;
      assert.equal(many, few, `10 comments take ${few} queries, 300 take ${many}`);
      // A later page first counts the post's threads (one key), to send a number past the last page to it.
      assert.equal(manySecondPage, few + 1);
      assert.ok(few <= MAX_POST_PAGE_QUERIES, `the post page runs ${few} queries`);
    });
  });
}

/** Measured at 19 on both dialects, with a little room; a jump past it is a new query per page, worth a look. */
const MAX_POST_PAGE_QUERIES = 22;
