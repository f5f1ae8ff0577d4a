/**
 * The private link every writer gets right after posting: for 15 minutes it opens the edit form of
 * that one comment. It is signed for its own purpose and bound to the comment's id, so it reaches no
 * other comment, no subscription and no data; and since the form can be sent with any address, it
 * proves nothing about the address either (the first-time policy does not trust it).
 * It travels to the post page in a short-lived HttpOnly cookie (set by the comment route through
 * http/cookies.ts), which keeps that page out of the cache.
 */
import { sign, verify } from '../shared/keyed-hash.js';

export const EDIT_LINK_MINUTES = 15;
const EDIT_LINK_MS = EDIT_LINK_MINUTES * 60_000;
const PURPOSE = 'comment-edit';
export const EDIT_LINK_COOKIE = 'ytring_edit';

export function editLinkToken(secret: string, commentId: string, now = new Date()): string {
  return sign(secret, PURPOSE, { c: commentId, e: now.getTime() + EDIT_LINK_MS });
}

/** The comment an edit token is for; 'expired' past its 15 minutes; undefined for anything else. */
export function readEditLinkToken(secret: string, token: string, now = new Date()): { commentId: string } | 'expired' | undefined {
  const payload = verify<{ c?: unknown; e?: unknown }>(secret, PURPOSE, token);
  if (!payload || typeof payload.c !== 'string' || typeof payload.e !== 'number') return undefined;
  return payload.e < now.getTime() ? 'expired' : { commentId: payload.c };
}

/** How long the browser keeps the edit link's cookie: as long as the link works. */
export const EDIT_LINK_COOKIE_MAX_AGE = EDIT_LINK_MS / 1000;

/** The edit link this browser was given (the cookie's value), while it is valid. */
export function readEditLinkCookie(
  secret: string,
  token: string | undefined,
  now = new Date(),
): { commentId: string; token: string } | undefined {
  if (!token || token.length > 400) return undefined;
  const target = readEditLinkToken(secret, token, now);
  return target && target !== 'expired' ? { commentId: target.commentId, token } : undefined;
}
