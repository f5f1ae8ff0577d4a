/**
 * The share of each second a kind of work may take. Work an anonymous client can ask for with input
 * of its own choosing, which no cache can hold for it (a search for words no one searched before),
 * is refused for a moment once it has had its share of the last second, so that everyone else's
 * pages keep the rest of the one event loop.
 */

const SLOT_MS = 100;
const SLOTS = 10;

export class TimeBudget {
  /** The time charged in each of the last SLOTS slots of SLOT_MS, and which slot each holds. */
  private readonly spentIn = new Float64Array(SLOTS);
  private readonly slotHeld = new Float64Array(SLOTS).fill(Number.NEGATIVE_INFINITY);
  /** How many times work was refused, for /metrics. */
  refused = 0;

  /** `msPerSecond` 0 allows everything. */
  constructor(
    readonly msPerSecond: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Whether new work may start: false while the work of the last second took `msPerSecond` or more. */
  allows(): boolean {
    if (this.msPerSecond <= 0 || this.spent() < this.msPerSecond) return true;
    this.refused++;
    return false;
  }

  /**
   * Runs `work` and charges the time it took, start to end. On a database that answers on another
   * thread or machine, overlapping work is charged once for each: it is what the clients asked for.
   */
  async measure<T>(work: () => Promise<T>): Promise<T> {
    const start = this.clock();
    try {
      return await work();
    } finally {
      this.charge(this.clock() - start);
    }
  }

  charge(ms: number): void {
    const slot = Math.floor(this.clock() / SLOT_MS);
    const i = slot % SLOTS;
    if (this.slotHeld[i] !== slot) {
      this.slotHeld[i] = slot;
      this.spentIn[i] = 0;
    }
    this.spentIn[i]! += ms;
  }

  /** The time charged in the last second (its slots, the current one included). */
  spent(): number {
    const slot = Math.floor(this.clock() / SLOT_MS);
    let sum = 0;
    for (let i = 0; i < SLOTS; i++) if (slot - this.slotHeld[i]! < SLOTS) sum += this.spentIn[i]!;
    return sum;
  }
}
