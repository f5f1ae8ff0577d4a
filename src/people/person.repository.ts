import type { Selectable } from 'kysely';
import type { Db } from '../storage/db.js';
import type { PersonTable } from './person.table.js';
import type { Person } from './person.js';

export type PersonRow = Selectable<PersonTable>;

export const toPerson = (row: PersonRow): Person => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  initials: row.initials,
  jobTitle: row.job_title,
  organisation: row.organisation,
  bio: row.bio,
  avatarPath: row.avatar_path,
  email: row.email,
  phone: row.phone,
});

export async function insertPerson(db: Db, row: PersonRow): Promise<void> {
  await db.insertInto('people').values(row).execute();
}

export async function findPersonRowBySlug(db: Db, slug: string): Promise<PersonRow | undefined> {
  return db.selectFrom('people').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function isPersonSlugTaken(db: Db, slug: string): Promise<boolean> {
  return (await db.selectFrom('people').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined;
}

export async function findPeopleRowsByIds(db: Db, ids: readonly string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('people').selectAll().where('id', 'in', ids).execute();
}
