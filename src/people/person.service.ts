import { notFound } from '../errors.js';
import { newId } from '../shared/ids.js';
import { slugify, uniqueSlug } from '../shared/slug.js';
import type { Db } from '../storage/db.js';
import { initialsOf, validatePersonInput, type Person, type PersonInput } from './person.js';
import { findPeopleRowsByIds, findPersonRowBySlug, insertPerson, isPersonSlugTaken, toPerson } from './person.repository.js';

export async function createPerson(db: Db, input: PersonInput, now = new Date()): Promise<Person> {
  validatePersonInput(input);
  const slug = await uniqueSlug(input.slug || slugify(input.name), (s) => isPersonSlugTaken(db, s));
  const at = now.toISOString();
  const row = {
    id: newId(now.getTime()),
    slug,
    name: input.name.trim(),
    initials: (input.initials?.trim() || initialsOf(input.name)).toUpperCase(),
    job_title: input.jobTitle?.trim() ?? '',
    organisation: input.organisation?.trim() ?? '',
    bio: input.bio?.trim() ?? '',
    avatar_path: null,
    email: input.email?.trim().toLowerCase() || null,
    phone: input.phone?.trim() ?? '',
    created_at: at,
    updated_at: at,
  };
  await insertPerson(db, row);
  return toPerson(row);
}

export async function findPersonBySlug(db: Db, slug: string): Promise<Person | undefined> {
  const row = await findPersonRowBySlug(db, slug);
  return row && toPerson(row);
}

/** Throws not-found. */
export async function getPersonBySlug(db: Db, slug: string): Promise<Person> {
  const person = await findPersonBySlug(db, slug);
  if (!person) throw notFound('Person');
  return person;
}

/** People by id, in the order the ids were given; unknown ids are left out. */
export async function findPeopleByIds(db: Db, ids: readonly string[]): Promise<Person[]> {
  const byId = new Map((await findPeopleRowsByIds(db, ids)).map((row) => [row.id, toPerson(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
