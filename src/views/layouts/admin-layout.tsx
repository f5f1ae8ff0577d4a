import type { ComponentChildren } from 'preact';
import { canManageFollowers, canManagePeople, type Actor } from '../../accounts/account.js';
import { adminMessages } from '../../admin/admin.messages.js';
import { sectionText } from '../../admin/admin-i18n.js';
import { useView } from '../context.js';

export interface AdminChrome {
  actor: Actor | null;
  csrf: string;
  /** Which entry of the admin menu is current. */
  section?: 'dashboard' | 'posts' | 'media' | 'comments' | 'people' | 'blogs' | 'settings' | 'audit' | 'export' | 'status' | 'followers';
  /** Comments waiting for moderation within the actor's reach; the menu shows it and the script keeps it current. */
  waiting?: number;
}

/** The admin's frame: never indexed, one menu, the person's name and a logout button (a POST with the CSRF token). */
export function AdminLayout({ title, chrome, children }: { title: string; chrome: AdminChrome; children: ComponentChildren }) {
  const { i18n, site, assets } = useView();
  const t = sectionText(adminMessages, i18n.lang);
  const { actor, section } = chrome;
  // The daily work stays in sight; what is used now and then waits under "More", a <details> that
  // opens by keyboard and without script, so the menu keeps to one line on a laptop's screen.
  const items: { key: NonNullable<AdminChrome['section']>; href: string; show: boolean; more?: true }[] = actor
    ? [
        { key: 'dashboard', href: '/admin', show: true },
        { key: 'posts', href: '/admin/posts', show: actor.role !== 'moderator' },
        { key: 'media', href: '/admin/media', show: actor.role !== 'moderator' },
        { key: 'comments', href: '/admin/comments', show: true },
        { key: 'people', href: '/admin/people', show: canManagePeople(actor) },
        { key: 'blogs', href: '/admin/blogs', show: actor.role === 'admin' },
        { key: 'settings', href: '/admin/settings', show: actor.role === 'admin', more: true },
        { key: 'followers', href: '/admin/followers', show: canManageFollowers(actor), more: true },
        { key: 'audit', href: '/admin/audit', show: actor.role === 'admin', more: true },
        { key: 'export', href: '/admin/export', show: actor.role === 'admin', more: true },
        { key: 'status', href: '/admin/status', show: actor.role === 'admin', more: true },
      ]
    : [];
  const shown = items.filter((i) => i.show);
  const main = shown.filter((i) => !i.more);
  const more = shown.filter((i) => i.more);
  const link = (item: (typeof items)[number]) => (
    <a href={item.href} aria-current={section === item.key ? 'page' : undefined}>
      {t(item.key)}
      {item.key === 'comments' && chrome.waiting !== undefined && (
        <>
          {' '}
          <span class="nav-count" data-live-waiting="/live/waiting" data-count={String(chrome.waiting)}>
            {chrome.waiting}
            <span class="visually-hidden"> {t('nav.waiting')}</span>
          </span>
        </>
      )}
    </a>
  );
  return (
    <html lang={i18n.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${title} · ${t('admin')} · ${site.title}`}</title>
        <link rel="icon" href="/favicon.ico" sizes="32x32" />
        <link rel="icon" href={assets.icon} type="image/svg+xml" />
        <link rel="stylesheet" href={assets.css} />
        <script src={assets.js} defer />
        <script src={assets.admin} defer />
      </head>
      <body class="admin">
        <a class="skip-link" href="#main">
          {i18n.t('site.skipToContent')}
        </a>
        <header class="site-header">
          <div class="wrap wrap--wide">
            <p class="site-title">
              <a href="/admin">
                {site.title} · {t('admin')}
              </a>
            </p>
            {actor && (
              <>
                <nav aria-label={t('adminNav')}>
                  <ul class="nav">
                    {main.map((item) => (
                      <li key={item.key}>{link(item)}</li>
                    ))}
                    {more.length > 0 && (
                      <li class="nav-more">
                        <details>
                          <summary class={more.some((i) => i.key === section) ? 'nav-more__current' : undefined}>{t('nav.more')}</summary>
                          <ul>
                            {more.map((item) => (
                              <li key={item.key}>{link(item)}</li>
                            ))}
                          </ul>
                        </details>
                      </li>
                    )}
                    <li>
                      <a href="/">{t('viewSite')}</a>
                    </li>
                  </ul>
                </nav>
                <form method="post" action="/admin/logout" class="logout">
                  <span>{t('loggedInAs', { name: actor.name, role: t(`role.${actor.role}`) })}</span>
                  <input type="hidden" name="_csrf" value={chrome.csrf} />
                  <button type="submit">{t('logout')}</button>
                  <button type="submit" name="everywhere" value="1">
                    {t('logoutEverywhere')}
                  </button>
                </form>
              </>
            )}
          </div>
        </header>
        <main id="main" class="wrap wrap--wide" tabIndex={-1} data-csrf={chrome.csrf}>
          {children}
        </main>
      </body>
    </html>
  );
}
