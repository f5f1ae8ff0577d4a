/** The audit log as the admin reads it: entries, filters from a query string, and local days as UTC ranges. */

export interface AuditEntry {
  id: string;
  at: Date;
  accountId: string | null;
  actorName: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  summary: string;
}

/** Filters as typed; every one optional. `from` and `to` are calendar days (YYYY-MM-DD), both included. */
export interface AuditFilterInput {
  action: string;
  type: string;
  actor: string;
  from: string;
  to: string;
}

/** The filter the repository applies: exact action and type, actor name containing text, `at` in [fromAt, toAt). */
export interface AuditQuery {
  action?: string;
  type?: string;
  actor?: string;
  fromAt?: string;
  toAt?: string;
}

export const EMPTY_AUDIT_FILTER: AuditFilterInput = { action: '', type: '', actor: '', from: '', to: '' };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayParts(text: string): [number, number, number] | undefined {
  const match = DAY.exec(text);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? [y, m, d] : undefined;
}

/** The moment a calendar day begins in `timeZone` (day may overflow into the next month). */
export function zonedDayStart(year: number, month: number, day: number, timeZone: string): Date {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const guess = Date.UTC(year, month - 1, day);
  let utc = guess;
  // Two passes settle the offset even on a daylight-saving day.
  for (let pass = 0; pass < 2; pass++) {
    const p: Record<string, number> = {};
    for (const part of format.formatToParts(new Date(utc))) if (part.type !== 'literal') p[part.type] = Number(part.value);
    utc = guess - (Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - utc);
  }
  return new Date(utc);
}

const text = (value: unknown, max: number) => (typeof value === 'string' ? value.trim().slice(0, max) : '');

/** Reads the filters from a query string; errors name the fields whose values make no sense. */
export function parseAuditFilter(
  q: { readonly [K in keyof AuditFilterInput]?: unknown },
  timeZone: string,
): { input: AuditFilterInput; query: AuditQuery; errors: Record<string, string> } {
  const input: AuditFilterInput = {
    action: text(q.action, 100),
    type: text(q.type, 100),
    actor: text(q.actor, 120),
    from: text(q.from, 10),
    to: text(q.to, 10),
  };
  const errors: Record<string, string> = {};
  const query: AuditQuery = {};
  if (input.action) query.action = input.action;
  if (input.type) query.type = input.type;
  if (input.actor) query.actor = input.actor;
  if (input.from) {
    const parts = dayParts(input.from);
    if (parts) query.fromAt = zonedDayStart(...parts, timeZone).toISOString();
    else errors.from = 'not_a_date';
  }
  if (input.to) {
    const parts = dayParts(input.to);
    if (parts) query.toAt = zonedDayStart(parts[0], parts[1], parts[2] + 1, timeZone).toISOString();
    else errors.to = 'not_a_date';
  }
  if (query.fromAt && query.toAt && query.fromAt >= query.toAt) errors.to = 'before_from';
  return { input, query, errors };
}

/** The filters as a query string (empty ones left out), for pagination and export links. */
export function auditFilterSearch(input: AuditFilterInput, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...input, ...extra })) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `?${search}` : '';
}
