/**
 * A commenter whose comment is held sees it on their next page views, as WordPress does: the ids
 * of their own held comments travel in a signed cookie. Readers who never comment get no cookie.
 */
import { keyedHash, safeEqual } from '../shared/keyed-hash.js';

export const OWN_COMMENTS_COOKIE = 'ytring_own';
const MAX_IDS = 20;
export const OWN_COMMENTS_MAX_AGE = 7 * 24 * 3600;

export function readOwnComments(secret: string, cookieHeader: string | undefined): string[] {
  const raw = cookieHeader
    ?.split(/;\s*/)
    .find((part) => part.startsWith(`${OWN_COMMENTS_COOKIE}=`))
    ?.slice(OWN_COMMENTS_COOKIE.length + 1);
  if (!raw) return [];
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return [];
  }
  const [ids, signature] = value.split('.');
  if (!ids || !signature || !safeEqual(signature, keyedHash(secret, 'own-comments', ids))) return [];
  return ids.split(',').filter((id) => /^[0-9a-f-]{36}$/.test(id));
}

export function ownCommentsCookie(secret: string, ids: readonly string[], secure: boolean): string {
  const value = [...new Set(ids)].slice(-MAX_IDS).join(',');
  const signed = `${value}.${keyedHash(secret, 'own-comments', value)}`;
  return `${OWN_COMMENTS_COOKIE}=${encodeURIComponent(signed)}; Path=/; Max-Age=${OWN_COMMENTS_MAX_AGE}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
