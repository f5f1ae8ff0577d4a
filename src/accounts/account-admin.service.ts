/**
 * Accounts as an administrator hands them out (a role, perhaps limited to some blogs, and an
 * invitation by e-mail), and the public reset and invitation links that set a password.
 */
import { listBlogs } from '../blogs/blog.service.js';
import { conflict, forbidden, invalid } from '../errors.js';
import { queueMail } from '../notifications/mail.service.js';
import { getPerson } from '../people/person.service.js';
import { countHit } from '../comments/spam/rate-limit.service.js';
import { getSiteSettings } from '../settings/settings.service.js';
import { keyedHash, normaliseEmail } from '../shared/keyed-hash.js';
import { inTransaction, type Db } from '../storage/db.js';
import { lockForDecision } from '../storage/write-lock.js';
import { canManageAccounts, type Account, type Actor, type Role } from './account.js';
import { invitationMail, resetMail } from './account-mail.js';
import { withMailLayout } from '../notifications/mail-layout.js';
import { siteLogo } from '../settings/identity.js';
import { findAccountRowByEmail, findAccountRowById, findAccountRowsByPeople, toAccount } from './account.repository.js';
import { ADMINS_LOCK, audit, createAccount, getAccount, issueAccountToken, updateAccount, usePasswordToken } from './account.service.js';

export type AccountState = 'invited' | 'active' | 'disabled';

export interface AccountOverview {
  account: Account;
  /** invited: no password chosen yet. */
  state: AccountState;
}

/** Roles whose reach a blog scope limits; for the others the scope is meaningless and stored as null. */
export const SCOPED_ROLES: readonly Role[] = ['editor', 'moderator'];

/** Each person's account and its state, for those who have one. */
export async function findAccountOverviews(db: Db, personIds: readonly string[]): Promise<Map<string, AccountOverview>> {
  const rows = await findAccountRowsByPeople(db, personIds);
  return new Map(
    rows.map((row) => [
      row.person_id,
      {
        account: toAccount(row),
        state: row.disabled_at ? 'disabled' : row.password_hash ? 'active' : 'invited',
      },
    ]),
  );
}

/** The scope to store: null unless the role is scoped and blogs were picked; every id must be a blog. */
async function scopeFor(db: Db, role: Role, blogIds: readonly string[]): Promise<string[] | null> {
  if (!SCOPED_ROLES.includes(role) || blogIds.length === 0) return null;
  const known = new Set((await listBlogs(db)).map((b) => b.id));
  if (!blogIds.every((id) => known.has(id))) throw invalid({ blogScope: 'unknown' });
  return [...new Set(blogIds)];
}

const describeScope = (scope: string[] | null) => (scope ? `${scope.length} blog(s)` : 'all blogs');

export interface LinkContext {
  /** BASE_URL: links in mail must be absolute. */
  baseUrl: string;
}

async function sendInvitation(db: Db, actor: Actor, account: Account, name: string, context: LinkContext, now: Date): Promise<void> {
  const settings = await getSiteSettings(db);
  const token = await issueAccountToken(db, account.id, 'invite', now);
  await queueMail(
    db,
    withMailLayout(
      invitationMail({
        language: settings.language,
        siteTitle: settings.title,
        to: account.email,
        name,
        inviter: actor.name,
        role: account.role,
        link: `${context.baseUrl}/admin/invite/${token}`,
        loginUrl: `${context.baseUrl}/admin/login`,
      }),
      { baseUrl: context.baseUrl, title: settings.title, language: settings.language, logo: siteLogo(settings, context.baseUrl) },
    ),
    now,
  );
  await audit(db, actor, 'account.invite', { type: 'account', id: account.id, summary: `${name} <${account.email}>` }, now);
}

/**
 * Gives a person an account without a password and queues the invitation that lets them choose
 * one. Throws forbidden, not-found, invalid or conflict (address or person already has one).
 */
export async function giveAccount(
  db: Db,
  actor: Actor,
  personId: string,
  input: { email: string; role: Role; blogScope: string[] },
  context: LinkContext,
  now = new Date(),
): Promise<Account> {
  if (!canManageAccounts(actor)) throw forbidden();
  return inTransaction(db, async (trx) => {
    const person = await getPerson(trx, personId);
    const blogScope = await scopeFor(trx, input.role, input.blogScope);
    const account = await createAccount(trx, { personId, email: input.email, role: input.role, blogScope }, now);
    await audit(
      trx,
      actor,
      'account.create',
      { type: 'account', id: account.id, summary: `${person.name}: ${account.role}, ${describeScope(blogScope)}` },
      now,
    );
    await sendInvitation(trx, actor, account, person.name, context, now);
    return account;
  });
}

/** Changes role, blog scope or disabled; throws forbidden, not-found, invalid or conflict (the last administrator). */
export async function changeAccount(
  db: Db,
  actor: Actor,
  accountId: string,
  input: { role: Role; blogScope: string[]; disabled: boolean },
  now = new Date(),
): Promise<Account> {
  if (!canManageAccounts(actor)) throw forbidden();
  return inTransaction(db, async (trx) => {
    // updateAccount decides under the administrators' lock; taking it before reading `before`
    // keeps a database with snapshot reads from reading an old snapshot and then failing to write.
    await lockForDecision(trx, ADMINS_LOCK);
    const before = await getAccount(trx, accountId);
    const blogScope = await scopeFor(trx, input.role, input.blogScope);
    await updateAccount(trx, accountId, { role: input.role, blogScope, disabled: input.disabled }, now);
    const changes = [
      before.role !== input.role && `role ${before.role} → ${input.role}`,
      JSON.stringify(before.blogScope) !== JSON.stringify(blogScope) &&
        `scope ${describeScope(before.blogScope)} → ${describeScope(blogScope)}`,
      before.disabled !== input.disabled && (input.disabled ? 'disabled' : 'enabled'),
    ].filter(Boolean);
    if (changes.length > 0) {
      const person = await getPerson(trx, before.personId);
      await audit(trx, actor, 'account.update', { type: 'account', id: accountId, summary: `${person.name}: ${changes.join('; ')}` }, now);
    }
    return { ...before, role: input.role, blogScope, disabled: input.disabled };
  });
}

/** A new invitation for an account that has not chosen a password yet (the last one may have expired). */
export async function resendInvitation(db: Db, actor: Actor, accountId: string, context: LinkContext, now = new Date()): Promise<void> {
  if (!canManageAccounts(actor)) throw forbidden();
  await inTransaction(db, async (trx) => {
    const row = await findAccountRowById(trx, accountId);
    if (!row) throw invalid({ account: 'unknown' });
    if (row.password_hash || row.disabled_at) throw conflict('The account has a password already or is disabled', 'account');
    const person = await getPerson(trx, row.person_id);
    await sendInvitation(trx, actor, toAccount(row), person.name, context, now);
  });
}

const HOUR = 3600 * 1000;
/** Reset mails per address and per IP an hour; past that the answer is the same and no mail goes out. */
export const RESET_LIMITS = { email: 3, ip: 20 } as const;

/**
 * Mails a reset link when an enabled account has this address. The caller answers the same
 * either way, so the form does not reveal who has an account. Returns whether a mail was queued.
 */
export async function requestPasswordReset(
  db: Db,
  request: { email: string; ip: string | undefined; secret: string },
  context: LinkContext,
  now = new Date(),
): Promise<boolean> {
  const email = normaliseEmail(request.email);
  if (!email || email.length > 254) return false;
  const byEmail = await countHit(db, `reset:email:${keyedHash(request.secret, 'email', email)}`, now, HOUR);
  const byIp = request.ip ? await countHit(db, `reset:ip:${keyedHash(request.secret, 'ip', request.ip)}`, now, HOUR) : 0;
  if (byEmail > RESET_LIMITS.email || byIp > RESET_LIMITS.ip) return false;
  const row = await findAccountRowByEmail(db, email);
  if (!row || row.disabled_at) return false;
  await inTransaction(db, async (trx) => {
    const [person, settings] = await Promise.all([getPerson(trx, row.person_id), getSiteSettings(trx)]);
    const token = await issueAccountToken(trx, row.id, 'reset', now);
    await queueMail(
      trx,
      withMailLayout(
        resetMail({
          language: settings.language,
          siteTitle: settings.title,
          to: row.email,
          name: person.name,
          link: `${context.baseUrl}/admin/reset/${token}`,
        }),
        { baseUrl: context.baseUrl, title: settings.title, language: settings.language, logo: siteLogo(settings, context.baseUrl) },
      ),
      now,
    );
    // Nobody is logged in: the entry records that a link went to the account's own address.
    await audit(trx, undefined, 'account.reset-request', { type: 'account', id: row.id, summary: person.name }, now);
  });
  return true;
}

async function spendLink(db: Db, token: string, kind: 'reset' | 'invite', password: string, now: Date): Promise<Account | undefined> {
  return inTransaction(db, async (trx) => {
    const account = await usePasswordToken(trx, token, kind, password, now);
    if (!account) return undefined;
    const person = await getPerson(trx, account.personId);
    const self: Actor = {
      accountId: account.id,
      personId: account.personId,
      name: person.name,
      role: account.role,
      blogScope: account.blogScope,
    };
    await audit(
      trx,
      self,
      kind === 'reset' ? 'account.reset' : 'account.invite-accept',
      { type: 'account', id: account.id, summary: person.name },
      now,
    );
    return account;
  });
}

/** Sets a new password through a reset link, once; every session of the account ends. Undefined for a dead link; throws invalid. */
export function resetPassword(db: Db, token: string, password: string, now = new Date()): Promise<Account | undefined> {
  return spendLink(db, token, 'reset', password, now);
}

/** Sets the first password through an invitation link, once. Undefined for a dead link; throws invalid. */
export function acceptInvitation(db: Db, token: string, password: string, now = new Date()): Promise<Account | undefined> {
  return spendLink(db, token, 'invite', password, now);
}
