/**
 * Whether the content behind the public pages has changed since a page was rendered. The
 * database itself says so (see migration 000006), so writes by other instances, CLI imports
 * and hand-made SQL count as well as this process's own.
 */
import type pg from 'pg';
import type { Dialect } from './db.js';
import { loadPg } from './dialects/postgres.js';
import { CONTENT_CHANNEL } from './migrations/2026_11_29_000006_track_content_version.js';

export interface ContentVersion {
  /**
   * Changes whenever content may have changed; undefined while that cannot be known, so nothing is
   * cached. Only the triggers of the content tables count (migrations 000006, 000008 and 000028):
   * writes to what no page shows (sessions, tokens, rate limits, held comments…) leave kept pages alone.
   */
  current(): Promise<string | undefined>;
  /**
   * Whether a page rendered under `version` that shows what `tags` name (undefined: it may show
   * anything) may be out of date, as of the last current(). Without it, any newer version is.
   */
  stale?(version: string, tags: readonly string[] | undefined): boolean;
  /** Whether the connection that hears of changes is up, where there is one. */
  listening?(): boolean;
  close(): Promise<void>;
}

/** How one request may use what earlier requests read (settings, a feed's rows, a page of comments). */
export interface Keeping {
  /** The content version read before any of this request's reads; undefined while changes cannot be known: nothing is kept. */
  version: string | undefined;
  /**
   * Whether what was read under `version`, showing what `tags` name, may have changed since
   * (ContentVersion.stale, which counts a `site` change against every tag; else any newer version).
   */
  stale(version: string, tags: readonly string[]): boolean;
}

/** What a change tag that every page depends on is called (settings, blogs, people…; see migration 000028). */
export const SITE_TAG = 'site';

/**
 * The changes this process has heard of, by tag, each at the generation it was heard in. A page
 * rendered under generation g is out of date once a tag it depends on changed at a later one.
 */
export class ChangeLog {
  private generation = 0;
  private anyAt = 0;
  private siteAt = 0;
  private readonly tagAt = new Map<string, number>();

  get version(): string {
    return `g${this.generation}`;
  }

  record(tags: Iterable<string>): void {
    const at = ++this.generation;
    this.anyAt = at;
    for (const tag of tags) {
      if (tag === SITE_TAG) this.siteAt = at;
      else this.tagAt.set(tag, at);
    }
  }

  stale(version: string, tags: readonly string[] | undefined): boolean {
    const at = Number(version.slice(1));
    if (!version.startsWith('g') || !Number.isInteger(at)) return true;
    if (!tags) return this.anyAt > at;
    if (this.siteAt > at) return true;
    return tags.some((tag) => (this.tagAt.get(tag) ?? 0) > at);
  }
}

export interface ContentVersionOptions {
  dialect: Dialect;
  /** From OpenDb: the counter is read on every request, so without Kysely's query building. */
  readInteger?: ((sql: string) => number | undefined) | undefined;
  /** From OpenDb: the change log's new rows; without it, any change counts as a change to everything. */
  readRows?: ((sql: string, ...parameters: unknown[]) => Record<string, unknown>[] | undefined) | undefined;
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
  return sqliteVersion(options.readInteger, options.readRows);
}

/**
 * Whether the database may have changed: the rows this connection has changed (its triggers'
 * among them, so every write of this process counts; it reads no table and costs nothing) and
 * `data_version`, which moves when another connection commits (a CLI import, a hand-made change).
 * The pragma costs half of the two reads of the log it spares (5 against 11 µs here).
 */
const OWN_CHANGES = 'select total_changes()';
const OTHERS_CHANGES = 'pragma data_version';

/**
 * The triggers write each change's tags to content_changes in the writing transaction (000028);
 * tables added later may still bump 000006's counter, which then means "anything". New rows are
 * read only while no transaction is open on the connection: one still open may be rolled back,
 * and its numbers used again by the next. Meanwhile the version is the last one read.
 */
function sqliteVersion(readInteger: (sql: string) => number | undefined, readRows: ContentVersionOptions['readRows']): ContentVersion {
  const counter = () => readInteger('select version from content_version where id = 1');
  const lastSeq = () => readInteger('select max(seq) from content_changes') ?? 0;
  if (!readRows) {
    return {
      async current() {
        const version = counter();
        return version === undefined ? undefined : `${version}.${lastSeq()}`;
      },
      async close() {},
    };
  }
  const log = new ChangeLog();
  let seen = lastSeq();
  let counted = counter();
  // Where the database was when the change log was last read: nothing can have changed while
  // neither moves, and then the log is not read (every request asks, most of them a kept page).
  let marked: string | undefined;
  return {
    async current() {
      const mark = `${readInteger(OWN_CHANGES)}.${readInteger(OTHERS_CHANGES)}`;
      if (mark === marked) return log.version;
      const rows = readRows('select seq, tag from content_changes where seq > ? order by seq', seen);
      // A transaction is open: its changes are not anyone's to see yet, and a render started now
      // runs its queries after it ends, so the page is kept under a version its changes will pass.
      if (rows === undefined) return log.version;
      const now = counter();
      if (now === undefined) return undefined;
      const tags = new Set<string>();
      if (now !== counted) tags.add(SITE_TAG);
      // A gap: rows pruned before this process read them.
      if (rows.length > 0 && Number(rows[0]!.seq) !== seen + 1) tags.add(SITE_TAG);
      for (const row of rows) tags.add(String(row.tag));
      if (rows.length > 0) seen = Number(rows[rows.length - 1]!.seq);
      counted = now;
      marked = mark;
      if (tags.size > 0) log.record(tags);
      return log.version;
    },
    stale: (version, tags) => log.stale(version, tags),
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
  private readonly log = new ChangeLog();
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
    return this.client === client ? this.log.version : undefined;
  }

  stale(version: string, tags: readonly string[] | undefined): boolean {
    return this.log.stale(version, tags);
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
    this.log.record([SITE_TAG]);
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
    const { Client } = await loadPg();
    const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 5000, keepAlive: true });
    // 000028's payloads are `#tag`; any other (000006's function on a table added later) may mean anything.
    client.on('notification', (message) => {
      const payload = message.payload ?? '';
      this.log.record([payload.startsWith('#') ? payload.slice(1) : SITE_TAG]);
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
    // Changes may have been missed while no one listened.
    this.log.record([SITE_TAG]);
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
