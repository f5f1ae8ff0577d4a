import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Translator } from '../i18n/i18n.js';
import type { SiteSettings } from '../settings/settings.js';

export interface NavBlog {
  slug: string;
  title: string;
}

/** What every view may read besides its own model: language, site, asset URLs, navigation. */
export interface ViewContext {
  i18n: Translator;
  site: SiteSettings;
  baseUrl: string;
  /**
   * `theme` is the small script that applies a reader's colour theme before the first paint; `admin`
   * is the staff script, which only /admin pages load (after `js`); `touchIcon` is the default icon
   * as a 180 px PNG, for a site without icons of its own.
   */
  assets: { css: string; js: string; admin: string; icon: string; touchIcon: string; theme: string };
  blogs: NavBlog[];
  /** The path of the page being rendered, for canonical links and aria-current. */
  path: string;
}

export const ViewContextProvider = createContext<ViewContext | null>(null);

export function useView(): ViewContext {
  const context = useContext(ViewContextProvider);
  if (!context) throw new Error('A view was rendered outside ViewContextProvider');
  return context;
}
