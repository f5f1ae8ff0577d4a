import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { getBlogBySlug, listBlogs } from '../blogs/blog.service.js';
import type { Blog, BlogWithOwners } from '../blogs/blog.js';
import type { SiteSettings } from '../settings/settings.js';
import { SITE_TAG, type ContentVersion, type Keeping } from '../storage/content-version.js';
import { notFound } from '../errors.js';
import { translator } from '../i18n/i18n.js';
import { DEFAULT_SETTINGS } from '../settings/settings.js';
import { getSiteSettings } from '../settings/settings.service.js';
import type { Db } from '../storage/db.js';
import type { ViewContext } from '../views/context.js';
import { renderDocument } from '../views/render.js';
import type { PageSplices } from '../views/splices.js';
import type { Assets } from './assets.js';

export interface PageDeps {
  db: Db;
  baseUrl: string;
  assets: Assets;
  /** Signs question tokens and the own-comments cookie; keys the e-mail and IP hashes. */
  secret: string;
  /** Lets the settings and blog list every page shows be read once per change rather than per request. */
  contentVersion?: ContentVersion | undefined;
}

interface Frame {
  version: string | undefined;
  site: SiteSettings;
  blogs: Blog[];
  /** Blogs with their owners as pages have asked for them, kept as long as the frame. */
  withOwners: Map<string, Promise<BlogWithOwners>>;
}
const frames = new WeakMap<Db, Frame>();

const versionsRead = new WeakMap<FastifyRequest, Promise<string | undefined>>();

/**
 * The content version a request's reads are kept under, read once per request: with a shared
 * database each read is a round trip, and a version read before all of the request's reads is
 * no newer than any of them. Undefined while changes cannot be known: then nothing is kept.
 */
export function contentVersionOf(deps: PageDeps, request?: FastifyRequest): Promise<string | undefined> {
  const slot = request?.pageCacheSlot?.version;
  if (slot !== undefined) return Promise.resolve(slot);
  const read = () => deps.contentVersion?.current().catch(() => undefined) ?? Promise.resolve(undefined);
  if (!request) return read();
  let version = versionsRead.get(request);
  if (!version) {
    version = read();
    versionsRead.set(request, version);
  }
  return version;
}

/** What this request may use of earlier requests' reads: the version is read first, so the reads after it are no older. */
export async function keepingOf(deps: PageDeps, request?: FastifyRequest): Promise<Keeping> {
  const version = await contentVersionOf(deps, request);
  const { contentVersion } = deps;
  return {
    version,
    stale: (kept, tags) => (contentVersion?.stale ? contentVersion.stale(kept, tags) : kept !== version),
  };
}

/**
 * The site settings and the blog list, as of the current content version. Given the request, a
 * page the cache is about to keep uses the version the cache read for it: with a shared database each read
 * is a round trip to the listening connection, and one per page is enough.
 */
export async function siteFrame(deps: PageDeps, request?: FastifyRequest): Promise<Frame> {
  const keeping = await keepingOf(deps, request);
  const { version } = keeping;
  const kept = frames.get(deps.db);
  // Settings and blogs change only with what every page shows (the `site` change tag, see content-version).
  if (version !== undefined && kept?.version !== undefined && !keeping.stale(kept.version, [SITE_TAG])) return kept;
  const [site, blogs] = await Promise.all([getSiteSettings(deps.db), listBlogs(deps.db)]);
  // Read after the version: a change in between leaves this under a version that is already past.
  const frame: Frame = { version, site, blogs, withOwners: new Map() };
  if (version !== undefined) frames.set(deps.db, frame);
  return frame;
}

/**
 * The blog at `slug` with its owners, kept with the settings until the `site` tag changes (blogs,
 * their owners and people all record it). Throws not-found, without a query for a slug no blog has.
 */
export async function frameBlog(deps: PageDeps, request: FastifyRequest | undefined, slug: string): Promise<BlogWithOwners> {
  const frame = await siteFrame(deps, request);
  if (frame.version !== undefined && !frame.blogs.some((blog) => blog.slug === slug)) throw notFound('Blog');
  let blog = frame.withOwners.get(slug);
  if (!blog) {
    blog = getBlogBySlug(deps.db, slug);
    frame.withOwners.set(slug, blog);
    // A failed read is not kept: the next page asks again.
    blog.catch(() => frame.withOwners.delete(slug));
  }
  return blog;
}

/**
 * Public pages: browsers revalidate every time (an ETag makes that cheap), so a new comment shows
 * at once; a proxy in front may keep a page 10 s. stale-while-revalidate goes only in the header
 * meant for CDNs (RFC 9213): browsers honour it too, and would show a reader the page from before
 * their own comment.
 */
export const PUBLIC_PAGE_CACHE_CONTROL = 'public, max-age=0, s-maxage=10';
export const CDN_CACHE_CONTROL = 'max-age=10, stale-while-revalidate=20';

export async function viewContext(deps: PageDeps, path: string, offline = false, request?: FastifyRequest): Promise<ViewContext> {
  // Offline: the database is away, and the page (an error, a form kept for the person) must still show.
  const { site, blogs } = offline ? { site: DEFAULT_SETTINGS, blogs: [] } : await siteFrame(deps, request);
  return {
    i18n: translator(site.language, site.timeZone),
    site,
    baseUrl: deps.baseUrl,
    assets: {
      css: deps.assets.urls['style.css'] ?? '',
      js: deps.assets.urls['ytring.js'] ?? '',
      admin: deps.assets.urls['admin.js'] ?? '',
      icon: deps.assets.urls['favicon.svg'] ?? '',
      touchIcon: deps.assets.urls['icon-180.png'] ?? '',
      theme: deps.assets.urls['theme.js'] ?? '',
    },
    blogs: blogs.map((b) => ({ slug: b.slug, title: b.title })),
    path,
  };
}

/** Renders a page for a public GET: HTML, cacheable by proxies only after revalidation. */
export async function sendPage(
  deps: PageDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  build: (context: ViewContext) => ComponentChildren | Promise<ComponentChildren>,
  status = 200,
  options: { private?: boolean; offline?: boolean; splices?: PageSplices } = {},
): Promise<FastifyReply> {
  const path = request.url.split('?')[0] ?? '/';
  const context = await viewContext(deps, path, options.offline, request);
  const html = renderDocument(context, await build(context));
  // Pages that carry a person's own input or held comments must never sit in a shared cache.
  const cacheControl = options.private ? 'private, no-store' : status === 200 ? PUBLIC_PAGE_CACHE_CONTROL : 'no-store';
  if (cacheControl === PUBLIC_PAGE_CACHE_CONTROL) reply.header('cdn-cache-control', CDN_CACHE_CONTROL);
  // One UTF-8 encoding up front: the validator, the cache and the socket all take the same bytes.
  const body = options.splices ? options.splices.encode(html) : Buffer.from(html, 'utf8');
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', cacheControl).send(body);
}
