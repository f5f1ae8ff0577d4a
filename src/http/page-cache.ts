/**
 * The page cache: anonymous GETs of public pages, kept in memory with their gzip and brotli forms,
 * valid while the content version they were rendered under is current (see storage/content-version).
 *
 * A page may carry one part that must differ on every answer, the comment form's signed question:
 * the route marks it as a hole, and each hit fills it anew. The gzip form is then put together
 * from pieces compressed once, with the fresh part as a stored (uncompressed) deflate block. Such a
 * page is its reader's alone: no shared cache may keep it, and no browser may reuse it (see holeHeaders).
 *
 * A page is kept under its path and the query parameters its route declares it reads (`pageQuery`),
 * normalised; the route sees only those, so any other parameter is served the same entry.
 *
 * A page may also follow one change tag without being rendered again (followChanges): when only
 * that tag changed, the route says whether the page still shows the same things but for a few
 * parts (a count), and gives those parts anew; the kept page is then put together again around
 * them. A live debate's comment on its last page so leaves the post's first page kept.
 */
import { createHash } from 'node:crypto';
import { brotliCompress, constants as zlib, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ContentVersion } from '../storage/content-version.js';
import { acceptedEncodings } from './accept-encoding.js';
import { matchesEtag } from './etag.js';
import {
  gzipAround,
  gzipPieces,
  keptDeflate,
  PAGE_GZIP_LEVEL,
  spliceAround,
  splicePiecesAround,
  storedPart,
  type KeptDeflate,
  type SplicedGzip,
} from './gzip-splice.js';
import { bodyOfPieces, keptPiecesOf, type BodyPiece } from '../views/splices.js';
import { rawValue } from './schemas.js';

/** A part of a page rendered anew for every reader. */
export interface PageHole {
  /** Exactly as it appears in the rendered page. */
  fragment: string;
  fill: () => string;
}

/** A part of a page that is a run of pieces put in kept compressed (PageSplices.addKept): these very objects, in order. */
export interface KeptPart {
  kept: readonly KeptDeflate[];
}
/** Text exactly as rendered, found once in the page; or pieces kept compressed. */
export type RefreshPart = string | KeptPart;

/** How a kept page follows changes under one tag without being rendered again (see followChanges). */
export interface PageRefresh {
  /** The change tag this page follows; it is not among those that make it out of date. */
  tag: string;
  /** Parts of the page that show what changes under the tag. */
  parts: RefreshPart[];
  /**
   * After a change under the tag: the parts anew, in the same order and of the same kinds, or
   * undefined when the page may show more than they do (it is then rendered again). Called after
   * the content version the page will be kept under was read.
   */
  refresh: () => Promise<RefreshPart[] | undefined>;
}

declare module 'fastify' {
  interface FastifyRequest {
    pageHole: PageHole | null;
    pageRefresh: PageRefresh | null;
    /** Set on a miss: where the page will be kept, and the content version read before anything was rendered. */
    pageCacheSlot: { key: string; version: string } | null;
    /** Set when the route found the asked page number past the end of its list, which has this many pages. */
    pageCachePastEnd: number | null;
    /** Set on the one render other readers of the same page are waiting for. */
    pageCacheFlight: Flight | null;
    /** What the page shows, as change tags (see dependsOn); null: it may show anything. */
    pageCacheTags: string[] | null;
  }
  interface FastifyContextConfig {
    /** The query parameters a public page reads; set, the page may be kept, and the route sees no others. */
    pageQuery?: readonly string[];
    /** The values the route takes of some of them; an address with any other is sent to the one without it (see normaliseQuery). */
    pageQueryShapes?: Readonly<Record<string, RegExp>>;
    /** The page differs for a reader who has a page of their own (see PageCacheHooks.ownPage); only such routes are passed by for it. */
    ownPage?: boolean;
  }
}

/** Route options for a public page that reads these query parameters and no others. */
export const pageQuery = (...names: string[]) => ({ config: { pageQuery: names } });

/**
 * The same, with the values the route takes of some of them (any value of the others): an address
 * with a value it does not take (?year=abc) is sent to the address without it, so that it costs no
 * page rendered per made-up value.
 */
export const shapedPageQuery = (names: readonly string[], shapes: Readonly<Record<string, RegExp>>) => ({
  config: { pageQuery: names, pageQueryShapes: shapes },
});

/**
 * The same, for a page that shows a reader their own things when they have them (see
 * PageCacheHooks.ownPage), with the values the route takes of each parameter (a comment page "x1"
 * is not one of them).
 */
export const ownPageQuery = (shapes: Readonly<Record<string, RegExp>>) => ({
  config: { ...shapedPageQuery(Object.keys(shapes), shapes).config, ownPage: true },
});

/** A page number as the routes take it: 1 to 999,999, no leading zero. */
export const PAGE_NUMBER = /^[1-9]\d{0,5}$/;

export interface PageCacheHooks {
  /**
   * Whether this reader has a page of their own on routes that say they may show one (held
   * comments, an edit link). It must check what the reader sent, not that they sent it: a made-up
   * cookie that passed the cache by would let anyone choose to have every page rendered.
   */
  ownPage?: (request: FastifyRequest) => boolean;
}

export interface PageCacheOptions {
  /** Memory for the pages and their compressed forms; 0 turns the cache off. */
  maxBytes: number;
  /** How long a page may be served without being rendered again even if nothing changed (relative dates, closing dates). */
  maxAgeMs?: number;
  /** How long a page must stay unchanged before its brotli form is made again at the best quality (see compressLater). */
  settleMs?: number;
  version: ContentVersion;
}

interface Entry {
  key: string;
  version: string;
  /** What the page shows, as the database's change tags; undefined: anything, so any change makes it out of date. */
  tags?: readonly string[];
  /** 200, or 404 for a page number past the end of a list (kept under pastEndKey, with the list's last page). */
  status: number;
  lastPage?: number;
  createdAt: number;
  /** When this form of the page was made: createdAt, or the last refresh (see followChanges). */
  bodyAt?: number;
  etag: string;
  lastModified: string;
  contentType: string;
  cacheControl: string;
  cdnCacheControl: string | undefined;
  identity: Buffer;
  /** Set when the page has a hole: `identity` is the part before it. */
  hole?: SplicedGzip & { fill: () => string; fragment: string };
  /** Set when the page follows a tag (followChanges): the whole page, and where its parts are in it. */
  follows?: Following;
  gzip?: Buffer;
  br?: Buffer;
  /** The quality `br` was made at. */
  brQuality?: number;
  /** Set once the best brotli form is being made, so it is made once. */
  settling?: boolean;
  bytes: number;
}

interface Span {
  at: number;
  end: number;
  index: number;
  /** The span is whole kept pieces (a KeptPart), not text inside one piece. */
  kept: boolean;
}

interface Following {
  tag: string;
  refresh: PageRefresh['refresh'];
  /** The page as rendered, in the pieces it was encoded from (see keptPiecesOf). */
  pieces: readonly BodyPiece[];
  /** The parts' byte ranges in the page, in the page's order, with each part's place in PageRefresh.parts; none inside a piece kept compressed. */
  spans: readonly Span[];
}

/**
 * A page with a per-reader part: kept by no shared cache (CDN-Cache-Control says so too, as a CDN
 * that reads it ignores Cache-Control), by no browser cache or back/forward cache, and sent with no
 * validator, so a reload can never be answered 304 and show a question already spent.
 */
export const HOLE_CACHE_CONTROL = 'private, no-store';
export const HOLE_CDN_CACHE_CONTROL = 'no-store';

/** Marks the part of the page being rendered that must be made anew for each reader. */
export function punchHole(request: FastifyRequest, hole: PageHole): void {
  request.pageHole = hole;
}

/**
 * Lets the page being rendered stay kept across changes under `refresh.tag` that change only its
 * `parts` (see PageRefresh). Parts that cannot be found exactly once leave the page kept as usual.
 */
export function followChanges(request: FastifyRequest, refresh: PageRefresh): void {
  request.pageRefresh = refresh;
}

/** What a render leaves for the readers who waited for it: the kept page, an error to pass on, or nothing to share. */
type Outcome = { entry: Entry } | { replay: { status: number; headers: Record<string, string>; body: Buffer } } | undefined;
interface Flight {
  key: string;
  done: Promise<Outcome>;
  land: (outcome: Outcome) => void;
}

/**
 * Says what the page being rendered shows, as the change tags the database records (migration
 * 000028): `post:<id>` for a post's own content and comments, `post-list` for which posts are
 * published where. A page that says nothing is out of date after any change.
 */
export function dependsOn(request: FastifyRequest, tags: Iterable<string>): void {
  request.pageCacheTags = [...(request.pageCacheTags ?? []), ...tags];
}

/** Marks a not-found answer as a page number past the end of a list, so it may be kept and answered cheaply. */
export function markPastTheEnd(request: FastifyRequest, lastPage: number): void {
  request.pageCachePastEnd = lastPage;
}

export class PageCache {
  private readonly entries = new Map<string, Entry>();
  /** Renders under way, by content version and key: a miss while one is running waits for it. */
  readonly flights = new Map<string, Flight>();
  private bytes = 0;
  readonly stats = { hits: 0, misses: 0, stored: 0, evicted: 0, refreshed: 0 };

  constructor(private readonly options: PageCacheOptions) {}

  get version(): ContentVersion {
    return this.options.version;
  }

  get enabled(): boolean {
    return this.options.maxBytes > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get bytesHeld(): number {
    return this.bytes;
  }

  lookup(key: string, version: string, now = Date.now()): Entry | undefined {
    const found = this.find(key, version, now);
    return found && !found.refresh ? found.entry : undefined;
  }

  /**
   * The page kept under `key` unless it is out of date; `refresh` says only the tag it follows has
   * changed since, so it may be put together again rather than rendered (see followChanges).
   */
  find(key: string, version: string, now = Date.now()): { entry: Entry; refresh: boolean } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const contentVersion = this.options.version;
    const { stale } = contentVersion;
    const outOfDate = stale ? stale.call(contentVersion, entry.version, entry.tags) : entry.version !== version;
    if (outOfDate || now - entry.createdAt > (this.options.maxAgeMs ?? 60_000)) {
      this.remove(entry);
      return undefined;
    }
    // Most recently used last: eviction takes from the front.
    this.entries.delete(key);
    this.entries.set(key, entry);
    const refresh = entry.follows !== undefined && stale !== undefined && stale.call(contentVersion, entry.version, [entry.follows.tag]);
    return { entry, refresh };
  }

  /** The render other readers of this page under this version will wait for, or the one already running. */
  takeOff(key: string): { leader: Flight } | { running: Flight } {
    const running = this.flights.get(key);
    if (running) return { running };
    let land!: (outcome: Outcome) => void;
    const done = new Promise<Outcome>((resolve) => {
      land = resolve;
    });
    const leader: Flight = {
      key,
      done,
      land: (outcome) => {
        if (this.flights.get(key) === leader) this.flights.delete(key);
        land(outcome);
      },
    };
    this.flights.set(key, leader);
    return { leader };
  }

  store(entry: Omit<Entry, 'bytes' | 'gzip' | 'br'>): Entry | undefined {
    const bytes =
      entry.identity.length +
      (entry.hole ? entry.hole.after.length + entry.hole.gzipBefore.length + entry.hole.gzipAfter.length : 0) +
      (entry.follows ? piecesLength(entry.follows.pieces) : 0);
    // One page may not take more than an eighth of the cache, or a few huge pages would churn it.
    if (bytes * 8 > this.options.maxBytes) return undefined;
    const old = this.entries.get(entry.key);
    if (old) this.remove(old);
    const stored: Entry = { ...entry, bytes };
    this.entries.set(entry.key, stored);
    this.bytes += bytes;
    this.stats.stored++;
    this.evict();
    return stored;
  }

  /** Adds a compressed form once it is ready, if the page is still the same. */
  attach(entry: Entry, encoding: 'gzip' | 'br', body: Buffer): void {
    if (this.entries.get(entry.key) !== entry || entry[encoding]) return;
    entry[encoding] = body;
    entry.bytes += body.length;
    this.bytes += body.length;
    this.evict();
  }

  /** Puts a better brotli form in place of the one the page has, if the page is still the same. */
  improve(entry: Entry, body: Buffer, quality: number): void {
    if (this.entries.get(entry.key) !== entry || !entry.br || (entry.brQuality ?? 0) >= quality) return;
    const change = body.length - entry.br.length;
    entry.br = body;
    entry.brQuality = quality;
    entry.bytes += change;
    this.bytes += change;
    this.evict();
  }

  get settleMs(): number {
    return this.options.settleMs ?? BROTLI_SETTLE_MS;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private remove(entry: Entry): void {
    if (this.entries.get(entry.key) !== entry) return;
    this.entries.delete(entry.key);
    this.bytes -= entry.bytes;
  }

  private evict(): void {
    for (const entry of this.entries.values()) {
      if (this.bytes <= this.options.maxBytes) break;
      this.remove(entry);
      this.stats.evicted++;
    }
  }
}

/** The first non-empty string given for a parameter, as fast-querystring parses a repeated one into an array. */
function firstValue(value: unknown): string | undefined {
  for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string' && v !== '') return v;
  return undefined;
}

/** What every list's `page` takes, whichever route reads it. */
const SHAPES: Readonly<Record<string, RegExp>> = { page: PAGE_NUMBER };

/**
 * The declared parameters only, one value each, empty ones and ones that do not fit their shape
 * left out; `key` is them in a fixed order. What the route reads and what the page is kept under
 * are then the same by construction. `strayed`: a value was left out for its shape.
 */
export function normaliseQuery(
  query: unknown,
  names: readonly string[],
  shapes: Readonly<Record<string, RegExp>> = {},
): { query: Record<string, string>; key: string; strayed: boolean } {
  const kept: Record<string, string> = {};
  const parts: string[] = [];
  let strayed = false;
  for (const name of [...names].sort()) {
    const value = firstValue(rawValue(query, name));
    if (value === undefined) continue;
    const shape = shapes[name] ?? SHAPES[name];
    if (shape && !shape.test(value)) {
      strayed = true;
      continue;
    }
    kept[name] = value;
    parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  }
  return { query: kept, key: parts.join('&'), strayed };
}

const pathOf = (url: string) => {
  const at = url.indexOf('?');
  return at < 0 ? url : url.slice(0, at);
};

const UNRESERVED = /^[A-Za-z0-9._~-]$/;
/** RFC 3986, 6.2.2: escapes of unreserved characters decoded, every other escape in upper case. */
export function canonicalPath(path: string): string {
  if (!path.includes('%')) return path;
  return path.replace(/%([0-9A-Fa-f]{2})/g, (escape, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : escape.toUpperCase();
  });
}
// Only a plain path on this site goes into Location: never '//host' or a backslash a browser would read as one.
const SAFE_PATH = /^\/(?!\/)[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/;

function cacheKey(request: FastifyRequest, hooks: PageCacheHooks): string | undefined {
  if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
  const url = request.url;
  // /live/: streams that never end are no page, and a second reader must never wait for the first's "render".
  if (url.startsWith('/admin') || url.startsWith('/static/') || url.startsWith('/uploads/') || url.startsWith('/live/')) return undefined;
  // Only a session that exists (the actor loaded before this hook) passes by, not a cookie of that name.
  if (request.actor) return undefined;
  if (request.routeOptions.config.ownPage && hooks.ownPage?.(request)) return undefined;
  if (request.headers.authorization) return undefined;
  const names = request.routeOptions.config.pageQuery;
  // A route that has not said what it reads is kept under its whole address.
  if (!names) return url;
  const { key } = normaliseQuery(request.query, names, request.routeOptions.config.pageQueryShapes);
  return key ? `${pathOf(url)}?${key}` : pathOf(url);
}

/**
 * Where the answer for any page number past the end of a list is kept: the list's key without its
 * page, so ?page=9999 and ?page=5000 share one entry and one render, however many numbers are asked.
 */
function pastEndKey(request: FastifyRequest): string | undefined {
  const names = request.routeOptions.config.pageQuery;
  if (!names?.includes('page')) return undefined;
  const { key } = normaliseQuery(
    request.query,
    names.filter((name) => name !== 'page'),
    request.routeOptions.config.pageQueryShapes,
  );
  return `${pathOf(request.url)}?${key}#past-end`;
}

/** The page number asked, when it is one (PAGE_NUMBER). */
function askedPage(request: FastifyRequest): number | undefined {
  const raw = rawValue(request.query, 'page');
  return typeof raw === 'string' && PAGE_NUMBER.test(raw) ? Number(raw) : undefined;
}

function weakEtag(parts: Buffer[]): string {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(part);
  return `W/"${hash.digest('base64url').slice(0, 27)}"`;
}

function notModified(request: FastifyRequest, entry: Entry): boolean {
  const inm = request.headers['if-none-match'];
  if (inm !== undefined) return matchesEtag(inm, entry.etag);
  const ims = request.headers['if-modified-since'];
  return ims !== undefined && Date.parse(ims) >= Date.parse(entry.lastModified);
}

function serve(
  cache: PageCache,
  request: FastifyRequest,
  reply: FastifyReply,
  entry: Entry,
  how: 'hit' | 'refreshed' = 'hit',
): FastifyReply {
  reply
    .code(entry.status)
    .header('content-type', entry.contentType)
    .header('cache-control', entry.cacheControl)
    .header('vary', 'accept-encoding')
    .header('x-ytring-cache', how);
  if (entry.cdnCacheControl) reply.header('cdn-cache-control', entry.cdnCacheControl);
  cache.stats.hits++;
  settle(cache, entry);
  const accepts = acceptedEncodings(request.headers['accept-encoding']);
  if (!entry.hole) {
    if (entry.status === 200) {
      reply.header('etag', entry.etag).header('last-modified', entry.lastModified);
      if (notModified(request, entry)) return reply.code(304).send();
    }
    if (accepts.br && entry.br) return reply.header('content-encoding', 'br').send(entry.br);
    if (accepts.gzip && entry.gzip) return reply.header('content-encoding', 'gzip').send(entry.gzip);
    return reply.send(entry.identity);
  }
  // Whatever validator the reader sends, it had an older question: the page comes whole, with a new one.
  const middle = Buffer.from(entry.hole.fill(), 'utf8');
  if (accepts.gzip) return reply.header('content-encoding', 'gzip').send(gzipAround(entry.hole, middle, entry.identity.length));
  return reply.send(Buffer.concat([entry.identity, middle, entry.hole.after]));
}

/**
 * Brotli qualities, measured on the bench's 124 KB 200-comment page (CPU time, size): 0.8 ms at 1
 * for 19.1 KB, 1.3 ms at 4 for 17.6 KB, 1.8 ms at 5 for 15.3 KB, 2.2 ms at 6 for 14.9 KB, 99 ms at 9
 * for 14.3 KB. Quality 9 costs fifty times quality 5 for 7% fewer bytes: worth it once for a page
 * that is read for a while unchanged, not for each version of a debate that changes every second,
 * where it took more CPU than the readers did.
 */
export const FRESH_BROTLI_QUALITY = 5;
export const SETTLED_BROTLI_QUALITY = 9;
/** How long a page stays unchanged before it is worth its best brotli form. */
export const BROTLI_SETTLE_MS = 5_000;

/** Options for a page's brotli form at `quality`. */
function brotliOptions(quality: number, size: number) {
  return {
    params: {
      [zlib.BROTLI_PARAM_QUALITY]: quality,
      [zlib.BROTLI_PARAM_SIZE_HINT]: size,
      [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
    },
  };
}

/** A page's brotli form at `quality`, made in the thread pool; undefined if it fails. */
function brotliLater(entry: Entry, quality: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    brotliCompress(entry.identity, brotliOptions(quality, entry.identity.length), (error, body) => resolve(error ? undefined : body));
  });
}

/**
 * Makes the gzip form now and a quick brotli form in the background; the promise is the brotli
 * form, or undefined. A page just rendered may be replaced by the next change in a moment, so it
 * gets the best form only once it has stayed the same a while (settle).
 */
function compressLater(cache: PageCache, entry: Entry): Promise<Buffer | undefined> {
  if (entry.hole) return Promise.resolve(undefined);
  const br = brotliLater(entry, FRESH_BROTLI_QUALITY).then((body) => {
    if (body) {
      cache.attach(entry, 'br', body);
      if (entry.br === body) entry.brQuality = FRESH_BROTLI_QUALITY;
    }
    return body;
  });
  // A page with a part kept compressed (a long debate's comments) compresses only what is around it.
  const pieces = keptPiecesOf(entry.identity);
  cache.attach(entry, 'gzip', pieces ? gzipPieces(pieces) : gzipSync(entry.identity, { level: PAGE_GZIP_LEVEL }));
  return br;
}

/** A page read after it has stayed unchanged for settleMs gets its best brotli form, made once in the background. */
function settle(cache: PageCache, entry: Entry, now = Date.now()): void {
  if (entry.settling || !entry.br || (entry.brQuality ?? 0) >= SETTLED_BROTLI_QUALITY) return;
  if (now - (entry.bodyAt ?? entry.createdAt) < cache.settleMs) return;
  entry.settling = true;
  void brotliLater(entry, SETTLED_BROTLI_QUALITY).then((body) => {
    if (body) cache.improve(entry, body, SETTLED_BROTLI_QUALITY);
  });
}

const COMPRESSIBLE = /^(?:text\/|application\/(?:[\w.-]+\+)?(?:xml|json)\b)/;

/**
 * A page sent as it was rendered, kept by no cache (the cache off, or the page too big for it):
 * gzip for a reader who takes it, as the page would come from the cache and as any plain server
 * sends it. Only for the anonymous readers the cache serves, so no page with a session's secrets
 * in it is compressed beside what a visitor typed.
 */
function compressedForReader(request: FastifyRequest, reply: FastifyReply, payload: unknown, hooks: PageCacheHooks): unknown {
  if (request.method !== 'GET' || reply.hasHeader('content-encoding') || cacheKey(request, hooks) === undefined) return payload;
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
  if (payload.length === 0 || !COMPRESSIBLE.test(String(reply.getHeader('content-type') ?? ''))) return payload;
  reply.header('vary', 'accept-encoding');
  if (!acceptedEncodings(request.headers['accept-encoding']).gzip) return payload;
  reply.header('content-encoding', 'gzip');
  // A page of comments (or a feed's entries) kept compressed is spliced in: only the rest is compressed now.
  // A page in one piece goes the same way: its text, the same from one answer to the next, is compressed once (see deflatedRun).
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload, 'utf8');
  const pieces = keptPiecesOf(body) ?? [body];
  return gzipPieces(request.pageHole ? withHoleStored(pieces, Buffer.from(request.pageHole.fragment, 'utf8')) : pieces);
}

/**
 * The pieces with the page's hole (the reader's own question) as a stored part of its own, when it
 * is found once in a fresh piece: the text on either side is then the same in every answer, and
 * its compression is reused (see storedPart). Else the pieces as they are.
 */
function withHoleStored(pieces: readonly BodyPiece[], hole: Buffer): readonly BodyPiece[] {
  let found: { index: number; at: number } | undefined;
  for (const [index, piece] of pieces.entries()) {
    if (!Buffer.isBuffer(piece)) continue;
    const at = piece.indexOf(hole);
    if (at < 0) continue;
    if (found || piece.indexOf(hole, at + 1) >= 0) return pieces;
    found = { index, at };
  }
  if (!found || hole.length === 0) return pieces;
  const piece = pieces[found.index] as Buffer;
  return [
    ...pieces.slice(0, found.index),
    piece.subarray(0, found.at),
    storedPart(piece.subarray(found.at, found.at + hole.length)),
    piece.subarray(found.at + hole.length),
    ...pieces.slice(found.index + 1),
  ];
}

/** The answer of a render that kept nothing, as the readers who waited for it get it too. */
function replayOf(reply: FastifyReply, body: Buffer): Outcome {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value === undefined || name === 'content-length' || name === 'x-request-id' || name === 'x-ytring-cache') continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return { replay: { status: reply.statusCode, headers, body } };
}

/** Ends the request's render, if it is the one others wait for, handing them what it left. */
function land(request: FastifyRequest, outcome: Outcome): void {
  const flight = request.pageCacheFlight;
  if (!flight) return;
  request.pageCacheFlight = null;
  flight.land(outcome);
}

type EntryFields = Omit<Entry, 'bytes' | 'gzip' | 'br' | 'identity' | 'etag' | 'hole' | 'follows'>;

/** Builds the entry for a page just rendered, splitting it around its hole when it has one. */
function entryFor(
  key: string,
  version: string,
  body: Buffer,
  hole: PageHole | null,
  reply: FastifyReply,
  now: number,
): Omit<Entry, 'bytes' | 'gzip' | 'br'> | undefined {
  // A route that knows when its content last changed (the feeds) has said so; otherwise, now.
  const lastModified = reply.getHeader('last-modified');
  const etag = reply.getHeader('etag');
  const fields: EntryFields = {
    key,
    version,
    createdAt: now,
    status: reply.statusCode,
    lastModified: typeof lastModified === 'string' ? lastModified : new Date(now).toUTCString(),
    contentType: String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8'),
    cacheControl: String(reply.getHeader('cache-control')),
    cdnCacheControl: reply.getHeader('cdn-cache-control') === undefined ? undefined : String(reply.getHeader('cdn-cache-control')),
  };
  return entryOf(fields, body, hole, typeof etag === 'string' ? etag : undefined);
}

/** The entry for `body`, split around its hole when it has one. */
function entryOf(
  fields: EntryFields,
  body: Buffer,
  hole: PageHole | null,
  etag: string | undefined,
): Omit<Entry, 'bytes' | 'gzip' | 'br'> | undefined {
  if (!hole) return { ...fields, identity: body, etag: etag ?? weakEtag([body]) };
  const fragment = Buffer.from(hole.fragment, 'utf8');
  const at = body.indexOf(fragment);
  // The fragment must be found exactly once, or the page cannot be put together again safely.
  if (at < 0 || body.indexOf(fragment, at + 1) >= 0) return undefined;
  const before = body.subarray(0, at);
  const after = body.subarray(at + fragment.length);
  // The comments of a page with a form, kept compressed, go into its gzip form as they are.
  const pieces = keptPiecesOf(body);
  return {
    ...fields,
    cacheControl: HOLE_CACHE_CONTROL,
    cdnCacheControl: HOLE_CDN_CACHE_CONTROL,
    identity: Buffer.from(before),
    // Never sent (see serve): a hole page has no validator.
    etag: '',
    hole: {
      ...(pieces ? splicePiecesAround(pieces, at, at + fragment.length) : spliceAround(before, Buffer.from(after))),
      fill: hole.fill,
      fragment: hole.fragment,
    },
  };
}

const lengthOf = (piece: BodyPiece) => (Buffer.isBuffer(piece) ? piece.length : piece.bytes.length);
const piecesLength = (pieces: readonly BodyPiece[]) => pieces.reduce((sum, piece) => sum + lengthOf(piece), 0);

/**
 * Where the parts a page follows changes by are in its body: text found exactly once inside a
 * piece that is not kept compressed (a kept page of comments is never opened), or whole kept
 * pieces; clear of the hole and of each other. Undefined when any is not, and the page then
 * follows nothing.
 */
function followingOf(body: Buffer, refresh: PageRefresh, hole: PageHole | null): Following | undefined {
  const pieces = keptPiecesOf(body) ?? [body];
  const starts: number[] = [];
  let offset = 0;
  for (const piece of pieces) {
    starts.push(offset);
    offset += lengthOf(piece);
  }
  starts.push(offset);
  const taken: Span[] = [];
  if (hole) {
    const at = body.indexOf(hole.fragment);
    taken.push({ at, end: at + Buffer.byteLength(hole.fragment), index: -1, kept: false });
  }
  for (const [index, part] of refresh.parts.entries()) {
    if (typeof part !== 'string') {
      const first = part.kept.length === 0 ? -1 : pieces.indexOf(part.kept[0]!);
      if (first < 0 || part.kept.some((piece, i) => pieces[first + i] !== piece)) return undefined;
      taken.push({ at: starts[first]!, end: starts[first + part.kept.length]!, index, kept: true });
      continue;
    }
    const bytes = Buffer.from(part, 'utf8');
    const at = bytes.length === 0 ? -1 : body.indexOf(bytes);
    if (at < 0 || body.indexOf(bytes, at + 1) >= 0) return undefined;
    // Inside one piece that is not kept compressed.
    const i = starts.findIndex((start, n) => n < pieces.length && start <= at && at < starts[n + 1]!);
    if (i < 0 || !Buffer.isBuffer(pieces[i]) || at + bytes.length > starts[i + 1]!) return undefined;
    taken.push({ at, end: at + bytes.length, index, kept: false });
  }
  taken.sort((a, b) => a.at - b.at);
  for (let i = 1; i < taken.length; i++) if (taken[i]!.at < taken[i - 1]!.end) return undefined;
  return { tag: refresh.tag, refresh: refresh.refresh, pieces, spans: taken.filter((span) => span.index >= 0) };
}

/**
 * The page's pieces with `parts` in place of the old ones (in the order the route gave them), and
 * where they now are. The text between them does not change: each run of it (cut at the hole) is
 * compressed once (keptDeflate) and goes into every later gzip form as it is.
 */
function withParts(follows: Following, parts: readonly RefreshPart[], hole: string | undefined): Pick<Following, 'pieces' | 'spans'> {
  const pieces: BodyPiece[] = [];
  const spans: Span[] = [];
  let out = 0;
  const push = (piece: BodyPiece) => {
    const length = lengthOf(piece);
    if (length === 0) return;
    pieces.push(piece);
    out += length;
  };
  const keep = (text: Buffer) => push(text.length > 0 ? keptDeflate(text) : text);
  // All text between the parts is kept compressed, however short, and so is the text on either side
  // of the hole (which stays a fresh piece of its own): a refresh then compresses nothing but a
  // changed run of comments. Each compression costs zlib's set-up, 10 µs in a loop and far more
  // among a server's requests, where a few hundred bytes more in one run saved nothing.
  const pushText = (text: Buffer) => {
    const at = hole === undefined ? -1 : text.indexOf(hole);
    if (at < 0) return keep(text);
    const end = at + Buffer.byteLength(hole!);
    keep(text.subarray(0, at));
    push(text.subarray(at, end));
    keep(text.subarray(end));
  };
  let s = 0;
  let from = 0;
  for (let p = 0; p < follows.pieces.length; p++) {
    const piece = follows.pieces[p]!;
    const start = from;
    from += lengthOf(piece);
    const span = follows.spans[s];
    if (span?.kept && span.at === start) {
      // The old run of kept pieces goes, the new one takes its place.
      const at = out;
      for (const kept of (parts[span.index] as KeptPart).kept) push(kept);
      spans.push({ at, end: out, index: span.index, kept: true });
      while (from < span.end) {
        const next = follows.pieces[++p]!;
        from += lengthOf(next);
      }
      s++;
      continue;
    }
    if (!Buffer.isBuffer(piece)) {
      push(piece);
      continue;
    }
    // A piece that is not a part is text between parts: a part is a piece of its own once put in.
    let cut = 0;
    for (; s < follows.spans.length && !follows.spans[s]!.kept && follows.spans[s]!.at < from; s++) {
      const text = follows.spans[s]!;
      pushText(piece.subarray(cut, text.at - start));
      const part = Buffer.from(parts[text.index] as string, 'utf8');
      spans.push({ at: out, end: out + part.length, index: text.index, kept: false });
      push(part);
      cut = text.end - start;
    }
    pushText(piece.subarray(cut));
  }
  return { pieces, spans };
}

/**
 * The kept page put together again with its parts as they are now, kept under `version`, or
 * undefined when the route says it must be rendered (or the parts cannot be put in safely).
 */
async function refreshEntry(cache: PageCache, entry: Entry, version: string, now = Date.now()): Promise<Entry | undefined> {
  const follows = entry.follows!;
  const parts = await follows.refresh();
  if (!parts || parts.length !== follows.spans.length) return undefined;
  // Each part of the kind it was; a run of kept pieces never empty, so the next refresh finds where it goes.
  for (const span of follows.spans) {
    const part = parts[span.index];
    if (span.kept ? typeof part === 'string' || part === undefined || part.kept.length === 0 : typeof part !== 'string') return undefined;
  }
  const { pieces, spans } = withParts(follows, parts, entry.hole?.fragment);
  const body = bodyOfPieces(pieces);
  const hole = entry.hole ? { fragment: entry.hole.fragment, fill: entry.hole.fill } : null;
  const fields: EntryFields = {
    key: entry.key,
    version,
    // Kept no longer than the render it came from: what maxAgeMs bounds (relative dates) was not looked at again.
    createdAt: entry.createdAt,
    bodyAt: now,
    status: entry.status,
    lastModified: new Date(now).toUTCString(),
    contentType: entry.contentType,
    cacheControl: entry.cacheControl,
    cdnCacheControl: entry.cdnCacheControl,
    ...(entry.tags ? { tags: entry.tags } : {}),
  };
  const built = entryOf(fields, body, hole, undefined);
  if (!built) return undefined;
  const stored = cache.store({ ...built, follows: { ...follows, pieces, spans } });
  if (!stored) return undefined;
  cache.stats.refreshed++;
  void compressLater(cache, stored);
  return stored;
}

/** Makes a page with a per-reader part its reader's alone, whether or not it is kept. */
function holeHeaders(reply: FastifyReply): void {
  reply.header('cache-control', HOLE_CACHE_CONTROL).header('cdn-cache-control', HOLE_CDN_CACHE_CONTROL);
  reply.removeHeader('etag');
  reply.removeHeader('last-modified');
}

/** Serves cached pages before routing, and keeps what the routes render for anonymous readers. */
export function registerPageCache(app: FastifyInstance, cache: PageCache | undefined, hooks: PageCacheHooks = {}): void {
  app.decorateRequest('pageHole', null);
  app.decorateRequest('pageRefresh', null);
  app.decorateRequest('pageCacheSlot', null);
  app.decorateRequest('pageCachePastEnd', null);
  app.decorateRequest('pageCacheFlight', null);
  app.decorateRequest('pageCacheTags', null);

  // With or without the cache, so a page never depends on whether it was kept.
  app.addHook('onRequest', async (request, reply) => {
    const names = request.routeOptions.config.pageQuery;
    if (!names || (request.method !== 'GET' && request.method !== 'HEAD')) return;
    const { query, key, strayed } = normaliseQuery(request.query, names, request.routeOptions.config.pageQueryShapes);
    request.query = query;
    // The router decodes escapes, so /%61rchive is /archive: send it there rather than keep a copy per spelling.
    // A value the page does not take (?page=abc, ?comments-page=x1) goes the same way, to the address
    // without it: answered as it is, each made-up value would cost a page rendered.
    const path = pathOf(request.url);
    const canonical = canonicalPath(path);
    if ((canonical !== path || strayed) && SAFE_PATH.test(canonical)) {
      return reply
        .code(301)
        .header('cache-control', 'public, max-age=3600')
        .redirect(key ? `${canonical}?${key}` : canonical, 301);
    }
  });

  const enabled = Boolean(cache?.enabled);
  if (cache && enabled) {
    const { version } = cache;
    app.addHook('onRequest', async (request, reply) => {
      const key = cacheKey(request, hooks);
      if (key === undefined) return;
      // The database away: no way to know whether a kept page is current, and the route will say 503.
      // Read once, before anything is rendered: a change after this leaves the page under a version already past.
      const current = await version.current().catch(() => undefined);
      if (current === undefined) return;
      const found = cache.find(key, current);
      if (found && !found.refresh) return serve(cache, request, reply, found.entry);
      // Any page number past the end of a list is answered from the one not-found page kept for that list.
      const pastEnd = pastEndKey(request);
      const asked = askedPage(request);
      const missing = found || pastEnd === undefined || asked === undefined ? undefined : cache.lookup(pastEnd, current);
      if (missing?.lastPage !== undefined && asked! > missing.lastPage) return serve(cache, request, reply, missing);
      // Readers who miss while the same page is being rendered (or put together again) wait for that instead of making their own.
      if (request.method === 'GET') {
        const flight = cache.takeOff(`${current}\n${key}`);
        if ('leader' in flight && found) {
          const refreshed = await refreshEntry(cache, found.entry, current).catch(() => undefined);
          if (refreshed) {
            flight.leader.land({ entry: refreshed });
            return serve(cache, request, reply, refreshed, 'refreshed');
          }
        }
        if ('running' in flight) {
          const outcome = await flight.running.done;
          if (outcome && 'entry' in outcome) return serve(cache, request, reply, outcome.entry);
          if (outcome)
            return reply
              .code(outcome.replay.status)
              .headers(outcome.replay.headers)
              .header('x-ytring-cache', 'shared')
              .send(outcome.replay.body);
          // The render left nothing another reader may have (a cookie, a private page): this one is made anew.
        } else {
          request.pageCacheFlight = flight.leader;
        }
      }
      cache.stats.misses++;
      request.pageCacheSlot = { key, version: current };
      reply.header('x-ytring-cache', 'miss');
    });
    // Whatever became of a render, no one is left waiting for it. A render whose reader went away is
    // finished all the same (Fastify still runs it and its onSend), so those waiting get it.
    app.addHook('onResponse', async (request) => {
      land(request, undefined);
    });
  }

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return payload;
    const hole = request.pageHole;
    const cacheControl = String(reply.getHeader('cache-control') ?? '');
    if (hole && reply.statusCode === 200 && cacheControl.startsWith('public')) holeHeaders(reply);
    const slot = request.pageCacheSlot;
    if (!cache || !enabled) return compressedForReader(request, reply, payload, hooks);
    if (!slot || request.method !== 'GET') return payload;
    // A body the route has compressed itself (a static file) is one reader's form of it, not the page.
    if (
      (typeof payload !== 'string' && !Buffer.isBuffer(payload)) ||
      reply.getHeader('set-cookie') !== undefined ||
      reply.hasHeader('content-encoding')
    ) {
      land(request, undefined);
      return payload;
    }
    const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
    const lastPage = reply.statusCode === 404 ? request.pageCachePastEnd : null;
    const pastEnd = lastPage === null ? undefined : pastEndKey(request);
    // An error is handed to those who waited for this render, and kept for no one after. A 304 or a
    // redirect answered this reader's own question: the others have their page made for them.
    if (reply.statusCode !== 200 && pastEnd === undefined) {
      land(request, reply.statusCode >= 400 ? replayOf(reply, body) : undefined);
      return payload;
    }
    if (reply.statusCode === 200 && !cacheControl.startsWith('public')) {
      land(request, undefined);
      return payload;
    }
    const now = Date.now();
    const entry = entryFor(pastEnd ?? slot.key, slot.version, body, request.pageHole, reply, now);
    const refresh = request.pageRefresh;
    const follows = entry && refresh && reply.statusCode === 200 ? followingOf(body, refresh, request.pageHole) : undefined;
    // A page that cannot follow its tag is out of date by it like by any other.
    const named = request.pageCacheTags && refresh && !follows ? [...request.pageCacheTags, refresh.tag] : request.pageCacheTags;
    const tags = named ? { tags: [...new Set(named)].filter((tag) => tag !== follows?.tag) } : {};
    const stored = entry && cache.store({ ...entry, ...tags, ...(follows ? { follows } : {}), ...(lastPage === null ? {} : { lastPage }) });
    if (!stored) {
      land(request, reply.statusCode >= 400 ? replayOf(reply, body) : undefined);
      return compressedForReader(request, reply, payload, hooks);
    }
    const brotli = compressLater(cache, stored);
    land(request, { entry: stored });
    if (!stored.hole && stored.status === 200) reply.header('etag', stored.etag).header('last-modified', stored.lastModified);
    reply.header('vary', 'accept-encoding');
    // The first reader after a change gets the page compressed like every reader after.
    const accepts = acceptedEncodings(request.headers['accept-encoding']);
    if (stored.hole) {
      if (!accepts.gzip || !hole) return payload;
      reply.header('content-encoding', 'gzip');
      return gzipAround(stored.hole, Buffer.from(hole.fragment, 'utf8'), stored.identity.length);
    }
    // Brotli is awaited only by a reader who takes nothing else: it is made off the event loop.
    const br = accepts.br && !(accepts.gzip && stored.gzip) ? await brotli : undefined;
    if (br) {
      reply.header('content-encoding', 'br');
      return br;
    }
    if (accepts.gzip && stored.gzip) {
      reply.header('content-encoding', 'gzip');
      return stored.gzip;
    }
    return payload;
  });
}
