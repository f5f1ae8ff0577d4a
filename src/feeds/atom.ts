/** Atom 1.0 (RFC 4287): dates in RFC 3339, HTML content escaped as type="html", no e-mail in person constructs. */
import { GENERATOR, joinFeed, keptEntry, type Feed, type FeedItem, type FeedPerson, type FeedText } from './feed.js';
import { element, escapeXml, XML_DECLARATION } from '../shared/xml.js';

export const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom';

const rfc3339 = (date: Date) => date.toISOString();

function person(tag: 'author', who: FeedPerson): string {
  return `<${tag}>${element('name', {}, who.name)}${who.url ? element('uri', {}, who.url) : ''}</${tag}>`;
}

function entry(item: FeedItem): string {
  return [
    '<entry>',
    element('id', {}, item.id),
    element('title', { type: 'text' }, item.title),
    element('link', { rel: 'alternate', type: 'text/html', href: item.url }),
    item.commentsUrl ? element('link', { rel: 'replies', type: 'text/html', href: item.commentsUrl }) : '',
    element('published', {}, rfc3339(item.published)),
    element('updated', {}, rfc3339(item.updated)),
    ...item.authors.map((a) => person('author', a)),
    ...item.categories.map((c) => element('category', { term: c.term, scheme: c.scheme, label: c.label })),
    item.summary ? element('summary', { type: 'text' }, item.summary) : '',
    element('content', { type: 'html' }, item.contentHtml),
    item.image
      ? element('link', {
          rel: 'enclosure',
          type: item.image.file.contentType,
          length: String(item.image.file.bytes),
          href: item.image.file.url,
        })
      : '',
    '</entry>',
  ].join('');
}

export const toAtom = (feed: Feed): string => joinFeed(atomText(feed));

/** The Atom document in its three runs of lines: before the entries, the entries, after them. */
export function atomText(feed: Feed): FeedText {
  // RFC 4287 4.1.1: a feed names its author unless every entry names its own.
  const feedAuthors = feed.authors?.length ? feed.authors : feed.items.some((i) => i.authors.length === 0) ? [feed.publisher] : [];
  const head = [
    XML_DECLARATION,
    `<feed xmlns="${ATOM_NAMESPACE}" xml:lang="${escapeXml(feed.language)}">`,
    element('id', {}, feed.id),
    element('title', { type: 'text' }, feed.title),
    feed.description ? element('subtitle', { type: 'text' }, feed.description) : '',
    element('link', { rel: 'alternate', type: 'text/html', href: feed.homeUrl }),
    element('link', { rel: 'self', type: 'application/atom+xml', href: feed.feedUrls.atom }),
    element('updated', {}, rfc3339(feed.updated)),
    ...feedAuthors.map((a) => person('author', a)),
    element('generator', {}, GENERATOR),
    feed.icons ? element('icon', {}, feed.icons.small) : '',
    feed.logo ? element('logo', {}, feed.logo) : '',
  ];
  return { head, entries: feed.items.map((item) => keptEntry('atom', item, entry)), tail: ['</feed>', ''] };
}
