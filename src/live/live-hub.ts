/**
 * Who holds a live stream open, on what, and how many: the fan-out of the live channel and its
 * limits. Knows nothing of HTTP: a stream is something that takes text and can be ended.
 */

export interface LiveStream {
  /** Writes text as is; false when the socket's buffer is full (the text is still queued). */
  write(text: string): boolean;
  end(): void;
}

export interface LiveLimits {
  /** Open streams one IP hash may hold on this instance (a household, an office behind one address). */
  perIp: number;
  /** Open streams this instance holds at most. */
  perInstance: number;
}

export const DEFAULT_LIVE_LIMITS: LiveLimits = { perIp: 8, perInstance: 5000 };

export type Admission = { ok: true; release: () => void } | { ok: false; reason: 'ip' | 'instance' | 'draining' };

// A stream whose reader cannot keep up is dropped rather than buffered without end; it reconnects
// with its Last-Event-ID and catches up from the table.
const MAX_BUFFERED_BYTES = 256 * 1024;

interface Entry {
  stream: LiveStream;
  bufferedBytes: () => number;
}

export class LiveHub {
  private readonly topics = new Map<string, Set<Entry>>();
  private readonly perIp = new Map<string, number>();
  private openCount = 0;
  private draining = false;

  constructor(readonly limits: LiveLimits = DEFAULT_LIVE_LIMITS) {}

  get open(): number {
    return this.openCount;
  }

  /** Reserves a place for one more stream from `ipHash`, or says which limit stands in the way. */
  admit(ipHash: string): Admission {
    if (this.draining) return { ok: false, reason: 'draining' };
    if (this.openCount >= this.limits.perInstance) return { ok: false, reason: 'instance' };
    const held = this.perIp.get(ipHash) ?? 0;
    if (held >= this.limits.perIp) return { ok: false, reason: 'ip' };
    this.perIp.set(ipHash, held + 1);
    this.openCount++;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.openCount--;
        const left = (this.perIp.get(ipHash) ?? 1) - 1;
        if (left > 0) this.perIp.set(ipHash, left);
        else this.perIp.delete(ipHash);
      },
    };
  }

  /** Adds a stream to a topic; returns its removal. */
  join(topic: string, stream: LiveStream, bufferedBytes: () => number = () => 0): () => void {
    let entries = this.topics.get(topic);
    if (!entries) this.topics.set(topic, (entries = new Set()));
    const entry = { stream, bufferedBytes };
    entries.add(entry);
    return () => {
      const current = this.topics.get(topic);
      if (!current) return;
      current.delete(entry);
      if (current.size === 0) this.topics.delete(topic);
    };
  }

  /** Whether anyone listens to a topic (so nothing is rendered for nobody). */
  has(topic: string): boolean {
    return (this.topics.get(topic)?.size ?? 0) > 0;
  }

  /** Sends the same text to every stream of a topic; returns how many got it. */
  publish(topic: string, text: string): number {
    const entries = this.topics.get(topic);
    if (!entries) return 0;
    let sent = 0;
    for (const entry of [...entries]) {
      if (entry.bufferedBytes() > MAX_BUFFERED_BYTES) {
        entry.stream.end();
        continue;
      }
      entry.stream.write(text);
      sent++;
    }
    return sent;
  }

  /** Sends text to every open stream (the heartbeat). */
  broadcast(text: string): void {
    for (const topic of this.topics.keys()) this.publish(topic, text);
  }

  /** Draining: no new streams, and every open one ends (its reader reconnects to another instance). */
  closeAll(): void {
    this.draining = true;
    for (const entries of this.topics.values()) for (const entry of [...entries]) entry.stream.end();
  }
}
