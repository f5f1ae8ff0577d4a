import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../../test/support/db.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { runScheduledJobs, type JobLog } from '../scheduled-jobs.js';

const quiet: JobLog = { info: () => {}, error: () => {} };

for (const dialect of DIALECTS) {
  describe(`live events housekeeping (${dialect})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect);
    });
    after(async () => {
      await server?.close();
    });

    it('drops live events older than a day and keeps the recent ones for Last-Event-ID catch-up', async () => {
      const now = new Date('2026-12-05T12:00:00Z');
      const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3600_000).toISOString();
      const post = `prune-${dialect}`;
      await server.db
        .insertInto('live_events')
        .values([
          { kind: 'approved', post_id: post, comment_id: 'old', created_at: at(25) },
          { kind: 'queue', post_id: post, comment_id: 'old-queue', created_at: at(48) },
          { kind: 'approved', post_id: post, comment_id: 'recent', created_at: at(23) },
          { kind: 'approved', post_id: post, comment_id: 'new', created_at: at(0) },
        ])
        .execute();
      assert.equal(await runScheduledJobs(server.db, quiet, now), true);
      const left = await server.db.selectFrom('live_events').select('comment_id').where('post_id', '=', post).orderBy('seq').execute();
      assert.deepEqual(
        left.map((r) => r.comment_id),
        ['recent', 'new'],
      );
    });
  });
}
