import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loginAs, type Session } from '../../../test/support/admin.js';
import { DIALECTS } from '../../../test/support/db.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { EXPORT_FORMAT, EXPORT_VERSION } from '../../import-export/exporter.js';
import { readWxr } from '../../import-export/formats/wxr.js';

const today = () => new Date().toISOString().slice(0, 10);

for (const dialect of DIALECTS) {
  describe(`admin export (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    let demoTitles: string[];
    before(async () => {
      server = await startTestServer(dialect, { demo: true });
      admin = await loginAs(server, 'admin');
      demoTitles = (await server.db.selectFrom('posts').select('title').execute()).map((p) => p.title).sort();
      assert.ok(demoTitles.length > 0, 'the demo has posts');
    });
    after(async () => {
      await server?.close();
    });

    it('shows an administrator the page with both downloads', async () => {
      const response = await admin.get('/admin/export');
      assert.equal(response.status, 200);
      const html = await response.text();
      assert.match(html, /<form method="post" action="\/admin\/export"/);
      assert.match(html, /name="_csrf" value="[^"]+"/);
      assert.match(html, /name="format" value="ytring"/);
      assert.match(html, /name="format" value="wxr"/);
      assert.match(html, /href="\/admin\/export" aria-current="page"/);
    });

    it('downloads the full Ytring export as NDJSON, with the header first and the demo posts in it', async () => {
      const response = await admin.post('/admin/export', { format: 'ytring' });
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type')!, /^application\/x-ndjson/);
      assert.equal(response.headers.get('content-disposition'), `attachment; filename="ytring-export-${today()}.ndjson"`);
      assert.match(response.headers.get('cache-control')!, /no-store/);
      const lines = (await response.text())
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      assert.equal(lines[0]!.format, EXPORT_FORMAT);
      assert.equal(lines[0]!.version, EXPORT_VERSION);
      const posts = lines
        .filter((l) => l.table === 'posts')
        .map((l) => (l.row as { title: string }).title)
        .sort();
      assert.deepEqual(posts, demoTitles);
      assert.equal(lines[lines.length - 1]!.end, true);
      const entry = await server.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'site.export')
        .where('account_id', '=', admin.accountId)
        .where('summary', '=', 'ytring')
        .executeTakeFirst();
      assert.ok(entry, 'the export is in the audit log');
    });

    it('downloads a WXR file that the WordPress parser reads, with the demo posts in it', async () => {
      const response = await admin.post('/admin/export', { format: 'wxr' });
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type')!, /^application\/xml/);
      assert.equal(response.headers.get('content-disposition'), `attachment; filename="ytring-export-${today()}.xml"`);
      const text = await response.text();
      const titles: string[] = [];
      let sawSite = false;
      for await (const record of readWxr(
        (async function* () {
          yield text;
        })(),
      )) {
        if (record.kind === 'site') sawSite = true;
        if (record.kind === 'item' && record.item.postType === 'post') titles.push(record.item.title);
      }
      assert.ok(sawSite);
      assert.deepEqual(titles.sort(), demoTitles);
      const entry = await server.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'site.export')
        .where('summary', '=', 'wxr')
        .executeTakeFirst();
      assert.ok(entry);
    });

    it('refuses editors, authors and moderators', async () => {
      for (const role of ['editor', 'author', 'moderator'] as const) {
        const session = await loginAs(server, role);
        assert.equal((await session.get('/admin/export')).status, 403, `${role} GET`);
        const response = await session.post('/admin/export', { format: 'ytring' });
        assert.equal(response.status, 403, `${role} POST`);
        assert.doesNotMatch(response.headers.get('content-disposition') ?? '', /attachment/);
      }
    });

    it('sends someone not logged in to the login page, and refuses their POST', async () => {
      const response = await server.get('/admin/export');
      assert.equal(response.status, 303);
      assert.match(response.headers.get('location')!, /^\/admin\/login\?next=%2Fadmin%2Fexport/);
      const post = await server.get('/admin/export', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ format: 'ytring' }),
      });
      assert.equal(post.status, 403);
    });

    it('refuses a POST without the CSRF token', async () => {
      const response = await admin.post('/admin/export', { format: 'ytring' }, { csrf: false });
      assert.equal(response.status, 403);
      assert.doesNotMatch(response.headers.get('content-disposition') ?? '', /attachment/);
    });
  });
}
