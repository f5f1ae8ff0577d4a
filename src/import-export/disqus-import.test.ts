import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Blog } from '../blogs/blog.js';
import type { Post } from '../posts/post.js';
import { addRedirect } from '../redirects/redirect.service.js';
import { updateSiteSettings } from '../settings/settings.service.js';
import type { Db } from '../storage/db.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildBlog, buildPost } from '../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { countRows } from './dump.repository.js';
import { DISQUS_COMMENT_KIND, formatDisqusImportReport, importDisqus, type DisqusImportReport } from './disqus-importer.js';
import { readDisqus } from './formats/disqus.js';
import { ImportError } from './importer.js';
import { EXPORTED_TABLES } from './tables.js';

/** The text in small pieces, so records and CDATA sections are split across writes as in a file stream. */
const input = (text: string) => {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += 97) chunks.push(text.slice(i, i + 97));
  return { chunks, bytesRead: () => text.length, totalBytes: text.length };
};

const HEAD =
  '<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">';

const comment = (
  id: string,
  thread: string,
  fields: { name: string; email?: string; message: string; at: string; parent?: string; spam?: boolean; deleted?: boolean },
) => `
  <post dsq:id="${id}">
    <id />
    <message><![CDATA[${fields.message}]]></message>
    <createdAt>${fields.at}</createdAt>
    <isDeleted>${fields.deleted ? 'true' : 'false'}</isDeleted>
    <isSpam>${fields.spam ? 'true' : 'false'}</isSpam>
    <author>
      <email>${fields.email ?? ''}</email>
      <name>${fields.name}</name>
      <isAnonymous>false</isAnonymous>
      <username>${fields.name.toLowerCase().replace(/\W+/g, '')}</username>
    </author>
    <ipAddress>127.0.0.1</ipAddress>
    <thread dsq:id="${thread}" />${fields.parent ? `\n    <parent dsq:id="${fields.parent}" />` : ''}
  </post>`;

const thread = (id: string, fields: { identifier: string; link: string; title: string }) => `
  <thread dsq:id="${id}">
    <id>${fields.identifier}</id>
    <forum>ytring-test</forum>
    <category dsq:id="1" />
    <link>${fields.link}</link>
    <title>${fields.title}</title>
    <message />
    <createdAt>2019-05-01T08:00:00Z</createdAt>
    <author><name>Blogger</name><isAnonymous>false</isAnonymous><username>blogger</username></author>
    <isClosed>false</isClosed>
    <isDeleted>false</isDeleted>
  </thread>`;

/** A small export: a thread per way of matching a post, one that matches nothing, and comments that test each rule. */
function disqusExport(blog: Blog, first: Post, second: Post): string {
  return `${HEAD}
  <category dsq:id="1">
    <forum>ytring-test</forum>
    <title>General</title>
    <isDefault>true</isDefault>
  </category>${thread('1001', { identifier: '', link: `https://blog.example/${blog.slug}/${first.slug}/`, title: 'Matched by address' })}${thread(
    '1002',
    { identifier: second.id, link: 'https://gammel.example/ukendt-adresse', title: 'Matched by identifier' },
  )}${thread('1003', { identifier: 'findes-ikke', link: 'https://blog.example/findes/ikke/', title: 'No such post' })}${thread('1004', {
    identifier: '',
    link: 'https://gammel.example/2019/05/gammel-adresse/',
    title: 'Matched through a redirect',
  })}${comment('2002', '1001', {
    name: 'Zoë Łukasz',
    message: '<p>Svar på svaret, før forælderen</p>',
    at: '2019-05-03T10:00:00Z',
    parent: '2003',
  })}${comment('2001', '1001', {
    name: 'Søren Ærø',
    email: 'soeren@test.example',
    message: '<p>Første kommentar &amp; mere</p><p>Andet <b>afsnit</b></p>',
    at: '2019-05-01T10:00:00Z',
  })}${comment('2003', '1001', { name: 'José Núñez', message: 'Svar til Søren', at: '2019-05-02T10:00:00Z', parent: '2001' })}${comment(
    '2004',
    '1002',
    { name: 'Spammer', message: '<a href="https://spam.example">Køb nu</a>', at: '2019-05-04T10:00:00Z', spam: true },
  )}${comment('2005', '1002', {
    name: 'Åse Øster',
    message: 'Slettet af forfatteren',
    at: '2019-05-05T10:00:00Z',
    deleted: true,
  })}${comment('2006', '1003', { name: 'Ingen Steder', message: 'Om en side, der ikke findes', at: '2019-05-06T10:00:00Z' })}${comment(
    '2007',
    '1004',
    { name: '李小龙', message: '<p>你好，世界</p>', at: '2019-05-07T10:00:00Z' },
  )}
</disqus>
`;
}

async function rowCounts(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of EXPORTED_TABLES) counts[table.name] = await countRows(db, table.name);
  return counts;
}

async function commentOf(db: Db, dsqId: string) {
  const target = await db
    .selectFrom('import_sources')
    .select('target_id')
    .where('kind', '=', DISQUS_COMMENT_KIND)
    .where('source_id', '=', dsqId)
    .executeTakeFirstOrThrow();
  return db.selectFrom('comments').selectAll().where('id', '=', target.target_id).executeTakeFirstOrThrow();
}

describe('the Disqus parser', () => {
  it('refuses a file that is not a Disqus export, with its line', async () => {
    await assert.rejects(async () => {
      for await (const _ of readDisqus(['<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>'])) {
        /* nothing */
      }
    }, /line 2, column \d+: not a Disqus export/);
  });
});

for (const dialect of DIALECTS) {
  describe(`importing a Disqus export (${dialect})`, () => {
    let server: TestServer;
    let blog: Blog;
    let first: Post;
    let second: Post;
    let xml: string;
    let report: DisqusImportReport;
    before(async () => {
      server = await startTestServer(dialect);
      await updateSiteSettings(server.db, { commentMaxDepth: 10 });
      blog = await buildBlog(server.db, { slug: 'disqus-blog' });
      first = await buildPost(server.db, { blogId: blog.id, slug: 'foerste-indlaeg', title: 'Første indlæg' });
      second = await buildPost(server.db, { blogId: blog.id, slug: 'andet-indlaeg', title: 'Andet indlæg' });
      // An address of the post from an earlier WordPress import.
      await addRedirect(server.db, '/2019/05/gammel-adresse/', `/${blog.slug}/${first.slug}`);
      xml = disqusExport(blog, first, second);
      report = await importDisqus(server.db, input(xml), { secret: server.app.secret });
    });
    after(async () => {
      await server?.close();
    });

    it('matches threads by address, identifier and redirect, and counts the rest', () => {
      assert.equal(report.source, 'disqus:ytring-test');
      assert.deepEqual(report.threads, { matched: 3, unmatched: 1 });
      assert.equal(report.imported.comments, 6);
      assert.deepEqual(report.commentsByStatus, { approved: 4, pending: 0, spam: 1, trash: 1 });
      assert.deepEqual(report.skipped, { 'comment on a thread that matches no post': 1 });
      assert.deepEqual(report.adjusted, {});
      const text = formatDisqusImportReport(report);
      assert.match(text, /threads {5}3 matched to posts, 1 matching no post/);
      assert.match(text, /comments {4}6 \(4 approved, 1 spam, 1 trash\)/);
    });

    it('puts each comment on its post, with its status, date and author', async () => {
      const c1 = await commentOf(server.db, '2001');
      assert.equal(c1.post_id, first.id);
      assert.equal(c1.status, 'approved');
      assert.equal(c1.author_name, 'Søren Ærø');
      assert.equal(c1.author_email, 'soeren@test.example');
      assert.equal(new Date(c1.created_at).toISOString(), '2019-05-01T10:00:00.000Z');
      assert.equal(c1.body, 'Første kommentar & mere\n\nAndet afsnit');
      assert.equal((await commentOf(server.db, '2004')).post_id, second.id);
      assert.equal((await commentOf(server.db, '2004')).status, 'spam');
      const deleted = await commentOf(server.db, '2005');
      assert.equal(deleted.status, 'trash');
      assert.equal(deleted.author_name, 'Åse Øster');
      const viaRedirect = await commentOf(server.db, '2007');
      assert.equal(viaRedirect.post_id, first.id);
      assert.equal(viaRedirect.author_name, '李小龙');
      assert.equal(viaRedirect.body, '你好，世界');
      const posts = await server.db.selectFrom('posts').select(['id', 'comment_count']).where('id', 'in', [first.id, second.id]).execute();
      assert.deepEqual(Object.fromEntries(posts.map((p) => [p.id, Number(p.comment_count)])), { [first.id]: 4, [second.id]: 0 });
    });

    it('threads replies under their parents, also a reply listed before its parent', async () => {
      const [c1, c2, c3] = [await commentOf(server.db, '2001'), await commentOf(server.db, '2002'), await commentOf(server.db, '2003')];
      assert.equal(c1.parent_id, null);
      assert.equal(c3.parent_id, c1.id);
      assert.equal(c2.parent_id, c3.id);
      assert.equal(c2.root_id, c1.id);
      assert.equal(Number(c2.depth), 3);
      assert.equal(c2.author_name, 'Zoë Łukasz');
      assert.equal(c3.author_name, 'José Núñez');
    });

    it('adds nothing when run again', async () => {
      const before = await rowCounts(server.db);
      const again = await importDisqus(server.db, input(xml), { secret: server.app.secret });
      assert.equal(again.imported.comments, 0);
      assert.equal(again.alreadyImported.comments, 6);
      assert.deepEqual(await rowCounts(server.db), before);
    });

    it('stops at a malformed file with its line and leaves the database as it was', async () => {
      const before = await rowCounts(server.db);
      // Well-formed records first (a new forum, so they would be new), then a broken one.
      const broken = `${HEAD}${thread('3001', {
        identifier: '',
        link: `https://blog.example/${blog.slug}/${first.slug}`,
        title: 'Ok',
      }).replace(
        'ytring-test',
        'andet-forum',
      )}${comment('4001', '3001', { name: 'Før fejlen', message: 'Gemmes ikke', at: '2020-01-01T00:00:00Z' })}
  <post dsq:id="4002">
    <message>Ikke lukket</mesage>
  </post>
</disqus>
`;
      const line = broken.split('\n').findIndex((l) => l.includes('</mesage>')) + 1;
      await assert.rejects(importDisqus(server.db, input(broken), { secret: server.app.secret }), (error: unknown) => {
        assert.ok(error instanceof ImportError);
        assert.equal(error.line, line);
        assert.match(error.message, new RegExp(`^line ${line}, column \\d+: `));
        return true;
      });
      assert.deepEqual(await rowCounts(server.db), before);
    });
  });
}
