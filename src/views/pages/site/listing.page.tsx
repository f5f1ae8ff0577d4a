import type { ComponentChildren } from 'preact';
import type { PostSummary } from '../../../posts/post.js';
import type { Page } from '../../../posts/post.service.js';
import { PageLayout } from '../../layouts/page-layout.js';
import { Pagination } from '../../partials/pagination.js';
import { PostList } from '../../partials/post-summary.js';

/** A heading over a paginated list of posts: tag pages, archive months. */
export function ListingPage({ heading, description, posts, basePath, children }: {
  heading: string;
  description?: string;
  posts: Page<PostSummary>;
  basePath: string;
  children?: ComponentChildren;
}) {
  return (
    <PageLayout meta={{ title: heading, ...(description ? { description } : {}) }}>
      <h1>{heading}</h1>
      {children}
      <PostList posts={posts.items} />
      <Pagination page={posts.page} pages={posts.pages} basePath={basePath} />
    </PageLayout>
  );
}
