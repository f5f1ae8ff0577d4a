/**
 * The site's identity as pages, feeds, structured data and mails use it: logo, icons, accent
 * colour and the default sharing image. Pure: everything comes from the settings and the base URL.
 */
import { hideEmails } from '../shared/email-obfuscation.js';
import { accentPalette } from './contrast.js';
import type { SiteSettings } from './settings.js';

export interface ImageAddress {
  /** Absolute when a base URL was given, else a path under /uploads. */
  url: string;
  width: number;
  height: number;
}

const uploadUrl = (file: string, baseUrl = '') => `${baseUrl}/uploads/${file}`;

/** The logo as the page header shows it: its CSS size (the file has twice as many pixels). */
export function headerLogo(site: SiteSettings): ImageAddress | undefined {
  const logo = site.logo?.header;
  if (!logo) return undefined;
  return { url: uploadUrl(logo.file), width: Math.max(1, Math.round(logo.width / 2)), height: Math.max(1, Math.round(logo.height / 2)) };
}

/** The site's logo at full size, absolute: JSON-LD publisher.logo, feeds, mails. Undefined when none was uploaded. */
export function siteLogo(site: Pick<SiteSettings, 'logo'>, baseUrl: string): ImageAddress | undefined {
  const logo = site.logo?.full;
  return logo ? { url: uploadUrl(logo.file, baseUrl), width: logo.width, height: logo.height } : undefined;
}

/**
 * The image to share a page by when it has none of its own (og:image, twitter:image), absolute:
 * the default social image, else the site's logo; undefined when the site has neither.
 */
export function defaultSocialImage(site: SiteSettings, baseUrl: string): ImageAddress | undefined {
  const image = site.socialImage;
  return image ? { url: uploadUrl(image.file, baseUrl), width: image.width, height: image.height } : siteLogo(site, baseUrl);
}

export interface SiteIcons {
  png32: string;
  appleTouch: string;
  png192: string;
  png512: string;
}

/** The app icons' paths, when the site has its own (else the default favicon.svg and favicon.ico serve). */
export function siteIcons(site: SiteSettings): SiteIcons | undefined {
  const id = site.icon?.id;
  if (!id) return undefined;
  return {
    png32: uploadUrl(`${id}-32.png`),
    appleTouch: uploadUrl(`${id}-180.png`),
    png192: uploadUrl(`${id}-192.png`),
    png512: uploadUrl(`${id}.png`),
  };
}

/** The stylesheet that sets the accent colour, light and dark (the theme's own selectors, see public/style.css). */
export function accentStylesheet(hex: string): string {
  const { light, dark } = accentPalette(hex);
  const vars = (p: { accent: string; hover: string }) => `--accent:${p.accent};--accent-hover:${p.hover};`;
  return [
    `:root body:not(.admin){${vars(light)}}`,
    `@media (prefers-color-scheme: dark){:root:not([data-theme='light']) body:not(.admin){${vars(dark)}}}`,
    `:root[data-theme='dark'] body:not(.admin){${vars(dark)}}`,
    '',
  ].join('\n');
}

/** Where the accent stylesheet is asked for; the query changes with the colour, so browsers may keep each for good. */
export const accentStylesheetPath = (hex: string) => `/accent.css?v=${hex.slice(1)}`;

/** The default icon's addresses, for a site without its own: the SVG, and PNG renderings of it (see http/assets). */
export interface DefaultIcons {
  svg: string;
  png192: string;
  png512: string;
}

/** The web app manifest (https://www.w3.org/TR/appmanifest/). */
export function webManifest(site: SiteSettings, fallback: DefaultIcons): Record<string, unknown> {
  const icons = siteIcons(site) ?? (fallback.png192 && fallback.png512 ? fallback : undefined);
  // Public like every page: an address typed into the title or description is shown only in its readable form.
  const atWord = site.language === 'da' ? 'snabel-a' : 'at';
  const title = hideEmails(site.title, atWord);
  const description = hideEmails(site.description, atWord);
  return {
    name: title,
    short_name: title.length > 12 ? title.slice(0, 12).trim() : title,
    ...(description ? { description } : {}),
    lang: site.language,
    start_url: '/',
    display: 'browser',
    background_color: '#ffffff',
    theme_color: site.accentColor || '#0b5a7a',
    icons: icons
      ? [
          { src: icons.png192, sizes: '192x192', type: 'image/png' },
          { src: icons.png512, sizes: '512x512', type: 'image/png' },
        ]
      : fallback.svg
        ? [{ src: fallback.svg, sizes: 'any', type: 'image/svg+xml' }]
        : [],
  };
}
