/** Reading the people forms into plain values, and the problems those forms can come back with. */
import type { ProblemCatalogue, Problems } from '../../shared/problems.js';
import type { PersonProfileInput } from '../../people/person-profile.js';
import type { PersonFormValues } from '../../views/pages/admin/people/people.page.js';
import type { Static } from '@fastify/type-provider-typebox';
import { Form, Text } from '../../http/schemas.js';
import { clip } from '../admin-page.js';

/** The person form's shape; what each field may hold is the person service's to judge. */
export const PersonForm = Form({
  name: Text,
  initials: Text,
  jobTitle: Text,
  organisation: Text,
  bio: Text,
  avatarPath: Text,
  email: Text,
  phone: Text,
  guest: Text,
  version: Text,
});

/**
 * Every problem the people, account, blog, merge and password forms can come back with, by field (the
 * services' codes, and `conflict` for a conflict on a field). Closed: people.messages.ts must have
 * error.<field>.<code> for each, or tsc fails in usePeopleText.
 */
export const PEOPLE_PROBLEMS = {
  form: ['invalid'],
  version: ['conflict'],
  name: ['required', 'too_long'],
  initials: ['too_long'],
  jobTitle: ['too_long'],
  organisation: ['too_long'],
  bio: ['too_long'],
  avatarPath: ['not_an_upload'],
  email: ['not_an_email', 'conflict'],
  phone: ['too_long', 'not_a_phone'],
  role: ['unknown', 'conflict'],
  blogScope: ['unknown'],
  personId: ['conflict'],
  account: ['unknown', 'conflict'],
  title: ['required', 'too_long'],
  slug: ['not_a_slug', 'reserved', 'conflict'],
  description: ['too_long'],
  ownerIds: ['required', 'unknown', 'duplicate'],
  password: ['too_short', 'too_long'],
  confirm: ['mismatch'],
  into: ['same', 'conflict'],
} as const satisfies ProblemCatalogue;
export type PeopleProblems = Problems<typeof PEOPLE_PROBLEMS>;

export function personValues(body: Static<typeof PersonForm>): PersonFormValues {
  return {
    name: clip(body.name, 500).trim(),
    initials: clip(body.initials, 50).trim(),
    jobTitle: clip(body.jobTitle, 1000).trim(),
    organisation: clip(body.organisation, 1000).trim(),
    bio: clip(body.bio, 10_000).trim(),
    avatarPath: clip(body.avatarPath, 1000).trim(),
    email: clip(body.email, 500).trim(),
    phone: clip(body.phone, 200).trim(),
    guest: body.guest === '1',
    version: clip(body.version, 40),
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
export function doneNotice<K extends string>(done: string | undefined, known: readonly K[]): K | undefined {
  return known.find((k) => k === done);
}
