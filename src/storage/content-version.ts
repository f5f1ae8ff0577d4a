/**
 * Whether the content behind the public pages has changed since a page was rendered. The
 * database itself says so (see migration 000006), so writes by other instances, CLI imports
 * and hand-made SQL count as well as this process's own.
 */
import pg from 'pg';
import type { Dialect } from './db.js';
import { CONTENT_CHANNEL } from './migrations/2026_11_29_000006_track_content_version.js';

export interface ContentVersion {
  /**
   * Changes whenever content may have changed; undefined while that cannot be known, so nothing is
   * cached. Only the triggers of the content tables count (migrations 000006 and 000008): writes
   * to what no page shows (sessions, tokens, rate limits, held comments…) leave kept pages alone.
   */
  current(): Promise<string | undefined>;
  /** Whether the connection that hears of changes is up, where there is one. */
  listening?(): boolean;
  close(): Promise<void>;
}

export interface ContentVersionOptions {
  dialect: Dialect;
  /** From OpenDb: the counter is read on every request, so without Kysely's query building. */
  readInteger?: ((sql: string) => number | undefined) | undefined;
  /** PostgreSQL's address, for the connection that listens. */
  url?: string;
  onListenError?: (error: unknown) => void;
}

export async function openContentVersion(options: ContentVersionOptions): Promise<ContentVersion> {
  if (options.dialect === 'postgres') {
    if (!options.url) throw new Error('The PostgreSQL content version needs the database URL');
    const listener = new ContentListener(options.url, options.onListenError ?? (() => {}));
    await listener.start();
    return listener;
  }
  if (!options.readInteger) throw new Error('The SQLite content version needs OpenDb.readInteger');
  return sqliteVersion(options.readInteger);
}

function sqliteVersion(readInteger: (sql: string) => number | undefined): ContentVersion {
  return {
    async current() {
      // The trigger bumps the counter in the writing transaction: reading it is as fresh as reading the content.
      const version = readInteger('select version from content_version where id = 1');
      return version === undefined ? undefined : String(version);
    },
    async close() {},
  };
}

const RECONNECT_MS = 1000;
// Well under the pool's connect timeout: a request waiting on this would otherwise wait twice.
const ROUND_TRIP_TIMEOUT_MS = 1000;

/**
 * One connection per process that LISTENs for the triggers' NOTIFY. A notification arrives only
 * after its transaction commits, so every render that may have read older rows is superseded by a
 * later generation. While the connection is down, notifications could be missed: nothing is
 * cached then, and reconnecting starts a new generation.
 */
class ContentListener implements ContentVersion {
  private generation = 0;
  private client: pg.Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly onError: (error: unknown) => void,
  ) {}

  async start(): Promise<void> {
    try {
      await this.connect();
    } catch (error) {
      // The site can serve without a cache; keep trying in the background.
      this.onError(error);
      this.scheduleReconnect();
    }
  }

  /**
   * A round trip on the listening connection first: PostgreSQL delivers a notification ahead of
   * the answer to a later query, so every change committed before this call has been counted.
   * Without it, another instance's write answered a moment ago may not have arrived yet.
   */
  async current(): Promise<string | undefined> {
    const client = this.client;
    if (!client) return undefined;
    try {
      await this.roundTrip(client);
    } catch {
      return undefined;
    }
    return this.client === client ? `g${this.generation}` : undefined;
  }

  listening(): boolean {
    return this.client !== undefined;
  }

  private waiting: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  private querying = false;

  /** Requests that ask at the same moment share one `select 1`; one that asks during it waits for the next. */
  private roundTrip(client: pg.Client): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.querying) this.sendRoundTrip(client);
    });
  }

  private sendRoundTrip(client: pg.Client): void {
    const batch = this.waiting;
    this.waiting = [];
    this.querying = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the listening connection did not answer')), ROUND_TRIP_TIMEOUT_MS);
    });
    Promise.race([client.query('select 1'), timeout])
      .then(
        () => {
          for (const w of batch) w.resolve();
        },
        (error: unknown) => {
          for (const w of batch) w.reject(error);
          // A connection that does not answer may have missed notifications too: start over.
          this.lose(client, error);
        },
      )
      .finally(() => {
        clearTimeout(timer);
        this.querying = false;
        const next = this.client;
        if (this.waiting.length > 0) {
          if (next) this.sendRoundTrip(next);
          else for (const w of this.waiting.splice(0)) w.reject(new Error('not listening'));
        }
      });
  }

  private lose(client: pg.Client, error?: unknown): void {
    if (this.client !== client) return;
    if (error) this.onError(error);
    this.client = undefined;
    this.generation++;
    client.end().catch(() => {});
    this.scheduleReconnect();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 5000, keepAlive: true });
    client.on('notification', () => {
      this.generation++;
    });
    client.on('error', (error) => this.lose(client, error));
    client.on('end', () => this.lose(client));
    await client.connect();
    try {
      await client.query(`listen ${CONTENT_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    this.generation++;
    this.client = client;
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
}
