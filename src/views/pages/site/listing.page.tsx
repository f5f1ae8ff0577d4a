import type { ComponentChildren } from 'preact';
import { feedLinks, feedPaths } from '../../../feeds/feed-links.js';
import type { PostSummary } from '../../../posts/post.js';
import type { Page } from '../../../posts/post.service.js';
import { sharingTags } from '../../../seo/sharing.js';
import { useView } from '../../context.js';
import { PageLayout } from '../../layouts/page-layout.js';
import { useHideEmails } from '../../partials/email.js';
import { HeadTags } from '../../partials/head-tags.js';
import { Pagination } from '../../partials/pagination.js';
import { PostList } from '../../partials/post-summary.js';

/** A heading over a paginated list of posts: tag pages, archive months. */
export function ListingPage({
  heading,
  description,
  posts,
  basePath,
  children,
  follow,
}: {
  heading: string;
  description?: string;
  posts: Page<PostSummary>;
  basePath: string;
  children?: ComponentChildren;
  /** The follow-by-e-mail form, after the list (tag pages). */
  follow?: ComponentChildren;
}) {
  const { i18n, site, baseUrl } = useView();
  const hide = useHideEmails();
  const path = posts.page > 1 ? `${basePath}?page=${posts.page}` : basePath;
  // A tag page has the tag's feeds; the route passes only its address, which names the tag.
  const tagSlug = /^\/tags\/([^/?#]+)$/.exec(basePath)?.[1];
  const feeds = tagSlug ? feedLinks(baseUrl, feedPaths.tag(tagSlug), heading) : [];
  const sharing = sharingTags({
    type: 'website',
    url: `${baseUrl}${path}`,
    title: heading,
    description: description ?? site.description,
    siteName: site.title,
    language: i18n.lang,
    atWord: i18n.t('email.at'),
  });
  const head = (
    <>
      <HeadTags feeds={feeds} meta={sharing} />
    </>
  );
  return (
    <PageLayout meta={{ title: heading, ...(description ? { description } : {}), canonicalPath: path, head }}>
      <h1>{hide(heading)}</h1>
      {children}
      <PostList posts={posts.items} />
      <Pagination page={posts.page} pages={posts.pages} basePath={basePath} />
      {follow}
    </PageLayout>
  );
}
