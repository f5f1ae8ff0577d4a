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
export const PROVEN_ADDRESS_MAX_AGE = 365 * 24 * 3600;

/** The address hashes in the cookie's value, when its signature is ours; none otherwise. */
export function readProvenAddresses(secret: string, value: string | undefined): string[] {
  if (!value || value.length > 1000) return [];
  const [hashes, signature, extra] = value.split('.');
  if (!hashes || !signature || extra !== undefined || !safeEqual(signature, keyedHash(secret, 'proven-addresses', hashes))) return [];
  return hashes.split(',').filter(Boolean);
}

/** The signed value with `emailHash` added to those the browser already proved (the newest few kept). */
export function provenAddressValue(secret: string, current: string | undefined, emailHash: string): string {
  const known = readProvenAddresses(secret, current).filter((h) => h !== emailHash);
  const value = [...known, emailHash].slice(-MAX_ADDRESSES).join(',');
  return `${value}.${keyedHash(secret, 'proven-addresses', value)}`;
}
