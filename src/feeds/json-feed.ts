/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1): dates in RFC 3339, authors without e-mail. */
import type { Feed, FeedItem, FeedPerson } from './feed.js';

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

const author = (who: FeedPerson) => (who.url ? { name: who.name, url: who.url } : { name: who.name });

function item(entry: FeedItem) {
  return {
    id: entry.id,
    url: entry.url,
    title: entry.title,
    content_html: entry.contentHtml,
    ...(entry.summary ? { summary: entry.summary } : {}),
    date_published: entry.published.toISOString(),
    date_modified: entry.updated.toISOString(),
    authors: entry.authors.map(author),
    ...(entry.categories.length ? { tags: entry.categories.map((c) => c.label) } : {}),
    ...(entry.image ? { image: entry.image.url } : {}),
  };
}

export function toJsonFeed(feed: Feed): string {
  return JSON.stringify(
    {
      version: JSON_FEED_VERSION,
      title: feed.title,
      home_page_url: feed.homeUrl,
      feed_url: feed.feedUrls.json,
      ...(feed.description ? { description: feed.description } : {}),
      language: feed.language,
      ...(feed.icons ? { icon: feed.icons.large, favicon: feed.icons.small } : {}),
      ...(feed.authors?.length ? { authors: feed.authors.map(author) } : {}),
      items: feed.items.map(item),
    },
    null,
    2,
  );
}
