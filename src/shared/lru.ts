/** A limit on what a map holds by the weight of its values (their size in memory, say), besides their number. */
export interface Weighing<V> {
  maxWeight: number;
  weigh: (value: V) => number;
}

/**
 * A map that keeps at most `max` entries, and with `weighing` at most that weight, forgetting the
 * least recently used first.
 */
export class Lru<K, V> {
  private readonly entries = new Map<K, V>();
  private readonly weights = new Map<K, number>();
  private held = 0;

  constructor(
    private readonly max: number,
    private readonly weighing?: Weighing<V>,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** What the kept values weigh together (0 without weighing). */
  get weight(): number {
    return this.held;
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
    this.forget(key);
    const weight = this.weighing?.weigh(value) ?? 0;
    // Kept, it would push out everything else and still weigh too much.
    if (this.weighing && weight > this.weighing.maxWeight) return;
    this.entries.set(key, value);
    if (this.weighing) {
      this.weights.set(key, weight);
      this.held += weight;
    }
    while (this.entries.size > this.max || (this.weighing && this.held > this.weighing.maxWeight))
      this.forget(this.entries.keys().next().value as K);
  }

  /** The value kept for `key`, made and kept when there is none. */
  through(key: K, make: () => V): V {
    const kept = this.get(key);
    if (kept !== undefined) return kept;
    const made = make();
    this.set(key, made);
    return made;
  }

  private forget(key: K): void {
    if (!this.entries.delete(key)) return;
    this.held -= this.weights.get(key) ?? 0;
    this.weights.delete(key);
  }
}

/**
 * One Lru of at most `max` entries (and `weighing`) per owner (a database handle, say), made when
 * first asked for and dropped with its owner: what is kept of one database is never served from another's.
 */
export function lruPerOwner<O extends object, K, V>(max: number, weighing?: Weighing<V>): (owner: O) => Lru<K, V> {
  const byOwner = new WeakMap<O, Lru<K, V>>();
  return (owner) => {
    let lru = byOwner.get(owner);
    if (!lru) byOwner.set(owner, (lru = new Lru<K, V>(max, weighing)));
    return lru;
  };
}
