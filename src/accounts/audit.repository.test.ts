/**
 * The audit log read in batches, as the CSV export reads it: every entry once, newest first, across
 * entries made in the same millisecond, and each batch found from where the last one ended rather
 * than by reading every newer entry again.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { DIALECTS } from '../../test/support/db.js';
import { openRecordedDatabase, planOf, type RecordedDatabase } from '../../test/support/plans.js';
import { insertAuditEntry } from './account.repository.js';
import { listAuditEntriesAfter } from './audit.repository.js';

const ENTRIES = 40;

for (const dialect of DIALECTS) {
  describe(`the audit log in batches (${dialect})`, () => {
    let open: RecordedDatabase;

    before(async () => {
      open = await openRecordedDatabase(dialect);
      // Three entries to a millisecond: a batch may end between two of them.
      const start = Date.UTC(2026, 0, 1);
      for (let i = 0; i < ENTRIES; i++) {
        await insertAuditEntry(open.db, {
          id: `entry-${String(i).padStart(3, '0')}`,
          at: new Date(start + Math.floor(i / 3)).toISOString(),
          account_id: null,
          actor_name: 'Revisor',
          action: 'person.update',
          subject_type: 'person',
          subject_id: null,
          summary: `Ændring ${i}`,
        });
      }
      if (dialect === 'postgres') await sql`analyze audit_log`.execute(open.db);
    });
    after(() => open?.close());

    it('hands on every entry once, newest first, in batches that end inside a millisecond', async () => {
      const ids: string[] = [];
      let cursor: { at: string; id: string } | undefined;
      for (let batches = 0; batches < 20; batches++) {
        const { entries, next } = await listAuditEntriesAfter(open.db, {}, cursor, 7);
        ids.push(...entries.map((e) => e.id));
        if (entries.length < 7) break;
        cursor = next;
      }
      const expected = Array.from({ length: ENTRIES }, (_, i) => `entry-${String(ENTRIES - 1 - i).padStart(3, '0')}`);
      assert.deepEqual(ids, expected);
    });

    it('finds a batch from the cursor on, not by reading the newer entries again', async () => {
      const first = await listAuditEntriesAfter(open.db, {}, undefined, 7);
      const [query] = await open.record(() => listAuditEntriesAfter(open.db, {}, first.next, 7));
      assert.ok(query, 'the second batch was read');
      const plan = await planOf(open.db, dialect, query);
      // A range of an index on the time and id, from the cursor on; on PostgreSQL, with sequential
      // scans priced out, a plan without a condition from the cursor walks the newer entries.
      if (dialect === 'sqlite') assert.match(plan, /USING (COVERING )?INDEX \w+ \(\(at,id\)<\(\?,\?\)\)/, plan);
      else assert.match(plan, /Index Cond: \(ROW\(at, id\) < ROW\(/, plan);
    });
  });
}
