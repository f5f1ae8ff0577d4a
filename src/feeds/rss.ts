/**
 * RSS 2.0: dates in RFC 822 (as RFC 2822 writes them, four-digit years), authors as dc:creator because
 * RSS's own <author> must be an e-mail address, and the full post in content:encoded.
 */
import { GENERATOR, joinFeed, keptEntry, type Feed, type FeedItem, type FeedText } from './feed.js';
import { element, XML_DECLARATION } from '../shared/xml.js';

const NAMESPACES = {
  'xmlns:atom': 'http://www.w3.org/2005/Atom',
  'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
  'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
};

/** "Tue, 10 Jun 2003 04:00:00 GMT": ECMAScript fixes toUTCString to exactly this form. */
export const rfc822 = (date: Date) => date.toUTCString();

function item(entry: FeedItem): string {
  return [
    '<item>',
    element('title', {}, entry.title),
    element('link', {}, entry.url),
    element('guid', { isPermaLink: 'false' }, entry.id),
    element('pubDate', {}, rfc822(entry.published)),
    ...entry.authors.map((a) => element('dc:creator', {}, a.name)),
    ...entry.categories.map((c) => element('category', { domain: c.scheme }, c.label)),
    element('description', {}, entry.summary || entry.title),
    element('content:encoded', {}, entry.contentHtml),
    entry.commentsUrl ? element('comments', {}, entry.commentsUrl) : '',
    entry.image
      ? element('enclosure', { url: entry.image.file.url, length: String(entry.image.file.bytes), type: entry.image.file.contentType })
      : '',
    '</item>',
  ].join('');
}

export const toRss = (feed: Feed): string => joinFeed(rssText(feed));

/** The RSS document in its three runs of lines: before the items, the items, after them. */
export function rssText(feed: Feed): FeedText {
  const newestPublished = feed.items.reduce<Date | undefined>(
    (newest, i) => (!newest || i.published > newest ? i.published : newest),
    undefined,
  );
  const rssAttributes = Object.entries({ version: '2.0', ...NAMESPACES })
    .map(([k, v]) => ` ${k}="${v}"`)
    .join('');
  const head = [
    XML_DECLARATION,
    `<rss${rssAttributes}>`,
    '<channel>',
    element('title', {}, feed.title),
    element('link', {}, feed.homeUrl),
    // RSS requires a description; a site or blog without one still has its title.
    element('description', {}, feed.description || feed.title),
    element('language', {}, feed.language),
    element('atom:link', { href: feed.feedUrls.rss, rel: 'self', type: 'application/rss+xml' }),
    newestPublished ? element('pubDate', {}, rfc822(newestPublished)) : '',
    element('lastBuildDate', {}, rfc822(feed.updated)),
    element('generator', {}, GENERATOR),
    // RSS 2.0's image: the logo, else the large icon; its title and link must be the channel's.
    feed.logo || feed.icons
      ? `<image>${element('url', {}, feed.logo ?? feed.icons!.large)}${element('title', {}, feed.title)}${element('link', {}, feed.homeUrl)}</image>`
      : '',
  ];
  return { head, entries: feed.items.map((entry) => keptEntry('rss', entry, item)), tail: ['</channel>', '</rss>', ''] };
}
