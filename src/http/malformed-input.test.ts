import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../../test/support/db.js';
import { updateSiteSettings } from '../settings/settings.service.js';
import { postComment } from '../../test/support/comments.js';
import { buildBlog, buildPost } from '../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';

for (const dialect of DIALECTS) {
  describe(`input that is not valid percent-encoding (${dialect})`, () => {
    let server: TestServer;
    let postPath: string;

    before(async () => {
      server = await startTestServer(dialect);
      const blog = await buildBlog(server.db);
      postPath = `/${blog.slug}/${(await buildPost(server.db, { blogId: blog.id })).slug}`;
    });
    after(async () => {
      await server?.close();
    });

    // decodeURIComponent throws on %E0 alone; such a cookie is simply not ours.
    for (const cookie of ['ytring_own=%E0', 'ytring_session=%E0%A4', 'ytring_edit=%E0', 'ytring_proven=%E0%A4']) {
      it(`in a cookie is ignored: ${cookie}`, async () => {
        for (const path of ['/', postPath, '/admin']) {
          const response = await server.get(path, { headers: { cookie } });
          assert.ok(response.status === 200 || response.status === 303, `${path} answered ${response.status}`);
        }
      });
    }

    it('in a cookie sent with a comment is ignored: the comment is taken', async () => {
      await updateSiteSettings(server.db, { minSecondsToSubmit: 0 });
      for (const cookie of ['ytring_proven=%E0%A4', 'ytring_own=%E0']) {
        const response = await postComment(server, postPath, {}, { headers: { cookie } });
        assert.equal(response.status, 303, `${cookie} answered ${response.status}`);
      }
    });

    it('in the path or the query answers as a client error or a page, never a 500', async () => {
      for (const path of ['/%E0%A4', `${postPath}%E0`, `${postPath}?comments-page=%E0`, '/search?q=%E0%A4', '/tags/%E0', '/feeds/%E0']) {
        const response = await server.get(path);
        assert.ok(response.status < 500, `${path} answered ${response.status}`);
      }
    });
  });
}
