import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';

/** HMAC-SHA256 of `value` under the site secret, in a named domain so hashes of different kinds never match. */
export function keyedHash(secret: string, domain: string, value: string): string {
  return createHmac('sha256', keyOf(secret)).update(`${domain}\0${value}`).digest('base64url');
}

// A key object made once per secret: given the secret as text, every HMAC imported it anew, which
// took a third of its time (a page with the comment form's question makes two, a comment six).
const keys = new Map<string, KeyObject>();
const KEYS_KEPT = 16;

function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    // A site has one secret; only tests make many, and they need no more than a few at a time.
    if (keys.size >= KEYS_KEPT) keys.clear();
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
}

export function normaliseEmail(address: string): string {
  return address.trim().toLowerCase();
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** `payload.signature`, both base64url; the signature covers the domain too. */
export function sign(secret: string, domain: string, payload: object): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${keyedHash(secret, domain, body)}`;
}

/** The payload of a token made by sign() with the same secret and domain, or undefined. */
export function verify<T>(secret: string, domain: string, token: string): T | undefined {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return undefined;
  if (!safeEqual(signature, keyedHash(secret, domain, body))) return undefined;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
  } catch {
    return undefined;
  }
}
