import type { ExpressionBuilder, Selectable } from 'kysely';
import type { Database } from '../storage/database.js';
import type { Db } from '../storage/db.js';
import { foldedContains } from '../storage/text-match.js';
import type { AuditLogTable } from './account.table.js';
import type { AuditEntry, AuditQuery } from './audit.js';

type AuditRow = Selectable<AuditLogTable>;

const toAuditEntry = (row: AuditRow): AuditEntry => ({
  id: row.id,
  at: new Date(row.at),
  accountId: row.account_id,
  actorName: row.actor_name,
  action: row.action,
  subjectType: row.subject_type,
  subjectId: row.subject_id,
  summary: row.summary,
});

const matching = (q: AuditQuery) => (eb: ExpressionBuilder<Database, 'audit_log'>) => {
  const conditions = [];
  if (q.action) conditions.push(eb('action', '=', q.action));
  if (q.type) conditions.push(eb('subject_type', '=', q.type));
  if (q.actor) conditions.push(foldedContains('actor_name', q.actor));
  if (q.fromAt) conditions.push(eb('at', '>=', q.fromAt));
  if (q.toAt) conditions.push(eb('at', '<', q.toAt));
  return eb.and(conditions);
};

/** Newest first. */
export async function listAuditEntries(db: Db, q: AuditQuery, limit: number, offset: number): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where(matching(q))
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(toAuditEntry);
}

export async function countAuditEntries(db: Db, q: AuditQuery): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll().as('count'))
    .where(matching(q))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * The next `limit` entries older than the cursor (newest first), and the cursor after them:
 * keyset paging, steady while new entries arrive.
 */
export async function listAuditEntriesAfter(
  db: Db,
  q: AuditQuery,
  after: { at: string; id: string } | undefined,
  limit: number,
): Promise<{ entries: AuditEntry[]; next: { at: string; id: string } | undefined }> {
  let select = db.selectFrom('audit_log').selectAll().where(matching(q));
  // One row value, which both databases read as a range of the (at, id) index (migration 000106).
  if (after) select = select.where((eb) => eb(eb.refTuple('at', 'id'), '<', eb.tuple(after.at, after.id)));
  const rows = await select.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  const last = rows[rows.length - 1];
  return { entries: rows.map(toAuditEntry), next: last && { at: last.at, id: last.id } };
}

export async function listAuditActions(db: Db): Promise<string[]> {
  return (await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute()).map((r) => r.action);
}

export async function listAuditSubjectTypes(db: Db): Promise<string[]> {
  return (await db.selectFrom('audit_log').select('subject_type').distinct().orderBy('subject_type').execute()).map((r) => r.subject_type);
}
