import { feedLinks, feedPaths } from '../../../feeds/feed-links.js';
import type { PublicPerson } from '../../../people/person.js';
import type { PostSummary } from '../../../posts/post.js';
import type { Page } from '../../../posts/post.service.js';
import { pageDescription, sharingTags } from '../../../seo/sharing.js';
import { useView } from '../../context.js';
import { PageLayout } from '../../layouts/page-layout.js';
import { useHideEmails } from '../../partials/email.js';
import { HeadTags } from '../../partials/head-tags.js';
import { Avatar } from '../../partials/avatar.js';
import { FollowForm } from '../../partials/follow-form.js';
import { Pagination } from '../../partials/pagination.js';
import { PostList } from '../../partials/post-summary.js';

export function AuthorPage({ person, posts }: { person: PublicPerson; posts: Page<PostSummary> }) {
  const { i18n, site, baseUrl } = useView();
  const hide = useHideEmails();
  const name = hide(person.name);
  const role = [person.jobTitle, person.organisation].filter(Boolean).join(', ');
  const basePath = `/authors/${person.slug}`;
  const path = posts.page > 1 ? `${basePath}?page=${posts.page}` : basePath;
  const feeds = feedLinks(baseUrl, feedPaths.author(person.slug), i18n.t('author.posts', { name: person.name }));
  const sharing = sharingTags({
    type: 'profile',
    url: `${baseUrl}${path}`,
    title: person.name,
    description: person.bio || role,
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
    <PageLayout
      meta={{ title: person.name, description: pageDescription(person.bio || role, i18n.t('email.at')), canonicalPath: path, head }}
    >
      <header class="profile profile--page">
        <Avatar person={person} />
        <div>
          <h1 class="profile__name">{name}</h1>
          {role && <p class="profile__title">{hide(role)}</p>}
          {person.bio && <p>{hide(person.bio)}</p>}
        </div>
      </header>
      <h2 class="list-heading">{i18n.t('author.posts', { name })}</h2>
      {posts.total === 0 ? <p>{i18n.t('author.noPosts', { name })}</p> : <PostList posts={posts.items} level={3} />}
      <Pagination page={posts.page} pages={posts.pages} basePath={basePath} />
      <FollowForm authors={[person]} />
    </PageLayout>
  );
}
