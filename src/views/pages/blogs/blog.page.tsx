import type { BlogWithOwners } from '../../../blogs/blog.js';
import { feedLinks, feedPaths } from '../../../feeds/feed-links.js';
import type { PostSummary } from '../../../posts/post.js';
import type { Page } from '../../../posts/post.service.js';
import { pageDescription, sharingTags } from '../../../seo/sharing.js';
import { defaultSocialImage } from '../../../settings/identity.js';
import { useView } from '../../context.js';
import { PageLayout } from '../../layouts/page-layout.js';
import { useHideEmails } from '../../partials/email.js';
import { HeadTags } from '../../partials/head-tags.js';
import { FollowForm } from '../../partials/follow-form.js';
import { Pagination } from '../../partials/pagination.js';
import { PostList } from '../../partials/post-summary.js';
import { ProfileBox } from '../../partials/profile-box.js';

export function BlogPage({ blog, posts }: { blog: BlogWithOwners; posts: Page<PostSummary> }) {
  const { i18n, site, baseUrl } = useView();
  const hide = useHideEmails();
  const owner = blog.owners[0];
  const path = posts.page > 1 ? `/${blog.slug}?page=${posts.page}` : `/${blog.slug}`;
  const feeds = feedLinks(baseUrl, feedPaths.blog(blog.slug), blog.title);
  const sharing = sharingTags({
    type: 'website',
    url: `${baseUrl}${path}`,
    title: blog.title,
    description: blog.description,
    siteName: site.title,
    language: i18n.lang,
    atWord: i18n.t('email.at'),
    image: defaultSocialImage(site, baseUrl),
  });
  const head = (
    <>
      <HeadTags feeds={feeds} meta={sharing} />
    </>
  );
  return (
    <PageLayout meta={{ title: blog.title, description: pageDescription(blog.description, i18n.t('email.at')), canonicalPath: path, head }}>
      <h1>{hide(blog.title)}</h1>
      {owner && <ProfileBox person={owner} description={blog.description} />}
      <h2 class="list-heading">{i18n.t('blog.posts')}</h2>
      {posts.total === 0 ? <p>{i18n.t('blog.noPosts')}</p> : <PostList posts={posts.items} showBlog={false} level={3} />}
      <Pagination page={posts.page} pages={posts.pages} basePath={`/${blog.slug}`} />
      <FollowForm blog={blog} />
    </PageLayout>
  );
}
