import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { updateSiteSettings } from '../settings/settings.service.js';
import { openDb } from '../storage/db.js';
import { DIALECTS } from '../../test/support/db.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { wxrDocument, wxrItem } from '../../test/support/wxr.js';
import { DISQUS_COMMENT_KIND, importDisqusFile, type DisqusImportReport } from './disqus-importer.js';
import { importWxrFile } from './importer.js';

const THREADS = 50;
const PER_THREAD = 21;
const SITE = 'https://old.example.org';

/** Each post's WordPress date and slug; the Disqus threads point at them in four ways. */
const postOf = (n: number) => ({ id: n, name: `indlaeg-${n}`, date: `2016-03-${String(1 + (n % 28)).padStart(2, '0')} 09:00:00` });

/**
 * How thread `n` names its post, as real exports do after years of permalink changes: the old
 * permalink, WordPress's ?p=ID, an address on a domain long gone with the WordPress plugin's
 * "<id> <guid>" identifier, and another permalink structure (/yyyy/mm/dd/slug/).
 */
function threadAddress(n: number): { link: string; identifier: string } {
  const { name, date } = postOf(n);
  const [y, m, d] = [date.slice(0, 4), date.slice(5, 7), date.slice(8, 10)];
  switch (n % 4) {
    case 0:
      return { link: `${SITE}/${y}/${m}/${name}/`, identifier: '' };
    case 1:
      return { link: `${SITE}/?p=${n}`, identifier: '' };
    case 2:
      return { link: `https://gammel-blog.example.net/arkiv/${name}.html`, identifier: `${n} ${SITE}/?p=${n}` };
    default:
      return { link: `${SITE}/${y}/${m}/${d}/${name}/`, identifier: '' };
  }
}

const commentId = (thread: number, k: number) => String(900_000 + thread * 100 + k);
/** Every fifth comment starts a conversation; the others answer an earlier one in the same thread. */
const parentIndex = (k: number) => (k % 5 === 0 ? undefined : Math.floor((k - 1) / 2));

function disqusExport(): string {
  const parts = [
    '<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    '<category dsq:id="1"><forum>flyttet</forum><title>General</title><isDefault>true</isDefault></category>',
  ];
  const thread = (dsqId: number, link: string, identifier: string, title: string) =>
    `<thread dsq:id="${dsqId}"><id>${identifier}</id><forum>flyttet</forum><category dsq:id="1" /><link>${link}</link><title><![CDATA[${title}]]></title><message /><createdAt>2016-03-01T08:00:00Z</createdAt><author><name>Redaktionen</name><isAnonymous>false</isAnonymous><username>redaktion</username></author><ipAddress>192.0.2.9</ipAddress><isClosed>false</isClosed><isDeleted>false</isDeleted></thread>`;
  for (let n = 1; n <= THREADS; n++) {
    const { link, identifier } = threadAddress(n);
    parts.push(thread(n, link, identifier, `Indlæg ${n}`));
  }
  parts.push(thread(999, `${SITE}/findes-ikke/`, '', 'Ingen'));
  const posts: string[] = [];
  for (let n = 1; n <= THREADS; n++) {
    for (let k = 0; k < PER_THREAD; k++) {
      const parent = parentIndex(k);
      const at = new Date(Date.UTC(2016, 3, 1, 8, 0, 0) + (n * PER_THREAD + k) * 60_000).toISOString().replace('.000', '');
      posts.push(
        `<post dsq:id="${commentId(n, k)}"><id /><message><![CDATA[<p>Kommentar ${k} i tråd ${n} – æøå</p>]]></message><createdAt>${at}</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam><author><email>laeser${k}@example.org</email><name>Læser ${k}</name><isAnonymous>false</isAnonymous><username>laeser${k}</username></author><ipAddress>192.0.2.${k}</ipAddress><thread dsq:id="${n}" />${parent === undefined ? '' : `<parent dsq:id="${commentId(n, parent)}" />`}</post>`,
      );
    }
  }
  posts.push(
    `<post dsq:id="999001"><id /><message><![CDATA[Om ingenting]]></message><createdAt>2016-04-01T08:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam><author><email></email><name>Nogen</name><isAnonymous>true</isAnonymous></author><ipAddress>192.0.2.1</ipAddress><thread dsq:id="999" /></post>`,
  );
  // Exports list comments in no promised order: every third thread's replies come before their parents.
  const ordered = posts.map((p, i) => ({ p, i, n: Math.floor(i / PER_THREAD) + 1 }));
  ordered.sort((a, b) => (a.n === b.n && a.n % 3 === 0 ? b.i - a.i : a.i - b.i));
  return `${parts.join('\n')}\n${ordered.map((o) => o.p).join('\n')}\n</disqus>\n`;
}

for (const dialect of DIALECTS) {
  describe(`a generated Disqus export of ${THREADS * PER_THREAD} comments on a moved WordPress site (${dialect})`, () => {
    let server: TestServer;
    let work: string;
    let report: DisqusImportReport;
    let commentStatements = 0;
    before(async () => {
      server = await startTestServer(dialect);
      await updateSiteSettings(server.db, { commentMaxDepth: 10 });
      work = await mkdtemp(join(tmpdir(), 'ytring-disqus-'));
      const items = Array.from({ length: THREADS }, (_, i) => wxrItem(postOf(i + 1))).join('');
      await writeFile(join(work, 'site.xml'), wxrDocument('', items));
      await importWxrFile(server.db, join(work, 'site.xml'), { secret: server.app.secret, blogSlug: 'flyttet' });
      await writeFile(join(work, 'disqus.xml'), disqusExport());
      const counting = openDb(server.database.config, {
        log: ({ sql }) => {
          if (sql.startsWith('insert into "comments"')) commentStatements++;
        },
      });
      try {
        report = await importDisqusFile(counting.db, join(work, 'disqus.xml'), { secret: server.app.secret });
      } finally {
        await counting.close();
      }
    });
    after(async () => {
      await server?.close();
      await rm(work, { recursive: true, force: true });
    });

    it('matches every thread to its post, however its address changed', () => {
      assert.deepEqual(report.threads, { matched: THREADS, unmatched: 1 });
      assert.equal(report.imported.comments, THREADS * PER_THREAD);
      assert.deepEqual(report.skipped, { 'comment on a thread that matches no post': 1 });
    });

    it('writes the comments many to a statement, as the WordPress import does', () => {
      assert.ok(
        commentStatements > 0 && commentStatements <= Math.ceil((THREADS * PER_THREAD) / 300) + 1,
        `${commentStatements} statements`,
      );
    });

    it('puts each comment on the right post under the right parent', async () => {
      const posts = new Map(
        (
          await server.db
            .selectFrom('import_sources')
            .select(['source_id', 'target_id'])
            .where('kind', '=', 'post')
            .where('source', 'like', '% flyttet')
            .execute()
        ).map((r) => [r.source_id, r.target_id]),
      );
      const targets = new Map(
        (
          await server.db.selectFrom('import_sources').select(['source_id', 'target_id']).where('kind', '=', DISQUS_COMMENT_KIND).execute()
        ).map((r) => [r.source_id, r.target_id]),
      );
      const rows = new Map((await server.db.selectFrom('comments').select(['id', 'post_id', 'parent_id']).execute()).map((r) => [r.id, r]));
      let replies = 0;
      for (let n = 1; n <= THREADS; n++) {
        for (let k = 0; k < PER_THREAD; k++) {
          const row = rows.get(targets.get(commentId(n, k)) ?? '');
          assert.ok(row, `comment ${k} of thread ${n} imported`);
          assert.equal(row.post_id, posts.get(String(n)), `comment ${k} of thread ${n} on post ${n}`);
          const parent = parentIndex(k);
          assert.equal(row.parent_id, parent === undefined ? null : targets.get(commentId(n, parent)));
          if (parent !== undefined) replies++;
        }
      }
      assert.ok(replies > THREADS * 10);
    });

    it("shows each post's comments on its page, counted", async () => {
      for (const n of [4, 5, 6, 7]) {
        const post = await server.db
          .selectFrom('posts')
          .select(['slug', 'comment_count'])
          .where(
            'id',
            '=',
            (
              await server.db
                .selectFrom('import_sources')
                .select('target_id')
                .where('kind', '=', 'post')
                .where('source_id', '=', String(n))
                .executeTakeFirstOrThrow()
            ).target_id,
          )
          .executeTakeFirstOrThrow();
        assert.equal(Number(post.comment_count), PER_THREAD);
        const page = await (await server.get(`/flyttet/${post.slug}`)).text();
        assert.match(page, new RegExp(`Kommentar 20 i tråd ${n} – æøå`));
      }
    });
  });
}
