import type { ComponentChildren } from 'preact';
import { feedPaths } from '../../feeds/feed-links.js';
import { accentStylesheetPath, headerLogo, siteIcons } from '../../settings/identity.js';
import { useView } from '../context.js';
import { useHideEmails } from '../partials/email.js';

export interface PageMeta {
  title: string;
  description?: string;
  /** Set to false for error pages, which must not be indexed under their URL. */
  canonical?: boolean;
  /** Path and query for rel=canonical when it is not the request's path: a list's page 2 is `/?page=2`. */
  canonicalPath?: string;
  /** Page-specific additions to <head>: feed autodiscovery, sharing metadata, structured data. */
  head?: ComponentChildren;
}

export function PageLayout({ meta, children }: { meta: PageMeta; children: ComponentChildren }) {
  const { i18n, site, baseUrl, assets, blogs, path } = useView();
  const hide = useHideEmails();
  const siteTitle = hide(site.title);
  const fullTitle = hide(meta.title === site.title ? site.title : `${meta.title} · ${site.title}`);
  const description = hide(meta.description ?? site.description);
  const logo = headerLogo(site);
  const icons = siteIcons(site);
  return (
    <html lang={i18n.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        {description && <meta name="description" content={description} />}
        {meta.canonical !== false && <link rel="canonical" href={`${baseUrl}${meta.canonicalPath ?? path}`} />}
        <link rel="icon" href="/favicon.ico" sizes="32x32" />
        {icons ? (
          <>
            <link rel="icon" href={icons.png192} type="image/png" sizes="192x192" />
            <link rel="apple-touch-icon" href={icons.appleTouch} />
          </>
        ) : (
          <>
            <link rel="icon" href={assets.icon} type="image/svg+xml" />
            {assets.touchIcon && <link rel="apple-touch-icon" href={assets.touchIcon} />}
          </>
        )}
        <link rel="manifest" href="/manifest.webmanifest" />
        <script src={assets.theme} />
        <link rel="stylesheet" href={assets.css} />
        {site.accentColor && <link rel="stylesheet" href={accentStylesheetPath(site.accentColor)} />}
        <script src={assets.js} defer />
        {meta.head}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {i18n.t('site.skipToContent')}
        </a>
        <header class="site-header">
          <div class="wrap site-header__bar">
            <p class="site-title">
              <a href="/" aria-current={path === '/' ? 'page' : undefined}>
                {logo ? (
                  <img class="site-logo" src={logo.url} alt="" width={logo.width} height={logo.height} />
                ) : (
                  <img class="site-mark" src={assets.icon} alt="" width="32" height="32" />
                )}
                <span>{siteTitle}</span>
              </a>
            </p>
            {/* A disclosure, so the menu opens by keyboard and without JavaScript; wide screens show it open. */}
            <details class="menu">
              <summary>{i18n.t('site.menu')}</summary>
              <div class="menu__panel">
                <nav aria-label={i18n.t('site.mainNav')}>
                  <ul class="nav">
                    {blogs.map((blog) => (
                      <li key={blog.slug}>
                        <a href={`/${blog.slug}`} aria-current={path === `/${blog.slug}` ? 'page' : undefined}>
                          {hide(blog.title)}
                        </a>
                      </li>
                    ))}
                    <li>
                      <a href="/archive" aria-current={path === '/archive' ? 'page' : undefined}>
                        {i18n.t('site.archive')}
                      </a>
                    </li>
                  </ul>
                </nav>
                <form class="site-search" role="search" autocomplete="off" method="get" action="/search">
                  <label for="site-search-q">{i18n.t('search.label')}</label>
                  <input id="site-search-q" name="q" type="search" autocomplete="off" maxLength={200} />
                  <button type="submit">{i18n.t('search.submit')}</button>
                </form>
                {/* Shown by ytring.js, which switches the theme; without script the system's setting rules. */}
                <button
                  type="button"
                  class="theme-toggle"
                  hidden
                  data-theme="auto"
                  data-label-auto={i18n.t('theme.auto')}
                  data-label-light={i18n.t('theme.light')}
                  data-label-dark={i18n.t('theme.dark')}
                >
                  {i18n.t('theme.auto')}
                </button>
              </div>
            </details>
          </div>
          {path === '/' && site.description && (
            <div class="wrap">
              <p class="site-description">{hide(site.description)}</p>
            </div>
          )}
        </header>
        <main id="main" class="wrap" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p class="site-footer__name">{siteTitle}</p>
            <nav aria-label={i18n.t('site.footerNav')}>
              <ul class="footer-nav">
                {blogs.map((blog) => (
                  <li key={blog.slug}>
                    <a href={`/${blog.slug}`}>{hide(blog.title)}</a>
                  </li>
                ))}
                <li>
                  <a href="/archive">{i18n.t('site.archive')}</a>
                </li>
                <li>
                  <a href={`${feedPaths.site()}.rss`}>{i18n.t('site.feed')}</a>
                </li>
                <li>
                  <a href="/privacy">{i18n.t('privacy.link')}</a>
                </li>
              </ul>
            </nav>
            <p class="site-footer__credit">{i18n.t('site.footer')}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
