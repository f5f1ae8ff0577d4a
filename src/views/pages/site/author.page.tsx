import type { PublicPerson } from '../../../people/person.js';
import type { PostSummary } from '../../../posts/post.js';
import type { Page } from '../../../posts/post.service.js';
import { useView } from '../../context.js';
import { PageLayout } from '../../layouts/page-layout.js';
import { Avatar } from '../../partials/avatar.js';
import { Pagination } from '../../partials/pagination.js';
import { PostList } from '../../partials/post-summary.js';

export function AuthorPage({ person, posts }: { person: PublicPerson; posts: Page<PostSummary> }) {
  const { i18n } = useView();
  const role = [person.jobTitle, person.organisation].filter(Boolean).join(', ');
  return (
    <PageLayout meta={{ title: person.name, description: person.bio || role }}>
      <header class="profile profile--page">
        <Avatar person={person} />
        <div>
          <h1 class="profile__name">{person.name}</h1>
          {role && <p class="profile__title">{role}</p>}
          {person.bio && <p>{person.bio}</p>}
        </div>
      </header>
      <h2>{i18n.t('author.posts', { name: person.name })}</h2>
      {posts.total === 0 ? <p>{i18n.t('author.noPosts', { name: person.name })}</p> : <PostList posts={posts.items} level={3} />}
      <Pagination page={posts.page} pages={posts.pages} basePath={`/authors/${person.slug}`} />
    </PageLayout>
  );
}
