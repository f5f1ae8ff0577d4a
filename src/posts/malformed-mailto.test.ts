import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loginAs, type Session } from '../../test/support/admin.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildBlog, buildPost } from '../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { wxrDocument, wxrItem } from '../../test/support/wxr.js';
import { importWxrFile } from '../import-export/importer.js';

// A percent-encoding that is not UTF-8: decodeURIComponent throws on it.
const BROKEN_MAILTO = '[skriv](mailto:%E0%A4)';

for (const dialect of DIALECTS) {
  describe(`a post with a malformed mailto link (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    let dir: string;

    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin');
      dir = await mkdtemp(join(tmpdir(), 'ytring-mailto-'));
    });
    after(async () => {
      await server?.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('is previewed', async () => {
      const response = await admin.post('/admin/preview', { body: `Tekst ${BROKEN_MAILTO} her` });
      assert.equal(response.status, 200);
      assert.match(await response.text(), /class="email"/);
    });

    it('is published and shown', async () => {
      const blog = await buildBlog(server.db, { slug: `mailto-${dialect}` });
      const post = await buildPost(server.db, { blogId: blog.id, slug: 'brudt-adresse', body: `Tekst ${BROKEN_MAILTO} her` });
      const response = await server.get(`/${blog.slug}/${post.slug}`);
      assert.equal(response.status, 200);
    });

    it('does not stop a WordPress import: every post of it arrives', async () => {
      const file = join(dir, 'mailto.xml');
      await writeFile(
        file,
        wxrDocument(
          '',
          [
            wxrItem({ id: 1, name: 'brudt', content: '<p>Skriv <a href="mailto:%E0%A4">til mig</a>.</p>' }),
            wxrItem({ id: 2, name: 'hel', content: '<p>Alt er godt.</p>' }),
          ].join(''),
        ),
      );
      const report = await importWxrFile(server.db, file, { secret: server.app.secret, blogSlug: `import-${dialect}` });
      assert.equal(report.imported.posts, 2);
      assert.equal((await server.get(`/import-${dialect}/brudt`)).status, 200);
    });
  });
}
