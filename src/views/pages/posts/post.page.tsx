import type { ComponentChildren } from 'preact';
import { feedLinks, feedPaths } from '../../../feeds/feed-links.js';
import type { PublicPerson } from '../../../people/person.js';
import { markdownWordsOf, renderMarkdown } from '../../../posts/markdown.js';
import type { InfoBox, PostDetail, RelatedLink } from '../../../posts/post.js';
import type { AdjacentPost } from '../../../posts/post.repository.js';
import { articleTags, blogPostingJsonLd, pageDescription, sharingTags } from '../../../seo/sharing.js';
import { readingMinutes } from '../../../posts/reading-time.js';
import { defaultSocialImage, siteLogo } from '../../../settings/identity.js';
import type { SafeHtml } from '../../../shared/safe-html.js';
import { useView } from '../../context.js';
import { FollowForm } from '../../partials/follow-form.js';
import { JsonLd } from '../../json-ld.js';
import { PageLayout } from '../../layouts/page-layout.js';
import { Byline } from '../../partials/byline.js';
import { Email, useHideEmails } from '../../partials/email.js';
import { FeaturedFigure, FeaturedPreload } from '../../partials/featured-image.js';
import { HeadTags } from '../../partials/head-tags.js';
import { ProfileBox } from '../../partials/profile-box.js';
import { TrustedHtml } from '../../trusted-html.js';

function InfoBoxView({ box, index }: { box: InfoBox; index: number }) {
  const { i18n } = useView();
  const hide = useHideEmails();
  const headingId = `infobox-${index + 1}`;
  return (
    <aside class="infobox" aria-labelledby={headingId}>
      <h2 id={headingId}>{hide(box.heading)}</h2>
      {box.body && <TrustedHtml html={renderMarkdown(box.body, markdownWordsOf(i18n))} class="infobox__body" />}
      <ul class="contacts">
        {box.contacts.map((contact, i) => (
          <li key={i} class="contact">
            <span class="contact__name">
              {contact.personSlug ? <a href={`/authors/${contact.personSlug}`}>{hide(contact.name)}</a> : hide(contact.name)}
            </span>
            {contact.role && <span class="contact__role">, {hide(contact.role)}</span>}
            {(contact.phone || contact.email) && (
              <span class="contact__ways">
                {contact.phone && (
                  <>
                    {i18n.t('post.phone')}: <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>{contact.phone}</a>
                  </>
                )}
                {contact.phone && contact.email && ', '}
                {contact.email && <Email address={contact.email} />}
              </span>
            )}
          </li>
        ))}
      </ul>
    </aside>
  );
}

function RelatedLinks({ links }: { links: RelatedLink[] }) {
  const { i18n } = useView();
  const hide = useHideEmails();
  return (
    <section class="related" aria-labelledby="related-heading">
      <h2 id="related-heading">{i18n.t('post.related')}</h2>
      <ul>
        {links.map((link, i) => (
          <li key={i}>
            <a href={link.url}>{hide(link.title)}</a>
            {link.description && <p>{hide(link.description)}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Feed autodiscovery, OpenGraph and Twitter card tags, and the BlogPosting structured data. */
function PostHead({ post }: { post: PostDetail }) {
  const { i18n, site, baseUrl } = useView();
  const atWord = i18n.t('email.at');
  const url = `${baseUrl}/${post.blog.slug}/${post.slug}`;
  const blogUrl = `${baseUrl}/${post.blog.slug}`;
  const published = post.publishedAt!;
  // A scheduled post is published after its last edit.
  const modified = post.updatedAt > published ? post.updatedAt : published;
  const authorUrl = (slug: string) => `${baseUrl}/authors/${slug}`;
  const feeds = [
    ...feedLinks(baseUrl, feedPaths.postComments(post.blog.slug, post.slug), i18n.t('feed.postComments.title', { title: post.title })),
    ...feedLinks(baseUrl, feedPaths.blog(post.blog.slug), post.blog.title),
  ];
  const image = post.featuredImage && {
    url: `${baseUrl}${post.featuredImage.share.url}`,
    width: post.featuredImage.share.width,
    height: post.featuredImage.share.height,
    alt: post.featuredImage.alt,
  };
  const sharing = [
    ...sharingTags({
      type: 'article',
      url,
      title: post.title,
      description: post.lead,
      siteName: site.title,
      language: i18n.lang,
      atWord,
      image: image || defaultSocialImage(site, baseUrl),
    }),
    ...articleTags({
      atWord,
      publishedAt: published,
      modifiedAt: modified,
      section: post.blog.title,
      authorUrls: post.authors.map((a) => authorUrl(a.person.slug)),
      tags: post.tags.map((t) => t.name),
    }),
  ];
  const structured = blogPostingJsonLd({
    url,
    title: post.title,
    description: post.lead,
    publishedAt: published,
    modifiedAt: modified,
    authors: post.authors.map(({ person }) => ({
      name: person.name,
      url: authorUrl(person.slug),
      jobTitle: person.jobTitle,
      organisation: person.organisation,
    })),
    publisher: { name: site.title, url: `${baseUrl}/`, logo: siteLogo(site, baseUrl) },
    blog: { name: post.blog.title, url: blogUrl },
    tags: post.tags.map((t) => t.name),
    language: post.language ?? i18n.lang,
    commentCount: post.commentCount,
    atWord,
    ...(image ? { image } : {}),
  });
  return (
    <>
      {post.featuredImage && <FeaturedPreload image={post.featuredImage} />}
      <HeadTags feeds={feeds} meta={sharing} />
      <JsonLd data={structured} />
    </>
  );
}

/** The post's comment count in its byline: its own component, as a kept page's count is rendered again alone (post-page.tsx). */
export function CommentCountLink({ count }: { count: number }) {
  const { i18n } = useView();
  return (
    <a class="comment-count" href="#comments">
      {i18n.count('post.commentCount', count)}
    </a>
  );
}

export interface PostArticleModel {
  post: PostDetail;
  bodyHtml: SafeHtml;
}

/**
 * What the post's <article> holds: the part of the page made from the post alone, which the post
 * route may render once for many readers (and put in PostPage's article, see its `article`).
 */
export function PostArticle({ model }: { model: PostArticleModel }) {
  const { i18n } = useView();
  const hide = useHideEmails();
  const { post } = model;
  const published = post.publishedAt!;
  const wasUpdated = post.updatedAt.getTime() - published.getTime() > 24 * 3600 * 1000;
  // The site's words around the post (byline, dates, tags) stay in the site's language; what the
  // post's author wrote carries the post's own, so readers and screen readers pronounce it right.
  const lang = post.language ?? undefined;
  return (
    <>
      <header class="post__header">
        <p class="post__blog">
          <a href={`/${post.blog.slug}`}>{hide(post.blog.title)}</a>
        </p>
        <h1 lang={lang}>{hide(post.title)}</h1>
        <p class="meta">
          <Byline authors={post.authors} photos />
          <br />
          {i18n.t('post.published')} <time datetime={published.toISOString()}>{i18n.date(published)}</time>
          {wasUpdated && (
            <>
              {' · '}
              {i18n.t('post.updated')} <time datetime={post.updatedAt.toISOString()}>{i18n.date(post.updatedAt)}</time>
            </>
          )}
          {' · '}
          <span class="reading-time">{i18n.count('post.readingTime', readingMinutes(post.lead, post.body))}</span>
          {(post.commentsOpen || post.commentCount > 0) && (
            <>
              {' · '}
              <CommentCountLink count={post.commentCount} />
            </>
          )}
        </p>
        {post.featuredImage && <FeaturedFigure image={post.featuredImage} />}
      </header>
      {post.lead && (
        <p class="lead" lang={lang}>
          {hide(post.lead)}
        </p>
      )}
      <TrustedHtml html={model.bodyHtml} class="post__body" lang={lang} />
      {post.infoBoxes.map((box, i) => (
        <InfoBoxView key={i} box={box} index={i} />
      ))}
      {post.relatedLinks.length > 0 && <RelatedLinks links={post.relatedLinks} />}
      {post.tags.length > 0 && (
        <p class="tags">
          {i18n.t('post.tags')}:{' '}
          {post.tags.map((tag, i) => (
            <>
              {i > 0 && ', '}
              <a key={tag.id} href={`/tags/${tag.slug}`} rel="tag">
                {hide(tag.name)}
              </a>
            </>
          ))}
        </p>
      )}
    </>
  );
}

export interface PostPageModel {
  post: PostDetail;
  owner?: PublicPerson;
  blogDescription: string;
  previous?: AdjacentPost;
  next?: AdjacentPost;
}

export function PostPage({
  model,
  article,
  comments,
  banner,
}: {
  model: PostPageModel;
  /** What the post's <article> holds (PostArticle), rendered. */
  article: SafeHtml;
  comments?: ComponentChildren;
  /** Above the post: the "not published" notice of a preview. */
  banner?: ComponentChildren;
}) {
  const { i18n } = useView();
  const hide = useHideEmails();
  const { post, previous, next } = model;
  return (
    <PageLayout meta={{ title: post.title, description: pageDescription(post.lead, i18n.t('email.at')), head: <PostHead post={post} /> }}>
      {banner}
      <TrustedHtml as="article" class="post" html={article} />
      {/* The blog owner's box belongs to the post, as on the model page; the offer to follow comes after it. */}
      {model.owner && <ProfileBox person={model.owner} description={model.blogDescription} />}
      <FollowForm blog={post.blog} authors={post.authors.map((a) => a.person)} tags={post.tags} />
      {comments}
      {(previous || next) && (
        <nav class="adjacent" aria-label={i18n.t('post.navigation')}>
          {previous && (
            <a href={`/${post.blog.slug}/${previous.slug}`} rel="prev">
              <span>{i18n.t('post.previous')}</span> {hide(previous.title)}
            </a>
          )}
          {next && (
            <a href={`/${post.blog.slug}/${next.slug}`} rel="next">
              <span>{i18n.t('post.next')}</span> {hide(next.title)}
            </a>
          )}
        </nav>
      )}
    </PageLayout>
  );
}
