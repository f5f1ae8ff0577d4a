import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { listBlogs } from '../blogs/blog.service.js';
import { translator } from '../i18n/i18n.js';
import { DEFAULT_SETTINGS } from '../settings/settings.js';
import { getSiteSettings } from '../settings/settings.service.js';
import type { Db } from '../storage/db.js';
import type { ViewContext } from '../views/context.js';
import { renderDocument } from '../views/render.js';
import type { Assets } from './assets.js';

export interface PageDeps {
  db: Db;
  baseUrl: string;
  assets: Assets;
  /** Signs question tokens and the own-comments cookie; keys the e-mail and IP hashes. */
  secret: string;
}

export async function viewContext(deps: PageDeps, path: string, offline = false): Promise<ViewContext> {
  // Offline: the database is away, and the page (an error, a form kept for the person) must still show.
  const [site, blogs] = offline ? [DEFAULT_SETTINGS, []] : await Promise.all([getSiteSettings(deps.db), listBlogs(deps.db)]);
  return {
    i18n: translator(site.language, site.timeZone),
    site,
    baseUrl: deps.baseUrl,
    assets: { css: deps.assets.urls['style.css'] ?? '', js: deps.assets.urls['ytring.js'] ?? '' },
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
  options: { private?: boolean; offline?: boolean } = {},
): Promise<FastifyReply> {
  const path = request.url.split('?')[0] ?? '/';
  const context = await viewContext(deps, path, options.offline);
  const html = renderDocument(context, await build(context));
  // Pages that carry a person's own input or held comments must never sit in a shared cache.
  const cacheControl = options.private ? 'private, no-store' : status === 200 ? 'public, max-age=0, must-revalidate' : 'no-store';
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', cacheControl).send(html);
}

/** `?page=N` as a positive integer; anything else is not a page of this list. */
export function pageNumber(query: unknown): number | undefined {
  const raw = (query as Record<string, unknown> | undefined)?.page;
  if (raw === undefined) return 1;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,5}$/.test(raw)) return undefined;
  return Number(raw);
}
