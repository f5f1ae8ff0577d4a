/**
 * The one look every mail the site sends shares: an HTML part made from the plain-text part, under
 * a header with the site's logo (an absolute address, as mail programs need) and name, linking to
 * the site. The plain text stays the message; the HTML shows the same words, links made clickable.
 * Pure: no database, no settings lookup.
 */
import type { Language } from '../i18n/i18n.js';
import { siteLogo, type ImageAddress } from '../settings/identity.js';
import type { SiteSettings } from '../settings/settings.js';
import { escapeHtml } from '../shared/escape-html.js';
import type { MailMessage } from './mail.js';

export interface MailBrand {
  /** BASE_URL: the header links the site, and every address in a mail is absolute. */
  baseUrl: string;
  title: string;
  language: Language;
  /** The site's logo at full size, absolute (identity's siteLogo); without it the header shows the name alone. */
  logo?: ImageAddress | undefined;
}

/** The brand of a site's mails, from its settings: name, language and logo (absolute, under `baseUrl`). */
export function mailBrandOf(settings: Pick<SiteSettings, 'title' | 'language' | 'logo'>, baseUrl: string): MailBrand {
  return { baseUrl, title: settings.title, language: settings.language, logo: siteLogo(settings, baseUrl) };
}

/** How tall the logo shows in a mail, in CSS pixels; the file keeps its own resolution for sharp screens. */
const LOGO_HEIGHT = 48;
const LOGO_MAX_WIDTH = 240;

// Whitespace-delimited http(s) addresses; a closing bracket or sentence mark at the end stays text.
const URL_PATTERN = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]/g;

/** One line of plain text as HTML: escaped, with its web addresses as links. Linear in the line's length. */
function lineToHtml(line: string): string {
  let html = '';
  let at = 0;
  for (const match of line.matchAll(URL_PATTERN)) {
    const url = match[0];
    html += escapeHtml(line.slice(at, match.index)) + `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
    at = match.index + url.length;
  }
  return html + escapeHtml(line.slice(at));
}

/** Plain text as HTML paragraphs: a blank line parts paragraphs, a line break stays a line break. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((paragraph) => paragraph.replace(/^\n+|\n+$/g, ''))
    .filter((paragraph) => paragraph.trim() !== '')
    .map((paragraph) => `<p>${paragraph.split('\n').map(lineToHtml).join('<br>')}</p>`)
    .join('\n');
}

/** The logo's size in the mail: LOGO_HEIGHT tall, narrower if that would be wider than LOGO_MAX_WIDTH. */
function logoSize(logo: ImageAddress): { width: number; height: number } {
  const ratio = logo.width / Math.max(1, logo.height);
  const width = Math.min(LOGO_MAX_WIDTH, Math.round(LOGO_HEIGHT * ratio));
  return { width: Math.max(1, width), height: Math.max(1, Math.round(width / ratio)) };
}

/** A whole HTML mail: the site's header, then `bodyHtml` (already HTML), in a narrow readable column. */
export function mailHtml(brand: MailBrand, bodyHtml: string): string {
  const home = `${brand.baseUrl}/`;
  const title = escapeHtml(brand.title.replace(/\s+/g, ' ').trim());
  const logo = brand.logo;
  const mark = logo
    ? (() => {
        const { width, height } = logoSize(logo);
        return `<img src="${escapeHtml(logo.url)}" alt="${title}" width="${width}" height="${height}" style="display:block;border:0;height:${height}px;width:${width}px">`;
      })()
    : `<span style="font-size:1.3em;font-weight:bold">${title}</span>`;
  const name = logo ? `<p style="margin:.4em 0 0;color:#555;font-size:90%">${title}</p>` : '';
  return (
    `<!doctype html><html lang="${brand.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head>` +
    `<body style="font-family:sans-serif;max-width:40em;margin:auto;padding:1em;line-height:1.5;color:#1a1a1a">` +
    `<header style="border-bottom:1px solid #ddd;padding-bottom:.8em;margin-bottom:1em"><a href="${escapeHtml(home)}" style="color:inherit;text-decoration:none">${mark}</a>${name}</header>` +
    `${bodyHtml}</body></html>`
  );
}

/** The message with an HTML part in the site's look, made from its plain text; a message with its own HTML part keeps it. */
export function withMailLayout(message: MailMessage, brand: MailBrand): MailMessage {
  if (message.html !== undefined) return message;
  return { ...message, html: mailHtml(brand, textToHtml(message.text)) };
}
