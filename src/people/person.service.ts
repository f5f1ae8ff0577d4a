import { notFound } from '../errors.js';
import { newId } from '../shared/ids.js';
import { slugify, uniqueSlug } from '../shared/slug.js';
import { reindexPosts } from '../search/search.service.js';
import type { Db } from '../storage/db.js';
import { rowVersion } from '../storage/row-version.js';
import { initialsOf, PICKER_LIMIT, validatePersonInput, type Person, type PersonInput } from './person.js';
import { findPeopleRowsByIds, findPersonRowBySlug, insertPerson, isPersonSlugTaken, toPerson } from './person.repository.js';
import { countPersonRows, findPersonRowById, listPersonRows, searchPersonRows, updatePersonRow } from './person.repository.js';
import { findBylinePostIds } from './person-merge.repository.js';
import { validatePersonProfile, type PersonProfileInput } from './person-profile.js';

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
    is_guest: input.guest ? 1 : 0,
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

/** Throws not-found. */
export async function getPerson(db: Db, id: string): Promise<Person> {
  const row = await findPersonRowById(db, id);
  if (!row) throw notFound('Person');
  return toPerson(row);
}

export interface PeoplePage {
  items: Person[];
  page: number;
  pages: number;
  total: number;
}

/** People by name, a page at a time, optionally only names containing `query`. */
export async function listPeople(db: Db, { query, page, perPage }: { query?: string; page: number; perPage: number }): Promise<PeoplePage> {
  const q = query?.trim() || undefined;
  const [rows, total] = await Promise.all([
    listPersonRows(db, { ...(q ? { query: q } : {}), limit: perPage, offset: (page - 1) * perPage }),
    countPersonRows(db, q),
  ]);
  return { items: rows.map(toPerson), page, pages: Math.max(1, Math.ceil(total / perPage)), total };
}

/** The people a picker offers for what was typed: name, job title or organisation contains it (case and accents ignored). */
export async function searchPeople(db: Db, query: string, limit = 20): Promise<Person[]> {
  return (await searchPersonRows(db, query.trim().slice(0, 120), limit)).map(toPerson);
}

/**
 * What a person picker offers without script: up to `limit` people whose name, title or
 * organisation contains `query` (or the first by name), plus everyone already chosen, by name.
 * `more` says that the matches were cut at the limit.
 */
export async function listPickerPeople(
  db: Db,
  { query = '', chosenIds = [], limit = PICKER_LIMIT }: { query?: string; chosenIds?: readonly string[]; limit?: number },
): Promise<{ people: Person[]; more: boolean }> {
  const wanted = [...new Set(chosenIds.filter(Boolean))].slice(0, 200);
  const [found, chosen] = await Promise.all([searchPeople(db, query, limit + 1), findPeopleByIds(db, wanted)]);
  const byId = new Map([...found.slice(0, limit), ...chosen].map((p) => [p.id, p]));
  const people = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'da') || a.id.localeCompare(b.id));
  return { people, more: found.length > limit };
}

/** Everyone, by name: for pickers such as a blog's owners. */
export async function listAllPeople(db: Db, limit = 2000): Promise<Person[]> {
  return (await listPersonRows(db, { limit, offset: 0 })).map(toPerson);
}

/** A new person with every profile field, the avatar included. Throws invalid. */
export async function createPersonProfile(db: Db, input: PersonProfileInput, now = new Date()): Promise<Person> {
  validatePersonProfile(input);
  const person = await createPerson(db, input, now);
  if (!input.avatarPath) return person;
  await updatePersonRow(db, person.id, { avatar_path: input.avatarPath });
  return { ...person, avatarPath: input.avatarPath };
}

/**
 * Changes a person's profile; the slug (their public address) stays. Returns the person before
 * and after. Throws not-found or invalid. An account's login e-mail is separate and unchanged.
 * Give it a transaction: a new name indexes the person's posts again with it.
 */
export async function updatePerson(
  db: Db,
  id: string,
  input: PersonProfileInput,
  now = new Date(),
): Promise<{ before: Person; after: Person }> {
  const before = await getPerson(db, id);
  validatePersonProfile(input);
  const changes = {
    name: input.name.trim(),
    initials: (input.initials?.trim() || initialsOf(input.name)).toUpperCase(),
    job_title: input.jobTitle?.trim() ?? '',
    organisation: input.organisation?.trim() ?? '',
    bio: input.bio?.trim() ?? '',
    avatar_path: input.avatarPath || null,
    email: input.email?.trim().toLowerCase() || null,
    phone: input.phone?.trim() ?? '',
    ...(input.guest === undefined ? {} : { is_guest: input.guest ? 1 : 0 }),
    updated_at: now.toISOString(),
  };
  await updatePersonRow(db, id, changes);
  // Posts are found by their authors' names: a new name is searchable at once, the old one no longer.
  if (changes.name !== before.name) await reindexPosts(db, await findBylinePostIds(db, id));
  return {
    before,
    after: {
      ...before,
      ...toPerson({ ...changes, id, slug: before.slug, created_at: '', is_guest: 0 }),
      guest: input.guest ?? before.guest,
    },
  };
}

/** When the person was last changed (ISO), for a form to send back with its save. Throws not-found. */
export async function personVersion(db: Db, id: string): Promise<string> {
  const version = await rowVersion(db, 'people', id);
  if (version === undefined) throw notFound('person');
  return version;
}
