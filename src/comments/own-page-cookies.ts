/**
 * The cookies that make a post page its reader's own: their held comments and their edit link.
 * Anyone can send a cookie of either name, so only one whose signature is ours (and, for the edit
 * link, still within its minutes) counts; any other is as if it were not there.
 */
import { EDIT_LINK_COOKIE, readEditLinkCookie } from './edit-link.js';
import { OWN_COMMENTS_COOKIE, readOwnComments } from './own-comments-cookie.js';

/** True when the cookies name held comments or an edit link this site signed. */
export function hasOwnPageCookies(secret: string, cookies: Record<string, string | undefined>, now = new Date()): boolean {
  const own = cookies[OWN_COMMENTS_COOKIE];
  const edit = cookies[EDIT_LINK_COOKIE];
  if (own === undefined && edit === undefined) return false;
  return readOwnComments(secret, own).length > 0 || readEditLinkCookie(secret, edit, now) !== undefined;
}
