/** CSV for the audit log export: RFC 4180 quoting, and no cell a spreadsheet would run as a formula. */
import type { AuditEntry } from './audit.js';

// Spreadsheets treat a cell starting with these as a formula (OWASP "CSV injection"); tab and CR too.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export const AUDIT_CSV_HEADER = ['time_utc', 'actor', 'account_id', 'action', 'subject_type', 'subject_id', 'summary'] as const;

export function auditCsvLine(entry: AuditEntry): string {
  return csvLine([
    entry.at.toISOString(), entry.actorName, entry.accountId ?? '', entry.action, entry.subjectType, entry.subjectId ?? '', entry.summary,
  ]);
}
