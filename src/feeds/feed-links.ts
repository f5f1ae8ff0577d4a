/** Where each feed lives, for the routes, the feeds' self links and the pages' autodiscovery links. */
import { FEED_FORMATS, type FeedFormat } from './feed.js';

/** Each feed's path without the format's extension; `${path}.atom`, `.rss` and `.json` are the feeds. */
export const feedPaths = {
  site: () => '/feed',
  blog: (blogSlug: string) => `/${blogSlug}/feed`,
  author: (personSlug: string) => `/authors/${personSlug}/feed`,
  tag: (tagSlug: string) => `/tags/${tagSlug}/feed`,
  siteComments: () => '/comments/feed',
  postComments: (blogSlug: string, postSlug: string) => `/${blogSlug}/${postSlug}/comments/feed`,
};

const MEDIA_TYPES: Record<FeedFormat, string> = {
  atom: 'application/atom+xml',
  rss: 'application/rss+xml',
  json: 'application/feed+json',
};

const FORMAT_NAMES: Record<FeedFormat, string> = { atom: 'Atom', rss: 'RSS', json: 'JSON Feed' };

export function feedUrls(baseUrl: string, path: string): Record<FeedFormat, string> {
  return { atom: `${baseUrl}${path}.atom`, rss: `${baseUrl}${path}.rss`, json: `${baseUrl}${path}.json` };
}

export interface FeedLink {
  type: string;
  title: string;
  href: string;
}

/** `<link rel="alternate">` data for one feed in every format, titled "Title (Atom)" and so on. */
export function feedLinks(baseUrl: string, path: string, title: string): FeedLink[] {
  const urls = feedUrls(baseUrl, path);
  return FEED_FORMATS.map((format) => ({ type: MEDIA_TYPES[format], title: `${title} (${FORMAT_NAMES[format]})`, href: urls[format] }));
}
