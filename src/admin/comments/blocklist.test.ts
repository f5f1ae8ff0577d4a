import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ipHashOf } from '../../comments/comment.service.js';
import { updateSiteSettings } from '../../settings/settings.service.js';
import { loginAs, type Session } from '../../../test/support/admin.js';
import { postComment } from '../../../test/support/comments.js';
import { DIALECTS } from '../../../test/support/db.js';
import { buildBlog, buildPost } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

const RELAXED = { minSecondsToSubmit: 0, commentsPerHourPerIp: 10_000, commentsPerHourPerEmail: 10_000, commentPolicy: 'open' as const };

for (const dialect of DIALECTS) {
  describe(`the blocklist page (${dialect})`, () => {
    let server: TestServer;
    let moderator: Session;
    let path: string;
    before(async () => {
      server = await startTestServer(dialect);
      moderator = await loginAs(server, 'moderator');
    });
    after(async () => {
      await server?.close();
    });
    beforeEach(async () => {
      await updateSiteSettings(server.db, RELAXED);
      const blog = await buildBlog(server.db);
      const post = await buildPost(server.db, { blogId: blog.id });
      path = `/${blog.slug}/${post.slug}`;
    });

    const statusOfLatest = async () =>
      await server.db.selectFrom('comments').select(['status', 'spam_reasons']).orderBy('id', 'desc').executeTakeFirstOrThrow();

    it('adds a word, which then holds comments containing it, and lists it', async () => {
      assert.equal((await moderator.post('/admin/comments/blocklist', { kind: 'word', value: 'Lynlån' })).status, 303);
      assert.match(await (await moderator.get('/admin/comments/blocklist')).text(), /<code>lynlån<\/code>/);
      await postComment(server, path, { email: 'ord@debat.example', body: 'Prøv vores LYNLÅN i dag' });
      const latest = await statusOfLatest();
      assert.equal(latest.status, 'pending');
      assert.match(latest.spam_reasons, /word:lynlån/);
    });

    it('refuses a value that is not of its kind and keeps what was typed', async () => {
      const response = await moderator.post('/admin/comments/blocklist', { kind: 'email', value: 'ikke en adresse' });
      assert.equal(response.status, 422);
      const html = await response.text();
      assert.match(html, /value="ikke en adresse"/);
      assert.match(html, /aria-invalid="true"/);
    });

    it('stores an IP address only as its hash, and removing it lets comments through', async () => {
      assert.equal((await moderator.post('/admin/comments/blocklist', { kind: 'ip', value: '127.0.0.1' })).status, 303);
      const stored = await server.db.selectFrom('blocklist').select('value').where('kind', '=', 'ip').execute();
      assert.deepEqual(
        stored.map((r) => r.value),
        [ipHashOf(server.app.secret, '127.0.0.1')],
      );
      await postComment(server, path, { email: 'maskine@debat.example' });
      assert.equal((await statusOfLatest()).status, 'spam');
      assert.equal((await moderator.post('/admin/comments/blocklist/delete', { kind: 'ip', value: stored[0]!.value })).status, 303);
      await postComment(server, path, { email: 'maskine2@debat.example' });
      assert.equal((await statusOfLatest()).status, 'approved');
    });
  });
}
