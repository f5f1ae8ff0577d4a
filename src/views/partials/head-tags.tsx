import type { FeedLink } from '../../feeds/feed-links.js';
import type { MetaTag } from '../../seo/sharing.js';
import { useHideEmails } from './email.js';

/** Feed autodiscovery and sharing metadata for <head>; titles and descriptions carry no readable address. */
export function HeadTags({ feeds = [], meta = [] }: { feeds?: FeedLink[]; meta?: MetaTag[] }) {
  const hide = useHideEmails();
  return (
    <>
      {feeds.map((feed) => (
        <link key={feed.href} rel="alternate" type={feed.type} title={hide(feed.title)} href={feed.href} />
      ))}
      {meta.map((tag, i) => (
        <meta key={i} property={tag.property} name={tag.name} content={hide(tag.content)} />
      ))}
    </>
  );
}
