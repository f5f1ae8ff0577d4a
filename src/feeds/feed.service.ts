/**
 * Builds the feed models (site, blog, author, tag, and the comment feeds) from the other modules'
 * services. Only published posts and approved, unerased comments; no e-mail address in any form
 * a harvester can read.
 */
import { getBlogBySlug } from '../blogs/blog.service.js';
import { listLatestComments, type FeedComment } from '../comments/comment.service.js';
import { notFound } from '../errors.js';
import { translator, type Translator } from '../i18n/i18n.js';
import { getPersonBySlug } from '../people/person.service.js';
import { markdownWordsOf, renderMarkdown } from '../posts/markdown.js';
import { bylineTitle } from '../posts/post.js';
import { COMMENT_LIST_TAG, feedTags, POST_LIST_TAG, postTag, postTitleTag } from '../posts/post-tags.js';
import { findTag, getPublishedPost, listLatestPublishedPosts, type PublishedPostContent } from '../posts/post.service.js';
import type { SiteSettings } from '../settings/settings.js';
import { getSiteSettings } from '../settings/settings.service.js';
import { siteIcons, siteLogo } from '../settings/identity.js';
import type { Db } from '../storage/db.js';
import { Lru } from '../shared/lru.js';
import { hideEmails } from '../shared/email-obfuscation.js';
import { escapeHtml } from '../shared/escape-html.js';
import { absoluteLinks, newestUpdate, type Feed, type FeedItem, type FeedPerson } from './feed.js';
import { feedPaths, feedUrls } from './feed-links.js';
import { findFeedVersion, recordFeedVersion } from './feed.repository.js';

/** Items per feed. */
export const FEED_SIZE = 20;

export interface FeedResult {
  feed: Feed;
  /** What the feed shows, as the database's change tags (src/posts/post-tags.ts), for the page cache. */
  tags: string[];
}

interface Context {
  baseUrl: string;
  site: SiteSettings;
  i18n: Translator;
  atWord: string;
  text: (value: string) => string;
}

async function contextFor(db: Db, baseUrl: string): Promise<Context> {
  const site = await getSiteSettings(db);
  const i18n = translator(site.language, site.timeZone);
  const atWord = i18n.t('email.at');
  return { baseUrl, site, i18n, atWord, text: (value) => hideEmails(value, atWord) };
}

const latest = (...dates: (Date | undefined)[]) => {
  const times = dates.filter((d): d is Date => d !== undefined).map((d) => d.getTime());
  return times.length ? new Date(Math.max(...times)) : undefined;
};

/** The post's info boxes and related links after its body, as on its page; e-mail addresses only in readable form. */
function extrasHtml(ctx: Context, post: PublishedPostContent): string {
  const html: string[] = [];
  const text = (value: string) => escapeHtml(ctx.text(value));
  for (const box of post.infoBoxes) {
    html.push(`<aside class="infobox">\n<h2>${text(box.heading)}</h2>\n`);
    if (box.body) html.push(String(renderMarkdown(box.body, markdownWordsOf(ctx.i18n))));
    if (box.contacts.length) {
      html.push('<ul>\n');
      for (const c of box.contacts) {
        const ways = [
          c.phone ? `${escapeHtml(ctx.i18n.t('post.phone'))}: ${escapeHtml(c.phone)}` : '',
          c.email ? escapeHtml(hideEmails(c.email, ctx.atWord)) : '',
        ].filter(Boolean);
        html.push(`<li>${text(c.name)}${c.role ? `, ${text(c.role)}` : ''}${ways.length ? ` (${ways.join(', ')})` : ''}</li>\n`);
      }
      html.push('</ul>\n');
    }
    html.push('</aside>\n');
  }
  if (post.relatedLinks.length) {
    html.push(`<h2>${escapeHtml(ctx.i18n.t('post.related'))}</h2>\n<ul>\n`);
    for (const link of post.relatedLinks) {
      html.push(
        `<li><a href="${escapeHtml(link.url)}">${text(link.title)}</a>${link.description ? ` – ${text(link.description)}` : ''}</li>\n`,
      );
    }
    html.push('</ul>\n');
  }
  return html.join('');
}

// Items by kind and id, with what each was made from (see keptItem); the writers keep their entries under its key.
const items = new Lru<string, { settings: string; source: unknown; item: FeedItem }>(1000);
let lastSerial = 0;

/**
 * The item for `source` (a post or comment as read, with its authors, tags and links), made once
 * while it and the site's address, language and time zone stay the same: the kept item is used
 * only when the source read now equals, value by value, the one it was made from. Comparing costs
 * less than the digest of the whole source it replaces (its JSON and SHA-1 were a tenth of a feed).
 * Each item made gets a key of its own, by which its written entry and runs of entries are kept.
 */
function keptItem<T extends { id: string }>(ctx: Context, kind: string, source: T, make: (ctx: Context, source: T) => FeedItem): FeedItem {
  const settings = JSON.stringify([ctx.baseUrl, ctx.site.language, ctx.site.timeZone, ctx.atWord]);
  const id = `${kind}:${source.id}`;
  const kept = items.get(id);
  if (kept && kept.settings === settings && sameValue(kept.source, source)) return kept.item;
  const item = { ...make(ctx, source), key: `${kind}:${++lastSerial}` };
  // The source as read for this request: nothing changes it after, so it stands for what the item shows.
  items.set(id, { settings, source, item });
  return item;
}

/** Whether two values read from the database are the same: plain objects, arrays, dates and primitives. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  const prototype: unknown = Object.getPrototypeOf(a);
  // Anything but plain objects and arrays (a Map, a Buffer) may hold what its own keys do not show: never the same.
  if (prototype !== Object.getPrototypeOf(b) || (prototype !== Object.prototype && prototype !== Array.prototype && prototype !== null))
    return false;
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return keysA.every((key) => Object.hasOwn(y, key) && sameValue(x[key], y[key]));
}

function postItem(ctx: Context, post: PublishedPostContent): FeedItem {
  const url = `${ctx.baseUrl}/${post.blog.slug}/${post.slug}`;
  const lead = ctx.text(post.lead);
  const body = `${renderMarkdown(post.body, markdownWordsOf(ctx.i18n))}${extrasHtml(ctx, post)}`;
  const image = post.featuredImage;
  // The featured image leads the content too, as on the post page, for readers that ignore enclosures.
  const figure = image
    ? `<figure><img src="${escapeHtml(image.src)}" alt="${escapeHtml(ctx.text(image.alt))}" width="${image.width}" height="${image.height}">${
        image.caption || image.credit
          ? `<figcaption>${escapeHtml(ctx.text([image.caption, image.credit].filter(Boolean).join(' · ')))}</figcaption>`
          : ''
      }</figure>\n`
    : '';
  return {
    id: `urn:uuid:${post.id}`,
    url,
    title: ctx.text(post.title),
    ...(lead ? { summary: lead } : {}),
    contentHtml: absoluteLinks(`${figure}${lead ? `<p>${escapeHtml(lead)}</p>\n` : ''}${body}`, ctx.baseUrl, url),
    published: post.publishedAt,
    // A scheduled post is published after its last edit; its feed date must not be older than that.
    updated: post.updatedAt > post.publishedAt ? post.updatedAt : post.publishedAt,
    // A guest's title and organisation (or the post's note) go with the name, as in the byline.
    authors: post.authors.map(({ person, bylineNote }) => {
      const title = bylineTitle(bylineNote, person);
      return { name: ctx.text(title ? `${person.name}, ${title}` : person.name), url: `${ctx.baseUrl}/authors/${person.slug}` };
    }),
    categories: post.tags.map((tag) => ({ term: tag.slug, label: ctx.text(tag.name), scheme: `${ctx.baseUrl}/tags/` })),
    commentsUrl: `${url}#comments`,
    ...(image
      ? {
          image: {
            url: `${ctx.baseUrl}${image.share.url}`,
            alt: ctx.text(image.alt),
            file: { url: `${ctx.baseUrl}${image.original.url}`, contentType: image.original.contentType, bytes: image.original.bytes },
          },
        }
      : {}),
  };
}

function commentItem(ctx: Context, comment: FeedComment): FeedItem {
  const url = `${ctx.baseUrl}${comment.path}`;
  const name = ctx.text(comment.authorName.trim()) || ctx.i18n.t('feed.comment.anonymous');
  return {
    id: `urn:uuid:${comment.id}`,
    url,
    title: ctx.i18n.t('feed.comment.title', { name, title: ctx.text(comment.post.title) }),
    contentHtml: absoluteLinks(comment.bodyHtml, ctx.baseUrl, url),
    published: comment.createdAt,
    updated: comment.updatedAt > comment.createdAt ? comment.updatedAt : comment.createdAt,
    authors: [{ name }],
    categories: [],
  };
}

function feedOf(
  ctx: Context,
  parts: {
    path: string;
    title: string;
    description: string;
    homePath: string;
    items: FeedItem[];
    /** The feed's date while it lists nothing; from what its tags cover. The epoch when unset. */
    emptyUpdated?: Date;
    authors?: FeedPerson[];
    tags: string[];
  },
): FeedResult {
  const urls = feedUrls(ctx.baseUrl, parts.path);
  const feed: Feed = {
    // The Atom address is the feed's id: readers that keep ids need only it to stay put.
    id: urls.atom,
    title: ctx.text(parts.title),
    description: ctx.text(parts.description),
    language: ctx.site.language,
    homeUrl: `${ctx.baseUrl}${parts.homePath}`,
    feedUrls: urls,
    // Only what the feed shows decides its date: the page cache keeps it until that changes.
    updated: newestUpdate(parts.items, parts.emptyUpdated ?? new Date(0)),
    ...(parts.authors ? { authors: parts.authors } : {}),
    publisher: { name: ctx.text(ctx.site.title), url: `${ctx.baseUrl}/` },
    ...identityOfFeed(ctx.site, ctx.baseUrl),
    items: parts.items,
  };
  return { feed, tags: parts.tags };
}

/** The site's icons and logo as a feed names them, absolute; nothing where the site has none of its own. */
function identityOfFeed(site: SiteSettings, baseUrl: string): Pick<Feed, 'icons' | 'logo'> {
  const icons = siteIcons(site);
  const logo = siteLogo(site, baseUrl);
  return {
    ...(icons ? { icons: { small: `${baseUrl}${icons.png192}`, large: `${baseUrl}${icons.png512}` } } : {}),
    ...(logo ? { logo: logo.url } : {}),
  };
}

type PostFilter = Parameters<typeof listLatestPublishedPosts>[1];

const withSite = (ctx: Context, title: string) => `${title} · ${ctx.site.title}`;

async function postFeed(
  db: Db,
  ctx: Context,
  filter: PostFilter,
  parts: { path: string; title: string; description: string; homePath: string; authors?: FeedPerson[] },
): Promise<FeedResult> {
  const posts = await listLatestPublishedPosts(db, filter, FEED_SIZE);
  return feedOf(ctx, { ...parts, items: posts.map((post) => keptItem(ctx, 'post', post, postItem)), tags: feedTags(posts) });
}

export async function getSiteFeed(db: Db, baseUrl: string): Promise<FeedResult> {
  const ctx = await contextFor(db, baseUrl);
  return postFeed(db, ctx, {}, { path: feedPaths.site(), title: ctx.site.title, description: ctx.site.description, homePath: '/' });
}

/** Throws not-found for an unknown blog. */
export async function getBlogFeed(db: Db, baseUrl: string, blogSlug: string): Promise<FeedResult> {
  const [ctx, blog] = await Promise.all([contextFor(db, baseUrl), getBlogBySlug(db, blogSlug)]);
  return postFeed(
    db,
    ctx,
    { blogId: blog.id },
    {
      path: feedPaths.blog(blog.slug),
      title: withSite(ctx, blog.title),
      description: blog.description,
      homePath: `/${blog.slug}`,
    },
  );
}

/** Throws not-found for an unknown person. */
export async function getAuthorFeed(db: Db, baseUrl: string, personSlug: string): Promise<FeedResult> {
  const [ctx, person] = await Promise.all([contextFor(db, baseUrl), getPersonBySlug(db, personSlug)]);
  const homePath = `/authors/${person.slug}`;
  return postFeed(
    db,
    ctx,
    { personId: person.id },
    {
      path: feedPaths.author(person.slug),
      title: withSite(ctx, ctx.i18n.t('author.posts', { name: person.name })),
      description: person.bio || [person.jobTitle, person.organisation].filter(Boolean).join(', '),
      homePath,
      authors: [{ name: ctx.text(person.name), url: `${baseUrl}${homePath}` }],
    },
  );
}

/** Throws not-found for an unknown tag. */
export async function getTagFeed(db: Db, baseUrl: string, tagSlug: string): Promise<FeedResult> {
  const [ctx, tag] = await Promise.all([contextFor(db, baseUrl), findTag(db, tagSlug)]);
  if (!tag) throw notFound('Tag');
  return postFeed(
    db,
    ctx,
    { tagId: tag.id },
    {
      path: feedPaths.tag(tag.slug),
      title: withSite(ctx, ctx.i18n.t('tag.heading', { name: tag.name })),
      description: '',
      homePath: `/tags/${tag.slug}`,
    },
  );
}

async function commentFeed(
  db: Db,
  ctx: Context,
  postId: string | undefined,
  parts: { path: string; title: string; homePath: string; tags: string[]; emptyUpdated?: Date },
): Promise<FeedResult> {
  const comments = await listLatestComments(db, {
    ...(postId ? { postId } : {}),
    limit: FEED_SIZE,
    perPage: ctx.site.commentsPerPage,
    atWord: ctx.atWord,
  });
  return feedOf(ctx, {
    ...parts,
    description: '',
    items: comments.map((c) => keptItem(ctx, 'comment', c, commentItem)),
    // Each item's title names its post.
    tags: [...parts.tags, ...comments.map((c) => postTitleTag(c.post.id))],
  });
}

export async function getSiteCommentsFeed(db: Db, baseUrl: string): Promise<FeedResult> {
  const ctx = await contextFor(db, baseUrl);
  return commentFeed(db, ctx, undefined, {
    path: feedPaths.siteComments(),
    title: withSite(ctx, ctx.i18n.t('feed.comments.title')),
    homePath: '/',
    // Which posts are published decides whose comments are listed.
    tags: [COMMENT_LIST_TAG, POST_LIST_TAG],
  });
}

/** Throws not-found for an unknown or unpublished post, gone for a deleted one. */
export async function getPostCommentsFeed(db: Db, baseUrl: string, blogSlug: string, postSlug: string): Promise<FeedResult> {
  const [ctx, blog] = await Promise.all([contextFor(db, baseUrl), getBlogBySlug(db, blogSlug)]);
  const { post } = await getPublishedPost(db, blog, postSlug);
  return commentFeed(db, ctx, post.id, {
    path: feedPaths.postComments(blog.slug, post.slug),
    title: withSite(ctx, ctx.i18n.t('feed.postComments.title', { title: post.title })),
    homePath: `/${blog.slug}/${post.slug}`,
    // The post's own tag names its approved comments too.
    tags: [postTag(post.id)],
    ...(post.publishedAt ? { emptyUpdated: latest(post.publishedAt, post.updatedAt)! } : {}),
  });
}

/**
 * The feed's Last-Modified: since when `etag` has been the body at `path`, the same for a kept or a
 * fresh answer and on every instance. A new body dates from its newest item (`updated`), and always
 * a second after the body before it, so a reader whose copy is older (If-Modified-Since) gets the
 * new one, a post that left the feed included. A body with nothing dated dates from now.
 */
export async function feedLastModified(db: Db, path: string, etag: string, updated: Date, now = new Date()): Promise<Date> {
  const kept = await findFeedVersion(db, path);
  if (kept?.etag === etag) return kept.since;
  const after = kept ? kept.since.getTime() + 1000 : 0;
  const since = new Date(Math.max(updated.getTime(), after) || now.getTime());
  await recordFeedVersion(db, path, etag, since);
  return since;
}
