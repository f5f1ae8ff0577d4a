import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../../test/support/db.js';
import { buildPost } from '../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { runCommentMaintenance } from './comment-maintenance.js';
import { addImportedComment, ipHashOf } from './comment.service.js';

for (const dialect of DIALECTS) {
  describe(`comment housekeeping (${dialect})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(dialect);
    });
    after(async () => {
      await server?.close();
    });

    it('forgets IP hashes older than the retention period and keeps newer ones', async () => {
      const post = await buildPost(server.db);
      const now = new Date('2026-11-29T12:00:00Z');
      const add = async (daysAgo: number) => {
        const id = await addImportedComment(server.db, server.app.secret, 3, {
          postId: post.id,
          name: 'Ip',
          email: `ip${daysAgo}@x.example`,
          body: 'Tekst',
          status: 'approved',
          createdAt: new Date(now.getTime() - daysAgo * 86_400_000),
        });
        await server.db
          .updateTable('comments')
          .set({ ip_hash: ipHashOf(server.app.secret, '192.0.2.1') })
          .where('id', '=', id)
          .execute();
        return id;
      };
      const old = await add(31);
      const recent = await add(29);
      const result = await runCommentMaintenance(server.db, { ipRetentionDays: 30 }, now);
      assert.equal(result.ipHashesForgotten, 1);
      const rows = new Map(
        (await server.db.selectFrom('comments').select(['id', 'ip_hash']).where('id', 'in', [old, recent]).execute()).map((r) => [
          r.id,
          r.ip_hash,
        ]),
      );
      assert.equal(rows.get(old), null);
      assert.ok(rows.get(recent));
    });

    it('forgets spent question tokens once they have expired', async () => {
      const past = new Date('2026-01-01T00:00:00Z');
      await server.db
        .insertInto('used_question_tokens')
        .values({ nonce: `n-${dialect}`, expires_at: past.toISOString() })
        .execute();
      await runCommentMaintenance(server.db, { ipRetentionDays: 30 }, new Date('2026-02-01T00:00:00Z'));
      assert.equal(
        await server.db.selectFrom('used_question_tokens').select('nonce').where('nonce', '=', `n-${dialect}`).executeTakeFirst(),
        undefined,
      );
    });
  });
}
