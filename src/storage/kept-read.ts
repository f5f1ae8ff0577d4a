/**
 * What a read gave, kept under the content version read before it with the change tags it names,
 * and given again while none of them has changed: reads every request would repeat (a feed's rows,
 * a search page's filter menus) then cost nothing until what they show changes (issue 16).
 */
import { lruPerOwner, type Weighing } from '../shared/lru.js';
import type { Keeping } from './content-version.js';
import type { Db } from './db.js';

/** Nothing kept: every answer reads afresh (a caller without a content version, tests of a service). */
export const NOT_KEPT: Keeping = { version: undefined, stale: () => true };

interface Kept {
  version: string;
  value: unknown;
  tags: readonly string[];
}

export type KeptRead = <T extends object>(
  db: Db,
  keeping: Keeping,
  key: string,
  read: () => Promise<{ value: T; tags: readonly string[] }>,
) => Promise<{ value: T; tags: readonly string[] }>;

/**
 * A keeper of at most `max` reads per database, and with `weighing` at most that weight of values
 * (a value heavier than all of it is never kept). What `read` gives for `key` is kept with the tags
 * it names (everything it shows) and used while none of them has changed since the version it was
 * read after. A read that throws (an unknown blog) is not kept. The value is frozen: every later
 * answer shares it.
 */
export function keptReads(max: number, weighing?: Weighing<unknown>): KeptRead {
  const readsOf = lruPerOwner<Db, string, Kept>(
    max,
    weighing && { maxWeight: weighing.maxWeight, weigh: (kept: Kept) => weighing.weigh(kept.value) },
  );
  return async <T extends object>(db: Db, keeping: Keeping, key: string, read: () => Promise<{ value: T; tags: readonly string[] }>) => {
    const { version } = keeping;
    if (version === undefined) return read();
    const kept = readsOf(db);
    const found = kept.get(key);
    if (found && !keeping.stale(found.version, found.tags)) return { value: found.value as T, tags: found.tags };
    const fresh = await read();
    deepFreeze(fresh.value);
    // Under the version read before the rows: a change after it leaves this under a version already past.
    kept.set(key, { version, value: fresh.value, tags: fresh.tags });
    return fresh;
  };
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  // Plain objects and arrays only: a Date frozen still changes through its setters, and none is ever called on these.
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== Array.prototype && prototype !== null) return;
  for (const inner of Object.values(value)) deepFreeze(inner);
  Object.freeze(value);
}
