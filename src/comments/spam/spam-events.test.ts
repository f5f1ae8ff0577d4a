import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../../../test/support/db.js';
import { buildBlog, buildPost } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { updateSiteSettings } from '../../settings/settings.service.js';
import { runCommentMaintenance } from '../comment-maintenance.js';
import { getSpamReport } from '../spam-report.service.js';
import { insertSpamEvent } from './spam.repository.js';

const DAY = 86_400_000;

for (const dialect of DIALECTS) {
  describe(`spam statistics stay small (${dialect})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect);
      await updateSiteSettings(server.db, { minSecondsToSubmit: 0, commentsPerHourPerIp: 100_000, questionEnabled: true });
    });
    after(async () => {
      await server?.close();
    });

    const statRows = async () =>
      Number(
        (
          await server.db
            .selectFrom('spam_event_counts')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const reported = async (layer: string, outcome: string, since?: Date) =>
      (await getSpamReport(server.db, since)).find((r) => r.layer === layer && r.outcome === outcome)?.count ?? 0;

    // 400 refusals show what thousands would: a row per event would be hundreds of rows, and the count
    // stays exact with 20 at a time (twice the PostgreSQL pool). Each refusal renders the post page, so
    // thousands cost minutes of CI; 50 at a time on a loaded machine outwaited the pool's 5 s (a 503).
    it('counts 400 rejected posts from one client without a token in a handful of rows', async () => {
      const blog = await buildBlog(server.db);
      const post = await buildPost(server.db, { blogId: blog.id });
      const rowsBefore = await statRows();
      const countBefore = await reported('question', 'rejected');
      const body = new URLSearchParams({
        name: 'Bot',
        email: 'bot@spam.example',
        body: 'Køb nu',
        parent: '',
        token: '',
        answer: '',
        website: '',
      });
      for (let sent = 0; sent < 400; sent += 20) {
        await Promise.all(
          Array.from({ length: 20 }, async () => {
            const response = await server.get(`/${blog.slug}/${post.slug}/comments`, {
              method: 'POST',
              body,
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
            });
            assert.ok(response.status >= 400 && response.status < 500, `answered ${response.status}`);
            await response.arrayBuffer();
          }),
        );
      }
      // One row per day, layer, outcome and post: two at most should the run cross midnight.
      assert.ok((await statRows()) - rowsBefore <= 2, `${(await statRows()) - rowsBefore} rows`);
      assert.equal((await reported('question', 'rejected')) - countBefore, 400);
    });

    it('forgets counts older than the retention and keeps newer ones, and the report still reads by time', async () => {
      const post = await buildPost(server.db);
      const now = new Date('2030-06-01T12:00:00Z');
      await insertSpamEvent(server.db, 'retention-test', 'rejected', post.id, new Date(now.getTime() - 200 * DAY));
      await insertSpamEvent(server.db, 'retention-test', 'rejected', post.id, new Date(now.getTime() - 2 * DAY));
      await insertSpamEvent(server.db, 'retention-test', 'rejected', post.id, new Date(now.getTime() - 2 * DAY));
      assert.equal(await reported('retention-test', 'rejected'), 3);
      assert.equal(await reported('retention-test', 'rejected', new Date(now.getTime() - 7 * DAY)), 2);
      await runCommentMaintenance(server.db, { ipRetentionDays: 30 }, now);
      assert.equal(await reported('retention-test', 'rejected'), 2);
    });
  });
}
