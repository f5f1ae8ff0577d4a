import type { Db } from '../storage/db.js';
import { deleteRedirect, findRedirectTarget, retargetRedirects, upsertRedirect } from './redirect.repository.js';

/** Normalises a request path for lookup: no query, no trailing slash, percent-decoding kept as sent. */
export function redirectKey(path: string): string {
  const bare = path.split('?')[0] ?? '/';
  return bare.length > 1 ? bare.replace(/\/+$/, '') : bare;
}

export async function findRedirect(db: Db, path: string): Promise<string | undefined> {
  return findRedirectTarget(db, redirectKey(path));
}

/** Records that `from` moved to `to`; earlier redirects to `from` now lead straight to `to`. */
export async function addRedirect(db: Db, from: string, to: string, now = new Date()): Promise<void> {
  const fromKey = redirectKey(from);
  const toKey = redirectKey(to);
  if (fromKey === toKey) return;
  await retargetRedirects(db, fromKey, toKey);
  // A path that is live again must not keep redirecting away.
  await deleteRedirect(db, toKey);
  await upsertRedirect(db, fromKey, toKey, now.toISOString());
}
