/**
 * /sitemap.xml (an index of /sitemap.xml?page=N when the site is large), /robots.txt, /favicon.ico,
 * and the identity's /manifest.webmanifest and /accent.css.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { accentStylesheet, webManifest } from '../settings/identity.js';
import { icon32File, pngToIco } from '../uploads/identity-images.js';
import { notFound } from '../errors.js';
import { sendConditional } from '../feeds/conditional-get.js';
import { sendAsset } from '../http/assets.js';
import { siteFrame, type PageDeps } from '../http/page-context.js';
import { pageOf, PageQuery, Query } from '../http/schemas.js';
import { dependsOn, pageQuery } from '../http/page-cache.js';
import { ANY_POST_TEXT_TAG, POST_LIST_TAG } from '../posts/post-tags.js';
import { toRobotsTxt } from './robots.js';
import { getSitemapContent } from './seo.service.js';
import { SITEMAP_MAX_URLS, splitSitemap, toSitemapIndex, toUrlset } from './sitemap.js';

export interface SeoDeps extends PageDeps {
  /** Addresses per sitemap file; past it /sitemap.xml becomes an index. Tests make it small. */
  sitemapMaxUrls?: number;
  /** Where the site's own icons are (UPLOADS_DIR); without it /favicon.ico is always the default. */
  uploadsDir?: string;
}

const XML = 'application/xml; charset=utf-8';

// Only colour-shaped keys, so made-up ones cannot fill the page cache.
const AccentQuery = Query({ v: Type.String({ pattern: '^[0-9a-f]{6}$' }) });

export const seoRoutes: FastifyPluginAsyncTypebox<SeoDeps> = async (app, deps) => {
  const { db, baseUrl } = deps;
  const perFile = deps.sitemapMaxUrls ?? SITEMAP_MAX_URLS;

  // Browsers and crawlers ask for /favicon.ico whatever a page links, so the icon answers there
  // too, under a name that never changes: cached for a day rather than for good.
  app.get('/favicon.ico', pageQuery(), async (request, reply) => {
    const { site } = await siteFrame(deps, request);
    if (site.icon && deps.uploadsDir) {
      const png = await readFile(join(deps.uploadsDir, icon32File(site.icon))).catch(() => undefined);
      if (png)
        return reply
          .type('image/x-icon')
          .header('cache-control', 'public, max-age=86400')
          .send(pngToIco(png, 32, 32));
    }
    const name = deps.assets.urls['favicon.ico']?.slice('/static/'.length);
    const icon = name ? deps.assets.files.get(name) : undefined;
    if (!icon) throw notFound('Icon');
    return sendAsset(request, reply, icon, 'public, max-age=86400');
  });

  app.get('/manifest.webmanifest', pageQuery(), async (request, reply) => {
    const { site } = await siteFrame(deps, request);
    return reply
      .type('application/manifest+json; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(
        JSON.stringify(
          webManifest(site, {
            svg: deps.assets.urls['favicon.svg'] ?? '',
            png192: deps.assets.urls['icon-192.png'] ?? '',
            png512: deps.assets.urls['icon-512.png'] ?? '',
          }),
        ),
      );
  });

  // The accent colour's stylesheet: the address names the colour, so an answer for the current one keeps for good.
  app.get('/accent.css', { ...pageQuery('v'), schema: { querystring: AccentQuery } }, async (request, reply) => {
    const { site } = await siteFrame(deps, request);
    if (!site.accentColor) throw notFound('Stylesheet');
    const current = request.query.v === site.accentColor.slice(1);
    return reply
      .type('text/css; charset=utf-8')
      .header('cache-control', current ? 'public, max-age=31536000, immutable' : 'public, max-age=0')
      .send(accentStylesheet(site.accentColor));
  });

  app.get('/sitemap.xml', { ...pageQuery('page'), schema: { querystring: PageQuery } }, async (request, reply) => {
    const paged = request.query.page !== undefined;
    const asked = paged ? pageOf(request.query.page) : undefined;
    const { entries, changedAt } = await getSitemapContent(db, baseUrl);
    // Which posts are where, and their dates; blogs, people and tags are the site's.
    dependsOn(request, [POST_LIST_TAG, ANY_POST_TEXT_TAG]);
    const files = splitSitemap(entries, perFile);
    let body: string;
    if (files.length <= 1) {
      if (paged) throw notFound('Sitemap');
      body = toUrlset(entries);
    } else if (!asked) {
      body = toSitemapIndex(
        files.map((file, i) => ({
          url: `${baseUrl}/sitemap.xml?page=${i + 1}`,
          ...(file.lastModified ? { lastModified: file.lastModified } : {}),
        })),
      );
    } else {
      const file = files[asked - 1];
      if (!file) throw notFound('Sitemap');
      body = toUrlset(file.entries);
    }
    return sendConditional(request, reply, { body, contentType: XML, changedAt });
  });

  app.get('/robots.txt', pageQuery(), async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(toRobotsTxt(baseUrl)),
  );
};
