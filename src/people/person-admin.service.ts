/** People as staff change them: the policy check, the change and its audit entry in one transaction. */
import { canManagePeople, type Actor } from '../accounts/account.js';
import { audit } from '../accounts/account.service.js';
import { forbidden } from '../errors.js';
import { inTransaction, type Db } from '../storage/db.js';
import type { Person } from './person.js';
import type { PersonProfileInput } from './person-profile.js';
import { createPersonProfile, updatePerson } from './person.service.js';

const FIELDS: readonly (keyof Person)[] = ['name', 'initials', 'jobTitle', 'organisation', 'bio', 'avatarPath', 'email', 'phone'];

/** Throws forbidden or invalid. */
export async function addPerson(db: Db, actor: Actor, input: PersonProfileInput, now = new Date()): Promise<Person> {
  if (!canManagePeople(actor)) throw forbidden();
  return inTransaction(db, async (trx) => {
    const person = await createPersonProfile(trx, input, now);
    await audit(trx, actor, 'person.create', { type: 'person', id: person.id, summary: person.name }, now);
    return person;
  });
}

/** Throws forbidden, not-found or invalid. The audit entry names the changed fields, never private values. */
export async function editPerson(db: Db, actor: Actor, id: string, input: PersonProfileInput, now = new Date()): Promise<Person> {
  if (!canManagePeople(actor)) throw forbidden();
  return inTransaction(db, async (trx) => {
    const { before, after } = await updatePerson(trx, id, input, now);
    const changed = FIELDS.filter((f) => before[f] !== after[f]);
    if (changed.length > 0) {
      await audit(trx, actor, 'person.update', { type: 'person', id, summary: `${after.name}: ${changed.join(', ')}` }, now);
    }
    return after;
  });
}
