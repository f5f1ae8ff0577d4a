import { sql, type Selectable } from 'kysely';
import type { Db } from '../storage/db.js';
import { NEVER, nextAttemptAfter, type OutboxMail } from './mail.js';
import type { OutboxTable } from './outbox.table.js';

export type OutboxRow = Selectable<OutboxTable>;

export const toOutboxMail = (row: OutboxRow): OutboxMail => ({
  id: row.id,
  to: row.to_address,
  subject: row.subject,
  text: row.text_body,
  headers: JSON.parse(row.headers) as Record<string, string>,
  createdAt: new Date(row.created_at),
  sentAt: row.sent_at ? new Date(row.sent_at) : null,
  attempts: Number(row.attempts),
  nextAttemptAt: new Date(row.next_attempt_at),
  lastError: row.last_error,
});

export async function insertOutboxRow(db: Db, row: OutboxRow): Promise<void> {
  await db.insertInto('outbox').values(row).execute();
}

export async function insertOutboxRows(db: Db, rows: readonly OutboxRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('outbox').values(rows).execute();
}

/** Deletes those of `ids` not sent yet; returns their ids. */
export async function deleteUnsentOutboxRows(db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.deleteFrom('outbox').where('id', 'in', ids).where('sent_at', 'is', null).returning('id').execute();
  return rows.map((row) => row.id);
}

/** Unsent rows whose next attempt is due, oldest first. */
export async function findDueOutboxRows(db: Db, now: Date, limit: number): Promise<OutboxRow[]> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<=', now.toISOString())
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .limit(limit)
    .execute();
}

/**
 * Moves a due row's next attempt to `until`, so no other worker picks it meanwhile; false when
 * another worker got there first. A worker that dies mid-send leaves the row due again at `until`.
 */
export async function claimOutboxRow(db: Db, row: Pick<OutboxRow, 'id' | 'next_attempt_at'>, until: Date): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ next_attempt_at: until.toISOString() })
    .where('id', '=', row.id)
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '=', row.next_attempt_at)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function markOutboxSent(db: Db, row: Pick<OutboxRow, 'id' | 'attempts'>, now: Date): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ sent_at: now.toISOString(), attempts: Number(row.attempts) + 1 })
    .where('id', '=', row.id)
    .execute();
}

/** Counts the failed attempt and schedules the next one by the backoff rule; returns when that is. */
export async function markOutboxFailed(db: Db, row: Pick<OutboxRow, 'id' | 'attempts'>, error: string, now: Date): Promise<Date> {
  const attempts = Number(row.attempts) + 1;
  const next = nextAttemptAfter(attempts, now);
  await db
    .updateTable('outbox')
    .set({ attempts, last_error: error.slice(0, 1000), next_attempt_at: next.toISOString() })
    .where('id', '=', row.id)
    .execute();
  return next;
}

/** Parks a due row for good (it stays unsent in the outbox); false when another worker parked it first. */
export async function keepOutboxRow(db: Db, row: Pick<OutboxRow, 'id' | 'next_attempt_at'>, note: string): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ last_error: note, next_attempt_at: NEVER.toISOString() })
    .where('id', '=', row.id)
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '=', row.next_attempt_at)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The outbox, newest first. */
export async function listOutboxRows(db: Db, limit: number, offset = 0): Promise<OutboxRow[]> {
  return db.selectFrom('outbox').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
}

export async function findOutboxRowById(db: Db, id: string): Promise<OutboxRow | undefined> {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Removes every outbox row sent to, or mentioning, an address (erasure on request). */
export async function deleteOutboxRowsFor(db: Db, address: string): Promise<number> {
  const pattern = `%${address.replace(/[!%_]/g, (ch) => `!${ch}`)}%`;
  const result = await db
    .deleteFrom('outbox')
    .where((eb) => eb.or([eb('to_address', '=', address), sql<boolean>`text_body like ${pattern} escape '!'`]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Unsent mail still to be tried (and the oldest one's creation time), and unsent mail parked for good. Uses outbox_pending_idx. */
export async function countUnsentOutboxRows(db: Db): Promise<{ waiting: number; oldestWaiting: string | null; parked: number }> {
  const never = NEVER.toISOString();
  const row = await db
    .selectFrom('outbox')
    .select((eb) => [
      eb.fn.sum<number | string | null>(eb.case().when('next_attempt_at', '<', never).then(1).else(0).end()).as('waiting'),
      eb.fn.min(eb.case().when('next_attempt_at', '<', never).then(eb.ref('created_at')).end()).as('oldest'),
      eb.fn.sum<number | string | null>(eb.case().when('next_attempt_at', '=', never).then(1).else(0).end()).as('parked'),
    ])
    .where('sent_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { waiting: Number(row.waiting ?? 0), oldestWaiting: (row.oldest as string | null) ?? null, parked: Number(row.parked ?? 0) };
}

/** Unsent mail that has failed at least once or is parked, oldest first. */
export async function listStuckOutboxRows(db: Db, limit: number): Promise<OutboxRow[]> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('sent_at', 'is', null)
    .where((eb) => eb.or([eb('attempts', '>', 0), eb('next_attempt_at', '=', NEVER.toISOString())]))
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .limit(limit)
    .execute();
}

/** Makes an unsent row due now, with a fresh count of attempts; false when it was sent meanwhile or does not exist. */
export async function rescheduleOutboxRow(db: Db, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ next_attempt_at: now.toISOString(), attempts: 0 })
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
