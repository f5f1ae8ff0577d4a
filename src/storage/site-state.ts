import type { Db } from './db.js';

/** True for a database with no blogs and no people: a fresh install. */
export async function isSiteEmpty(db: Db): Promise<boolean> {
  const blog = await db.selectFrom('blogs').select('id').limit(1).executeTakeFirst();
  const person = await db.selectFrom('people').select('id').limit(1).executeTakeFirst();
  return !blog && !person;
}
