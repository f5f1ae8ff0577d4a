/**
 * The editor's `datetime-local` fields hold wall-clock time in the site's time zone; the
 * database holds UTC. These two functions convert between them.
 */
import { zonedParts } from '../../shared/time.js';

/** The wall-clock reading of `date` in `timeZone`, as milliseconds of a UTC date with the same reading. */
function wallClock(date: Date, timeZone: string): number {
  const p = zonedParts(date, timeZone);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "2026-03-29T14:30" for a datetime-local field, in `timeZone`; seconds only when they are not zero. */
export function toLocalInput(date: Date, timeZone: string): string {
  const w = new Date(wallClock(date, timeZone));
  const base = `${pad(w.getUTCFullYear(), 4)}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}T${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}`;
  return w.getUTCSeconds() ? `${base}:${pad(w.getUTCSeconds())}` : base;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;

/**
 * The moment a datetime-local value names in `timeZone`, or undefined for anything that is not
 * a real local time. In the hour skipped by a daylight-saving change the clock is read forward;
 * in the hour that repeats, the earlier of the two moments is taken.
 */
export function fromLocalInput(value: string, timeZone: string): Date | undefined {
  const m = LOCAL.exec(value.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wanted = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wanted);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  // The zone's offset at a moment near the wanted one; a second pass settles it across a change.
  let utc = wanted - (wallClock(new Date(wanted), timeZone) - wanted);
  utc = wanted - (wallClock(new Date(utc), timeZone) - utc);
  // Of two moments that read the same (the repeated hour), the earlier one.
  const earlier = utc - 3600_000;
  if (wallClock(new Date(earlier), timeZone) === wanted) utc = earlier;
  return new Date(utc);
}
