/** Times are stored as ISO-8601 UTC text: it sorts correctly and reads the same in both databases. */

const partsFormats = new Map<string, Intl.DateTimeFormat>();
function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormats.set(timeZone, format);
  }
  return format;
}

/** The wall-clock reading of a moment in `timeZone`: year, month, day, hour, minute, second. */
export function zonedParts(date: Date, timeZone: string): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const part of partsFormat(timeZone).formatToParts(date)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return parts;
}

/** The calendar month a moment falls in, as the site's readers see it. */
export function zonedMonthOf(date: Date, timeZone: string): { year: number; month: number } {
  const parts = zonedParts(date, timeZone);
  return { year: parts.year!, month: parts.month! };
}

/** The moment a local calendar month begins in `timeZone` (month may be 13 for next January). */
export function zonedMonthStart(year: number, month: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, 1);
  // Two passes settle the offset even when the month starts near a daylight-saving change.
  let utc = guess;
  for (let pass = 0; pass < 2; pass++) {
    const p = zonedParts(new Date(utc), timeZone);
    const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
    utc = guess - (asUtc - utc);
  }
  return new Date(utc);
}

/**
 * The moment the local hour or day that `date` is in began in `timeZone`: a day at local midnight,
 * so on a daylight-saving day it is 23 or 25 hours long; an hour at the local hour (half past in UTC
 * for a zone such as Asia/Kolkata).
 */
export function zonedPeriodStart(date: Date, unit: 'hour' | 'day', timeZone: string): Date {
  const p = zonedParts(date, timeZone);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, unit === 'day' ? 0 : p.hour!, 0, 0);
  // The offset at the start may differ from the one now (a change since midnight): settle it twice.
  let utc = wall - (Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(date.getTime() / 1000) * 1000);
  for (let pass = 0; pass < 2; pass++) {
    const q = zonedParts(new Date(utc), timeZone);
    utc -= Date.UTC(q.year!, q.month! - 1, q.day!, q.hour!, q.minute!, q.second!) - wall;
  }
  return new Date(utc);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
