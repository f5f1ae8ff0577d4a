import type { PostSummary } from '../../posts/post.js';
import { useView } from '../context.js';
import { Byline } from './byline.js';
import { useHideEmails } from './email.js';
import { SummaryImage } from './featured-image.js';

export function PostSummaryItem({
  post,
  showBlog = true,
  level = 2,
  lead = false,
}: {
  post: PostSummary;
  showBlog?: boolean;
  level?: 2 | 3;
  /** The front page's lead story: its image large and fetched at once. */
  lead?: boolean;
}) {
  const { i18n } = useView();
  const hide = useHideEmails();
  const href = `/${post.blog.slug}/${post.slug}`;
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <article class={post.featuredImage ? (lead ? 'summary summary--lead-image' : 'summary summary--thumb') : 'summary'}>
      {post.featuredImage && <SummaryImage image={post.featuredImage} lead={lead} />}
      <Heading class="summary__title">
        <a href={href}>{hide(post.title)}</a>
      </Heading>
      <p class="meta">
        {post.authors.length > 0 && (
          <>
            <Byline authors={post.authors} />
            {' · '}
          </>
        )}
        <time datetime={post.publishedAt.toISOString()}>{i18n.date(post.publishedAt)}</time>
        {showBlog && (
          <>
            {` ${i18n.t('post.inBlog')} `}
            <a href={`/${post.blog.slug}`}>{hide(post.blog.title)}</a>
          </>
        )}
        {post.commentCount > 0 && (
          <>
            {' · '}
            <a href={`${href}#comments`}>{i18n.count('post.commentCount', post.commentCount)}</a>
          </>
        )}
      </p>
      {post.lead && <p class="summary__lead">{hide(post.lead)}</p>}
    </article>
  );
}

export function PostList({
  posts,
  showBlog = true,
  level = 2,
  leadFirst = false,
}: {
  posts: PostSummary[];
  showBlog?: boolean;
  level?: 2 | 3;
  /** The first entry is the front page's lead story. */
  leadFirst?: boolean;
}) {
  const { i18n } = useView();
  if (posts.length === 0) return <p>{i18n.t('list.empty')}</p>;
  return (
    <div class="summaries">
      {posts.map((post, i) => (
        <PostSummaryItem key={post.id} post={post} showBlog={showBlog} level={level} lead={leadFirst && i === 0} />
      ))}
    </div>
  );
}
