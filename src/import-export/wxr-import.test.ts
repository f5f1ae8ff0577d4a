import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tagSlugOf } from '../posts/post.service.js';
import { updateSiteSettings } from '../settings/settings.service.js';
import type { Db } from '../storage/db.js';
import { DIALECTS } from '../../test/support/db.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { fixturesDir } from '../../test/support/wxr.js';
import { countRows } from './dump.repository.js';
import { readWxr, type WxrComment } from './formats/wxr.js';
import { ImportError, importWxrFile, type ImportReport } from './importer.js';
import { EXPORTED_TABLES } from './tables.js';

const DIR = fixturesDir();
const MAX_DEPTH = 10;

// The numbers each fixture's README states, mapped to Ytring: pages become posts in the same
// blog; WordPress "private" and password-protected posts become drafts, "future" scheduled;
// pingbacks and trackbacks are skipped, as are comments on attachments.
const FIXTURES = [
  {
    file: 'themeunittestdata.wordpress.xml',
    blog: 'theme-unit',
    people: 2,
    posts: 58,
    pages: 21,
    maxDepth: 10,
    // 56 publish (one password-protected → draft) + 21 pages, 1 draft, 1 future (2030).
    byStatus: { published: 55 + 21, draft: 1 + 1, scheduled: 1 },
    // 33 comments: 30 approved, of which 4 are pingbacks/trackbacks; 3 pending.
    comments: { approved: 26, pending: 3, spam: 0, trash: 0 },
    pings: 4,
    attachments: 37,
    repliesFirst: 0,
  },
  {
    // One of its two authors is the theme unit test's (same site), so found rather than made.
    file: '64-block-test-data.xml',
    blog: 'block-test',
    people: 2,
    posts: 61,
    pages: 1,
    maxDepth: 2,
    byStatus: { published: 62, draft: 0, scheduled: 0 },
    comments: { approved: 2, pending: 0, spam: 0, trash: 0 },
    pings: 0,
    attachments: 9,
    repliesFirst: 0,
  },
  {
    file: 'bitcoin-france.fr-FR.wordpress.xml',
    blog: 'bitcoin',
    people: 1,
    posts: 102,
    pages: 11,
    maxDepth: 15,
    // 78 publish + 10 pages; 24 drafts + the private page.
    byStatus: { published: 88, draft: 25, scheduled: 0 },
    comments: { approved: 235 - 42, pending: 0, spam: 0, trash: 0 },
    pings: 42,
    attachments: 193,
    repliesFirst: 16,
  },
  {
    file: 'everet.zh-CN.wordpress.xml',
    blog: 'everet',
    people: 1,
    posts: 104,
    pages: 4,
    maxDepth: 5,
    // 97 publish + 4 pages; 6 drafts + the private post. 166 comments: 7 pingbacks, 2 on attachments, 1 trash.
    byStatus: { published: 101, draft: 7, scheduled: 0 },
    comments: { approved: 165 - 7 - 2, pending: 0, spam: 0, trash: 1 },
    pings: 7,
    attachments: 321,
    repliesFirst: 12,
  },
] as const;

type CommentRowLite = {
  id: string;
  parent_id: string | null;
  root_id: string;
  depth: number;
  body: string;
  status: string;
  post_id: string;
};

async function rowCounts(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of EXPORTED_TABLES) counts[table.name] = await countRows(db, table.name);
  return counts;
}

async function targetOf(db: Db, blog: string, kind: string, sourceId: string): Promise<string> {
  const row = await db
    .selectFrom('import_sources')
    .select('target_id')
    .where('source', 'like', `% ${blog}`)
    .where('kind', '=', kind)
    .where('source_id', '=', sourceId)
    .executeTakeFirstOrThrow();
  return row.target_id;
}

async function postPathOf(db: Db, blog: string, wpId: string): Promise<string> {
  const post = await db
    .selectFrom('posts')
    .select('slug')
    .where('id', '=', await targetOf(db, blog, 'post', wpId))
    .executeTakeFirstOrThrow();
  return `/${blog}/${post.slug}`;
}

/** Every imported reply sits under its WordPress parent, or beside it at the deepest level Ytring allows. */
async function checkThreads(db: Db, file: string, blog: string): Promise<{ replies: number; repliesFirst: number; deepest: number }> {
  const mapped = new Map(
    (
      await db
        .selectFrom('import_sources')
        .select(['source_id', 'target_id'])
        .where('source', 'like', `% ${blog}`)
        .where('kind', '=', 'comment')
        .execute()
    ).map((r) => [r.source_id, r.target_id]),
  );
  const rows = new Map(
    (
      await db
        .selectFrom('comments')
        .select(['id', 'parent_id', 'root_id', 'depth', 'body', 'status', 'post_id'])
        .where('id', 'in', [...mapped.values()])
        .execute()
    ).map((r) => [r.id, r as CommentRowLite]),
  );
  let replies = 0;
  let repliesFirst = 0;
  let deepest = 0;
  for await (const record of readWxr(createReadStream(file, { encoding: 'utf8' }))) {
    if (record.kind !== 'item') continue;
    const seen = new Set<string>();
    const comments: WxrComment[] = record.item.comments.filter((c) => c.type !== 'pingback' && c.type !== 'trackback');
    for (const comment of comments) {
      seen.add(comment.id);
      const stored = rows.get(mapped.get(comment.id) ?? '');
      if (!stored) continue;
      deepest = Math.max(deepest, stored.depth);
      const parent = rows.get(mapped.get(comment.parent) ?? '');
      if (!parent) {
        assert.equal(stored.parent_id, null, `comment ${comment.id} should be top-level`);
        assert.equal(stored.depth, 1);
        continue;
      }
      replies++;
      if (!seen.has(comment.parent)) repliesFirst++;
      let expected = parent;
      while (expected.depth >= MAX_DEPTH) expected = rows.get(expected.parent_id!)!;
      assert.equal(
        stored.parent_id,
        expected.id,
        `comment ${comment.id} should reply to ${comment.parent} (or its ancestor at depth ${MAX_DEPTH - 1})`,
      );
      assert.equal(stored.root_id, parent.root_id);
      assert.equal(stored.post_id, parent.post_id);
    }
  }
  return { replies, repliesFirst, deepest };
}

if (!DIR) {
  describe('importing the WordPress fixtures', () => {
    it(
      'needs ../shared/fixtures/wxr beside the repository',
      { skip: process.env.CI ? false : 'fixtures not found at ../shared/fixtures/wxr' },
      () => {
        assert.fail('The WXR fixtures are missing (../shared/fixtures/wxr); CI must have them.');
      },
    );
  });
}

for (const dialect of DIR ? DIALECTS : []) {
  describe(`importing the WordPress fixtures (${dialect})`, () => {
    let server: TestServer;
    const reports = new Map<string, ImportReport>();
    before(async () => {
      server = await startTestServer(dialect);
      await updateSiteSettings(server.db, { commentMaxDepth: MAX_DEPTH, commentsPerPage: 500 });
      for (const fixture of FIXTURES) {
        reports.set(
          fixture.file,
          await importWxrFile(server.db, join(DIR!, fixture.file), { secret: server.app.secret, blogSlug: fixture.blog }),
        );
      }
    });
    after(async () => {
      await server?.close();
    });

    for (const fixture of FIXTURES) {
      describe(fixture.file, () => {
        it('imports the posts, pages and people its README counts, with their statuses', async () => {
          const report = reports.get(fixture.file)!;
          assert.equal(report.imported.posts, fixture.posts);
          assert.equal(report.imported.pages, fixture.pages);
          assert.equal(report.imported.people + report.alreadyImported.people, fixture.people);
          assert.deepEqual(report.postsByStatus, fixture.byStatus);
          const blog = await server.db.selectFrom('blogs').select('id').where('slug', '=', fixture.blog).executeTakeFirstOrThrow();
          const stored = await server.db
            .selectFrom('posts')
            .select(['status', (eb) => eb.fn.countAll().as('n')])
            .where('blog_id', '=', blog.id)
            .groupBy('status')
            .execute();
          const byStatus = { published: 0, draft: 0, scheduled: 0, ...Object.fromEntries(stored.map((r) => [r.status, Number(r.n)])) };
          assert.deepEqual(byStatus, fixture.byStatus);
        });

        it('imports the comments by status, and skips pingbacks and attachments with a count', async () => {
          const report = reports.get(fixture.file)!;
          assert.deepEqual(report.commentsByStatus, fixture.comments);
          assert.equal(report.skipped['pingback or trackback (not comments)'] ?? 0, fixture.pings);
          assert.equal(report.skipped['attachment (media files are not imported)'] ?? 0, fixture.attachments);
        });

        it('keeps every thread: replies under their parents, also when listed before them', async () => {
          const threads = await checkThreads(server.db, join(DIR!, fixture.file), fixture.blog);
          assert.equal(threads.deepest, Math.min(fixture.maxDepth, MAX_DEPTH));
          assert.ok(threads.repliesFirst >= fixture.repliesFirst, `${threads.repliesFirst} replies before their parent`);
        });
      });
    }

    it('keeps French and Chinese text intact', async () => {
      const french = await server.get(await postPathOf(server.db, 'bitcoin', '263'));
      assert.equal(french.status, 200);
      assert.match(await french.text(), /Conférence Bitcoin à Prague: 2012/);
      const chinese = await server.get(await postPathOf(server.db, 'everet', '1502'));
      assert.match(await chinese.text(), /调试Nginx/);
      const comment = await server.db
        .selectFrom('comments')
        .select('body')
        .where('id', '=', await targetOf(server.db, 'everet', 'comment', '2'))
        .executeTakeFirstOrThrow();
      assert.match(comment.body, /^自己路过/);
      assert.match(await (await server.get(await postPathOf(server.db, 'everet', '80'))).text(), /寒假计划[\s\S]*自己路过/);
      const frenchComment = await server.db
        .selectFrom('comments')
        .select('body')
        .where('id', '=', await targetOf(server.db, 'bitcoin', 'comment', '86'))
        .executeTakeFirstOrThrow();
      assert.match(frenchComment.body, /votre site est très intéressant/);
    });

    it("sets each post's language from the export, its search analyser, and its page's lang", async () => {
      for (const [blog, wpId, tag, sample] of [
        ['bitcoin', '263', 'fr-FR', 'Prague'],
        ['everet', '1502', 'zh-CN', '调试'],
      ] as const) {
        const postId = await targetOf(server.db, blog, 'post', wpId);
        const post = await server.db.selectFrom('posts').select('language').where('id', '=', postId).executeTakeFirstOrThrow();
        assert.equal(post.language, tag);
        const blogId = (await server.db.selectFrom('blogs').select('id').where('slug', '=', blog).executeTakeFirstOrThrow()).id;
        const untagged = await server.db
          .selectFrom('posts')
          .select('id')
          .where('blog_id', '=', blogId)
          .where((eb) => eb.or([eb('language', 'is', null), eb('language', '!=', tag)]))
          .execute();
        assert.deepEqual(untagged, [], `every ${blog} post is ${tag}`);
        const indexed = await server.db
          .selectFrom('search_documents')
          .select('language')
          .where('post_id', '=', postId)
          .executeTakeFirstOrThrow();
        assert.equal(indexed.language, 'simple', 'French and Chinese are neither stemmed as Danish nor as English');
        const html = await (await server.get(await postPathOf(server.db, blog, wpId))).text();
        assert.match(html, new RegExp(`<h1 lang="${tag}">`));
        assert.match(html, new RegExp(`<div class="post__body" lang="${tag}">[\\s\\S]*${sample}`));
        assert.match(html, /<html lang="(?:da|en)">/, "the page's own words stay in the site's language");
      }
      const search = await (await server.get(`/search?q=${encodeURIComponent('调试')}`)).text();
      assert.ok(
        search.includes(await postPathOf(server.db, 'everet', '1502')),
        'two Chinese characters find the post that has them in a sentence',
      );
    });

    it('stores the XSS payload comment as plain text and the post page shows it escaped', async () => {
      const stored = await server.db
        .selectFrom('comments')
        .select(['body', 'status'])
        .where('id', '=', await targetOf(server.db, 'bitcoin', 'comment', '11505'))
        .executeTakeFirstOrThrow();
      assert.equal(stored.status, 'approved');
      assert.doesNotMatch(stored.body, /</);
      const html = await (await server.get(await postPathOf(server.db, 'bitcoin', '1279'))).text();
      assert.match(html, /Welcome to WordPress\. This is your first post\./);
      assert.doesNotMatch(html, /<[^>]*\sonmouseover\s*=/i);
      assert.doesNotMatch(html, /eval\(atob/);
    });

    it('answers old permalinks and /?p=ID with 301 to the new address', async () => {
      const path = await postPathOf(server.db, 'bitcoin', '263');
      for (const old of ['/conference-bitcoin-a-prague-2012-lannee-du-premier-million-dutilisateurs/', '/?p=263']) {
        const response = await server.get(old);
        assert.equal(response.status, 301, old);
        assert.equal(response.headers.get('location'), path);
      }
      const chinese = await postPathOf(server.db, 'everet', '1502');
      for (const old of ['/2012/12/%e8%b0%83%e8%af%95nginx.html', '/2012/12/%E8%B0%83%E8%AF%95nginx.html']) {
        const response = await server.get(old);
        assert.equal(response.status, 301, old);
        assert.equal(response.headers.get('location'), chinese);
      }
      const page = await server.get('/?page_id=2');
      assert.equal(page.status, 301);
      assert.equal(page.headers.get('location'), await postPathOf(server.db, 'bitcoin', '2'));
    });

    it("answers WordPress's other old addresses with 301 to the nearest page: dated permalinks, categories, tags, authors, feeds, attachments", async () => {
      const expectRedirect = async (old: string, to: string | RegExp) => {
        const response = await server.get(old);
        assert.equal(response.status, 301, old);
        const location = response.headers.get('location') ?? '';
        if (typeof to === 'string') assert.equal(location, to, old);
        else assert.match(location, to, old);
        return location;
      };
      const post = await postPathOf(server.db, 'bitcoin', '263');
      const name = 'conference-bitcoin-a-prague-2012-lannee-du-premier-million-dutilisateurs';
      await expectRedirect(`/2011/11/27/${name}/`, post);
      await expectRedirect(`/2011/11/${name}/`, post);
      await expectRedirect(`/${name}/feed/`, `${post}/comments/feed.rss`);
      await expectRedirect('/category/bitcoin/', '/tags/bitcoin');
      await expectRedirect('/tag/abacus/', '/tags/abacus');
      await expectRedirect('/category/%e7%bd%91%e7%bb%9c/', `/tags/${tagSlugOf('网络')}`);
      const author = await expectRedirect('/author/admin/', /^\/authors\/[a-z0-9-]+$/);
      assert.equal((await server.get(author)).status, 200);
      const feed = await expectRedirect('/feed/', /^\/[a-z-]+\/feed\.rss$/);
      assert.equal((await server.get(feed)).status, 200);
      await expectRedirect('/comments/feed/', '/comments/feed.rss');
      const parent = await server.db
        .selectFrom('import_sources')
        .select('target_id')
        .where('source', 'like', '% bitcoin')
        .where('kind', '=', 'post')
        .where('source_id', '=', '982')
        .executeTakeFirst();
      const parentStatus = parent
        ? (await server.db.selectFrom('posts').select('status').where('id', '=', parent.target_id).executeTakeFirstOrThrow()).status
        : 'none';
      const attachmentTarget = parentStatus === 'published' ? await postPathOf(server.db, 'bitcoin', '982') : '/bitcoin';
      await expectRedirect('/le-credit-agricole-envoie-depardieu-en-ukraine/gerard-depardieu-mammuth-007-450x270/', attachmentTarget);
      await expectRedirect('/?attachment_id=981', attachmentTarget);
    });

    it('adds nothing when the same export is imported again', async () => {
      const before = await rowCounts(server.db);
      const report = await importWxrFile(server.db, join(DIR!, 'bitcoin-france.fr-FR.wordpress.xml'), {
        secret: server.app.secret,
        blogSlug: 'bitcoin',
      });
      assert.deepEqual(await rowCounts(server.db), before);
      assert.deepEqual(report.imported, { people: 0, posts: 0, pages: 0, comments: 0, redirects: 0 });
      assert.deepEqual(report.alreadyImported, { people: 1, posts: 113, comments: 193 });
    });

    describe('a broken file', () => {
      let dir: string;
      before(async () => {
        dir = await mkdtemp(join(tmpdir(), 'ytring-wxr-'));
      });
      after(async () => {
        await rm(dir, { recursive: true, force: true });
      });

      const expectFailure = async (text: string, line: number | ((l: number) => boolean)) => {
        const file = join(dir, `broken-${Math.random()}.xml`);
        await writeFile(file, text);
        const before = await rowCounts(server.db);
        await assert.rejects(importWxrFile(server.db, file, { secret: server.app.secret, blogSlug: 'broken' }), (error: unknown) => {
          assert.ok(error instanceof ImportError, String(error));
          assert.match(error.message, /^line \d+/);
          assert.ok(typeof line === 'number' ? error.line === line : line(error.line!), `reported line ${error.line}`);
          return true;
        });
        assert.deepEqual(await rowCounts(server.db), before);
      };

      it('stops a truncated export with its last line and stores nothing of it', async () => {
        const text = (await readFile(join(DIR!, 'bitcoin-france.fr-FR.wordpress.xml'), 'utf8')).slice(0, 900_000);
        const lines = text.split('\n').length;
        await expectFailure(text, (l) => l >= lines - 1 && l <= lines);
      });

      it('stops at a malformed line in the middle and stores nothing of it', async () => {
        const lines = (await readFile(join(DIR!, 'everet.zh-CN.wordpress.xml'), 'utf8')).split('\n');
        const at = lines.findIndex((l, i) => i > lines.length / 2 && l.includes('<wp:post_name>'));
        lines[at] = lines[at]!.replace('</wp:post_name>', '</wp:post_nam>');
        await expectFailure(lines.join('\n'), at + 1);
      });
    });
  });
}
