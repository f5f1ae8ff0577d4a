/**
 * A commenter whose comment is held sees it on their next page views, as WordPress does: the ids
 * of their own held comments travel in a signed cookie. Readers who never comment get no cookie.
 */
import { keyedHash, safeEqual } from '../shared/keyed-hash.js';

export const OWN_COMMENTS_COOKIE = 'ytring_own';
const MAX_IDS = 20;
export const OWN_COMMENTS_MAX_AGE = 7 * 24 * 3600;

/** The ids in the cookie's value, when its signature is ours; none otherwise. */
export function readOwnComments(secret: string, value: string | undefined): string[] {
  if (!value) return [];
  const [ids, signature] = value.split('.');
  if (!ids || !signature || !safeEqual(signature, keyedHash(secret, 'own-comments', ids))) return [];
  return ids.split(',').filter((id) => /^[0-9a-f-]{36}$/.test(id));
}

/** The signed value holding `ids` (the newest few), for the cookie named OWN_COMMENTS_COOKIE. */
export function ownCommentsValue(secret: string, ids: readonly string[]): string {
  const value = [...new Set(ids)].slice(-MAX_IDS).join(',');
  return `${value}.${keyedHash(secret, 'own-comments', value)}`;
}
