/** Each feed's current body, by ETag, and since when it has been so: the feed's Last-Modified. */
import type { Db } from '../storage/db.js';

export async function findFeedVersion(db: Db, path: string): Promise<{ etag: string; since: Date } | undefined> {
  const row = await db.selectFrom('feed_versions').select(['etag', 'since']).where('path', '=', path).executeTakeFirst();
  return row && { etag: row.etag, since: new Date(row.since) };
}

/**
 * Records a new body of the feed in place of `previous` (the body whose row the caller read, none
 * when there was no row). False when nothing was written, because another instance wrote a body
 * after the caller read the row (the same body or another): the caller reads the row again.
 */
export async function recordFeedVersion(db: Db, path: string, etag: string, since: Date, previous: string | undefined): Promise<boolean> {
  const result = await db
    .insertInto('feed_versions')
    .values({ path, etag, since: since.toISOString() })
    .onConflict((oc) =>
      previous === undefined
        ? oc.column('path').doNothing()
        : oc.column('path').doUpdateSet({ etag, since: since.toISOString() }).where('feed_versions.etag', '=', previous),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
