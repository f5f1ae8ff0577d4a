/** CSV for the audit log export: RFC 4180 quoting, and no cell a spreadsheet would run as a formula. */
import type { AuditEntry } from './audit.js';

// Spreadsheets treat a cell starting with these as a formula (OWASP "CSV injection"); tab and CR too.
const FORMULA_START = /^[=+\-@\t\r]/;
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@']);
// A spreadsheet in another locale may split a line on ";" (Danish Excel) or tab instead of ",",
// and then our quotes no longer mark where its fields begin. Any of these may start a field.
const BREAKS = new Set([',', ';', '\t', '\r', '\n']);

/**
 * Puts a ' before every formula trigger that some locale would read at the start of a field:
 * at the start of the cell or after a break-like character, spaces and quotes in between.
 * One pass, so hostile text costs linear time.
 */
function neutraliseFormulas(value: string): string {
  let out = FORMULA_START.test(value) ? "'" : '';
  let fieldStart = out === '';
  for (const char of value) {
    if (fieldStart && FORMULA_TRIGGERS.has(char)) out += "'";
    out += char;
    if (BREAKS.has(char)) fieldStart = true;
    else if (char !== ' ' && char !== '"') fieldStart = false;
  }
  return out;
}

export function csvCell(value: string): string {
  const safe = neutraliseFormulas(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export const AUDIT_CSV_HEADER = ['time_utc', 'actor', 'account_id', 'action', 'subject_type', 'subject_id', 'summary'] as const;

export function auditCsvLine(entry: AuditEntry): string {
  return csvLine([
    entry.at.toISOString(),
    entry.actorName,
    entry.accountId ?? '',
    entry.action,
    entry.subjectType,
    entry.subjectId ?? '',
    entry.summary,
  ]);
}
