/** Reading the audit log: pages for the admin and the CSV export. Nothing here changes an entry. */
import type { Db } from '../storage/db.js';
import { AUDIT_CSV_HEADER, auditCsvLine, csvLine } from './audit-csv.js';
import type { AuditEntry, AuditQuery } from './audit.js';
import { countAuditEntries, listAuditActions, listAuditEntries, listAuditEntriesAfter, listAuditSubjectTypes } from './audit.repository.js';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditPage {
  items: AuditEntry[];
  page: number;
  pages: number;
  total: number;
}

export async function listAudit(db: Db, query: AuditQuery, page: number, perPage = AUDIT_PAGE_SIZE): Promise<AuditPage> {
  const [items, total] = await Promise.all([listAuditEntries(db, query, perPage, (page - 1) * perPage), countAuditEntries(db, query)]);
  return { items, page, pages: Math.max(1, Math.ceil(total / perPage)), total };
}

/** The actions and subject types that occur, for the filter menus. */
export async function auditFilterChoices(db: Db): Promise<{ actions: string[]; types: string[] }> {
  const [actions, types] = await Promise.all([listAuditActions(db), listAuditSubjectTypes(db)]);
  return { actions, types };
}

/** The matching entries as CSV text, newest first, read in batches so a long log never sits in memory whole. */
export async function* auditCsv(db: Db, query: AuditQuery, batch = 500): AsyncGenerator<string> {
  // A byte-order mark, so spreadsheet programs read æ, ø and å as UTF-8.
  yield `\uFEFF${csvLine(AUDIT_CSV_HEADER)}`;
  let after: { at: string; id: string } | undefined;
  for (;;) {
    const { entries, next } = await listAuditEntriesAfter(db, query, after, batch);
    for (const entry of entries) yield auditCsvLine(entry);
    if (entries.length < batch) return;
    after = next;
  }
}
