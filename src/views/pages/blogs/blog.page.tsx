import type { BlogWithOwners } from '../../../blogs/blog.js';
import type { PostSummary } from '../../../posts/post.js';
import type { Page } from '../../../posts/post.service.js';
import { useView } from '../../context.js';
import { PageLayout } from '../../layouts/page-layout.js';
import { Pagination } from '../../partials/pagination.js';
import { PostList } from '../../partials/post-summary.js';
import { ProfileBox } from '../../partials/profile-box.js';

export function BlogPage({ blog, posts }: { blog: BlogWithOwners; posts: Page<PostSummary> }) {
  const { i18n } = useView();
  const owner = blog.owners[0];
  return (
    <PageLayout meta={{ title: blog.title, description: blog.description }}>
      <h1>{blog.title}</h1>
      {owner && <ProfileBox person={owner} description={blog.description} />}
      <h2 class="section-heading">{i18n.t('blog.posts')}</h2>
      {posts.total === 0 ? <p>{i18n.t('blog.noPosts')}</p> : <PostList posts={posts.items} showBlog={false} level={3} />}
      <Pagination page={posts.page} pages={posts.pages} basePath={`/${blog.slug}`} />
    </PageLayout>
  );
}
