import type { Db } from '../storage/db.js';
import { deleteRedirect, findRedirectTarget, retargetRedirects, upsertRedirect } from './redirect.repository.js';

// WordPress's short addresses name a post by its id in the query: /?p=123, /?page_id=45, and an
// attachment page /?attachment_id=67.
const WORDPRESS_ID = /^(?:p|page_id|attachment_id)=\d+$/;

/** The `p=123` or `page_id=45` part of a front-page address, if it has one. */
function wordPressIdOf(path: string, query: string): string | undefined {
  if (path !== '/' && path !== '/index.php') return undefined;
  return query.split('&').find((part) => WORDPRESS_ID.test(part));
}

/** True for `/?p=123` and `/?page_id=45`, which the front page would otherwise answer. */
export function isWordPressIdAddress(url: string): boolean {
  const at = url.indexOf('?');
  return at >= 0 && wordPressIdOf(url.slice(0, at), url.slice(at + 1)) !== undefined;
}

/**
 * Normalises a request path for lookup: no trailing slash, percent-escapes in one spelling
 * (upper-case hex, other characters than ASCII escaped), and no query, except WordPress's
 * `/?p=123` and `/?page_id=45`, which are kept as such.
 */
export function redirectKey(path: string): string {
  const at = path.indexOf('?');
  const rawPath = (at >= 0 ? path.slice(0, at) : path) || '/';
  const wordPressId = at >= 0 ? wordPressIdOf(rawPath, path.slice(at + 1)) : undefined;
  if (wordPressId) return `/?${wordPressId}`;
  const bare = rawPath
    .replace(/%[0-9a-f]{2}/gi, (escape) => escape.toUpperCase())
    .replace(/[\u{80}-\u{10ffff}]/gu, (ch) => encodeURIComponent(ch));
  // A loop, not /\/+$/: that regex retries at every slash of a long run ("/////…/x") and takes
  // quadratic time on a path anyone can send.
  let end = bare.length;
  while (end > 1 && bare.charCodeAt(end - 1) === 0x2f) end--;
  return bare.length > 1 ? bare.slice(0, end) || '/' : bare;
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
