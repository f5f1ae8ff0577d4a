import type { Selectable } from 'kysely';
import type { PostRevisionTable } from '../accounts/account.table.js';
import type { Db } from '../storage/db.js';

export type PostRevisionRow = Selectable<PostRevisionTable>;

export interface RevisionListRow {
  id: string;
  createdAt: Date;
  kind: PostRevisionRow['kind'];
  accountId: string | null;
  /** The name of the person behind the account, if the account still exists. */
  authorName: string | null;
}

export async function insertRevisionRow(db: Db, row: PostRevisionRow): Promise<void> {
  await db.insertInto('post_revisions').values(row).execute();
}

export async function updateRevisionRow(db: Db, id: string, changes: Pick<PostRevisionRow, 'snapshot' | 'created_at'>): Promise<void> {
  await db.updateTable('post_revisions').set(changes).where('id', '=', id).execute();
}

export async function findRevisionRow(db: Db, postId: string, id: string): Promise<PostRevisionRow | undefined> {
  return db.selectFrom('post_revisions').selectAll().where('id', '=', id).where('post_id', '=', postId).executeTakeFirst();
}

export async function findLatestRevisionRow(db: Db, postId: string): Promise<PostRevisionRow | undefined> {
  return db
    .selectFrom('post_revisions')
    .selectAll()
    .where('post_id', '=', postId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Newest first. */
export async function listRevisionRows(db: Db, postId: string, limit: number): Promise<RevisionListRow[]> {
  const rows = await db
    .selectFrom('post_revisions')
    .leftJoin('accounts', 'accounts.id', 'post_revisions.account_id')
    .leftJoin('people', 'people.id', 'accounts.person_id')
    .select(['post_revisions.id', 'post_revisions.created_at', 'post_revisions.kind', 'post_revisions.account_id', 'people.name'])
    .where('post_revisions.post_id', '=', postId)
    .orderBy('post_revisions.created_at', 'desc')
    .orderBy('post_revisions.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, createdAt: new Date(r.created_at), kind: r.kind, accountId: r.account_id, authorName: r.name }));
}

export async function deleteRevisionRow(db: Db, postId: string, id: string): Promise<void> {
  await db.deleteFrom('post_revisions').where('id', '=', id).where('post_id', '=', postId).execute();
}

export async function insertRevisionRows(db: Db, rows: readonly PostRevisionRow[]): Promise<void> {
  // A snapshot holds a whole post: a few rows a statement keeps each statement small.
  for (let i = 0; i < rows.length; i += 20)
    await db
      .insertInto('post_revisions')
      .values(rows.slice(i, i + 20))
      .execute();
}
