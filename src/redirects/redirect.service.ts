import type { Db } from '../storage/db.js';
import {
  deleteRedirect,
  deleteRedirects,
  findRedirectTarget,
  findRedirectsTouching,
  retargetRedirects,
  setRedirectTarget,
  upsertRedirect,
  upsertRedirects,
} from './redirect.repository.js';

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

export interface RedirectToAdd {
  from: string;
  to: string;
  /** A guess (another permalink structure, a feed): it never displaces a redirect already there. */
  guessed?: boolean;
}

/**
 * Adds redirects as `addRedirect` would one after another, in a few statements: the redirects they
 * can touch are read at once, the additions applied to that copy in order, and only the rows that
 * differ written back. An addition whose address already leads to its target, or a guess whose
 * address already leads somewhere, is left out. Returns the additions made, in order.
 */
export async function addRedirects(db: Db, additions: readonly RedirectToAdd[], now = new Date()): Promise<RedirectToAdd[]> {
  const keyed = additions.map((addition) => ({ addition, from: redirectKey(addition.from), to: redirectKey(addition.to) }));
  const wanted = keyed.filter(({ from, to }) => from !== to);
  if (wanted.length === 0) return [];
  const froms = [...new Set(wanted.map((a) => a.from))];
  // Rows that can change: those from an address added or made live again, and those leading to an
  // address added (retargeted). A row retargeted leads to an address added, so it is among them.
  const before = await findRedirectsTouching(db, [...new Set([...froms, ...wanted.map((a) => a.to)])], froms);
  const after = new Map(before);
  const leadingTo = new Map<string, Set<string>>();
  for (const [from, to] of after) leadingTo.set(to, (leadingTo.get(to) ?? new Set()).add(from));
  const set = (from: string, to: string) => {
    const old = after.get(from);
    if (old !== undefined) leadingTo.get(old)?.delete(from);
    after.set(from, to);
    leadingTo.set(to, (leadingTo.get(to) ?? new Set()).add(from));
  };
  const stamped = new Set<string>();
  const made: RedirectToAdd[] = [];
  for (const { addition, from, to } of wanted) {
    const existing = after.get(from);
    if (existing === to || (existing !== undefined && addition.guessed)) continue;
    for (const earlier of [...(leadingTo.get(from) ?? [])]) set(earlier, to);
    const live = after.get(to);
    if (live !== undefined) {
      leadingTo.get(live)?.delete(to);
      after.delete(to);
      stamped.delete(to);
    }
    set(from, to);
    stamped.add(from);
    made.push(addition);
  }
  const at = now.toISOString();
  await deleteRedirects(
    db,
    [...before.keys()].filter((from) => !after.has(from)),
  );
  await upsertRedirects(
    db,
    [...stamped].map((from) => ({ from_path: from, to_path: after.get(from)!, created_at: at })),
  );
  // Retargeted only: keeps its own date, as retargetRedirects does.
  for (const [from, to] of after) if (!stamped.has(from) && before.get(from) !== to) await setRedirectTarget(db, from, to);
  return made;
}
