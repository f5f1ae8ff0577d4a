import type { Db } from './db.js';

/**
 * When a row was last saved (its updated_at) as an ISO time, for a form to send back with its save
 * (see shared/saved-since); undefined for no such row.
 */
export async function rowVersion(db: Db, table: 'people' | 'blogs', id: string): Promise<string | undefined> {
  const row = await db.selectFrom(table).select('updated_at').where('id', '=', id).executeTakeFirst();
  return row ? new Date(row.updated_at).toISOString() : undefined;
}
