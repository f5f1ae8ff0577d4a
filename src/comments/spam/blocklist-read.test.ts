/**
 * A comment's spam checks read the site-wide blocklist and its blog's, not every blog's: on a site
 * with many blogs, each with its own entries, reading them all cost every comment a scan of the
 * whole table.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { DIALECTS } from '../../../test/support/db.js';
import { openRecordedDatabase, planOf, type RecordedDatabase } from '../../../test/support/plans.js';
import { insertBlocklistEntry, spendTokenAndRead } from './spam.repository.js';

const BLOGS = 40;

for (const dialect of DIALECTS) {
  describe(`the blocklist a comment is checked against (${dialect})`, () => {
    let open: RecordedDatabase;

    before(async () => {
      open = await openRecordedDatabase(dialect);
      const at = new Date().toISOString();
      await insertBlocklistEntry(open.db, 'word', 'viagra', at);
      for (let b = 0; b < BLOGS; b++)
        for (let n = 0; n < 10; n++) await insertBlocklistEntry(open.db, 'word', `ord-${b}-${n}`, at, `blog-${b}`);
      if (dialect === 'postgres') await sql`analyze blocklist`.execute(open.db);
    });
    after(() => open?.close());

    it("holds the site-wide entries and the blog's, no other blog's", async () => {
      const { blocklist } = await spendTokenAndRead(open.db, undefined, undefined, 'blog-7');
      assert.deepEqual([...(blocklist?.words ?? [])].sort(), [
        'ord-7-0',
        'ord-7-1',
        'ord-7-2',
        'ord-7-3',
        'ord-7-4',
        'ord-7-5',
        'ord-7-6',
        'ord-7-7',
        'ord-7-8',
        'ord-7-9',
        'viagra',
      ]);
    });

    it('finds them through an index on the blog, not by reading every entry', async () => {
      const [query] = await open.record(() => spendTokenAndRead(open.db, undefined, { postId: 'p', emailHash: 'h', body: 'b' }, 'blog-7'));
      assert.ok(query, 'the checks were read');
      const plan = await planOf(open.db, dialect, query);
      // An index that starts with the blog: the unique key (kind, value, blog) can only be read whole for it.
      if (dialect === 'sqlite') assert.match(plan, /SEARCH blocklist USING (COVERING )?INDEX \w+ \(blog_id=\?\)/, plan);
      else assert.match(plan, /(using|on) blocklist_blog_idx\b[^\n]*\n\s*Index Cond: \(blog_id = ANY/, plan);
    });
  });
}
