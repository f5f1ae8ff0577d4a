import type { PostSummary } from '../../../posts/post.js';
import type { Page } from '../../../posts/post.service.js';
import { useView } from '../../context.js';
import { PageLayout } from '../../layouts/page-layout.js';
import { Pagination } from '../../partials/pagination.js';
import { PostList } from '../../partials/post-summary.js';

export function FrontPage({ posts }: { posts: Page<PostSummary> }) {
  const { i18n, site } = useView();
  return (
    <PageLayout meta={{ title: site.title }}>
      <h1>{i18n.t('front.heading')}</h1>
      <PostList posts={posts.items} />
      <Pagination page={posts.page} pages={posts.pages} basePath="/" />
    </PageLayout>
  );
}
