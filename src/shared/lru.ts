/** A map that keeps at most `max` entries, forgetting the least recently used first. */
export class Lru<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly max: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    // Most recently used last: forgetting takes from the front.
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as K);
  }

  /** The value kept for `key`, made and kept when there is none. */
  through(key: K, make: () => V): V {
    const kept = this.get(key);
    if (kept !== undefined) return kept;
    const made = make();
    this.set(key, made);
    return made;
  }
}

/**
 * One Lru of at most `max` entries per owner (a database handle, say), made when first asked for
 * and dropped with its owner: what is kept of one database is never served from another's.
 */
export function lruPerOwner<O extends object, K, V>(max: number): (owner: O) => Lru<K, V> {
  const byOwner = new WeakMap<O, Lru<K, V>>();
  return (owner) => {
    let lru = byOwner.get(owner);
    if (!lru) byOwner.set(owner, (lru = new Lru<K, V>(max)));
    return lru;
  };
}
