import { feedLinks, feedPaths } from '../../../feeds/feed-links.js';
import type { PostSummary, Tag } from '../../../posts/post.js';
import type { Page } from '../../../posts/post.service.js';
import { sharingTags } from '../../../seo/sharing.js';
import { defaultSocialImage } from '../../../settings/identity.js';
import { useView } from '../../context.js';
import { PageLayout } from '../../layouts/page-layout.js';
import { useHideEmails } from '../../partials/email.js';
import { HeadTags } from '../../partials/head-tags.js';
import { FollowForm } from '../../partials/follow-form.js';
import { Pagination } from '../../partials/pagination.js';
import { PostList } from '../../partials/post-summary.js';

export function FrontPage({ posts, topics = [] }: { posts: Page<PostSummary>; topics?: readonly Tag[] }) {
  const { i18n, site, baseUrl } = useView();
  const hide = useHideEmails();
  const path = posts.page > 1 ? `/?page=${posts.page}` : '/';
  const feeds = [
    ...feedLinks(baseUrl, feedPaths.site(), site.title),
    ...feedLinks(baseUrl, feedPaths.siteComments(), `${i18n.t('feed.comments.title')} · ${site.title}`),
  ];
  const sharing = sharingTags({
    type: 'website',
    url: `${baseUrl}${path}`,
    title: site.title,
    description: site.description,
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
    <PageLayout meta={{ title: site.title, canonicalPath: path, head }}>
      <h1 class="front__heading">{i18n.t('front.heading')}</h1>
      {/* The newest post leads the first page, set larger like a front page's main story. */}
      <div class={posts.page === 1 ? 'front front--first' : 'front'}>
        <PostList posts={posts.items} leadFirst={posts.page === 1} />
      </div>
      <Pagination page={posts.page} pages={posts.pages} basePath="/" />
      {topics.length > 0 && (
        <nav class="topics" aria-labelledby="topics-heading">
          <h2 id="topics-heading" class="list-heading">
            {i18n.t('front.topics')}
          </h2>
          <ul>
            {topics.map((tag) => (
              <li key={tag.id}>
                <a href={`/tags/${tag.slug}`}>{hide(tag.name)}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <FollowForm />
    </PageLayout>
  );
}
