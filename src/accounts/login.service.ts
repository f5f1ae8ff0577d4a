import { countHit, forgetHits, uncountHit } from '../comments/spam/rate-limit.service.js';
import { keyedHash, normaliseEmail } from '../shared/keyed-hash.js';
import type { Db } from '../storage/db.js';
import type { Account } from './account.js';
import { checkCredentials } from './account.service.js';

const WINDOW_MS = 15 * 60 * 1000;
/** Failures allowed per account and per IP in the window before logins are refused for the rest of it. */
export const MAX_FAILURES = { account: 5, ip: 20 } as const;

export type LoginResult = { ok: true; account: Account } | { ok: false; reason: 'failed' | 'slowed' };

/**
 * Checks a login, slowed after failures per account and per IP hash: each failure waits a
 * little longer before answering, and past the limit the window must run out first.
 */
export async function attemptLogin(
  db: Db,
  secret: string,
  email: string,
  password: string,
  ip: string | undefined,
  now = new Date(),
  sleep = defaultSleep,
): Promise<LoginResult> {
  const accountKey = `login:account:${keyedHash(secret, 'email', normaliseEmail(email))}`;
  const ipKey = ip ? `login:ip:${keyedHash(secret, 'ip', ip)}` : undefined;
  // Each attempt is counted, in one statement, before its password is looked at: counting only
  // afterwards let 150 attempts sent at once all read "no failures yet" and all be checked.
  const accountAttempts = await countHit(db, accountKey, now, WINDOW_MS);
  const ipAttempts = ipKey ? await countHit(db, ipKey, now, WINDOW_MS) : 0;
  if (accountAttempts > MAX_FAILURES.account || ipAttempts > MAX_FAILURES.ip) return { ok: false, reason: 'slowed' };
  const account = await checkCredentials(db, email, password);
  if (account) {
    await forgetHits(db, accountKey);
    // People who know their password share an office's address freely; only failures count there.
    if (ipKey) await uncountHit(db, ipKey);
    return { ok: true, account };
  }
  await sleep(Math.min(2000, 100 * 2 ** accountAttempts));
  return { ok: false, reason: 'failed' };
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
