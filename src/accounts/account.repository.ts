import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../storage/db.js';
import type { AccountTable, AccountTokenTable, AuditLogTable } from './account.table.js';
import type { Account, Actor } from './account.js';

export type AccountRow = Selectable<AccountTable>;

export const toAccount = (row: AccountRow): Account => ({
  id: row.id,
  personId: row.person_id,
  email: row.email,
  role: row.role,
  blogScope: row.blog_scope ? (JSON.parse(row.blog_scope) as string[]) : null,
  disabled: row.disabled_at !== null,
});

export async function insertAccount(db: Db, row: AccountRow): Promise<void> {
  await db.insertInto('accounts').values(row).execute();
}

export async function updateAccountRow(db: Db, id: string, changes: Partial<AccountRow>): Promise<void> {
  await db.updateTable('accounts').set(changes).where('id', '=', id).execute();
}

export async function findAccountRowByEmail(db: Db, email: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findAccountRowById(db: Db, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findAccountRowByPerson(db: Db, personId: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('person_id', '=', personId).executeTakeFirst();
}

export async function countAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function hasAnyAccountRow(db: Db): Promise<boolean> {
  return (await db.selectFrom('accounts').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export async function listAccountRows(db: Db): Promise<(AccountRow & { person_name: string })[]> {
  return db
    .selectFrom('accounts')
    .innerJoin('people', 'people.id', 'accounts.person_id')
    .selectAll('accounts')
    .select('people.name as person_name')
    .orderBy('people.name')
    .execute();
}

export async function insertSession(
  db: Db,
  row: { id_hash: string; account_id: string; created_at: string; last_seen_at: string; expires_at: string },
): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** The actor behind a live session on an enabled account, or undefined. */
export async function findActorBySession(db: Db, idHash: string, now: string): Promise<(Actor & { lastSeenAt: string }) | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .innerJoin('people', 'people.id', 'accounts.person_id')
    .select([
      'accounts.id as account_id',
      'accounts.person_id',
      'people.name',
      'accounts.role',
      'accounts.blog_scope',
      'sessions.last_seen_at',
    ])
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', now)
    .where('accounts.disabled_at', 'is', null)
    .executeTakeFirst();
  return (
    row && {
      accountId: row.account_id,
      personId: row.person_id,
      name: row.name,
      role: row.role,
      blogScope: row.blog_scope ? (JSON.parse(row.blog_scope) as string[]) : null,
      lastSeenAt: row.last_seen_at,
    }
  );
}

export async function touchSession(db: Db, idHash: string, lastSeenAt: string, expiresAt: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteSessionsOf(db: Db, accountId: string): Promise<void> {
  await db.deleteFrom('sessions').where('account_id', '=', accountId).execute();
}

export async function deleteExpiredSessions(db: Db, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}

export async function insertAccountToken(db: Db, row: Insertable<AccountTokenTable>): Promise<void> {
  await db.insertInto('account_tokens').values(row).execute();
}

/** Marks a token used and returns it, only if it was unused and unexpired: one statement, so a token works once even under races. */
export async function spendAccountToken(db: Db, tokenHash: string, kind: 'reset' | 'invite', now: string): Promise<string | undefined> {
  const row = await db
    .updateTable('account_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('kind', '=', kind)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('account_id')
    .executeTakeFirst();
  return row?.account_id;
}

/** Marks every unused link of the account used. */
export async function spendAccountTokensOf(db: Db, accountId: string, now: string): Promise<void> {
  await db.updateTable('account_tokens').set({ used_at: now }).where('account_id', '=', accountId).where('used_at', 'is', null).execute();
}

/** The account behind an unused, unexpired link, if that account is enabled. */
export async function findLiveAccountToken(db: Db, tokenHash: string, kind: 'reset' | 'invite', now: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('account_tokens')
    .innerJoin('accounts', 'accounts.id', 'account_tokens.account_id')
    .select('account_tokens.account_id')
    .where('account_tokens.token_hash', '=', tokenHash)
    .where('account_tokens.kind', '=', kind)
    .where('account_tokens.used_at', 'is', null)
    .where('account_tokens.expires_at', '>', now)
    .where('accounts.disabled_at', 'is', null)
    .executeTakeFirst();
  return row?.account_id;
}

export async function insertAuditEntry(db: Db, row: Insertable<AuditLogTable>): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

/** Account rows of these people (at most one each). */
export async function findAccountRowsByPeople(db: Db, personIds: readonly string[]): Promise<AccountRow[]> {
  if (personIds.length === 0) return [];
  return db.selectFrom('accounts').selectAll().where('person_id', 'in', personIds).execute();
}

/**
 * An active account as an actor: the one with this (normalised) e-mail address, or without one the
 * site's first administrator, the longest-standing active one.
 */
export async function findActiveActor(db: Db, email?: string): Promise<Actor | undefined> {
  let query = db
    .selectFrom('accounts')
    .innerJoin('people', 'people.id', 'accounts.person_id')
    .select(['accounts.id as account_id', 'accounts.person_id', 'people.name', 'accounts.role', 'accounts.blog_scope'])
    .where('accounts.disabled_at', 'is', null);
  query =
    email === undefined
      ? query.where('accounts.role', '=', 'admin').orderBy('accounts.created_at').orderBy('accounts.id')
      : query.where('accounts.email', '=', email);
  const row = await query.executeTakeFirst();
  return (
    row && {
      accountId: row.account_id,
      personId: row.person_id,
      name: row.name,
      role: row.role,
      blogScope: row.blog_scope ? (JSON.parse(row.blog_scope) as string[]) : null,
    }
  );
}
