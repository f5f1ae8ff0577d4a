/** One feed model that the Atom, RSS and JSON Feed builders each write out; URLs in it are absolute. */
import { createHash, type Hash } from 'node:crypto';
import { keptDeflate, type KeptDeflate } from '../http/gzip-splice.js';
import { Lru } from '../shared/lru.js';

export const FEED_FORMATS = ['atom', 'rss', 'json'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  atom: 'application/atom+xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** A name, with a web page when there is one. Never an e-mail address: people's addresses are private. */
export interface FeedPerson {
  name: string;
  url?: string;
}

export interface FeedCategory {
  /** Stable machine value: the tag's slug. */
  term: string;
  /** What a reader sees: the tag's name. */
  label: string;
  /** Where the term's meaning lives: the site's tag pages. */
  scheme: string;
}

export interface FeedItem {
  /** Permanent and unique: `urn:uuid:<id>` of the post or comment, so it survives slug and host changes. */
  id: string;
  url: string;
  title: string;
  /** Plain text. */
  summary?: string;
  /** Sanitised HTML with absolute links. */
  contentHtml: string;
  published: Date;
  updated: Date;
  authors: FeedPerson[];
  categories: FeedCategory[];
  /** The page where the item is debated. */
  commentsUrl?: string;
  /** The post's featured image: `url` the copy to show, `file` the stored original for enclosures; absolute. */
  image?: FeedImage;
  /**
   * A digest of everything the item is made from (see keptItem in feed.service). Set, a writer
   * keeps its rendering of the item under it, so a feed rendered from scratch writes only the
   * items that changed; an item changed in any way has another key, so nothing kept goes stale.
   */
  key?: string;
}

export interface FeedImage {
  url: string;
  alt: string;
  file: { url: string; contentType: string; bytes: number };
}

export interface Feed {
  /** Permanent and unique for the feed. */
  id: string;
  title: string;
  /** Plain text. */
  description: string;
  /** BCP 47 language tag: "da", "en". */
  language: string;
  /** The page the feed belongs to. */
  homeUrl: string;
  /** This feed in each format, for rel="self". */
  feedUrls: Record<FeedFormat, string>;
  /** The newest change to any item, or to the feed when it has none. */
  updated: Date;
  /** Who the feed as a whole is by, when that is one person (an author's feed). */
  authors?: FeedPerson[];
  /** The site; Atom names it as the feed's author when an entry has none of its own. */
  publisher: FeedPerson;
  /** Absolute: a small square icon (Atom icon, JSON Feed favicon) and a larger one (JSON Feed icon). */
  icons?: { small: string; large: string };
  /** Absolute: the site's logo (Atom logo, RSS image). */
  logo?: string;
  items: FeedItem[];
}

export const GENERATOR = 'Ytring';

/** The newest `updated` among the items, or `fallback` for a feed without items. */
export function newestUpdate(items: readonly { updated: Date }[], fallback: Date): Date {
  let newest: Date | undefined;
  for (const item of items) if (!newest || item.updated > newest) newest = item.updated;
  return newest ?? fallback;
}

/**
 * Makes the links and images in our renderers' HTML absolute, since a feed is read away from the
 * site: "/x" becomes BASE_URL + "/x" and "#x" the item's own page + "#x". Our renderers always
 * write attributes in double quotes, and text that merely looks like an attribute is escaped.
 */
export function absoluteLinks(html: string, baseUrl: string, pageUrl: string): string {
  return html.replace(/ (href|src)="([^"]*)"/g, (whole, name: string, value: string) => {
    if (value.startsWith('/') && !value.startsWith('//')) return ` ${name}="${baseUrl}${value}"`;
    if (value.startsWith('#')) return ` ${name}="${pageUrl}${value}"`;
    return whole;
  });
}

// Written entries by format and item key: 20 items a feed, and the site's, blogs', authors' and
// tags' feeds mostly list the same recent posts, so a few hundred cover every feed being read.
const written = new Lru<string, string>(1500);

/** The item written by `write`, once while its key stays the same; an item without a key is written every time. */
export function keptEntry(format: FeedFormat, item: FeedItem, write: (item: FeedItem) => string): string {
  return item.key === undefined ? write(item) : written.through(`${format}:${item.key}`, () => write(item));
}

/** A written feed as lines: those before its entries, the entries (one each), those after. */
export interface FeedText {
  head: string[];
  entries: string[];
  tail: string[];
}

/** The feed as one text, its lines joined. */
export const joinFeed = (text: FeedText): string => [...text.head, ...text.entries, ...text.tail].join('\n');

// A feed's entries as one run, compressed once, by its format and its items' keys (digests of all
// each item is made from): a feed answered from scratch then compresses only its head and tail.
// The run's SHA-1 goes with it, so the feed's ETag hashes the head and tail and not the entries again.
const runs = new Lru<string, { piece: KeptDeflate; sha1: Buffer }>(64);

// The text before and after the entries, compressed once while it reads the same: it changes only with
// the feed's title, date or settings, so an unchanged feed from scratch compresses nothing at all.
const ends = new Lru<string, KeptDeflate>(128);
const keptEnd = (text: string) => ends.through(text, () => keptDeflate(Buffer.from(text, 'utf8')));

/**
 * The feed as the pieces of its UTF-8 body (the text before its entries, the entries while the same
 * items are listed, and the text after them, each kept with its compressed form), and its weak ETag: a digest of
 * the body, or, with a kept run, of the head, the run's digest and the tail.
 */
export function feedPieces(
  format: FeedFormat,
  items: readonly FeedItem[],
  text: FeedText,
): { pieces: (Buffer | KeptDeflate)[]; etag: string } {
  if (text.entries.length === 0 || items.some((item) => item.key === undefined)) {
    const body = Buffer.from(joinFeed(text), 'utf8');
    return { pieces: [body], etag: etagOf(createHash('sha1').update(body)) };
  }
  const run = runs.through(`${format} ${items.map((item) => item.key).join(' ')}`, () => {
    const bytes = Buffer.from(text.entries.join('\n'), 'utf8');
    return { piece: keptDeflate(bytes), sha1: createHash('sha1').update(bytes).digest() };
  });
  const head = keptEnd(`${text.head.join('\n')}\n`);
  const tail = keptEnd(`\n${text.tail.join('\n')}`);
  // Lengths first, so no other split of the same bytes gives the same digest.
  const lengths = `${head.bytes.length} ${run.piece.bytes.length} ${tail.bytes.length}\n`;
  const hash = createHash('sha1').update(lengths).update(head.bytes).update(run.sha1).update(tail.bytes);
  return { pieces: [head, run.piece, tail], etag: etagOf(hash) };
}

const etagOf = (hash: Hash) => `W/"${hash.digest('base64')}"`;
