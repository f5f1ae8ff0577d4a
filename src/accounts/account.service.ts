import { createHash, randomBytes } from 'node:crypto';
import { conflict, invalid, notFound } from '../errors.js';
import { createPerson } from '../people/person.service.js';
import { newId } from '../shared/ids.js';
import { markSiteInUse, wasSiteInUse } from '../settings/settings.service.js';
import { keyedHash, normaliseEmail } from '../shared/keyed-hash.js';
import { inTransaction, type Db } from '../storage/db.js';
import { lockForDecision } from '../storage/write-lock.js';
import { isRole, validatePassword, type Account, type Actor, type Role } from './account.js';
import {
  countAdmins,
  deleteSession,
  hasAnyAccountRow,
  deleteSessionsOf,
  findAccountRowByEmail,
  findAccountRowById,
  findAccountRowByPerson,
  findActorBySession,
  findActiveActor,
  findLiveAccountToken,
  insertAccount,
  insertAccountToken,
  insertAuditEntry,
  insertSession,
  spendAccountToken,
  spendAccountTokensOf,
  toAccount,
  touchSession,
  updateAccountRow,
} from './account.repository.js';
import { dummyHash, hashPassword, verifyPassword } from './password.js';
import { isEmailAddress } from '../shared/email-obfuscation.js';

const DAY = 24 * 3600 * 1000;
export const SESSION_DAYS = 14;
const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

export async function hasAdmin(db: Db): Promise<boolean> {
  return (await countAdmins(db)) > 0;
}

// Every decision that could leave the site without an active administrator, or make a second
// first administrator, takes this lock first: two such changes at once are made one after the other.
export const ADMINS_LOCK = 'accounts:admins';

/**
 * Whether anonymous first-run setup may create an administrator: only on a site that has never
 * had an account. A site that lost its administrators is mended with `ytring user add`, not here.
 */
export async function isSetupOpen(db: Db): Promise<boolean> {
  return !(await wasSiteInUse(db)) && !(await hasAnyAccountRow(db));
}

/** The first administrator of a new site; throws not-found once the site has had any account, invalid or conflict. */
export async function setUpSite(db: Db, input: { name: string; email: string; password: string }, now = new Date()): Promise<Account> {
  return inTransaction(db, async (trx) => {
    await lockForDecision(trx, ADMINS_LOCK);
    if (!(await isSetupOpen(trx))) throw notFound('Setup');
    return createAccount(trx, { ...input, role: 'admin' }, now);
  });
}

export interface NewAccount {
  personId?: string;
  name?: string;
  email: string;
  role: Role;
  password?: string;
  blogScope?: string[] | null;
}

/** An account for an existing person, or for a new person made from `name`. Throws invalid or conflict. */
export async function createAccount(db: Db, input: NewAccount, now = new Date()): Promise<Account> {
  const email = normaliseEmail(input.email);
  const problems: Record<string, string> = {};
  if (!isEmailAddress(email)) problems.email = 'not_an_email';
  if (!isRole(input.role)) problems.role = 'unknown';
  if (!input.personId && !input.name?.trim()) problems.name = 'required';
  if (Object.keys(problems).length) throw invalid(problems);
  if (input.password !== undefined) validatePassword(input.password);
  return inTransaction(db, async (trx) => {
    if (await findAccountRowByEmail(trx, email)) throw conflict('An account has this e-mail address', 'email');
    const personId = input.personId ?? (await createPerson(trx, { name: input.name!, email }, now)).id;
    if (await findAccountRowByPerson(trx, personId)) throw conflict('This person has an account already', 'personId');
    const at = now.toISOString();
    const row = {
      id: newId(now.getTime()),
      person_id: personId,
      email,
      password_hash: input.password ? await hashPassword(input.password) : null,
      role: input.role,
      blog_scope: input.blogScope ? JSON.stringify(input.blogScope) : null,
      created_at: at,
      updated_at: at,
      disabled_at: null,
      comment_mail: 'none' as const,
      comment_digest_at: null,
    };
    await insertAccount(trx, row);
    await markSiteInUse(trx, now);
    return toAccount(row);
  });
}

export async function updateAccount(
  db: Db,
  id: string,
  changes: { role?: Role; blogScope?: string[] | null; disabled?: boolean },
  now = new Date(),
): Promise<void> {
  if (changes.role !== undefined && !isRole(changes.role)) throw invalid({ role: 'unknown' });
  await inTransaction(db, async (trx) => {
    // Two administrators demoting each other at once each counted two and left none: decide one at a time.
    await lockForDecision(trx, ADMINS_LOCK);
    const row = await findAccountRowById(trx, id);
    if (!row) throw notFound('Account');
    const losesAdmin = row.role === 'admin' && !row.disabled_at && ((changes.role && changes.role !== 'admin') || changes.disabled);
    if (losesAdmin && (await countAdmins(trx)) <= 1) throw conflict('The site needs at least one administrator', 'role');
    await updateAccountRow(trx, id, {
      ...(changes.role ? { role: changes.role } : {}),
      ...(changes.blogScope !== undefined ? { blog_scope: changes.blogScope ? JSON.stringify(changes.blogScope) : null } : {}),
      ...(changes.disabled !== undefined ? { disabled_at: changes.disabled ? now.toISOString() : null } : {}),
      updated_at: now.toISOString(),
    });
    if (changes.disabled) {
      await deleteSessionsOf(trx, id);
      // A link mailed before the account was disabled must not work once it is enabled again.
      await spendAccountTokensOf(trx, id, now.toISOString());
    }
  });
}

export async function findAccountByPerson(db: Db, personId: string): Promise<Account | undefined> {
  const row = await findAccountRowByPerson(db, personId);
  return row && toAccount(row);
}

export async function getAccount(db: Db, id: string): Promise<Account> {
  const row = await findAccountRowById(db, id);
  if (!row) throw notFound('Account');
  return toAccount(row);
}

export async function setPassword(db: Db, accountId: string, password: string, now = new Date()): Promise<void> {
  validatePassword(password);
  await updateAccountRow(db, accountId, { password_hash: await hashPassword(password), updated_at: now.toISOString() });
  // A new password ends every session and every link still in someone's mailbox: whoever knew the
  // old password, or holds an older reset or invitation mail, is locked out of the new one.
  await deleteSessionsOf(db, accountId);
  await spendAccountTokensOf(db, accountId, now.toISOString());
}

/** The account for these credentials, or undefined; the same work is done for unknown addresses. */
export async function checkCredentials(db: Db, email: string, password: string): Promise<Account | undefined> {
  const row = await findAccountRowByEmail(db, normaliseEmail(email));
  if (!row || !row.password_hash || row.disabled_at) {
    await verifyPassword(await dummyHash(), password);
    return undefined;
  }
  return (await verifyPassword(row.password_hash, password)) ? toAccount(row) : undefined;
}

/** A new session; the raw id goes in the cookie, only its hash in the database. */
export async function startSession(db: Db, accountId: string, now = new Date()): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  await insertSession(db, {
    id_hash: sha256(id),
    account_id: accountId,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: new Date(now.getTime() + SESSION_DAYS * DAY).toISOString(),
  });
  return id;
}

export async function actorForSession(db: Db, sessionId: string, now = new Date()): Promise<Actor | undefined> {
  const idHash = sha256(sessionId);
  const found = await findActorBySession(db, idHash, now.toISOString());
  if (!found) return undefined;
  const { lastSeenAt, ...actor } = found;
  // Sliding expiry, written at most once an hour so page views are not all writes.
  if (now.getTime() - new Date(lastSeenAt).getTime() > 3600 * 1000) {
    await touchSession(db, idHash, now.toISOString(), new Date(now.getTime() + SESSION_DAYS * DAY).toISOString());
  }
  return actor;
}

export async function endSession(db: Db, sessionId: string): Promise<void> {
  await deleteSession(db, sha256(sessionId));
}

export async function endAllSessions(db: Db, accountId: string): Promise<void> {
  await deleteSessionsOf(db, accountId);
}

/** CSRF token bound to the session: forms carry it, and a forged form from elsewhere cannot. */
export const csrfToken = (secret: string, sessionId: string) => keyedHash(secret, 'csrf', sha256(sessionId));

const TOKEN_TTL: Record<'reset' | 'invite', number> = { reset: 3600 * 1000, invite: 7 * DAY };

/** A single-use, expiring link token for a password reset or an invitation. */
export async function issueAccountToken(db: Db, accountId: string, kind: 'reset' | 'invite', now = new Date()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await insertAccountToken(db, {
    token_hash: sha256(token),
    account_id: accountId,
    kind,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + TOKEN_TTL[kind]).toISOString(),
    used_at: null,
  });
  return token;
}

export async function isAccountTokenLive(db: Db, token: string, kind: 'reset' | 'invite', now = new Date()): Promise<boolean> {
  return (await findLiveAccountToken(db, sha256(token), kind, now.toISOString())) !== undefined;
}

/** Sets a password through a reset or invitation link; the link works once. Returns the account, or undefined for a dead link. */
export async function usePasswordToken(
  db: Db,
  token: string,
  kind: 'reset' | 'invite',
  password: string,
  now = new Date(),
): Promise<Account | undefined> {
  validatePassword(password);
  return inTransaction(db, async (trx) => {
    const accountId = await spendAccountToken(trx, sha256(token), kind, now.toISOString());
    if (!accountId) return undefined;
    // A disabled account chooses no password: it would wait there for the day the account is enabled.
    if ((await getAccount(trx, accountId)).disabled) return undefined;
    await setPassword(trx, accountId, password, now);
    return getAccount(trx, accountId);
  });
}

/**
 * Who a command-line task acts as: the active account with `email`, or without one the site's first
 * administrator (the longest-standing active one). Undefined when there is none.
 */
export async function findCommandLineActor(db: Db, email?: string): Promise<Actor | undefined> {
  return findActiveActor(db, email === undefined ? undefined : normaliseEmail(email));
}

export async function findAccountByEmail(db: Db, email: string): Promise<Account | undefined> {
  const row = await findAccountRowByEmail(db, normaliseEmail(email));
  return row && toAccount(row);
}

/** Appends to the audit log, which nothing edits. */
export async function audit(
  db: Db,
  actor: Actor | undefined,
  action: string,
  subject: { type: string; id?: string | null; summary?: string },
  now = new Date(),
): Promise<void> {
  await insertAuditEntry(db, {
    id: newId(now.getTime()),
    at: now.toISOString(),
    account_id: actor?.accountId ?? null,
    actor_name: actor?.name ?? 'system',
    action,
    subject_type: subject.type,
    subject_id: subject.id ?? null,
    summary: (subject.summary ?? '').slice(0, 500),
  });
}
