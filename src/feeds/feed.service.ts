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
import type { Keeping } from '../storage/content-version.js';
import { NOT_KEPT } from '../storage/kept-read.js';
import { keptRead } from './kept-feed.js';

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
  /** What every item is made under besides its source (see keptItem). */
  itemSettings: string;
}

function contextFor(site: SiteSettings, baseUrl: string): Context {
  const i18n = translator(site.language, site.timeZone);
  const atWord = i18n.t('email.at');
  const itemSettings = JSON.stringify([baseUrl, site.language, site.timeZone, atWord]);
  return { baseUrl, site, i18n, atWord, text: (value) => hideEmails(value, atWord), itemSettings };
}

/** The word for "at" that hides e-mail addresses in the site's language. */
const atWordOf = (site: SiteSettings) => translator(site.language, site.timeZone).t('email.at');

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
  const settings = ctx.itemSettings;
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

interface PostFeedRead<T> {
  site: SiteSettings;
  own: T;
  posts: readonly PublishedPostContent[];
  tags: string[];
}

/**
 * What a feed of posts is made from: the settings, what `readOwn` reads (the blog, person or tag the
 * feed is of) and the latest posts `filterOf` it picks, kept under `key` (see keptRead) while none of
 * the posts listed nor which posts are listed changes, nor (the `site` tag) settings, blogs, people or tags.
 */
async function readPostFeed<T extends object>(
  db: Db,
  keeping: Keeping,
  key: string,
  readOwn: () => Promise<T>,
  filterOf: (own: T) => PostFilter,
): Promise<PostFeedRead<T>> {
  const { value, tags } = await keptRead(db, keeping, key, async () => {
    const [site, own] = await Promise.all([getSiteSettings(db), readOwn()]);
    const posts = await listLatestPublishedPosts(db, filterOf(own), FEED_SIZE);
    return { value: { site, own, posts }, tags: feedTags(posts) };
  });
  return { site: value.site, own: value.own, posts: value.posts, tags: [...tags] };
}

function postFeed(
  ctx: Context,
  { posts, tags }: PostFeedRead<unknown>,
  parts: { path: string; title: string; description: string; homePath: string; authors?: FeedPerson[] },
): FeedResult {
  return feedOf(ctx, { ...parts, items: posts.map((post) => keptItem(ctx, 'post', post, postItem)), tags });
}

export async function getSiteFeed(db: Db, baseUrl: string, keeping: Keeping = NOT_KEPT): Promise<FeedResult> {
  const read = await readPostFeed(
    db,
    keeping,
    'site',
    async () => ({}),
    () => ({}),
  );
  const ctx = contextFor(read.site, baseUrl);
  return postFeed(ctx, read, { path: feedPaths.site(), title: ctx.site.title, description: ctx.site.description, homePath: '/' });
}

/** Throws not-found for an unknown blog. */
export async function getBlogFeed(db: Db, baseUrl: string, blogSlug: string, keeping: Keeping = NOT_KEPT): Promise<FeedResult> {
  const read = await readPostFeed(
    db,
    keeping,
    `blog\u0000${blogSlug}`,
    () => getBlogBySlug(db, blogSlug),
    (blog) => ({ blogId: blog.id }),
  );
  const blog = read.own;
  const ctx = contextFor(read.site, baseUrl);
  return postFeed(ctx, read, {
    path: feedPaths.blog(blog.slug),
    title: withSite(ctx, blog.title),
    description: blog.description,
    homePath: `/${blog.slug}`,
  });
}

/** Throws not-found for an unknown person. */
export async function getAuthorFeed(db: Db, baseUrl: string, personSlug: string, keeping: Keeping = NOT_KEPT): Promise<FeedResult> {
  const read = await readPostFeed(
    db,
    keeping,
    `author\u0000${personSlug}`,
    () => getPersonBySlug(db, personSlug),
    (person) => ({ personId: person.id }),
  );
  const person = read.own;
  const ctx = contextFor(read.site, baseUrl);
  const homePath = `/authors/${person.slug}`;
  return postFeed(ctx, read, {
    path: feedPaths.author(person.slug),
    title: withSite(ctx, ctx.i18n.t('author.posts', { name: person.name })),
    description: person.bio || [person.jobTitle, person.organisation].filter(Boolean).join(', '),
    homePath,
    authors: [{ name: ctx.text(person.name), url: `${baseUrl}${homePath}` }],
  });
}

/** Throws not-found for an unknown tag. */
export async function getTagFeed(db: Db, baseUrl: string, tagSlug: string, keeping: Keeping = NOT_KEPT): Promise<FeedResult> {
  const read = await readPostFeed(
    db,
    keeping,
    `tag\u0000${tagSlug}`,
    async () => {
      const tag = await findTag(db, tagSlug);
      if (!tag) throw notFound('Tag');
      return tag;
    },
    (tag) => ({ tagId: tag.id }),
  );
  const tag = read.own;
  const ctx = contextFor(read.site, baseUrl);
  return postFeed(ctx, read, {
    path: feedPaths.tag(tag.slug),
    title: withSite(ctx, ctx.i18n.t('tag.heading', { name: tag.name })),
    description: '',
    homePath: `/tags/${tag.slug}`,
  });
}

function commentFeed(
  ctx: Context,
  comments: readonly FeedComment[],
  parts: { path: string; title: string; homePath: string; tags: string[]; emptyUpdated?: Date },
): FeedResult {
  return feedOf(ctx, { ...parts, description: '', items: comments.map((c) => keptItem(ctx, 'comment', c, commentItem)) });
}

/** The comments a feed lists, read as the settings say (their pages, the word hiding e-mail addresses). */
const readComments = (db: Db, site: SiteSettings, postId?: string) =>
  listLatestComments(db, { ...(postId ? { postId } : {}), limit: FEED_SIZE, perPage: site.commentsPerPage, atWord: atWordOf(site) });

// Each item's title names its post.
const commentTags = (comments: readonly FeedComment[]) => comments.map((c) => postTitleTag(c.post.id));

export async function getSiteCommentsFeed(db: Db, baseUrl: string, keeping: Keeping = NOT_KEPT): Promise<FeedResult> {
  const { value, tags } = await keptRead(db, keeping, 'comments', async () => {
    const site = await getSiteSettings(db);
    const comments = await readComments(db, site);
    // Which posts are published decides whose comments are listed.
    return { value: { site, comments }, tags: [COMMENT_LIST_TAG, POST_LIST_TAG, ...commentTags(comments)] };
  });
  const ctx = contextFor(value.site, baseUrl);
  return commentFeed(ctx, value.comments, {
    path: feedPaths.siteComments(),
    title: withSite(ctx, ctx.i18n.t('feed.comments.title')),
    homePath: '/',
    tags: [...tags],
  });
}

/** Throws not-found for an unknown or unpublished post, gone for a deleted one. */
export async function getPostCommentsFeed(
  db: Db,
  baseUrl: string,
  blogSlug: string,
  postSlug: string,
  keeping: Keeping = NOT_KEPT,
): Promise<FeedResult> {
  const { value, tags } = await keptRead(db, keeping, `post-comments\u0000${blogSlug}\u0000${postSlug}`, async () => {
    const [site, blog] = await Promise.all([getSiteSettings(db), getBlogBySlug(db, blogSlug)]);
    const { post: view } = await getPublishedPost(db, blog, postSlug);
    const comments = await readComments(db, site, view.id);
    const post = { id: view.id, slug: view.slug, title: view.title, publishedAt: view.publishedAt, updatedAt: view.updatedAt };
    // The post's own tag names its approved comments too, and any change to the post's row.
    return { value: { site, blog: { slug: blog.slug }, post, comments }, tags: [postTag(post.id), ...commentTags(comments)] };
  });
  const { blog, post } = value;
  const ctx = contextFor(value.site, baseUrl);
  return commentFeed(ctx, value.comments, {
    path: feedPaths.postComments(blog.slug, post.slug),
    title: withSite(ctx, ctx.i18n.t('feed.postComments.title', { title: post.title })),
    homePath: `/${blog.slug}/${post.slug}`,
    tags: [...tags],
    ...(post.publishedAt ? { emptyUpdated: latest(post.publishedAt, post.updatedAt)! } : {}),
  });
}
