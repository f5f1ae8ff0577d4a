/**
 * The live channel's source: approvals and moderation-queue changes, as the database's triggers
 * record them in live_events (migration 000026). On PostgreSQL one listening connection per process
 * hears every instance's commits through NOTIFY; on SQLite there is one process, which looks at the
 * table a few times a second while anyone listens (and at once when told a comment was just written).
 */
import type pg from 'pg';
import { sql } from 'kysely';
import type { Db, Dialect } from './db.js';
import { compiledRead } from './compiled-read.js';
import { loadPg } from './dialects/postgres.js';
import { LIVE_CHANNEL } from './migrations/2026_12_05_000026_live_events.js';

export interface LiveEvent {
  /** Orders events; a reader's Last-Event-ID. */
  seq: number;
  kind: 'approved' | 'queue';
  postId: string;
  commentId: string;
}

export interface LiveEventSource {
  /** Every event from now on, in order, once each; returns the unsubscribe. */
  subscribe(listener: (event: LiveEvent) => void): () => void;
  /** A post's approvals after `afterSeq`, oldest first (a reader catching up after a reconnect). */
  approvedSince(postId: string, afterSeq: number, limit: number): Promise<LiveEvent[]>;
  /** The newest event's seq, 0 when there is none. */
  latestSeq(): Promise<number>;
  /** This process just wrote something: look now rather than at the next poll (SQLite). */
  wake(): void;
  /** Whether events are being heard (PostgreSQL: the listening connection is up). */
  listening(): boolean;
  /** Drops events older than `before`: they are only kept for catching up. */
  prune(before: Date): Promise<number>;
  close(): Promise<void>;
}

export interface LiveEventOptions {
  dialect: Dialect;
  db: Db;
  /** PostgreSQL's address, for the connection that listens. */
  url?: string | undefined;
  /** SQLite: how often the table is read while someone listens. */
  pollMs?: number;
  onError?: (error: unknown) => void;
}

const BATCH = 500;

/** How long events are kept: a reader reconnecting with Last-Event-ID catches up from these. */
export const LIVE_EVENT_RETENTION_MS = 24 * 3600 * 1000;

/** Drops events older than `before` (the housekeeping job; see scheduled-jobs.ts). */
export async function pruneLiveEvents(db: Db, before: Date): Promise<number> {
  const result = await db.deleteFrom('live_events').where('created_at', '<', before.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}

const toEvent = (row: { seq: number | string; kind: string; post_id: string; comment_id: string }): LiveEvent => ({
  seq: Number(row.seq),
  kind: row.kind === 'queue' ? 'queue' : 'approved',
  postId: row.post_id,
  commentId: row.comment_id,
});

// Read at each poll while anyone listens, and at once after each comment written (SQLite).
const eventsAfterRead = compiledRead((db, afterSeq: number, limit: number) =>
  db.selectFrom('live_events').select(['seq', 'kind', 'post_id', 'comment_id']).where('seq', '>', afterSeq).orderBy('seq').limit(limit),
);

async function eventsAfter(db: Db, afterSeq: number, limit: number): Promise<LiveEvent[]> {
  return (await eventsAfterRead(db, afterSeq, limit)).map(toEvent);
}

// Read on every post page rendered: its SQL is built once.
const latestSeqRead = compiledRead((db) => db.selectFrom('live_events').select(sql<number | string | null>`max(seq)`.as('seq')));

/**
 * The newest event's seq: a post page carries it, so its readers' streams start from the moment the
 * page was made, however long a cache or CDN kept it.
 */
export async function latestLiveEventSeq(db: Db): Promise<number> {
  const [row] = await latestSeqRead(db);
  return Number(row?.seq ?? 0);
}

export async function openLiveEvents(options: LiveEventOptions): Promise<LiveEventSource> {
  const source = options.dialect === 'postgres' ? new NotifiedEvents(options) : new PolledEvents(options);
  await source.start();
  return source;
}

abstract class BaseEvents implements LiveEventSource {
  protected readonly listeners = new Set<(event: LiveEvent) => void>();
  /** The last event handed on: nothing at or before it is handed on again. */
  protected lastSeq = 0;
  protected closed = false;
  protected readonly db: Db;
  protected readonly onError: (error: unknown) => void;

  constructor(options: LiveEventOptions) {
    this.db = options.db;
    this.onError = options.onError ?? (() => {});
  }

  async start(): Promise<void> {
    this.lastSeq = await this.latestSeq().catch(() => 0);
    this.floor = this.lastSeq;
  }

  subscribe(listener: (event: LiveEvent) => void): () => void {
    this.listeners.add(listener);
    this.listenersChanged();
    return () => {
      this.listeners.delete(listener);
      this.listenersChanged();
    };
  }

  protected listenersChanged(): void {}

  /**
   * Recently handed-on events. Seqs are given in commit order (migration 000050), but a catch-up read
   * and NOTIFYs heard meanwhile can still arrive interleaved, so a lower seq may come after a higher one.
   */
  private readonly seen = new Set<number>();
  /** Nothing at or before this is handed on: what was there before this process listened. */
  protected floor = 0;

  protected emit(event: LiveEvent): void {
    if (event.seq <= this.floor || this.seen.has(event.seq)) return;
    this.seen.add(event.seq);
    if (this.seen.size > 10_000) {
      const oldest = this.seen.values().next().value as number;
      this.seen.delete(oldest);
      this.floor = Math.max(this.floor, Math.min(oldest, this.lastSeq));
    }
    this.lastSeq = Math.max(this.lastSeq, event.seq);
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.onError(error);
      }
    }
  }

  /** Reads what the table holds after the last event handed on (a poll, or the gap after a lost connection). */
  protected async catchUp(): Promise<void> {
    // Its own cursor: events heard meanwhile move lastSeq on, past rows this read has yet to reach.
    let after = this.lastSeq;
    for (;;) {
      const events = await eventsAfter(this.db, after, BATCH);
      for (const event of events) this.emit(event);
      if (events.length < BATCH) return;
      after = events[events.length - 1]!.seq;
    }
  }

  async approvedSince(postId: string, afterSeq: number, limit: number): Promise<LiveEvent[]> {
    const rows = await this.db
      .selectFrom('live_events')
      .select(['seq', 'kind', 'post_id', 'comment_id'])
      .where('post_id', '=', postId)
      .where('kind', '=', 'approved')
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map(toEvent);
  }

  latestSeq(): Promise<number> {
    return latestLiveEventSeq(this.db);
  }

  async prune(before: Date): Promise<number> {
    return pruneLiveEvents(this.db, before);
  }

  abstract wake(): void;
  abstract listening(): boolean;
  abstract close(): Promise<void>;
}

/** SQLite: one writer, one process; the table is read every `pollMs`, and after each write, while anyone listens. */
class PolledEvents extends BaseEvents {
  private timer: NodeJS.Timeout | undefined;
  private reading = false;
  private again = false;
  private readonly pollMs: number;

  constructor(options: LiveEventOptions) {
    super(options);
    this.pollMs = options.pollMs ?? 200;
  }

  /** While the first listener after none waits for the cursor to reach the newest event. */
  private synced: Promise<void> | undefined;

  protected override listenersChanged(): void {
    if (this.listeners.size > 0 && !this.timer && !this.closed) {
      // Nobody heard what happened while no one listened, and no one needs it now: a listener
      // starts from the newest event, not with a read of every event since the last one left.
      this.synced = this.latestSeq().then(
        (seq) => {
          this.floor = this.lastSeq = Math.max(this.lastSeq, seq);
        },
        (error: unknown) => this.onError(error),
      );
      this.timer = setInterval(() => this.wake(), this.pollMs);
      this.timer.unref();
    } else if (this.listeners.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  wake(): void {
    if (this.closed || this.listeners.size === 0) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = true;
    (this.synced ?? Promise.resolve())
      .then(() => this.catchUp())
      .catch((error: unknown) => this.onError(error))
      .finally(() => {
        this.reading = false;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  listening(): boolean {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

const RECONNECT_MS = 1000;

/**
 * PostgreSQL: NOTIFY carries each new row, delivered on commit to every instance. After a lost
 * connection the table is read from the last event heard, so a reader misses nothing that was
 * committed meanwhile: seqs are given at commit, in commit order (migration 000050), so nothing
 * can still commit below the last one heard.
 */
class NotifiedEvents extends BaseEvents {
  private client: pg.Client | undefined;
  private retry: NodeJS.Timeout | undefined;
  private readonly url: string;

  constructor(options: LiveEventOptions) {
    super(options);
    if (!options.url) throw new Error('The PostgreSQL live channel needs the database URL');
    this.url = options.url;
  }

  override async start(): Promise<void> {
    await super.start();
    try {
      await this.connect();
    } catch (error) {
      this.onError(error);
      this.scheduleReconnect();
    }
  }

  wake(): void {}

  listening(): boolean {
    return this.client !== undefined;
  }

  private async connect(): Promise<void> {
    const { Client } = await loadPg();
    const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 5000, keepAlive: true });
    client.on('notification', (message) => {
      if (message.channel !== LIVE_CHANNEL || !message.payload) return;
      const [seq, kind, postId, commentId] = message.payload.split(' ');
      if (!seq || !kind || !postId || !commentId) return;
      this.emit(toEvent({ seq, kind, post_id: postId, comment_id: commentId }));
    });
    client.on('error', (error) => this.lose(client, error));
    client.on('end', () => this.lose(client));
    await client.connect();
    try {
      await client.query(`listen ${LIVE_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    // What was committed while nobody listened.
    await this.catchUp().catch((error: unknown) => this.onError(error));
  }

  private lose(client: pg.Client, error?: unknown): void {
    if (this.client !== client) return;
    if (error) this.onError(error);
    this.client = undefined;
    client.end().catch(() => {});
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.connect().catch((error: unknown) => {
        this.onError(error);
        this.scheduleReconnect();
      });
    }, RECONNECT_MS);
    this.retry.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }
}
