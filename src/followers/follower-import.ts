/**
 * Reading a CSV of followers moved from another platform: one address a line, with the date the
 * reader consented and where (`email,consent_date,source`; a header line is skipped). Lines that
 * cannot be used are reported by number, and none of the text is dropped.
 */
import { isPlainAddress } from '../notifications/mail.js';
import { normaliseEmail } from '../shared/keyed-hash.js';
import type { ImportedFollower } from './follower.service.js';

export type ImportProblem = 'email' | 'date' | 'source' | 'columns';

export interface ParsedImport {
  rows: (ImportedFollower & { line: number })[];
  problems: { line: number; problem: ImportProblem }[];
}

export const MAX_IMPORT_LINES = 20_000;
/** The most text (typed or in a file) one import reads: 20,000 lines of about 250 characters. */
export const MAX_IMPORT_BYTES = 5_000_000;

/** Splits one CSV line into cells (RFC 4180 quotes, `,` or `;`); one pass, linear in the line. */
export function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (char === ',' || char === ';') {
      cells.push(cell.trim());
      cell = '';
    } else cell += char;
  }
  cells.push(cell.trim());
  return cells;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d{1,6})?(Z|[+-]\d{2}:\d{2})?)?$/;

/** A consent date as YYYY-MM-DD or an ISO time; undefined when it is not one or lies in the future. */
export function consentDate(text: string, now: Date): Date | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const date = new Date(m[4] ? (m[7] ? text.replace(' ', 'T') : `${text.replace(' ', 'T')}Z`) : `${text}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== `${m[1]}-${m[2]}-${m[3]}` || date > now) return undefined;
  return date;
}

export function parseFollowerImport(text: string, now = new Date()): ParsedImport {
  const rows: ParsedImport['rows'] = [];
  const problems: ParsedImport['problems'] = [];
  const lines = text.split(/\r\n|\n|\r/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const cells = csvCells(raw);
    if (index === 0 && !cells[0]!.includes('@') && /mail|adresse|address/i.test(cells[0]!)) return;
    if (cells.length < 3) return problems.push({ line, problem: 'columns' });
    const email = normaliseEmail(cells[0]!);
    if (!isPlainAddress(email)) return problems.push({ line, problem: 'email' });
    const at = consentDate(cells[1]!, now);
    if (!at) return problems.push({ line, problem: 'date' });
    const source = cells.slice(2).join(', ').trim();
    if (!source) return problems.push({ line, problem: 'source' });
    rows.push({ line, email, consentAt: at, consentSource: source.slice(0, 200) });
  });
  return { rows, problems };
}
