/** The admin menu's count of comments waiting for moderation, and its live stream for staff. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loginAs, type Session } from '../../test/support/admin.js';
import { postComment } from '../../test/support/comments.js';
import { DIALECTS } from '../../test/support/db.js';
import { buildBlog, buildPost } from '../../test/support/factories.js';
import { openLiveStream } from '../../test/support/live.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { updateSiteSettings } from '../settings/settings.service.js';

for (const dialect of DIALECTS) {
  describe(`the waiting count in the admin menu (${dialect})`, () => {
    let server: TestServer;
    let admin: Session;
    let path: string;
    before(async () => {
      server = await startTestServer(dialect);
      admin = await loginAs(server, 'admin');
      await updateSiteSettings(server.db, { minSecondsToSubmit: 0, commentsPerHourPerIp: 10_000, commentPolicy: 'all' });
      const blog = await buildBlog(server.db);
      const post = await buildPost(server.db, { blogId: blog.id });
      path = `/${blog.slug}/${post.slug}`;
    });
    after(async () => {
      await server?.close();
    });

    const countOf = (message: { data: string }) => (JSON.parse(message.data) as { waiting: number }).waiting;

    it('shows the count in the menu of every admin page', async () => {
      await postComment(server, path, { body: 'Venter i køen' });
      const html = await (await admin.get('/admin/posts')).text();
      assert.match(
        html,
        /<span class="nav-count" data-live-waiting="\/live\/waiting" data-count="1">1<span class="visually-hidden"> venter<\/span><\/span>/,
      );
    });

    it('streams the count to staff as comments arrive and are moderated', async () => {
      const live = await openLiveStream(server.url, '/live/waiting', { cookie: admin.cookie });
      try {
        assert.equal(live.status, 200);
        assert.equal(live.headers['cache-control'], 'no-store');
        const first = await live.next((m) => m.event === 'waiting');
        const start = countOf(first);
        const id = /#comment-([0-9a-f-]{36})$/.exec(
          (await postComment(server, path, { body: 'Endnu en' })).headers.get('location') ?? '',
        )?.[1];
        await live.next((m) => m.event === 'waiting' && countOf(m) === start + 1);
        await server.db.updateTable('comments').set({ status: 'approved' }).where('id', '=', id!).execute();
        await live.next((m) => m.event === 'waiting' && countOf(m) === start);
      } finally {
        live.close();
      }
    });

    it('is for logged-in staff only', async () => {
      const anonymous = await openLiveStream(server.url, '/live/waiting');
      assert.equal(anonymous.status, 403);
      assert.equal(anonymous.headers['cache-control'], 'no-store');
    });
  });
}
