/**
 * What a feed read (settings, the blog, person or tag it is of, its posts or comments), kept per
 * feed under the content version read before it, and its Last-Modified with it: a feed answered
 * from scratch whose content has not changed reads nothing from the database (issue 16).
 */
import { lruPerOwner } from '../shared/lru.js';
import type { Keeping } from '../storage/content-version.js';
import type { Db } from '../storage/db.js';
import { keptReads } from '../storage/kept-read.js';
import { findFeedVersion, recordFeedVersion } from './feed.repository.js';

interface Kept<T> {
  version: string;
  value: T;
  tags: readonly string[];
}

// Feeds of the site, each blog, author and tag, and each post's comments: a few dozen are read often.
const READS_KEPT = 64;
/** What a feed read, kept while none of the change tags it names has changed (see storage/kept-read). */
export const keptRead = keptReads(READS_KEPT);
const lastModifiedOf = lruPerOwner<Db, string, Kept<{ etag: string; since: Date }>>(READS_KEPT);

/**
 * The feed's Last-Modified (see feedLastModified), known without a read while the feed shows the
 * same body as when it was last read or written: no change to what `tags` name since then means
 * every instance renders that same body, and none writes another row for it.
 */
export async function keptLastModified(
  db: Db,
  keeping: Keeping,
  tags: readonly string[],
  body: { path: string; etag: string; updated: Date },
): Promise<Date> {
  const { version } = keeping;
  const kept = lastModifiedOf(db);
  const found = version === undefined ? undefined : kept.get(body.path);
  if (found && found.value.etag === body.etag && !keeping.stale(found.version, found.tags)) return found.value.since;
  const since = await feedLastModified(db, body.path, body.etag, body.updated);
  if (version !== undefined) kept.set(body.path, { version, value: { etag: body.etag, since }, tags });
  return since;
}

/**
 * The feed's Last-Modified: since when `etag` has been the body at `path`, the same for a kept or a
 * fresh answer and on every instance. A new body dates from its newest item (`updated`), and always
 * a second after the body before it, so a reader whose copy is older (If-Modified-Since) gets the
 * new one, a post that left the feed included. A body with nothing dated dates from now.
 */
export async function feedLastModified(db: Db, path: string, etag: string, updated: Date, now = new Date()): Promise<Date> {
  // Another instance may write another body between the read and the write: read again, and date after it.
  for (let attempt = 0; attempt < 3; attempt++) {
    const kept = await findFeedVersion(db, path);
    if (kept?.etag === etag) return kept.since;
    const after = kept ? kept.since.getTime() + 1000 : 0;
    const since = new Date(Math.max(updated.getTime(), after) || now.getTime());
    if (await recordFeedVersion(db, path, etag, since, kept?.etag)) return since;
  }
  throw new Error(`the feed at ${path} changed body three times while it was dated`);
}
