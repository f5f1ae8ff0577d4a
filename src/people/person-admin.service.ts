/** People as staff change them: the policy check, the change and its audit entry in one transaction. */
import { canManagePeople, type Actor } from '../accounts/account.js';
import { audit } from '../accounts/account.service.js';
import { conflict, forbidden, invalid } from '../errors.js';
import { addRedirect } from '../redirects/redirect.service.js';
import { reindexPosts } from '../search/search.service.js';
import { savedSince } from '../shared/saved-since.js';
import { inTransaction, type Db } from '../storage/db.js';
import type { Person } from './person.js';
import type { PersonProfileInput } from './person-profile.js';
import { createPersonProfile, getPerson, personVersion, updatePerson } from './person.service.js';
import {
  countPersonUse,
  deletePersonRow,
  detachContacts,
  findBylinePostIds,
  moveReferences,
  type PersonUse,
} from './person-merge.repository.js';

const FIELDS: readonly (keyof Person)[] = ['name', 'initials', 'jobTitle', 'organisation', 'bio', 'avatarPath', 'email', 'phone', 'guest'];

/** Throws forbidden or invalid. */
export async function addPerson(db: Db, actor: Actor, input: PersonProfileInput, now = new Date()): Promise<Person> {
  if (!canManagePeople(actor)) throw forbidden();
  return inTransaction(db, async (trx) => {
    const person = await createPersonProfile(trx, input, now);
    await audit(trx, actor, 'person.create', { type: 'person', id: person.id, summary: person.name }, now);
    return person;
  });
}

/**
 * Throws forbidden, not-found, invalid, or conflict on `version` when `expectedVersion` (personVersion
 * as the form was opened) is given and someone has saved the person since. The audit entry names
 * the changed fields, never private values.
 */
export async function editPerson(
  db: Db,
  actor: Actor,
  id: string,
  input: PersonProfileInput,
  now = new Date(),
  expectedVersion?: string,
): Promise<Person> {
  if (!canManagePeople(actor)) throw forbidden();
  return inTransaction(db, async (trx) => {
    // Two admins (or two tabs) on one profile: the later save would silently undo the earlier one.
    if (expectedVersion !== undefined && savedSince(await personVersion(trx, id), expectedVersion))
      throw conflict('The person was saved by someone else meanwhile', 'version');
    const { before, after } = await updatePerson(trx, id, input, now);
    const changed = FIELDS.filter((f) => before[f] !== after[f]);
    if (changed.length > 0) {
      await audit(trx, actor, 'person.update', { type: 'person', id, summary: `${after.name}: ${changed.join(', ')}` }, now);
    }
    return after;
  });
}

/** What deleting or merging a person touches. Throws forbidden or not-found. */
export async function describePersonUse(db: Db, actor: Actor, id: string): Promise<{ person: Person; use: PersonUse }> {
  if (!canManagePeople(actor)) throw forbidden();
  const person = await getPerson(db, id);
  return { person, use: await countPersonUse(db, id) };
}

/**
 * Deletes a person no post, blog or account names; contacts that named them keep the name as text.
 * Throws forbidden, not-found, or conflict: `has_bylines` (merge them instead), `owns_blogs`, `has_account`.
 */
export async function deletePerson(db: Db, actor: Actor, id: string, now = new Date()): Promise<void> {
  if (!canManagePeople(actor)) throw forbidden();
  await inTransaction(db, async (trx) => {
    const person = await getPerson(trx, id);
    const use = await countPersonUse(trx, id);
    if (use.bylines > 0) throw conflict('has_bylines', 'person');
    if (use.blogs > 0) throw conflict('owns_blogs', 'person');
    if (use.account) throw conflict('has_account', 'person');
    await detachContacts(trx, id, person.name);
    await deletePersonRow(trx, id);
    await audit(trx, actor, 'person.delete', { type: 'person', id, summary: person.name }, now);
  });
}

/**
 * Merges `dropId` into `keepId` (a mistyped guest into the real one): bylines, contacts, blog
 * ownership, staff comments and the account move to the kept person, the other is deleted and
 * their author page redirects to the kept one's. Throws forbidden, not-found, invalid (`same`)
 * or conflict (`both_accounts`: each has an account, so one login would be lost).
 */
export async function mergePeople(db: Db, actor: Actor, dropId: string, keepId: string, now = new Date()): Promise<PersonUse> {
  if (!canManagePeople(actor)) throw forbidden();
  if (dropId === keepId) throw invalid({ into: 'same' });
  return inTransaction(db, async (trx) => {
    const [drop, keep] = await Promise.all([getPerson(trx, dropId), getPerson(trx, keepId)]);
    const [use, keptUse] = await Promise.all([countPersonUse(trx, dropId), countPersonUse(trx, keepId)]);
    if (use.account && keptUse.account) throw conflict('both_accounts', 'into');
    const postIds = await findBylinePostIds(trx, dropId);
    await moveReferences(trx, dropId, keepId);
    await deletePersonRow(trx, dropId);
    await addRedirect(trx, `/authors/${drop.slug}`, `/authors/${keep.slug}`, now);
    await reindexPosts(trx, postIds);
    const moved = `${use.bylines} bylines, ${use.contacts} contacts, ${use.blogs} blogs, ${use.comments} comments${use.account ? ', account' : ''}`;
    await audit(trx, actor, 'person.merge', { type: 'person', id: keepId, summary: `${drop.name} → ${keep.name}: ${moved}` }, now);
    return use;
  });
}
