/** Reading admin forms into plain values, and domain errors back into per-field codes for the form. */
import { AppError } from '../../errors.js';
import type { PersonProfileInput } from '../../people/person-profile.js';
import type { PersonFormValues } from '../../views/pages/admin/people/people.page.js';
import { field } from '../admin-page.js';

/** Field → error code for an invalid or conflict error, so the form can be shown again; undefined for any other error. */
export function formErrors(error: unknown): Record<string, string> | undefined {
  if (!(error instanceof AppError)) return undefined;
  if (error.code === 'invalid') return error.details.fields ?? {};
  if (error.code === 'conflict') return { [error.details.field ?? 'form']: 'conflict' };
  return undefined;
}

export function personValues(body: unknown): PersonFormValues {
  return {
    name: field(body, 'name', 500).trim(),
    initials: field(body, 'initials', 50).trim(),
    jobTitle: field(body, 'jobTitle', 1000).trim(),
    organisation: field(body, 'organisation', 1000).trim(),
    bio: field(body, 'bio', 10_000).trim(),
    avatarPath: field(body, 'avatarPath', 1000).trim(),
    email: field(body, 'email', 500).trim(),
    phone: field(body, 'phone', 200).trim(),
    guest: field(body, 'guest') === '1',
  };
}

export const personInput = (v: PersonFormValues): PersonProfileInput => ({
  name: v.name,
  initials: v.initials,
  jobTitle: v.jobTitle,
  organisation: v.organisation,
  bio: v.bio,
  avatarPath: v.avatarPath || null,
  email: v.email || null,
  phone: v.phone,
  guest: v.guest,
});

/** `?done=x` after a redirect names what just succeeded; only known names become a notice. */
export function doneNotice<K extends string>(query: unknown, known: readonly K[]): K | undefined {
  const done = (query as Record<string, unknown> | undefined)?.done;
  return known.find((k) => k === done);
}
