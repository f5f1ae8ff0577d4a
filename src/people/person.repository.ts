import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../storage/db.js';
import { foldedContains } from '../storage/text-match.js';
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
  guest: Number(row.is_guest) === 1,
});

export async function insertPerson(db: Db, row: Insertable<PersonTable>): Promise<void> {
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

export async function findPersonRowById(db: Db, id: string): Promise<PersonRow | undefined> {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updatePersonRow(db: Db, id: string, changes: Partial<Omit<PersonRow, 'id'>>): Promise<void> {
  await db.updateTable('people').set(changes).where('id', '=', id).execute();
}

const nameContains = (query: string) => foldedContains('name', query);

/** People by name, optionally only those whose name contains `query`. */
export async function listPersonRows(
  db: Db,
  { query, limit, offset }: { query?: string; limit: number; offset: number },
): Promise<PersonRow[]> {
  let select = db.selectFrom('people').selectAll();
  if (query) select = select.where(nameContains(query));
  return select.orderBy('name').orderBy('id').limit(limit).offset(offset).execute();
}

/** Up to `limit` people whose name, job title or organisation contains `query`, by name. */
export async function searchPersonRows(db: Db, query: string, limit: number): Promise<PersonRow[]> {
  let select = db.selectFrom('people').selectAll();
  if (query)
    select = select.where((eb) =>
      eb.or([foldedContains('name', query), foldedContains('job_title', query), foldedContains('organisation', query)]),
    );
  return select.orderBy('name').orderBy('id').limit(limit).execute();
}

export async function countPersonRows(db: Db, query?: string): Promise<number> {
  let select = db.selectFrom('people').select((eb) => eb.fn.countAll().as('count'));
  if (query) select = select.where(nameContains(query));
  return Number((await select.executeTakeFirstOrThrow()).count);
}
