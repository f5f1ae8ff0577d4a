/**
 * Proof that this browser belongs to whoever reads an address's mail: set when a button on a page
 * linked from a mail to that address (confirm, manage) is pressed here. Opening the link is not
 * enough, since mail scanners fetch links on their own. The first-time policy trusts a comment only
 * with this proof or a staff session, because anyone can type someone else's address in the form.
 * The cookie holds keyed hashes of the addresses, which reveal nothing without the site secret.
 */
import { keyedHash, safeEqual } from '../shared/keyed-hash.js';

export const PROVEN_ADDRESS_COOKIE = 'ytring_proven';
const MAX_ADDRESSES = 5;
const MAX_AGE = 365 * 24 * 3600;

export function readProvenAddresses(secret: string, cookieHeader: string | undefined): string[] {
  const raw = cookieHeader
    ?.split(/;\s*/)
    .find((part) => part.startsWith(`${PROVEN_ADDRESS_COOKIE}=`))
    ?.slice(PROVEN_ADDRESS_COOKIE.length + 1);
  if (!raw || raw.length > 1000) return [];
  const [hashes, signature, extra] = decodeURIComponent(raw).split('.');
  if (!hashes || !signature || extra !== undefined || !safeEqual(signature, keyedHash(secret, 'proven-addresses', hashes))) return [];
  return hashes.split(',').filter(Boolean);
}

/** The cookie with `emailHash` added to those the browser already proved (the newest few kept). */
export function provenAddressCookie(secret: string, cookieHeader: string | undefined, emailHash: string, secure: boolean): string {
  const known = readProvenAddresses(secret, cookieHeader).filter((h) => h !== emailHash);
  const value = [...known, emailHash].slice(-MAX_ADDRESSES).join(',');
  const signed = `${value}.${keyedHash(secret, 'proven-addresses', value)}`;
  return `${PROVEN_ADDRESS_COOKIE}=${encodeURIComponent(signed)}; Path=/; Max-Age=${MAX_AGE}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
