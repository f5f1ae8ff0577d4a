/**
 * Where a person is named outside their own row (bylines, info-box contacts, blog ownership, an
 * account, staff comments), counted for the delete and merge pages and moved when two people merge.
 * These tables belong to other modules; the references to a person are the people module's business.
 */
import type { Db } from '../storage/db.js';

export interface PersonUse {
  bylines: number;
  contacts: number;
  blogs: number;
  comments: number;
  account: boolean;
}

const count = async (db: Db, table: 'post_authors' | 'info_box_contacts' | 'blog_owners' | 'comments', personId: string) =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .where('person_id', '=', personId)
        .executeTakeFirstOrThrow()
    ).n,
  );

export async function countPersonUse(db: Db, personId: string): Promise<PersonUse> {
  const [bylines, contacts, blogs, comments, account] = await Promise.all([
    count(db, 'post_authors', personId),
    count(db, 'info_box_contacts', personId),
    count(db, 'blog_owners', personId),
    count(db, 'comments', personId),
    db.selectFrom('accounts').select('id').where('person_id', '=', personId).executeTakeFirst(),
  ]);
  return { bylines, contacts, blogs, comments, account: account !== undefined };
}

/**
 * Moves every reference to `fromId` onto `toId`. Where both were on the same post or blog, the kept
 * person's place stays and the other row goes, so no post names a person twice. The caller has
 * checked that at most one of them has an account.
 */
export async function moveReferences(db: Db, fromId: string, toId: string): Promise<void> {
  await db
    .deleteFrom('post_authors')
    .where('person_id', '=', fromId)
    .where('post_id', 'in', db.selectFrom('post_authors').select('post_id').where('person_id', '=', toId))
    .execute();
  await db.updateTable('post_authors').set({ person_id: toId }).where('person_id', '=', fromId).execute();
  await db
    .deleteFrom('blog_owners')
    .where('person_id', '=', fromId)
    .where('blog_id', 'in', db.selectFrom('blog_owners').select('blog_id').where('person_id', '=', toId))
    .execute();
  await db.updateTable('blog_owners').set({ person_id: toId }).where('person_id', '=', fromId).execute();
  await db.updateTable('info_box_contacts').set({ person_id: toId }).where('person_id', '=', fromId).execute();
  await db.updateTable('comments').set({ person_id: toId }).where('person_id', '=', fromId).execute();
  await db.updateTable('accounts').set({ person_id: toId }).where('person_id', '=', fromId).execute();
}

/** Contacts that named the person keep the name as typed text before the person goes. */
export async function detachContacts(db: Db, personId: string, name: string): Promise<void> {
  await db.updateTable('info_box_contacts').set({ name }).where('person_id', '=', personId).where('name', '=', '').execute();
  await db.updateTable('info_box_contacts').set({ person_id: null }).where('person_id', '=', personId).execute();
  await db.updateTable('comments').set({ person_id: null }).where('person_id', '=', personId).execute();
}

export async function deletePersonRow(db: Db, personId: string): Promise<void> {
  await db.deleteFrom('people').where('id', '=', personId).execute();
}

export async function findBylinePostIds(db: Db, personId: string): Promise<string[]> {
  return (await db.selectFrom('post_authors').select('post_id').where('person_id', '=', personId).execute()).map((r) => r.post_id);
}
