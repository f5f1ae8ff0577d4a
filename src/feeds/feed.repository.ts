/** Each feed's current body, by ETag, and since when it has been so: the feed's Last-Modified. */
import type { Db } from '../storage/db.js';

export async function findFeedVersion(db: Db, path: string): Promise<{ etag: string; since: Date } | undefined> {
  const row = await db.selectFrom('feed_versions').select(['etag', 'since']).where('path', '=', path).executeTakeFirst();
  return row && { etag: row.etag, since: new Date(row.since) };
}

/**
 * Records a new body of the feed. Instances rendering the same new body at once compute the same
 * `since` from the same previous row, so whichever writes, the answer is the same.
 */
export async function recordFeedVersion(db: Db, path: string, etag: string, since: Date): Promise<void> {
  await db
    .insertInto('feed_versions')
    .values({ path, etag, since: since.toISOString() })
    .onConflict((oc) => oc.column('path').doUpdateSet({ etag, since: since.toISOString() }).where('feed_versions.etag', '<>', etag))
    .execute();
}
